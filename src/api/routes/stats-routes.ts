/**
 * @module api/routes/stats-routes
 * /API/stats/modules: the module trees under /API/stats/modules/<module>/…: GET answers objects
 * (the module's JSON) and lists (a page, or CSV), OPTIONS answers `{"subResources": [...]}` with parameter nodes as `:ip`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SERVER_LIMITS } from '../../config/limits.js';
import { subResourceNames, type Resource } from '../../modules/resource.js';
import { notFound } from '../api-error.js';
import { answerList } from '../list/answer-list.js';
import type { SlotRegistry } from '../module-registry.js';
import { resolveAlias } from '../path-aliases.js';
import { walkResource } from '../resource-walk.js';
import { anyObjectSchema, authErrors, errorSchema, optionsSchema } from '../schemas.js';
import { selectSlot } from '../slot-selection.js';
import { slotHeaders } from '../slot-headers.js';
import { statsQuerySchema, toListParams, toStatsQuery, type StatsQueryString } from '../stats-query.js';

interface WildcardRequest { Params: { '*': string }; Querystring: StatsQueryString }

export function registerStatsRoutes(app: FastifyInstance, slots: SlotRegistry, deviceName: string): void {
  const user = { access: 'user' } as const;
  const tags = ['stats'];

  function findNode(request: FastifyRequest<WildcardRequest>): { node: Resource; name: string } {
    const slot = selectSlot(request, request.query['mm-id'], slots, deviceName);
    const asked = request.params['*'].split('/').filter((s) => s !== '');
    if (asked.length > SERVER_LIMITS.maxResourceDepth) throw notFound('path too deep');
    const segments = resolveAlias(asked);
    const [moduleName, ...rest] = segments;
    if (moduleName === undefined) throw notFound('no module named');
    const root = slot.modules.get(moduleName);
    if (!root) throw notFound(`no module '${moduleName.slice(0, 64)}' (modules: ${slot.modules.names().join(', ') || 'none'})`);
    const node = walkResource(root, rest, `/API/stats/modules/${moduleName}`);
    return { node, name: segments[segments.length - 1] ?? moduleName };
  }

  app.options<{ Querystring: { 'mm-id'?: string } }>('/API/stats/modules', {
    config: user,
    schema: {
      summary: 'The modules of the slot', tags,
      querystring: { type: 'object', properties: { 'mm-id': statsQuerySchema.properties['mm-id'] } }, headers: slotHeaders,
      response: { 200: optionsSchema, 400: errorSchema, 404: errorSchema, ...authErrors },
    },
  }, (request) => ({ subResources: selectSlot(request, request.query['mm-id'], slots, deviceName).modules.names() }));

  app.options<WildcardRequest>('/API/stats/modules/*', {
    config: user,
    schema: {
      summary: 'The sub-resources of a module node (parameters as :name)', tags,
      querystring: statsQuerySchema, headers: slotHeaders,
      response: { 200: optionsSchema, 400: errorSchema, 404: errorSchema, ...authErrors },
    },
  }, (request) => ({ subResources: subResourceNames(findNode(request).node) }));

  app.get<WildcardRequest>('/API/stats/modules/*', {
    config: user,
    schema: {
      summary: 'A module node: an object, or a list (paged JSON, or CSV with csv=true)', tags,
      querystring: statsQuerySchema, headers: slotHeaders,
      response: { 200: anyObjectSchema, 400: errorSchema, 404: errorSchema, ...authErrors },
    },
  }, async (request, reply: FastifyReply) => {
    const { node, name } = findNode(request);
    const query = toStatsQuery(request.query);
    if (node.kind === 'object') return node.get(query);
    if (node.kind === 'param') throw notFound(`${request.url.split('?')[0] ?? ''} needs a value`);
    const result = answerList(node, node.open(query), toListParams(request.query));
    if ('displayedItems' in result) return result;
    void reply.header('content-type', 'text/csv; charset=utf-8');
    void reply.header('content-disposition', `attachment; filename="${name.replace(/[^A-Za-z0-9_.-]/g, '_')}.csv"`);
    return reply.send(result);
  });
}
