/**
 * Tabs over an entity's sub-resources (OPTIONS on its path lists them), with an overview first; used by the
 * IP and MAC pages. A tab whose resource the server does not have (404/501) is not offered.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { apiOptions } from '../api/client';
import { ResourceView } from '../components/ResourceView';
import { useAppState } from '../state/app-state';

export interface ExtraTab {
  readonly id: string;
  readonly label: string;
  readonly render: () => ReactNode;
}

export function EntityTabs({ base, tab, labels, order, extra, onTab }: {
  /** e.g. stats/modules/ip/ips/10.0.0.1 */
  readonly base: string;
  readonly tab: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly order: readonly string[];
  readonly extra: readonly ExtraTab[];
  readonly onTab: (tab: string) => void;
}): ReactNode {
  const { slot } = useAppState();
  const [subs, setSubs] = useState<string[]>([]);
  useEffect(() => {
    apiOptions(base, { 'mm-id': `:${slot}` }).then((s) => { setSubs(s.filter((x) => !x.startsWith(':'))); }).catch(() => { setSubs([]); });
  }, [base, slot]);
  const ids = [
    'overview',
    ...order.filter((o) => subs.includes(o) || extra.some((e) => e.id === o)),
    ...subs.filter((s) => !order.includes(s)),
  ];
  const current = tab !== undefined && ids.includes(tab) ? tab : 'overview';
  const ex = extra.find((e) => e.id === current);
  return (
    <div className="tabs">
      <div role="tablist" className="tablist">
        {ids.map((id) => (
          <button
            key={id} type="button" role="tab" aria-selected={id === current} data-testid={`tab-${id}`}
            onClick={() => { onTab(id); }}
          >{labels[id] ?? extra.find((e) => e.id === id)?.label ?? id}</button>
        ))}
      </div>
      <div role="tabpanel" className="tabpanel">
        {current === 'overview' ? <ResourceView key={base} path={base} /> : ex ? ex.render() : <ResourceView key={current} path={`${base}/${current}`} />}
      </div>
    </div>
  );
}
