/**
 * @module api/routes/data-routes
 * /API/data/modules/capture: packet extraction (pcap permission). The capture module is a later
 * issue; until then the route exists (so its access rule is tested) and answers 501.
 */
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../api-error.js';
import { authErrors, errorSchema } from '../schemas.js';

export function registerDataRoutes(app: FastifyInstance): void {
  app.get('/API/data/modules/capture', {
    config: { access: 'pcap' },
    schema: { summary: 'Extract packets as pcap (not implemented yet: 501)', tags: ['data'], response: { 501: errorSchema, ...authErrors } },
  }, () => {
    throw new ApiError(501, 'packet capture is not implemented yet');
  });
}
