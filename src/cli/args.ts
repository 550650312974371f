/**
 * @module cli/args
 * A small, strict parser for `--flag`, `--key value` and `--key=value` options and positionals.
 * Unknown options are usage errors, never silently ignored.
 */
import { UsageError } from '../core/errors.js';

export interface OptionSpec {
  /** true: takes a value; false: a boolean flag. */
  readonly takesValue: boolean;
}

export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly values: ReadonlyMap<string, string>;
  /** Every value of each option in order (an option given more than once: `--interface a --interface b`). */
  readonly lists: ReadonlyMap<string, readonly string[]>;
  readonly flags: ReadonlySet<string>;
}

export function parseArgs(argv: readonly string[], spec: Readonly<Record<string, OptionSpec>>): ParsedArgs {
  const positionals: string[] = [];
  const values = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const def = spec[name];
    if (def === undefined) throw new UsageError(`unknown option --${name}`);
    if (!def.takesValue) {
      if (eq >= 0) throw new UsageError(`option --${name} takes no value`);
      flags.add(name);
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new UsageError(`option --${name} needs a value`);
    values.set(name, value);
    lists.set(name, [...(lists.get(name) ?? []), value]);
  }
  return { positionals, values, lists, flags };
}
