/**
 * @module modules/ip/l4-endpoints
 * ip/ips/:ip/peers_ports, the "Layer 4 endpoints" of an IP: its peers with the server port of the
 * connections between them and who was the server, aggregated over the connections the store
 * holds (several connections to the same peer and port add up). Counters are from this IP's point
 * of view: tx = this IP sent.
 */
import type { ConnectionTable } from '../../flow/connection-table.js';
import { formatIpv4, formatIpv6 } from '../../core/addresses.js';
import type { IpTable } from '../../store/ip-table.js';
import type { Store } from '../../store/store.js';
import { timeWindow } from '../../store/query.js';
import { clientIsA, connectionsOfAddress, l4Name } from '../connections/connection-list.js';
import type { JsonObject, ListColumn, ListView, StatsQuery } from '../resource.js';

interface Endpoint {
  peer: string;
  port: number;
  l4: string;
  peerIsServer: boolean;
  connections: number;
  /** [rxPackets, rxBytes, txPackets, txBytes] all time and in the interval, this IP's view. */
  allTime: number[];
  interval: number[];
}

const COLUMNS: readonly ListColumn[] = [
  { name: 'peer', type: 'string' }, { name: 'port', type: 'number' }, { name: 'l4', type: 'string' },
  { name: 'role', type: 'string' }, { name: 'connections', type: 'number' },
  { name: 'packets', type: 'number' }, { name: 'bytes', type: 'number' },
  { name: 'rxbytes', type: 'number' }, { name: 'txbytes', type: 'number' },
];

export function l4EndpointsView(t: ConnectionTable, ips: IpTable, store: Store, ip: number, q: StatsQuery): ListView {
  const words = [0, 1, 2, 3].map((k) => ips.wordOf(ip, k)) as [number, number, number, number];
  const version = ips.versionOf(ip);
  const now = store.nowSec, w = timeWindow(now, q);
  const byKey = new Map<string, Endpoint>();
  const window = new Float64Array(4);
  for (const e of connectionsOfAddress(t, version, ...words)) {
    const k = e * 4;
    const thisIsA = t.addrA[k] === words[0] && t.addrA[k + 1] === words[1] && t.addrA[k + 2] === words[2] && t.addrA[k + 3] === words[3];
    const peerWords = thisIsA ? t.addrB : t.addrA;
    const peer = version === 4 ? formatIpv4(peerWords[k + 3] as number)
      : formatIpv6(peerWords[k] as number, peerWords[k + 1] as number, peerWords[k + 2] as number, peerWords[k + 3] as number);
    const aIsClient = clientIsA(t, e) === 1;
    const peerIsServer = aIsClient === thisIsA;
    const port = ((aIsClient ? t.portB[e] : t.portA[e]) as number);
    const l4 = l4Name(t.proto[e] as number);
    const key = `${peer}|${port}|${l4}|${peerIsServer ? 's' : 'c'}`;
    let ep = byKey.get(key);
    if (!ep) {
      ep = { peer, port, l4, peerIsServer, connections: 0, allTime: [0, 0, 0, 0], interval: [0, 0, 0, 0] };
      byKey.set(key, ep);
    }
    ep.connections++;
    // Connection counters are [A→B packets, bytes, B→A packets, bytes]; this IP's tx is A→B when it is A.
    const c = t.counters, sent = thisIsA ? k : k + 2, got = thisIsA ? k + 2 : k;
    const all = ep.allTime;
    all[0] = (all[0] ?? 0) + (c[got] as number); all[1] = (all[1] ?? 0) + (c[got + 1] as number);
    all[2] = (all[2] ?? 0) + (c[sent] as number); all[3] = (all[3] ?? 0) + (c[sent + 1] as number);
    window.fill(0);
    t.history.sumRange(e, w.start, w.end, window);
    const s = thisIsA ? 0 : 2, g = thisIsA ? 2 : 0, iv = ep.interval;
    iv[0] = (iv[0] ?? 0) + (window[g] as number); iv[1] = (iv[1] ?? 0) + (window[g + 1] as number);
    iv[2] = (iv[2] ?? 0) + (window[s] as number); iv[3] = (iv[3] ?? 0) + (window[s + 1] as number);
  }
  const rows = [...byKey.values()];
  const volume = (r: Endpoint): number[] => (w.lastSecondOnly ? r.allTime : r.interval);
  return {
    size: rows.length,
    columns: COLUMNS,
    number(row, column) {
      const r = rows[row] as Endpoint, v = volume(r);
      switch (COLUMNS[column]?.name) {
        case 'port': return r.port;
        case 'connections': return r.connections;
        case 'packets': return (v[0] ?? 0) + (v[2] ?? 0);
        case 'bytes': return (v[1] ?? 0) + (v[3] ?? 0);
        case 'rxbytes': return v[1] ?? 0;
        case 'txbytes': return v[3] ?? 0;
        default: return Number.NaN;
      }
    },
    text(row, column) {
      const r = rows[row] as Endpoint;
      switch (COLUMNS[column]?.name) {
        case 'peer': return r.peer;
        case 'l4': return r.l4;
        case 'role': return r.peerIsServer ? 'server' : 'client';
        default: return String(this.number(row, column));
      }
    },
    searchText: (row) => `${(rows[row] as Endpoint).peer} ${(rows[row] as Endpoint).port}`,
    json(row): JsonObject {
      const r = rows[row] as Endpoint;
      return {
        peer: r.peer, port: r.port, l4Protocol: r.l4, peerRole: r.peerIsServer ? 'server' : 'client', connections: r.connections,
        allTime: r.allTime, interval: r.interval, intervalPerSecond: r.interval.map((v) => v / w.seconds),
      };
    },
  };
}
