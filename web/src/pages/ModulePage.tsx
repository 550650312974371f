/** A module: one tab per resource it lists (OPTIONS), each shown as a table or as fields. */
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useEffect, useState, type ReactNode } from 'react';
import { apiOptions } from '../api/client';
import { GeoAttribution } from '../components/GeoAttribution';
import { label } from '../components/modules';
import { ResourceView } from '../components/ResourceView';
import { useAppState } from '../state/app-state';

const route = getRouteApi('/modules/$module');

/** Lists first: a module's `…_paged` list is usually what one wants to see. */
function rank(sub: string): number {
  if (sub.endsWith('_paged')) return 0;
  return 1;
}

export function ModulePage(): ReactNode {
  const { module } = route.useParams();
  const { tab, filter } = route.useSearch();
  const { slot } = useAppState();
  const navigate = useNavigate({ from: '/modules/$module' });
  // The sub-resources are those of the module they were asked for: right after a switch to another
  // module the previous module's tabs must not be requested under the new module's path.
  const [held, setHeld] = useState<{ module: string; subs: string[] } | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    let live = true;
    apiOptions(`stats/modules/${module}`, { 'mm-id': `:${slot}` })
      .then((s) => { if (live) { setHeld({ module, subs: [...s.filter((x) => !x.startsWith(':'))].sort((a, b) => rank(a) - rank(b)) }); setError(undefined); } })
      .catch((e: unknown) => { if (live) { setError(e instanceof Error ? e.message : String(e)); setHeld({ module, subs: [] }); } });
    return () => { live = false; };
  }, [module, slot]);
  const subs = held?.module === module ? held.subs : undefined;
  const tabs = subs ?? [];
  const current = tab !== undefined && tabs.includes(tab) ? tab : tabs[0];
  return (
    <div className="page" data-testid={`module-${module}`}>
      <h1>{label(module)}</h1>
      {error !== undefined ? <div className="error" role="alert">{error}</div> : null}
      {subs?.length === 0 && error === undefined ? <ResourceView path={`stats/modules/${module}`} /> : null}
      {tabs.length > 0 ? (
        <div className="tabs">
          <div role="tablist" className="tablist">
            {tabs.map((t) => <button key={t} type="button" role="tab" aria-selected={t === current} data-testid={`tab-${t}`} onClick={() => { void navigate({ search: { tab: t } }); }}>{t}</button>)}
          </div>
          <div role="tabpanel" className="tabpanel">
            {current !== undefined ? <ResourceView key={`${module}/${current}`} path={`stats/modules/${module}/${current}`} initialFilter={filter ?? ''} /> : null}
          </div>
        </div>
      ) : null}
      {module === 'location' ? <GeoAttribution /> : null}
    </div>
  );
}
