/**
 * @module modules/l7-shared/learn-name
 * A server name a dissector read (TLS/QUIC SNI, HTTP Host) becomes one of the server address's
 * names in the analysis's name book (names/name-book.ts), beside DNS, DHCP and NetBIOS names. Once
 * per connection, not per packet. Host values that are addresses or carry a port are reduced to
 * the name, or left out.
 */
import { parseIpv4, parseIpv6 } from '../../core/addresses.js';
import { nameBookOf, type NameSource } from '../../names/name-book.js';
import type { IpTable } from '../../store/ip-table.js';
import type { Store } from '../../store/store.js';

/** The book's form of a server name as sent, '' when it is none (an address): remembered per name, bounded. */
const hosts = new Map<string, string>();
const HOSTS_SIZE = 8192;

function hostOf(name: string): string {
  let host = hosts.get(name);
  if (host !== undefined) return host;
  host = name.startsWith('[') ? '' : name.replace(/:\d+$/, '').replace(/\.$/, '').toLowerCase();
  if (parseIpv4(host) !== null || parseIpv6(host) !== null) host = '';
  if (hosts.size >= HOSTS_SIZE) hosts.clear();
  hosts.set(name, host);
  return host;
}

export function learnServerName(store: Store, ips: IpTable, serverIp: number, name: string | null, source: NameSource): void {
  if (serverIp < 0 || name === null) return;
  const host = hostOf(name);
  if (host === '') return;
  nameBookOf(store).add(ips.format(serverIp), host, source, Math.max(0, store.nowSec));
}
