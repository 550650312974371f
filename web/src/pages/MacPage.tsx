/** One MAC address: overview and its sub-resources (peers, protocols, IPs, VLANs …). */
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { PcapButton } from '../components/PcapButton';
import { EntityTabs } from './EntityTabs';

const route = getRouteApi('/mac/$mac');

export function MacPage(): ReactNode {
  const { mac } = route.useParams();
  const { tab } = route.useSearch();
  const navigate = useNavigate({ from: '/mac/$mac' });
  return (
    <div className="page" data-testid="mac-page">
      <h1>MAC {mac}</h1>
      <div className="actions"><PcapButton expression={`mac == ${mac}`} title={mac} path={`stats/modules/mac/macs/${encodeURIComponent(mac)}`} /></div>
      <EntityTabs base={`stats/modules/mac/macs/${encodeURIComponent(mac)}`} tab={tab} labels={{ overview: 'Overview', ips: 'IPs', peers: 'Peers', protocols: 'Protocols', vlans: 'VLANs' }} order={['ips', 'peers', 'protocols', 'vlans']} extra={[]} onTab={(t) => { void navigate({ search: { tab: t } }); }} />
    </div>
  );
}
