/**
 * @module modules/http/connection-columns
 * The HTTP columns of the connection lists (last host, URL and status, request count) and the
 * `http` field of a connection row with its last transactions.
 */
import type { ConnectionExtension } from '../connections/connection-list.js';
import type { HttpModule } from './index.js';
import { HTTP_CONNECTION_SCHEMA } from './schemas.js';

export function httpConnectionColumns(m: HttpModule): ConnectionExtension {
  const last = (e: number): NonNullable<HttpModule['sessions'][number]>['recent'][number] | undefined => {
    const r = m.sessions[e]?.recent;
    return r?.[r.length - 1];
  };
  return {
    columns: [
      { name: 'httpHost', type: 'string', value: (e) => last(e)?.host ?? '' },
      { name: 'httpUrl', type: 'string', value: (e) => last(e)?.url ?? '' },
      { name: 'httpStatus', type: 'number', value: (e) => last(e)?.status ?? Number.NaN },
      { name: 'httpRequests', type: 'number', value: (e) => m.sessions[e]?.requests ?? 0 },
    ],
    schema: HTTP_CONNECTION_SCHEMA,
    optionalFields: ['http'],
    searchText: (e) => last(e)?.host ?? '',
    json: (e) => {
      const s = m.sessions[e];
      if (s === undefined) return {};
      return {
        http: {
          requests: s.requests, responses: s.responses,
          transactions: s.recent.map((t) => ({
            method: t.method, host: t.host, url: t.url, userAgent: t.userAgent, status: t.status === 0 ? null : t.status, contentType: t.contentType,
            responseMs: t.responseUs < 0 ? null : Math.round(t.responseUs / 10) / 100,
          })),
        },
      };
    },
  };
}
