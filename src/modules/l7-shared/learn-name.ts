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

export function learnServerName(store: Store, ips: IpTable, serverIp: number, name: string | null, source: NameSource): void {
  if (serverIp < 0 || name === null) return;
  const host = name.startsWith('[') ? '' : name.replace(/:\d+$/, '').replace(/\.$/, '').toLowerCase();
  if (host === '' || parseIpv4(host) !== null || parseIpv6(host) !== null) return;
  nameBookOf(store).add(ips.format(serverIp), host, source, Math.max(0, store.nowSec));
}
