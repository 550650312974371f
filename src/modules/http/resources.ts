/**
 * @module modules/http/resources
 * The http module's REST subtree: http (summary), http/servers (per server IP: requests,
 * responses, status families, response time, top host, last URL), http/clients (per client IP:
 * requests, top host, user agent), http/hosts (Host names and request counts).
 */
import type { JsonObject, Resource } from '../resource.js';
import { rowsView } from '../l7-shared/rows-view.js';
import { NAME_COLUMNS } from '../ssl/resources.js';
import { NAME_ROW_SCHEMA } from '../ssl/schemas.js';
import type { HttpModule } from './index.js';
import { HTTP_CLIENT_ROW_SCHEMA, HTTP_SERVER_ROW_SCHEMA, HTTP_SUMMARY_SCHEMA } from './schemas.js';

const first = (list: { name: string }[]): string => list[0]?.name ?? '';

export function httpResource(m: HttpModule): Resource {
  const tables = m.tables, ips = m.ctx.core.ips, stream = m.flows.stream;
  return {
    kind: 'object', name: 'http', schema: HTTP_SUMMARY_SCHEMA,
    get: () => ({
      requests: tables.requests, responses: tables.responses, servers: tables.servers.size, clients: tables.clients.size, hosts: tables.hosts.counts.size,
      notHttp: m.notHttp, udpMessages: m.udpMessages, collectingFlows: stream.flowCount, streamBytes: stream.totalBytes,
      streamRefusedBytes: stream.refusedBytes, streamRefusedSegments: stream.refusedSegments, ringSize: m.ringSize,
    }),
    children: [
      {
        kind: 'list', name: 'servers', defaultSort: 'requests', schema: HTTP_SERVER_ROW_SCHEMA,
        open: () => {
          const rows: JsonObject[] = [...tables.servers].map(([ip, s]) => {
            const f = s.statusFamilies;
            return {
              ip: ips.format(ip), requests: s.requests, responses: s.responses, status2xx: f[1] ?? 0, status3xx: f[2] ?? 0, status4xx: f[3] ?? 0, status5xx: f[4] ?? 0,
              responseAvgMs: s.responseTime.avgMs, host: first(s.hosts.top(1)), hosts: s.hosts.counts.size, lastUrl: s.lastUrl,
            };
          });
          return rowsView(rows, [
            { name: 'ip', type: 'string' }, { name: 'requests', type: 'number' }, { name: 'responses', type: 'number' }, { name: 'status2xx', type: 'number' },
            { name: 'status3xx', type: 'number' }, { name: 'status4xx', type: 'number' }, { name: 'status5xx', type: 'number' },
            { name: 'responseAvgMs', type: 'number' }, { name: 'host', type: 'string' }, { name: 'hosts', type: 'number' }, { name: 'lastUrl', type: 'string' },
          ], ['ip', 'host', 'lastUrl']);
        },
      },
      {
        kind: 'list', name: 'clients', defaultSort: 'requests', schema: HTTP_CLIENT_ROW_SCHEMA,
        open: () => rowsView([...tables.clients].map(([ip, c]) => ({
          ip: ips.format(ip), requests: c.requests, host: first(c.hosts.top(1)), hosts: c.hosts.counts.size, userAgent: first(c.userAgents.top(1)),
        })), [
          { name: 'ip', type: 'string' }, { name: 'requests', type: 'number' }, { name: 'host', type: 'string' }, { name: 'hosts', type: 'number' },
          { name: 'userAgent', type: 'string' },
        ], ['ip', 'host', 'userAgent']),
      },
      {
        kind: 'list', name: 'hosts', defaultSort: 'count', schema: NAME_ROW_SCHEMA,
        open: () => rowsView([...tables.hosts.counts].map(([name, count]) => ({ name, count })), NAME_COLUMNS, ['name']),
      },
    ],
  };
}
