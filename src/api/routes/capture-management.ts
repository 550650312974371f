/**
 * @module api/routes/capture-management
 * The capture module's lists under /API/data/modules/capture/ (pcap permission): `current`
 * (every session's running captures with client address and port and counters; DELETE
 * `current/{id}` stops one), `finished` (the last 100, kept across restarts; DELETE clears),
 * `recent` (the caller's recent filters, newest first; DELETE clears) and `favorites` (the
 * caller's saved filters with descriptions; POST adds, DELETE one or all) and `profiles` (up to
 * 10 capture profiles of up to 10 snap-length rules by L7 protocol; PUT `profiles/{name}` saves
 * one, DELETE removes it; a download names one with `profile=`).
 */
import type { FastifyInstance } from 'fastify';
import type { CaptureManager } from '../../capture/capture-manager.js';
import { RULES_PER_PROFILE } from '../../capture/capture-db.js';
import { buildCaptureFilter, FilterSyntaxError } from '../../filter/index.js';
import { findProtocol } from '../../protocols/registry.js';
import { ApiError } from '../api-error.js';
import { authErrors, errorSchema } from '../schemas.js';

const tags = ['data'];
const int = { type: 'integer' } as const, num = { type: 'number' } as const, str = { type: 'string' } as const;
const nullableNum = { type: ['number', 'null'] } as const;

const currentSchema = {
  type: 'object',
  required: ['captures'],
  properties: {
    captures: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'user', 'clientAddress', 'clientPort', 'slot', 'mode', 'source', 'format', 'expression', 'snapLength', 'startTime', 'endTime', 'started', 'captured', 'dropped', 'ignored', 'bytes', 'queuedBytes', 'files'],
        properties: {
          id: int, user: str, clientAddress: str, clientPort: int, slot: int, mode: str, source: str, format: str, expression: str,
          snapLength: int, startTime: nullableNum, endTime: nullableNum, started: num, captured: int, dropped: int, ignored: int, bytes: int, queuedBytes: int,
          files: { type: 'array', items: { type: 'object', required: ['name', 'bytes'], properties: { name: str, bytes: int } } },
        },
      },
    },
  },
} as const;

const finishedSchema = {
  type: 'object',
  required: ['captures'],
  properties: {
    captures: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'user', 'mode', 'source', 'format', 'expression', 'started', 'ended', 'captured', 'dropped', 'ignored', 'bytes', 'throughput', 'reason'],
        properties: {
          id: int, user: str, mode: str, source: str, format: str, expression: str, started: num, ended: num,
          captured: int, dropped: int, ignored: int, bytes: int, throughput: num, reason: str, files: { type: 'array', items: str },
        },
      },
    },
  },
} as const;

const favoriteSchema = {
  type: 'object', required: ['id', 'expression', 'description', 'created'],
  properties: { id: int, expression: str, description: str, created: num },
} as const;

const deletedSchema = { type: 'object', required: ['deleted'], properties: { deleted: int } } as const;
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;

export function registerCaptureManagement(app: FastifyInstance, captures: CaptureManager): void {
  const base = '/API/data/modules/capture';
  const userOf = (request: { principal?: { name: string } }): string => request.principal?.name ?? '';

  app.get(`${base}/current`, {
    config: { access: 'pcap' },
    schema: { summary: 'Running captures of every session, with client and counters', tags, response: { 200: currentSchema, ...authErrors } },
  }, () => ({ captures: captures.current() }));

  app.delete<{ Params: { id: number } }>(`${base}/current/:id`, {
    config: { access: 'pcap' },
    schema: { summary: 'Stop a running capture (its download ends normally)', tags, params: idParams, response: { 200: { type: 'object', required: ['stopped'], properties: { stopped: int } }, 400: errorSchema, 404: errorSchema, ...authErrors } },
  }, (request) => {
    if (!captures.stop(request.params.id, userOf(request))) throw new ApiError(404, `no running capture ${request.params.id}`);
    return { stopped: request.params.id };
  });

  app.get(`${base}/finished`, {
    config: { access: 'pcap' },
    schema: { summary: 'The last 100 finished captures, newest first', tags, response: { 200: finishedSchema, ...authErrors } },
  }, () => ({ captures: captures.db.finished() }));

  app.delete(`${base}/finished`, {
    config: { access: 'pcap' },
    schema: { summary: 'Delete the list of finished captures', tags, response: { 200: deletedSchema, ...authErrors } },
  }, () => ({ deleted: captures.db.clearFinished() }));

  app.get(`${base}/recent`, {
    config: { access: 'pcap' },
    schema: {
      summary: 'The caller’s recently used capture filters, newest first', tags,
      response: { 200: { type: 'object', required: ['filters'], properties: { filters: { type: 'array', items: { type: 'object', required: ['expression', 'used'], properties: { expression: str, used: num } } } } }, ...authErrors },
    },
  }, (request) => ({ filters: captures.db.recent(userOf(request)) }));

  app.delete(`${base}/recent`, {
    config: { access: 'pcap' },
    schema: { summary: 'Delete the caller’s recent filters', tags, response: { 200: deletedSchema, ...authErrors } },
  }, (request) => ({ deleted: captures.db.clearRecent(userOf(request)) }));

  app.get(`${base}/favorites`, {
    config: { access: 'pcap' },
    schema: { summary: 'The caller’s favorite capture filters', tags, response: { 200: { type: 'object', required: ['favorites'], properties: { favorites: { type: 'array', items: favoriteSchema } } }, ...authErrors } },
  }, (request) => ({ favorites: captures.db.favorites(userOf(request)) }));

  app.post<{ Body: { expression: string; description?: string } }>(`${base}/favorites`, {
    config: { access: 'pcap' },
    schema: {
      summary: 'Save a capture filter as a favorite (a second save of the same filter changes its description)', tags,
      body: { type: 'object', additionalProperties: false, required: ['expression'], properties: { expression: { type: 'string', minLength: 1, maxLength: 4096 }, description: { type: 'string', maxLength: 500 } } },
      response: { 200: favoriteSchema, 400: errorSchema, 409: errorSchema, ...authErrors },
    },
  }, (request) => {
    const { expression, description } = request.body;
    try {
      buildCaptureFilter(expression);
    } catch (err) {
      if (err instanceof FilterSyntaxError) throw new ApiError(400, `bad expression: ${err.message}`, 'expression', { position: err.position, expected: [...err.expected] });
      throw err;
    }
    const saved = captures.db.addFavorite(userOf(request), expression, description ?? '', Date.now() / 1000);
    if (saved === undefined) throw new ApiError(409, 'too many favorites: remove one first');
    return saved;
  });

  app.delete<{ Params: { id: number } }>(`${base}/favorites/:id`, {
    config: { access: 'pcap' },
    schema: { summary: 'Remove one favorite', tags, params: idParams, response: { 200: deletedSchema, 400: errorSchema, 404: errorSchema, ...authErrors } },
  }, (request) => {
    if (!captures.db.removeFavorite(userOf(request), request.params.id)) throw new ApiError(404, `no favorite ${request.params.id}`);
    return { deleted: 1 };
  });

  const profileSchema = {
    type: 'object', required: ['name', 'rules'],
    properties: {
      name: str,
      rules: { type: 'array', items: { type: 'object', required: ['protocol', 'snapLength'], properties: { protocol: str, snapLength: int } } },
    },
  } as const;
  const nameParams = { type: 'object', required: ['name'], properties: { name: { type: 'string', pattern: '^[A-Za-z0-9 ._-]{1,64}$' } } } as const;

  app.get(`${base}/profiles`, {
    config: { access: 'pcap' },
    schema: { summary: 'Capture profiles: snap length by L7 protocol', tags, response: { 200: { type: 'object', required: ['profiles'], properties: { profiles: { type: 'array', items: profileSchema } } }, ...authErrors } },
  }, () => ({ profiles: captures.db.profiles() }));

  app.put<{ Params: { name: string }; Body: { rules: { protocol: string; snapLength: number }[] } }>(`${base}/profiles/:name`, {
    config: { access: 'pcap' },
    schema: {
      summary: 'Create or replace a capture profile (at most 10; at most 10 rules, the first matching rule wins; protocol "*" matches any)', tags, params: nameParams,
      body: {
        type: 'object', additionalProperties: false, required: ['rules'],
        properties: {
          rules: {
            type: 'array', minItems: 1, maxItems: RULES_PER_PROFILE,
            items: { type: 'object', additionalProperties: false, required: ['protocol', 'snapLength'], properties: { protocol: { type: 'string', minLength: 1, maxLength: 64 }, snapLength: { type: 'integer', minimum: 0, maximum: 262_144 } } },
          },
        },
      },
      response: { 200: profileSchema, 400: errorSchema, 409: errorSchema, ...authErrors },
    },
  }, (request) => {
    const rules = request.body.rules.map((r, i) => {
      if (r.protocol === '*') return r;
      const info = findProtocol(r.protocol);
      if (info === undefined) throw new ApiError(400, `rule ${i + 1}: unknown L7 protocol '${r.protocol.slice(0, 64)}'`, 'rules');
      return { protocol: info.name, snapLength: r.snapLength };
    });
    const profile = { name: request.params.name, rules };
    if (!captures.db.saveProfile(profile, Date.now() / 1000)) throw new ApiError(409, 'there are 10 capture profiles already: remove one first');
    return profile;
  });

  app.delete<{ Params: { name: string } }>(`${base}/profiles/:name`, {
    config: { access: 'pcap' },
    schema: { summary: 'Remove a capture profile', tags, params: nameParams, response: { 200: deletedSchema, 400: errorSchema, 404: errorSchema, ...authErrors } },
  }, (request) => {
    if (!captures.db.removeProfile(request.params.name)) throw new ApiError(404, `no capture profile '${request.params.name}'`);
    return { deleted: 1 };
  });

  app.delete(`${base}/favorites`, {
    config: { access: 'pcap' },
    schema: { summary: 'Remove all of the caller’s favorites', tags, response: { 200: deletedSchema, ...authErrors } },
  }, (request) => ({ deleted: captures.db.clearFavorites(userOf(request)) }));
}
