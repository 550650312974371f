/**
 * A capture-filter input that checks the expression while it is typed (`GET /API/data/modules/capture/
 * validate`, 250 ms after the last key): a bad filter turns the field red and shows the parser's message
 * with a caret under the character it names.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { apiGet } from '../api/client';

export type FilterCheck =
  | { readonly valid: true }
  | { readonly valid: false; readonly error: string; readonly position?: number; readonly expected?: readonly string[] };

/** The check of `expression`; undefined while it is being asked. */
export function useFilterCheck(expression: string): FilterCheck | undefined {
  const [held, setHeld] = useState<{ expr: string; check: FilterCheck } | undefined>(undefined);
  useEffect(() => {
    const ctrl = new AbortController();
    const id = window.setTimeout(() => {
      apiGet<FilterCheck>('data/modules/capture/validate', { expression }, ctrl.signal)
        .then((check) => { setHeld({ expr: expression, check }); })
        .catch(() => undefined);
    }, 250);
    return () => { window.clearTimeout(id); ctrl.abort(); };
  }, [expression]);
  return held?.expr === expression ? held.check : undefined;
}

export function FilterInput({ label, value, onChange, check, testId, placeholder }: {
  readonly label: string;
  readonly value: string;
  readonly onChange: (v: string) => void;
  readonly check: FilterCheck | undefined;
  readonly testId: string;
  readonly placeholder?: string;
}): ReactNode {
  const bad = check?.valid === false ? check : undefined;
  return (
    <div className="filter-field">
      <label>{label}{' '}
        <input
          className={bad ? 'invalid mono' : 'mono'} value={value} spellCheck={false} data-testid={testId} placeholder={placeholder}
          aria-invalid={bad !== undefined} onChange={(e) => { onChange(e.target.value); }}
        />
      </label>
      {bad ? (
        <div className="filter-error" role="alert" data-testid={`${testId}-error`}>
          {bad.error}
          {bad.position !== undefined ? <pre>{value}{'\n'}{' '.repeat(bad.position)}^</pre> : null}
        </div>
      ) : check?.valid === true && value.trim() !== '' ? <span className="ok" data-testid={`${testId}-ok`}>✓ valid</span> : null}
    </div>
  );
}
