/**
 * @module modules/ssl/resources
 * The ssl module's REST subtree: ssl (summary), ssl/servers (one row per server IP), ssl/clients
 * (one row per client IP, with JA3/JA4), ssl/names (SNI names and how many ClientHellos asked).
 * The row builders serve the quic module too.
 */
import type { IpTable } from '../../store/ip-table.js';
import type { JsonObject, ListColumn, Resource } from '../resource.js';
import { rowsView } from '../l7-shared/rows-view.js';
import type { SslModule } from './index.js';
import { CLIENT_ROW_SCHEMA, NAME_ROW_SCHEMA, SERVER_ROW_SCHEMA, SSL_SUMMARY_SCHEMA } from './schemas.js';
import type { TlsTables } from './tables.js';

const first = (list: { name: string }[]): string => list[0]?.name ?? '';

export const SERVER_COLUMNS: readonly ListColumn[] = [
  { name: 'ip', type: 'string' }, { name: 'hellos', type: 'number' }, { name: 'quicHellos', type: 'number' }, { name: 'sni', type: 'string' },
  { name: 'names', type: 'number' }, { name: 'version', type: 'string' }, { name: 'alpn', type: 'string' }, { name: 'handshakes', type: 'number' },
  { name: 'handshakeAvgMs', type: 'number' }, { name: 'responses', type: 'number' }, { name: 'responseAvgMs', type: 'number' },
  { name: 'certificate', type: 'string' },
];
export const CLIENT_COLUMNS: readonly ListColumn[] = [
  { name: 'ip', type: 'string' }, { name: 'hellos', type: 'number' }, { name: 'sni', type: 'string' }, { name: 'names', type: 'number' },
  { name: 'ja3', type: 'string' }, { name: 'ja4', type: 'string' },
];
export const NAME_COLUMNS: readonly ListColumn[] = [{ name: 'name', type: 'string' }, { name: 'count', type: 'number' }];

export function serverRows(tables: TlsTables, ips: IpTable): JsonObject[] {
  return [...tables.servers].map(([ip, s]) => ({
    ip: ips.format(ip), hellos: s.hellos, quicHellos: s.quicHellos, sni: first(s.sni.top(1)), names: s.sni.counts.size,
    version: first(s.versions.top(1)), alpn: first(s.alpn.top(1)), handshakes: s.handshake.count, handshakeAvgMs: s.handshake.avgMs,
    responses: s.response.count, responseAvgMs: s.response.avgMs, certificate: s.certificate?.info?.subject ?? '',
  }));
}

export function clientRows(tables: TlsTables, ips: IpTable): JsonObject[] {
  return [...tables.clients].map(([ip, s]) => ({
    ip: ips.format(ip), hellos: s.hellos, sni: first(s.sni.top(1)), names: s.sni.counts.size, ja3: first(s.ja3().top(1)), ja4: first(s.ja4().top(1)),
  }));
}

export function nameRows(tables: TlsTables): JsonObject[] {
  return [...tables.names.counts].map(([name, count]) => ({ name, count }));
}

export function sslResource(m: SslModule): Resource {
  const tables = m.tables, ips = m.ctx.core.ips, stream = m.flows.stream;
  return {
    kind: 'object', name: 'ssl', schema: SSL_SUMMARY_SCHEMA,
    get: () => ({
      hellos: tables.hellos, servers: tables.servers.size, clients: tables.clients.size, names: tables.names.counts.size,
      notTls: m.notTls, malformed: m.malformed, collectingFlows: stream.flowCount, streamBytes: stream.totalBytes,
      streamRefusedBytes: stream.refusedBytes, streamRefusedSegments: stream.refusedSegments,
    }),
    children: [
      { kind: 'list', name: 'servers', defaultSort: 'hellos', schema: SERVER_ROW_SCHEMA, open: () => rowsView(serverRows(tables, ips), SERVER_COLUMNS, ['ip', 'sni', 'certificate']) },
      { kind: 'list', name: 'clients', defaultSort: 'hellos', schema: CLIENT_ROW_SCHEMA, open: () => rowsView(clientRows(tables, ips), CLIENT_COLUMNS, ['ip', 'sni', 'ja3', 'ja4']) },
      { kind: 'list', name: 'names', defaultSort: 'count', schema: NAME_ROW_SCHEMA, open: () => rowsView(nameRows(tables), NAME_COLUMNS, ['name']) },
    ],
  };
}
