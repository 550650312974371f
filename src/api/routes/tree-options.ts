/**
 * @module api/routes/tree-options
 * OPTIONS on the fixed nodes of the tree (/API, /API/stats, /API/data, /API/data/modules,
 * /API/system), listing their children as the appliance's API does.
 */
import type { FastifyInstance } from 'fastify';
import { authErrors, optionsSchema } from '../schemas.js';

export const FIXED_TREE: Readonly<Record<string, readonly string[]>> = {
  '/API': ['stats', 'data', 'system', 'login', 'logout', 'session', 'openapi.json'],
  '/API/stats': ['modules', 'time', 'interfaces', 'load', 'processing'],
  '/API/data': ['modules', 'pcap'],
  '/API/data/modules': ['capture'],
  '/API/system': ['info', 'storage', 'users', 'password', 'replay', 'analyze-pcap', 'analysis-profiles', 'settings'],
  '/API/system/analyze-pcap': ['slots'],
  '/API/system/settings': ['interfaces'],
};

export function registerTreeOptions(app: FastifyInstance): void {
  for (const [url, subResources] of Object.entries(FIXED_TREE)) {
    app.options(url, {
      config: { access: 'user' },
      schema: { summary: `Sub-resources of ${url}`, tags: ['tree'], response: { 200: optionsSchema, ...authErrors } },
    }, () => ({ subResources }));
  }
}
