/**
 * @module protocols/registry
 * The application protocols wiremeter names, as data: id (lower-case, IANA-style), display name,
 * category, default ports per L4 protocol, the IP protocol number for protocols that are one
 * (ICMP, GRE …), and whether TLS on one of the protocol's TCP ports is that protocol (IMAPS on
 * 993). Numeric indices are assigned here, in list order, when the module loads: index 0 is
 * Unknown. Port tables are flat Uint16Array(65536) lookups built from the list (the port guess of
 * the detection engine, see detect.ts). Payload heuristics live in heuristics/ and name protocols
 * by id through `protocolIndex`.
 */

import { SERVICE_SPECS } from './services/specs.js';

export const CATEGORIES = [
  'unknown', 'web', 'network', 'mail', 'file-transfer', 'database', 'remote-access', 'voip', 'media',
  'p2p', 'iot-scada', 'messaging', 'vpn-tunnel', 'monitoring', 'auth', 'system', 'game', 'cloud', 'crypto',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** A port or an inclusive range [first, last]. */
export type PortSpec = number | readonly [number, number];

export interface ProtocolSpec {
  readonly id: string;
  readonly name: string;
  readonly category: Category;
  readonly tcp?: readonly PortSpec[];
  readonly udp?: readonly PortSpec[];
  /** IP protocol number when the protocol is an IP protocol (ICMP 1, GRE 47 …). */
  readonly ipProto?: number;
  /** TLS seen on one of the protocol's TCP ports is this protocol (IMAPS, LDAPS …). */
  readonly overTls?: boolean;
}

export interface ProtocolInfo extends ProtocolSpec {
  /** Index in PROTOCOLS (0 = unknown). */
  readonly index: number;
}

type Ports = readonly PortSpec[];
function p(id: string, name: string, category: Category, tcp?: Ports, udp?: Ports, extra?: { ipProto?: number; overTls?: boolean }): ProtocolSpec {
  return { id, name, category, ...(tcp ? { tcp } : {}), ...(udp ? { udp } : {}), ...extra };
}

/**
 * The list. Order matters only where two protocols claim the same port: the first one listed
 * keeps it. Keep ids stable: they are API values.
 */
const SPECS: readonly ProtocolSpec[] = [
  p('unknown', 'Unknown', 'unknown'),
  // ---- IP protocols -------------------------------------------------------------------------
  p('icmp', 'ICMP', 'network', undefined, undefined, { ipProto: 1 }),
  p('igmp', 'IGMP', 'network', undefined, undefined, { ipProto: 2 }),
  p('icmpv6', 'ICMPv6', 'network', undefined, undefined, { ipProto: 58 }),
  p('gre', 'GRE', 'vpn-tunnel', undefined, undefined, { ipProto: 47 }),
  p('esp', 'IPsec ESP', 'vpn-tunnel', undefined, undefined, { ipProto: 50 }),
  p('ah', 'IPsec AH', 'vpn-tunnel', undefined, undefined, { ipProto: 51 }),
  p('ospf', 'OSPF', 'network', undefined, undefined, { ipProto: 89 }),
  p('pim', 'PIM', 'network', undefined, undefined, { ipProto: 103 }),
  p('vrrp', 'VRRP', 'network', undefined, undefined, { ipProto: 112 }),
  p('sctp', 'SCTP', 'network', undefined, undefined, { ipProto: 132 }),
  p('ipip', 'IP in IP', 'vpn-tunnel', undefined, undefined, { ipProto: 4 }),
  p('ipv6-in-ipv4', 'IPv6 in IPv4', 'vpn-tunnel', undefined, undefined, { ipProto: 41 }),
  // ---- web ----------------------------------------------------------------------------------
  p('http', 'HTTP', 'web', [80, 8080, 8000, 8008, 8081, 8888, 591]),
  p('http-proxy', 'HTTP Proxy', 'web', [3128, 8118, 8123]),
  p('tls', 'TLS', 'web', [443, 8443]),
  p('quic', 'QUIC', 'web', undefined, [443, 80]),
  p('dtls', 'DTLS', 'web'),
  p('socks', 'SOCKS', 'web', [1080, 1081]),
  p('websocket', 'WebSocket', 'web'),
  // ---- naming and addressing ----------------------------------------------------------------
  p('dns', 'DNS', 'network', [53], [53]),
  p('dot', 'DNS over TLS', 'network', [853], undefined, { overTls: true }),
  p('mdns', 'mDNS', 'network', undefined, [5353]),
  p('llmnr', 'LLMNR', 'network', [5355], [5355]),
  p('netbios', 'NetBIOS', 'system', [139, 137], [137, 138]),
  p('dhcp', 'DHCP', 'network', undefined, [67, 68]),
  p('dhcpv6', 'DHCPv6', 'network', undefined, [546, 547]),
  p('ntp', 'NTP', 'network', undefined, [123]),
  p('ptp', 'PTP', 'network', undefined, [319, 320]),
  p('ssdp', 'SSDP', 'system', undefined, [1900]),
  p('ws-discovery', 'WS-Discovery', 'system', undefined, [3702]),
  p('stun', 'STUN', 'network', [3478, 5349], [3478, 3479, 19302]),
  p('tftp', 'TFTP', 'file-transfer', undefined, [69]),
  p('whois', 'WHOIS', 'network', [43]),
  p('snmp', 'SNMP', 'monitoring', [161, 162], [161, 162]),
  p('syslog', 'Syslog', 'monitoring', [601, 6514], [514]),
  p('netflow', 'NetFlow', 'monitoring', undefined, [2055, 9995, 9996]),
  p('ipfix', 'IPFIX', 'monitoring', [4739], [4739]),
  p('sflow', 'sFlow', 'monitoring', undefined, [6343]),
  p('collectd', 'collectd', 'monitoring', undefined, [25826]),
  p('zabbix', 'Zabbix', 'monitoring', [10050, 10051]),
  p('nrpe', 'NRPE', 'monitoring', [5666]),
  p('prometheus', 'Prometheus', 'monitoring', [9090, 9100]),
  // ---- routing ------------------------------------------------------------------------------
  p('bgp', 'BGP', 'network', [179]),
  p('rip', 'RIP', 'network', undefined, [520, 521]),
  p('ldp', 'LDP', 'network', [646], [646]),
  p('bfd', 'BFD', 'network', undefined, [3784, 3785, 4784]),
  p('hsrp', 'HSRP', 'network', undefined, [1985, 2029]),
  p('openflow', 'OpenFlow', 'network', [6653, 6633]),
  // ---- auth and directory -------------------------------------------------------------------
  p('kerberos', 'Kerberos', 'auth', [88, 464], [88, 464]),
  p('ldap', 'LDAP', 'auth', [389, 3268], [389]),
  p('ldaps', 'LDAPS', 'auth', [636, 3269], undefined, { overTls: true }),
  p('radius', 'RADIUS', 'auth', undefined, [1812, 1813, 1645, 1646]),
  p('diameter', 'Diameter', 'auth', [3868]),
  p('tacacs', 'TACACS+', 'auth', [49]),
  // ---- Windows and file sharing -------------------------------------------------------------
  p('smbv1', 'SMBv1', 'system'),
  p('smb', 'SMB', 'system', [445]),
  p('dcerpc', 'DCE/RPC', 'system', [135, 593], [135]),
  p('sunrpc', 'ONC RPC', 'system', [111], [111]),
  p('nfs', 'NFS', 'file-transfer', [2049], [2049]),
  p('afp', 'AFP', 'file-transfer', [548]),
  p('iscsi', 'iSCSI', 'file-transfer', [3260]),
  p('rsync', 'rsync', 'file-transfer', [873]),
  p('ftp', 'FTP', 'file-transfer', [21]),
  p('ftp-data', 'FTP data', 'file-transfer', [20]),
  p('ftps', 'FTPS', 'file-transfer', [990, 989], undefined, { overTls: true }),
  p('git', 'Git', 'file-transfer', [9418]),
  p('svn', 'Subversion', 'file-transfer', [3690]),
  p('ipp', 'IPP', 'system', [631], [631]),
  p('lpd', 'LPD', 'system', [515]),
  p('jetdirect', 'JetDirect', 'system', [9100]),
  p('dropbox-lansync', 'Dropbox LAN sync', 'cloud', undefined, [17500]),
  // ---- mail and news ------------------------------------------------------------------------
  p('smtp', 'SMTP', 'mail', [25, 587, 2525]),
  p('smtps', 'SMTPS', 'mail', [465], undefined, { overTls: true }),
  p('pop3', 'POP3', 'mail', [110]),
  p('pop3s', 'POP3S', 'mail', [995], undefined, { overTls: true }),
  p('imap', 'IMAP', 'mail', [143]),
  p('imaps', 'IMAPS', 'mail', [993], undefined, { overTls: true }),
  p('nntp', 'NNTP', 'mail', [119]),
  p('nntps', 'NNTPS', 'mail', [563], undefined, { overTls: true }),
  // ---- remote access ------------------------------------------------------------------------
  p('ssh', 'SSH', 'remote-access', [22]),
  p('telnet', 'Telnet', 'remote-access', [23]),
  p('rdp', 'RDP', 'remote-access', [3389], [3389]),
  p('vnc', 'VNC', 'remote-access', [[5900, 5903], 5800]),
  p('x11', 'X11', 'remote-access', [[6000, 6005]]),
  p('radmin', 'Radmin', 'remote-access', [4899]),
  p('teamviewer', 'TeamViewer', 'remote-access', [5938], [5938]),
  p('anydesk', 'AnyDesk', 'remote-access', [6568]),
  p('citrix', 'Citrix ICA', 'remote-access', [1494, 2598]),
  p('rlogin', 'rlogin', 'remote-access', [513]),
  p('rsh', 'rsh', 'remote-access', [514]),
  p('winrm', 'WinRM', 'remote-access', [5985, 5986]),
  // ---- databases ----------------------------------------------------------------------------
  p('mysql', 'MySQL', 'database', [3306, 33060]),
  p('postgresql', 'PostgreSQL', 'database', [5432]),
  p('tds', 'MS SQL (TDS)', 'database', [1433], [1434]),
  p('oracle', 'Oracle TNS', 'database', [1521, 1526]),
  p('redis', 'Redis', 'database', [6379]),
  p('mongodb', 'MongoDB', 'database', [27017, 27018, 27019]),
  p('memcached', 'Memcached', 'database', [11211], [11211]),
  p('cassandra', 'Cassandra', 'database', [9042, 7000]),
  p('elasticsearch', 'Elasticsearch', 'database', [9200, 9300]),
  p('couchdb', 'CouchDB', 'database', [5984]),
  p('influxdb', 'InfluxDB', 'database', [8086]),
  p('clickhouse', 'ClickHouse', 'database', [9000, 8123]),
  p('zookeeper', 'ZooKeeper', 'database', [2181]),
  p('etcd', 'etcd', 'database', [2379, 2380]),
  p('consul', 'Consul', 'cloud', [8500, 8300], [8301, 8302]),
  p('neo4j', 'Neo4j Bolt', 'database', [7687]),
  // ---- messaging and IoT --------------------------------------------------------------------
  p('mqtt', 'MQTT', 'iot-scada', [1883]),
  p('mqtts', 'MQTT over TLS', 'iot-scada', [8883], undefined, { overTls: true }),
  p('amqp', 'AMQP', 'messaging', [5672]),
  p('coap', 'CoAP', 'iot-scada', undefined, [5683, 5684]),
  p('xmpp', 'XMPP', 'messaging', [5222, 5269, 5223]),
  p('irc', 'IRC', 'messaging', [6667, [6660, 6669], 6697]),
  p('kafka', 'Kafka', 'messaging', [9092]),
  p('nats', 'NATS', 'messaging', [4222]),
  p('stomp', 'STOMP', 'messaging', [61613]),
  p('zeromq', 'ZeroMQ', 'messaging', [5555]),
  p('smpp', 'SMPP', 'messaging', [2775]),
  // ---- industrial ---------------------------------------------------------------------------
  p('modbus', 'Modbus', 'iot-scada', [502], [502]),
  p('iec60870', 'IEC 60870-5-104', 'iot-scada', [2404]),
  p('s7comm', 'S7comm', 'iot-scada', [102]),
  p('dnp3', 'DNP3', 'iot-scada', [20000], [20000]),
  p('opcua', 'OPC UA', 'iot-scada', [4840, 4843]),
  p('bacnet', 'BACnet', 'iot-scada', undefined, [47808]),
  p('ethernetip', 'EtherNet/IP', 'iot-scada', [44818], [2222, 44818]),
  p('profinet-io', 'PROFINET IO', 'iot-scada', undefined, [[34962, 34964]]),
  p('knx', 'KNXnet/IP', 'iot-scada', undefined, [3671]),
  p('fins', 'Omron FINS', 'iot-scada', [9600], [9600]),
  p('ads', 'Beckhoff ADS', 'iot-scada', [48898], [48899]),
  p('hart-ip', 'HART-IP', 'iot-scada', [5094], [5094]),
  p('someip', 'SOME/IP', 'iot-scada', [30490], [30490]),
  p('doip', 'DoIP', 'iot-scada', [13400], [13400]),
  p('dicom', 'DICOM', 'iot-scada', [104, 11112]),
  p('hl7', 'HL7', 'iot-scada', [2575]),
  // ---- voice and video ----------------------------------------------------------------------
  p('sip', 'SIP', 'voip', [5060], [5060]),
  p('sips', 'SIP over TLS', 'voip', [5061], undefined, { overTls: true }),
  p('rtp', 'RTP', 'media'),
  p('rtcp', 'RTCP', 'media'),
  p('rtsp', 'RTSP', 'media', [554, 8554], [554]),
  p('rtmp', 'RTMP', 'media', [1935]),
  p('skinny', 'Cisco Skinny', 'voip', [2000]),
  p('megaco', 'Megaco', 'voip', [2944, 2945], [2944, 2945]),
  p('mgcp', 'MGCP', 'voip', undefined, [2427, 2727]),
  p('h323', 'H.323', 'voip', [1720], [1719]),
  p('iax', 'IAX', 'voip', undefined, [4569]),
  p('teamspeak', 'TeamSpeak', 'voip', [10011, 30033], [9987]),
  p('mumble', 'Mumble', 'voip', [64738], [64738]),
  p('spotify', 'Spotify', 'media', [4070], [57621]),
  p('daap', 'DAAP', 'media', [3689]),
  p('airplay', 'AirPlay', 'media', [7100]),
  // ---- peer to peer -------------------------------------------------------------------------
  p('bittorrent', 'BitTorrent', 'p2p', [[6881, 6889], 51413], [[6881, 6889], 51413]),
  p('edonkey', 'eDonkey', 'p2p', [4662], [4672]),
  p('gnutella', 'Gnutella', 'p2p', [6346], [6346]),
  // ---- tunnels and VPN ----------------------------------------------------------------------
  p('ipsec', 'IPsec IKE', 'vpn-tunnel', undefined, [500, 4500]),
  p('openvpn', 'OpenVPN', 'vpn-tunnel', [1194], [1194]),
  p('wireguard', 'WireGuard', 'vpn-tunnel', undefined, [51820]),
  p('l2tp', 'L2TP', 'vpn-tunnel', undefined, [1701]),
  p('pptp', 'PPTP', 'vpn-tunnel', [1723]),
  p('vxlan', 'VXLAN', 'vpn-tunnel', undefined, [4789]),
  p('geneve', 'Geneve', 'vpn-tunnel', undefined, [6081]),
  p('gtp-u', 'GTP-U', 'vpn-tunnel', undefined, [2152]),
  p('gtp-c', 'GTP-C', 'vpn-tunnel', undefined, [2123]),
  p('capwap', 'CAPWAP', 'vpn-tunnel', undefined, [5246, 5247]),
  p('teredo', 'Teredo', 'vpn-tunnel', undefined, [3544]),
  p('lisp', 'LISP', 'vpn-tunnel', undefined, [4341, 4342]),
  p('tor', 'Tor', 'vpn-tunnel', [9001, 9030]),
  // ---- games and misc -----------------------------------------------------------------------
  p('minecraft', 'Minecraft', 'game', [25565], [25565]),
  p('steam', 'Steam', 'game', [[27015, 27030]], [[27015, 27030]]),
  p('xbox', 'Xbox Live', 'game', [3074], [3074]),
  p('bitcoin', 'Bitcoin', 'crypto', [8333]),
  p('ethereum', 'Ethereum', 'crypto', [30303], [30303]),
  p('echo', 'Echo', 'network', [7], [7]),
  p('daytime', 'Daytime', 'network', [13], [13]),
  p('finger', 'Finger', 'network', [79]),
  p('docker', 'Docker API', 'cloud', [2375, 2376]),
  p('kubernetes', 'Kubernetes API', 'cloud', [6443, 10250]),
  // ---- named services (by server name: protocols/services) ----------------------------------
  ...SERVICE_SPECS,
];

function build(specs: readonly ProtocolSpec[]): ProtocolInfo[] {
  const seen = new Set<string>();
  return specs.map((s, index) => {
    if (seen.has(s.id)) throw new Error(`protocols/registry: duplicate protocol id ${s.id}`);
    seen.add(s.id);
    return { ...s, index };
  });
}

/** Every protocol, by index; PROTOCOLS[0] is Unknown. */
export const PROTOCOLS: readonly ProtocolInfo[] = build(SPECS);

const byId = new Map(PROTOCOLS.map((x) => [x.id, x] as const));
const byLowerName = new Map(PROTOCOLS.map((x) => [x.name.toLowerCase(), x] as const));

/** Index of a protocol id; throws for an unknown id (a programming error in a heuristic). */
export function protocolIndex(id: string): number {
  const found = byId.get(id);
  if (!found) throw new Error(`protocols/registry: no protocol with id ${id}`);
  return found.index;
}

/** The protocol with this id or (case-insensitive) name, if any. */
export function findProtocol(idOrName: string): ProtocolInfo | undefined {
  return byId.get(idOrName.toLowerCase()) ?? byLowerName.get(idOrName.toLowerCase());
}

export function protocolInfo(index: number): ProtocolInfo {
  return PROTOCOLS[index] ?? (PROTOCOLS[0] as ProtocolInfo);
}

function portTable(pick: (s: ProtocolInfo) => readonly PortSpec[] | undefined): Uint16Array {
  const t = new Uint16Array(65536);
  for (const s of PROTOCOLS) {
    for (const spec of pick(s) ?? []) {
      const [lo, hi] = typeof spec === 'number' ? [spec, spec] : spec;
      for (let port = lo; port <= hi; port++) if (t[port] === 0) t[port] = s.index;
    }
  }
  return t;
}

/** Port → protocol index (0 = none) for TCP and UDP; the first protocol listed keeps a port. */
export const TCP_PORTS: Uint16Array = portTable((s) => s.tcp);
export const UDP_PORTS: Uint16Array = portTable((s) => s.udp);

/** IP protocol number → protocol index (0 = none). */
export const IP_PROTOCOLS: Uint16Array = (() => {
  const t = new Uint16Array(256);
  for (const s of PROTOCOLS) if (s.ipProto !== undefined) t[s.ipProto] = s.index;
  return t;
})();

/** Protocol index → 1 when TLS on its port is that protocol. */
export const OVER_TLS: Uint8Array = Uint8Array.from(PROTOCOLS, (s) => (s.overTls === true ? 1 : 0));
