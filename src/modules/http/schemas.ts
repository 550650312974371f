/**
 * @module modules/http/schemas
 * JSON schemas of the http module's answers.
 */
import type { JsonSchema } from '../resource.js';
import { NAME_COUNTS } from '../ssl/schemas.js';
import { arrayOf, historySchema, int, nullable, num, objectSchema, str } from '../traffic-schema.js';

const ms = nullable(num);

export const IP_HTTP_SERVER_SCHEMA: JsonSchema = objectSchema({
  ip: str, requests: int, responses: int,
  status: objectSchema({ '1xx': int, '2xx': int, '3xx': int, '4xx': int, '5xx': int, other: int }),
  responseAvgMs: ms, responseStdDevMs: ms, responseMinMs: ms, responseMaxMs: ms, hosts: NAME_COUNTS, contentTypes: NAME_COUNTS, lastHost: str, lastUrl: str,
  figures: arrayOf({ type: 'string', enum: ['responses', 'responseSumUs'] }), history: historySchema,
}, { optional: ['history'] });

export const HTTP_SUMMARY_SCHEMA: JsonSchema = objectSchema({
  requests: int, responses: int, servers: int, clients: int, hosts: int, notHttp: int, udpMessages: int,
  collectingFlows: int, streamBytes: int, streamRefusedBytes: int, streamRefusedSegments: int, ringSize: int,
});

export const HTTP_SERVER_ROW_SCHEMA: JsonSchema = objectSchema({
  ip: str, requests: int, responses: int, status2xx: int, status3xx: int, status4xx: int, status5xx: int, responseAvgMs: ms, host: str, hosts: int, lastUrl: str,
});

export const HTTP_CLIENT_ROW_SCHEMA: JsonSchema = objectSchema({ ip: str, requests: int, host: str, hosts: int, userAgent: str });

const transaction = objectSchema({
  method: str, host: nullable(str), url: str, userAgent: nullable(str), status: nullable(int), contentType: nullable(str), responseMs: ms,
});

/** The `http` field of a connection row (absent when the connection carried no HTTP). */
export const HTTP_CONNECTION_SCHEMA: Readonly<Record<string, JsonSchema>> = {
  http: objectSchema({ requests: int, responses: int, transactions: arrayOf(transaction) }),
};
