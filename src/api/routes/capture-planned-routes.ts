/**
 * @module api/routes/capture-planned-routes
 * Planned captures to disk (pcap permission): GET /API/data/modules/capture/planned lists the
 * plans with their next and last run; POST adds one (start time, duration, optional repeat,
 * filter, directory, file name pattern, splits); DELETE `planned/{id}` removes one (a run in
 * progress continues until its duration ends or it is stopped under `current`).
 */
import type { FastifyInstance } from 'fastify';
import type { PlannedCaptures, PlanSpec } from '../../capture/planned-captures.js';
import { isPlainFileName } from '../../capture/strftime.js';
import { buildCaptureFilter, FilterSyntaxError } from '../../filter/index.js';
import { ApiError } from '../api-error.js';
import { authErrors, errorSchema } from '../schemas.js';
import type { CaptureRouteDeps } from './capture-download.js';

const tags = ['data'];
const int = { type: 'integer' } as const, num = { type: 'number' } as const, str = { type: 'string' } as const;

const planSchema = {
  type: 'object',
  required: ['id', 'user', 'slot', 'expression', 'format', 'start', 'durationSec', 'repeatSec', 'directory', 'filename', 'splitSize', 'splitDuration', 'nextRun', 'lastRun', 'lastResult'],
  properties: {
    id: int, user: str, slot: int, expression: str, format: str, start: num, durationSec: int, repeatSec: int, directory: str, filename: str,
    splitSize: int, splitDuration: int, nextRun: { type: ['number', 'null'] }, lastRun: { type: ['number', 'null'] }, lastResult: str,
  },
} as const;

interface PlanBody {
  slot?: number; expression?: string; format?: 'pcap' | 'pcapng'; start: number; durationSec: number; repeatSec?: number;
  directory?: string; filename?: string; splitSize?: number; splitDuration?: number;
}

export function registerPlannedRoutes(app: FastifyInstance, deps: CaptureRouteDeps, planned: PlannedCaptures): void {
  const base = '/API/data/modules/capture/planned';
  app.get(base, {
    config: { access: 'pcap' },
    schema: { summary: 'Planned captures to disk', tags, response: { 200: { type: 'object', required: ['plans'], properties: { plans: { type: 'array', items: planSchema } } }, ...authErrors } },
  }, () => ({ plans: deps.captures.db.plans() }));

  app.post<{ Body: PlanBody }>(base, {
    config: { access: 'pcap' },
    schema: {
      summary: 'Plan a capture to disk: start (epoch s), durationSec, optional repeatSec', tags,
      body: {
        type: 'object', additionalProperties: false, required: ['start', 'durationSec'],
        properties: {
          slot: { type: 'integer', minimum: 0, maximum: 64 }, expression: { type: 'string', maxLength: 4096 }, format: { type: 'string', enum: ['pcap', 'pcapng'] },
          start: { type: 'number', minimum: 0 }, durationSec: { type: 'integer', minimum: 1, maximum: 31_536_000 },
          repeatSec: { type: 'integer', minimum: 0, maximum: 31_536_000 },
          directory: { type: 'string', maxLength: 100, pattern: '^[A-Za-z0-9._-]*$' }, filename: { type: 'string', maxLength: 200 },
          splitSize: { type: 'integer', minimum: 0, maximum: 1_000_000 }, splitDuration: { type: 'integer', minimum: 0, maximum: 31_536_000 },
        },
      },
      response: { 200: planSchema, 400: errorSchema, 404: errorSchema, ...authErrors },
    },
  }, (request) => {
    const b = request.body;
    const expression = b.expression ?? '';
    try {
      if (expression.trim() !== '') buildCaptureFilter(expression);
    } catch (err) {
      if (err instanceof FilterSyntaxError) throw new ApiError(400, `bad expression: ${err.message}`, 'expression', { position: err.position, expected: [...err.expected] });
      throw err;
    }
    const slot = b.slot ?? 0;
    if (deps.slots.get(slot) === undefined) throw new ApiError(404, `no analysis slot ${slot}`, 'slot');
    if (b.repeatSec !== undefined && b.repeatSec > 0 && b.repeatSec < b.durationSec) throw new ApiError(400, 'repeatSec must be at least durationSec', 'repeatSec');
    const format = b.format ?? 'pcapng';
    const filename = b.filename ?? `planned_%Y-%m-%d_%H-%M-%S.${format}`;
    if (!isPlainFileName(filename)) throw new ApiError(400, 'filename must be a plain file name', 'filename');
    const spec: PlanSpec = {
      user: request.principal?.name ?? '', slot, expression, format, start: b.start, durationSec: b.durationSec, repeatSec: b.repeatSec ?? 0,
      directory: b.directory ?? '', filename, splitSize: b.splitSize ?? 0, splitDuration: b.splitDuration ?? 0,
    };
    return planned.add(spec);
  });

  app.delete<{ Params: { id: number } }>(`${base}/:id`, {
    config: { access: 'pcap' },
    schema: {
      summary: 'Remove a planned capture', tags, params: { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } },
      response: { 200: { type: 'object', required: ['deleted'], properties: { deleted: int } }, 400: errorSchema, 404: errorSchema, ...authErrors },
    },
  }, (request) => {
    if (!deps.captures.db.removePlan(request.params.id)) throw new ApiError(404, `no planned capture ${request.params.id}`);
    return { deleted: 1 };
  });
}
