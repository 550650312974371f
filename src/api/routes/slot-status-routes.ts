/**
 * @module api/routes/slot-status-routes
 * The fixed nodes of a slot that are not modules: /API/stats/time, /API/stats/interfaces,
 * /API/stats/load, /API/stats/processing and /API/system/storage. Each selects the slot
 * (mm-id, headers) and answers what the slot's SlotStatus says.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SlotRegistry, AnalysisSlot } from '../module-registry.js';
import { authErrors, errorSchema } from '../schemas.js';
import { selectSlot } from '../slot-selection.js';
import { slotHeaders } from '../slot-headers.js';
import { statsQuerySchema, toStatsQuery, type StatsQueryString } from '../stats-query.js';

const nullableNumber = { type: ['number', 'null'] } as const;
const open = (properties: Record<string, unknown>, required: readonly string[] = []): Record<string, unknown> =>
  ({ type: 'object', additionalProperties: true, required, properties });
const errors = { 400: errorSchema, 404: errorSchema, ...authErrors } as const;
const slotOnlyQuery = { type: 'object', properties: { 'mm-id': statsQuerySchema.properties['mm-id'] } } as const;
const rate = open({ packets: { type: 'number' }, bytes: { type: 'number' }, packetsPerSec: { type: 'number' }, bitsPerSec: { type: 'number' } });
const historySchema = open({ timespan: { type: 'integer' }, points: { type: 'array', items: { type: 'array', items: { type: 'number' } } } });

const timeSchema = open({
  time: { ...nullableNumber, description: 'the packet clock: the open second (epoch seconds)' },
  firstPacketTime: { ...nullableNumber, description: 'first packet time (epoch seconds, µs)' },
  lastPacketTime: { ...nullableNumber, description: 'last packet time (epoch seconds, µs)' },
}, ['time', 'firstPacketTime', 'lastPacketTime']);

const loadSchema = open({
  lastSecond: rate,
  interval: open({ start: nullableNumber, end: nullableNumber, seconds: { type: 'number' }, packets: { type: 'number' }, bytes: { type: 'number' }, packetsPerSec: { type: 'number' }, bitsPerSec: { type: 'number' } }),
  allTime: open({ packets: { type: 'number' }, bytes: { type: 'number' } }),
  history: historySchema,
}, ['lastSecond', 'interval', 'allTime']);

const interfacesSchema = open({ interfaces: { type: 'array', items: { type: 'object', additionalProperties: true } } }, ['interfaces']);

const processingSchema = open({
  state: { type: 'string', enum: ['idle', 'waiting', 'analysing', 'done', 'failed'] },
  file: { type: ['string', 'null'] }, path: { type: 'string' }, format: { type: ['string', 'null'] },
  bytesRead: { type: 'number' }, bytesTotal: { type: 'number' }, progress: { ...nullableNumber, description: '0 … 1, null when the size is unknown' },
  packets: { type: 'number' }, bytes: { type: 'number' }, packetsPerSec: { type: 'number' },
  startedAt: { type: 'number' }, finishedAt: nullableNumber, elapsedSec: { type: 'number' },
  malformed: { type: ['object', 'null'], additionalProperties: true, description: '{packets, byReason: {anomaly id: count}} once the file is read' },
  fileWarnings: { type: 'object', additionalProperties: true }, fileError: { type: ['object', 'null'], additionalProperties: true },
  error: { type: ['string', 'null'] },
  stages: { type: 'array', description: 'per stage (capture children, queues, the analysis): busyPercent or cpuPercent, queue, queuedBytes, queueDrops', items: { type: 'object', additionalProperties: true } },
  lastPacketTime: { ...nullableNumber, description: 'time of the last processed packet, epoch seconds' },
  source: { type: ['object', 'null'], additionalProperties: true, description: 'figures of the source: live capture per interface (received, capture drops), upload (bytes received, declared size)' },
}, ['state']);

const tableStatus = open({ live: { type: 'number' }, created: { type: 'number' }, evicted: { type: 'number' }, untracked: { type: 'number' }, bytes: { type: 'number' } });
const storageSchema = open({
  state: { type: 'string' },
  memoryBudgetBytes: { type: 'number' }, memoryUsedBytes: { type: 'number' },
  tables: { type: 'object', additionalProperties: tableStatus, description: 'per table: live, created, evicted, untracked, bytes' },
  historyStart: { type: 'object', additionalProperties: { type: 'number' }, description: 'per resolution (seconds): oldest retained bucket start, -1 when none' },
  minimumStorageTimeSec: { type: 'number', description: 'seconds back from now for which every statistic is complete (-1 before any packet)' },
  nowSec: nullableNumber, budgetActions: { type: 'number' },
  macCount: { type: 'number' }, ipCount: { type: 'number' },
  connections: { type: ['object', 'null'], additionalProperties: true, description: 'active, total, stored, maximum, capacity, evicted, untracked' },
  process: open({ rssBytes: { type: 'number' }, heapUsedBytes: { type: 'number' } }),
}, ['state']);

interface StatsRequest { Querystring: StatsQueryString }
interface SlotRequest { Querystring: { 'mm-id'?: string } }

export function registerSlotStatusRoutes(app: FastifyInstance, slots: SlotRegistry, deviceName: string): void {
  const config = { access: 'user' } as const;
  const slotOf = (request: FastifyRequest<SlotRequest> | FastifyRequest<StatsRequest>): AnalysisSlot =>
    selectSlot(request, request.query['mm-id'], slots, deviceName);

  app.get<SlotRequest>('/API/stats/time', {
    config,
    schema: { summary: 'Packet time of the slot: the clock, first and last packet (epoch seconds; null before the first packet)', tags: ['stats'], querystring: slotOnlyQuery, headers: slotHeaders, response: { 200: timeSchema, ...errors } },
  }, (request) => {
    const slot = slotOf(request);
    return { ...slot.status.times(), time: slot.packetTimeSec() ?? null };
  });

  app.get<StatsRequest>('/API/stats/interfaces', {
    config,
    schema: { summary: 'Per capture interface: id, drops, traffic counters [packets, bytes, 0, 0]', tags: ['stats'], querystring: statsQuerySchema, headers: slotHeaders, response: { 200: interfacesSchema, ...errors } },
  }, (request) => slotOf(request).status.interfaces(toStatsQuery(request.query)));

  app.get<StatsRequest>('/API/stats/load', {
    config,
    schema: { summary: 'Packets/s and bits/s of the last second and the interval, totals, history [time, packets/s, bits/s]', tags: ['stats'], querystring: statsQuerySchema, headers: slotHeaders, response: { 200: loadSchema, ...errors } },
  }, (request) => slotOf(request).status.load(toStatsQuery(request.query)));

  app.get<SlotRequest>('/API/stats/processing', {
    config,
    schema: { summary: 'The analysis: state, file, progress, packets, malformed packets and anomalies, elapsed time', tags: ['stats'], querystring: slotOnlyQuery, headers: slotHeaders, response: { 200: processingSchema, ...errors } },
  }, (request) => slotOf(request).status.processing());

  app.get<SlotRequest>('/API/system/storage', {
    config,
    schema: { summary: 'Store memory (used, budget), tables, history start, minimum storage time, MAC/IP/connection counts', tags: ['system'], querystring: slotOnlyQuery, headers: slotHeaders, response: { 200: storageSchema, ...errors } },
  }, (request) => slotOf(request).status.storage());
}
