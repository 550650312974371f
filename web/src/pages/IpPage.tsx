/**
 * One IP: overview (counters, history, details, its country), QoS, protocols, peers, L4 endpoints,
 * connections, open ports, TCP stats, MACs, and the L7 tabs its server lists (DNS as client/server, HTTP
 * server, SSL server and TLS infos, QUIC, names). A PCAP button captures its packets.
 */
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import type { Row } from '../api/types';
import { DataTable } from '../components/DataTable';
import { GeoAttribution } from '../components/GeoAttribution';
import { PcapButton } from '../components/PcapButton';
import { useAppState } from '../state/app-state';
import { useApi } from '../state/use-api';
import { EntityTabs } from './EntityTabs';

const route = getRouteApi('/ip/$ip');

const LABELS = {
  overview: 'Overview', qos: 'QoS', protocols: 'Protocols', peers: 'Peers', peers_ports: 'L4 endpoints', connections: 'Connections',
  ports: 'Open ports', tcpStats: 'TCP stats', macs: 'MACs',
  dns: 'DNS', httpServer: 'HTTP server', sslServer: 'SSL server', sslInfos: 'SSL/TLS infos', quicServer: 'QUIC server', quicInfos: 'QUIC infos', names: 'Names',
};
const ORDER = ['qos', 'protocols', 'peers', 'peers_ports', 'connections', 'ports', 'tcpStats', 'macs', 'dns', 'httpServer', 'sslServer', 'sslInfos', 'quicServer', 'quicInfos', 'names'];

function Country({ ip }: { readonly ip: string }): ReactNode {
  const { slot } = useAppState();
  const one = useApi<Row>(`stats/modules/ip/ips/${encodeURIComponent(ip)}`, { 'mm-id': `:${slot}`, skiphistorydata: true }, false);
  const code = one.data?.countryCode;
  const name = one.data?.countryName;
  if (typeof code !== 'string') return null;
  return (
    <span className="country" data-testid="ip-country">
      {typeof name === 'string' ? name : code} ({code}) <GeoAttribution />
    </span>
  );
}

export function IpPage(): ReactNode {
  const { ip } = route.useParams();
  const { tab } = route.useSearch();
  const navigate = useNavigate({ from: '/ip/$ip' });
  const base = `stats/modules/ip/ips/${encodeURIComponent(ip)}`;
  const extra = [{
    id: 'protocols', label: 'Protocols',
    render: () => <DataTable key={ip} path="stats/modules/dpi/ips_paged" initialFilter={`(ip="${ip}")`} />,
  }];
  return (
    <div className="page" data-testid="ip-page">
      <h1>IP {ip}</h1>
      <div className="actions"><PcapButton expression={`ip == ${ip}`} title={ip} path={base} /><Country ip={ip} /></div>
      <EntityTabs base={base} tab={tab} labels={LABELS} order={ORDER} extra={extra} onTab={(t) => { void navigate({ search: { tab: t } }); }} />
    </div>
  );
}
