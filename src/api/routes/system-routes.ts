/**
 * @module api/routes/system-routes
 * /API/system/info: product, version, device name, start and uptime, and the analysis slots with
 * the load of each stage of their analysis (busy share, queue size, queue drops).
 */
import type { FastifyInstance } from 'fastify';
import type { SlotRegistry } from '../module-registry.js';
import { authErrors } from '../schemas.js';

export interface SystemInfo {
  readonly version: string;
  readonly deviceName: string;
  readonly startedAt: number;
}

export function registerSystemRoutes(app: FastifyInstance, slots: SlotRegistry, info: SystemInfo): void {
  app.get('/API/system/info', {
    config: { access: 'user' },
    schema: {
      summary: 'Product, version, uptime and analysis slots', tags: ['system'],
      response: {
        200: {
          type: 'object',
          required: ['product', 'version', 'deviceName', 'startedAt', 'uptimeSec', 'nodeVersion', 'slots'],
          properties: {
            product: { type: 'string' }, version: { type: 'string' }, deviceName: { type: 'string' },
            startedAt: { type: 'number' }, uptimeSec: { type: 'number' }, nodeVersion: { type: 'string' },
            slots: {
              type: 'array',
              items: {
                type: 'object', required: ['id', 'description', 'packetTime', 'modules'],
                properties: {
                  id: { type: 'integer' }, description: { type: 'string' }, packetTime: { type: ['number', 'null'] }, modules: { type: 'array', items: { type: 'string' } },
                  stages: { type: 'array', description: 'the load of each stage of the slot\'s analysis (as in /API/stats/processing)', items: { type: 'object', additionalProperties: true } },
                },
              },
            },
          },
        },
        ...authErrors,
      },
    },
  }, () => ({
    product: 'wiremeter',
    version: info.version,
    deviceName: info.deviceName,
    startedAt: info.startedAt,
    uptimeSec: Math.round((Date.now() / 1000 - info.startedAt) * 1000) / 1000,
    nodeVersion: process.version,
    slots: slots.list().map((s) => ({ id: s.id, description: s.description, packetTime: s.packetTimeSec() ?? null, modules: s.modules.names(), stages: s.status.stages?.() ?? [] })),
  }));
}
