/**
 * @module api/routes/data-routes
 * /API/data/modules/capture and its management lists (pcap permission): see capture-download.ts
 * and capture-management.ts.
 */
import type { FastifyInstance } from 'fastify';
import { registerCaptureDownload, type CaptureRouteDeps } from './capture-download.js';
import { registerCaptureManagement } from './capture-management.js';

export function registerDataRoutes(app: FastifyInstance, deps: CaptureRouteDeps): void {
  registerCaptureDownload(app, deps);
  registerCaptureManagement(app, deps.captures);
}
