/**
 * @module modules/tcp/schemas
 * JSON schemas of the TCP module's answers: the global figures (tcp), an IP's figures
 * (ip/ips/:ip/tcpStats) and the `tcp` field the module adds to connection rows.
 */
import type { JsonSchema } from '../resource.js';
import { bool, historySchema, int, nullable, num, objectSchema } from '../traffic-schema.js';
import { GLOBAL, PER_IP } from './figures.js';

/** Sums of microseconds (fractional with nanosecond captures). */
const SUMS = new Set<string>(['handshakeSumUs', 'responseSumUs']);
const ms = nullable(num);

/** One counter set of the global figures (TcpModule.named). */
const namedFigures = objectSchema({
  ...Object.fromEntries(GLOBAL.map((n) => [n, SUMS.has(n) ? num : int])),
  handshakeAvgMs: ms, responseAvgMs: ms, retransPercent: num,
});

export const TCP_GLOBAL_SCHEMA: JsonSchema = objectSchema({
  allTime: namedFigures, lastSecond: namedFigures, interval: namedFigures,
  figures: { type: 'array', items: { type: 'string', enum: [...GLOBAL] }, description: 'the figures of a history point, in order' },
  history: historySchema,
}, { optional: ['history'] });

const handshakes = objectSchema({ count: int, avgMs: ms });
const role = objectSchema({
  connections: int, handshakes: int, handshakeSumUs: num, retransPacketsSent: int, payloadSent: int, payloadReceived: int,
  retransBytesSent: int, responses: int, responseSumUs: num, responseMaxUs: num, zeroWindowSent: int, rstSent: int, missedBytes: int,
  handshakeAvgMs: ms, responseAvgMs: ms, responseMaxMs: ms,
});

export const IP_TCP_STATS_SCHEMA: JsonSchema = objectSchema({
  ip: { type: 'string' },
  interval: objectSchema({ asClient: handshakes, asServer: handshakes, retransPackets: int, retransBytes: int }),
  asClient: role, asServer: role,
  figures: { type: 'array', items: { type: 'string', enum: [...PER_IP] }, description: 'the figures of a history point, in order' },
  history: historySchema,
}, { optional: ['history'] });

const direction = objectSchema({
  payloadBytes: int, retransPackets: int, retransBytes: int, retransPercent: num, fastRetrans: int, spuriousRetrans: int,
  outOfOrder: int, dupAcks: int, missedBytes: int, zeroWindow: int, syn: int, synAck: int, fin: int, rst: int,
  mss: int, mssAnnounced: bool, maxWindow: int, minWindow: { type: 'integer', minimum: -1, description: '-1: no window seen' },
  windowLimit: int, windowScale: nullable(int), windowUsagePercent: num, maxInFlight: int,
  responses: int, responseAvgMs: ms, responseMaxMs: ms,
});

/** The `tcp` field of a connection row (absent for other protocols). */
export const TCP_CONNECTION_SCHEMA: Readonly<Record<string, JsonSchema>> = {
  tcp: objectSchema({
    handshakeMs: ms, serverDelayMs: ms, clientDelayMs: ms,
    termination: { type: 'string', enum: ['open', 'FIN', 'RST', 'timeout'] }, valid: bool,
    clientToServer: direction, serverToClient: direction,
  }),
};

