/**
 * @module modules/connections/connection-list
 * The connection list of the API (globally, and per IP): one row per connection with client and
 * server (client = the SYN sender for TCP; otherwise the port heuristic of flow/client-side),
 * L4 protocol, start, last activity, duration, counters and rates, plus the columns other modules
 * add (TCP figures …).
 */
import { formatIpv4, formatIpv6 } from '../../core/addresses.js';
import { ipProtocolName } from '../../analysis/names.js';
import { guessClientIsA } from '../../flow/client-side.js';
import type { ConnectionTable } from '../../flow/connection-table.js';
import type { Store } from '../../store/store.js';
import { entityListView, type EntityColumn } from '../entity-list.js';
import type { JsonObject, ListView, StatsQuery } from '../resource.js';
import { extendedSearchText, withExtensions, type RowExtension } from '../row-extension.js';

const L4_NAMES: Record<number, string> = { 6: 'TCP', 17: 'UDP', 132: 'SCTP', 1: 'ICMP', 58: 'ICMPv6' };

export function l4Name(proto: number): string {
  return L4_NAMES[proto] ?? ipProtocolName(proto).toUpperCase();
}

/** 1 when side A is the client, else 0 (handshake first, port heuristic otherwise). */
export function clientIsA(t: ConnectionTable, e: number): number {
  const known = t.clientIsA[e] as number;
  return known >= 0 ? known : guessClientIsA(t.portA[e] as number, t.portB[e] as number);
}

function address(t: ConnectionTable, e: number, sideA: boolean): string {
  const w = sideA ? t.addrA : t.addrB, k = e * 4;
  if (t.version[e] === 4) return formatIpv4(w[k + 3] as number);
  return formatIpv6(w[k] as number, w[k + 1] as number, w[k + 2] as number, w[k + 3] as number);
}

export function clientAddress(t: ConnectionTable, e: number): string {
  return address(t, e, clientIsA(t, e) === 1);
}
export function serverAddress(t: ConnectionTable, e: number): string {
  return address(t, e, clientIsA(t, e) !== 1);
}
export function clientPort(t: ConnectionTable, e: number): number {
  return (clientIsA(t, e) === 1 ? t.portA[e] : t.portB[e]) as number;
}
export function serverPort(t: ConnectionTable, e: number): number {
  return (clientIsA(t, e) === 1 ? t.portB[e] : t.portA[e]) as number;
}

/** Columns and JSON fields other modules add to every connection row. */
export type ConnectionExtension = RowExtension;

export function connectionColumns(t: ConnectionTable): EntityColumn[] {
  return [
    { name: 'client', type: 'string', value: (e) => clientAddress(t, e) },
    { name: 'clientPort', type: 'number', value: (e) => clientPort(t, e) },
    { name: 'server', type: 'string', value: (e) => serverAddress(t, e) },
    { name: 'serverPort', type: 'number', value: (e) => serverPort(t, e) },
    { name: 'l4', type: 'string', value: (e) => l4Name(t.proto[e] as number) },
    { name: 'duration', type: 'number', value: (e) => ((t.lastSeenUs[e] as number) - (t.firstSeenUs[e] as number)) / 1e6 },
  ];
}

export function connectionJson(t: ConnectionTable, e: number): JsonObject {
  const aIsClient = clientIsA(t, e) === 1, k = e * 4, c = t.counters;
  const ab = [c[k] as number, c[k + 1] as number], ba = [c[k + 2] as number, c[k + 3] as number];
  return {
    id: e,
    client: clientAddress(t, e),
    clientPort: clientPort(t, e),
    server: serverAddress(t, e),
    serverPort: serverPort(t, e),
    l4Protocol: l4Name(t.proto[e] as number),
    ipVersion: t.version[e] as number,
    clientBy: (t.clientIsA[e] as number) >= 0 ? 'handshake' : 'heuristic',
    startTime: (t.firstSeenUs[e] as number) / 1e6,
    lastActivity: (t.lastSeenUs[e] as number) / 1e6,
    duration: ((t.lastSeenUs[e] as number) - (t.firstSeenUs[e] as number)) / 1e6,
    clientToServer: aIsClient ? ab : ba,
    serverToClient: aIsClient ? ba : ab,
  };
}

export function connectionListView(t: ConnectionTable, store: Store, q: StatsQuery, ids: Int32Array | undefined,
  extensions: readonly ConnectionExtension[]): ListView {
  const columns = [...connectionColumns(t), ...extensions.flatMap((x) => x.columns)];
  return entityListView({
    table: t,
    store,
    ...(ids === undefined ? {} : { ids }),
    columns,
    searchText: (e) => extendedSearchText(`${clientAddress(t, e)} ${serverAddress(t, e)} ${clientPort(t, e)} ${serverPort(t, e)}`, extensions, e),
    json: (e) => withExtensions(connectionJson(t, e), extensions, e),
  }, q);
}

/** Live connections with the given address words on either side. */
export function connectionsOfAddress(t: ConnectionTable, version: number, w0: number, w1: number, w2: number, w3: number): Int32Array {
  const out: number[] = [];
  const a = t.addrA, b = t.addrB;
  for (let e = 0; e < t.idBound; e++) {
    if (t.alive[e] === 0 || t.version[e] !== version) continue;
    const k = e * 4;
    if ((a[k + 3] === w3 && a[k + 2] === w2 && a[k + 1] === w1 && a[k] === w0) ||
      (b[k + 3] === w3 && b[k + 2] === w2 && b[k + 1] === w1 && b[k] === w0)) out.push(e);
  }
  return Int32Array.from(out);
}
