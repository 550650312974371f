/**
 * @module api/routes/data-routes
 * /API/data/modules/capture and its management lists (pcap permission): see capture-download.ts
 * capture-management.ts, capture-files.ts and capture-planned-routes.ts (the scheduler of planned captures runs here).
 */
import type { FastifyInstance } from 'fastify';
import { PlannedCaptures } from '../../capture/planned-captures.js';
import { launchPlannedCapture, registerCaptureDownload, type CaptureRouteDeps } from './capture-download.js';
import { registerCaptureFiles } from './capture-files.js';
import { registerCaptureManagement } from './capture-management.js';
import { registerCaptureValidate } from './capture-validate.js';
import { registerPlannedRoutes } from './capture-planned-routes.js';

export function registerDataRoutes(app: FastifyInstance, deps: CaptureRouteDeps): void {
  registerCaptureDownload(app, deps);
  registerCaptureManagement(app, deps.captures);
  registerCaptureValidate(app);
  registerCaptureFiles(app, deps.captures);
  const planned = new PlannedCaptures(deps.captures.db, (plan) => launchPlannedCapture(deps, plan));
  app.addHook('onClose', () => { planned.close(); });
  registerPlannedRoutes(app, deps, planned);
}
