/** How the navigation groups modules (as the appliance's manual does); unknown modules land in "Other". */

export const GROUPS: readonly { readonly name: string; readonly modules: readonly string[] }[] = [
  { name: 'Generic', modules: ['interfaces', 'packet_size', 'dpi', 'capture', 'incidents'] },
  { name: 'L2', modules: ['mac', 'mac_protocols', 'vlan', 'arp', 'mpls', 'pppoe', 'lldp', 'stp'] },
  { name: 'L3', modules: ['ip', 'icmp', 'qos', 'geolocation', 'location', 'names'] },
  { name: 'L4', modules: ['connections', 'l4_ports', 'tcp', 'udp'] },
  { name: 'L7', modules: ['dns', 'http', 'tls', 'ssl', 'quic', 'netbios', 'sip', 'rtp', 'dhcp', 'smb', 'ntp', 'voip'] },
];

export const LABELS: Readonly<Record<string, string>> = {
  ip: 'IP', mac: 'MAC', mac_protocols: 'MAC protocols', vlan: 'VLAN', arp: 'ARP', mpls: 'MPLS', pppoe: 'PPPoE',
  icmp: 'ICMP', qos: 'QoS', connections: 'Connections', l4_ports: 'L4 ports', tcp: 'TCP', interfaces: 'Interfaces',
  packet_size: 'Packet sizes', dpi: 'Protocols (DPI)', dns: 'DNS', http: 'HTTP', tls: 'TLS', quic: 'QUIC', sip: 'SIP',
  ssl: 'SSL/TLS', dhcp: 'DHCP', netbios: 'NetBIOS', names: 'Names', location: 'Countries',
};

export const label = (m: string): string => LABELS[m] ?? m;

export function groupModules(present: readonly string[]): { name: string; modules: string[] }[] {
  const known = new Set(GROUPS.flatMap((g) => g.modules));
  const out = GROUPS.map((g) => ({ name: g.name, modules: g.modules.filter((m) => present.includes(m)) }));
  const other = present.filter((m) => !known.has(m));
  if (other.length > 0) out.push({ name: 'Other', modules: other });
  return out.filter((g) => g.modules.length > 0);
}
