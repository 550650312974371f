/** One IP: overview (counters, history, details), QoS, protocols, peers, L4 endpoints, connections, open ports, TCP stats, MACs. */
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { DataTable } from '../components/DataTable';
import { EntityTabs } from './EntityTabs';

const route = getRouteApi('/ip/$ip');

const LABELS = { overview: 'Overview', qos: 'QoS', protocols: 'Protocols', peers: 'Peers', peers_ports: 'L4 endpoints', connections: 'Connections', ports: 'Open ports', tcpStats: 'TCP stats', macs: 'MACs' };
const ORDER = ['qos', 'protocols', 'peers', 'peers_ports', 'connections', 'ports', 'tcpStats', 'macs'];

export function IpPage(): ReactNode {
  const { ip } = route.useParams();
  const { tab } = route.useSearch();
  const navigate = useNavigate({ from: '/ip/$ip' });
  const extra = [{
    id: 'protocols', label: 'Protocols',
    render: () => <DataTable key={ip} path="stats/modules/dpi/ips_paged" initialFilter={`(ip="${ip}")`} />,
  }];
  return (
    <div className="page" data-testid="ip-page">
      <h1>IP {ip}</h1>
      <EntityTabs base={`stats/modules/ip/ips/${encodeURIComponent(ip)}`} tab={tab} labels={LABELS} order={ORDER} extra={extra} onTab={(t) => { void navigate({ search: { tab: t } }); }} />
    </div>
  );
}
