/**
 * @module modules/l4_ports/service-names
 * Names of well-known server ports (IANA service names), for display only.
 */
const TCP: Record<number, string> = {
  20: 'ftp-data', 21: 'ftp', 22: 'ssh', 23: 'telnet', 25: 'smtp', 53: 'domain', 80: 'http', 88: 'kerberos',
  102: 'iso-tsap', 110: 'pop3', 111: 'sunrpc', 135: 'msrpc', 139: 'netbios-ssn', 143: 'imap', 179: 'bgp',
  389: 'ldap', 443: 'https', 445: 'microsoft-ds', 465: 'smtps', 502: 'modbus', 515: 'printer', 587: 'submission',
  636: 'ldaps', 873: 'rsync', 993: 'imaps', 995: 'pop3s', 1433: 'ms-sql-s', 1521: 'oracle', 1723: 'pptp',
  1883: 'mqtt', 2049: 'nfs', 2404: 'iec-104', 3128: 'squid', 3306: 'mysql', 3389: 'ms-wbt-server',
  4840: 'opcua', 5060: 'sip', 5061: 'sips', 5432: 'postgresql', 5672: 'amqp', 5900: 'vnc', 6379: 'redis',
  6443: 'kubernetes', 8080: 'http-alt', 8443: 'https-alt', 9092: 'kafka', 9200: 'elasticsearch',
  11211: 'memcache', 20000: 'dnp3', 27017: 'mongodb', 44818: 'ethernet-ip',
};
const UDP: Record<number, string> = {
  53: 'domain', 67: 'bootps', 68: 'bootpc', 69: 'tftp', 123: 'ntp', 137: 'netbios-ns', 138: 'netbios-dgm',
  161: 'snmp', 162: 'snmptrap', 443: 'https (QUIC)', 500: 'isakmp', 514: 'syslog', 546: 'dhcpv6-client',
  547: 'dhcpv6-server', 1900: 'ssdp', 2152: 'gtp-u', 3478: 'stun', 4500: 'ipsec-nat-t', 4789: 'vxlan',
  5060: 'sip', 5353: 'mdns', 5355: 'llmnr', 6081: 'geneve', 47808: 'bacnet',
};

export function serviceName(proto: number, port: number): string {
  return (proto === 6 ? TCP[port] : proto === 17 ? UDP[port] : undefined) ?? '';
}
