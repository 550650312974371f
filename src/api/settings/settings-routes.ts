/**
 * @module api/settings/settings-routes
 * `GET/PUT /API/system/settings/interfaces` (admin only): the live capture's interfaces and links
 * as stored, what runs in slot 0 now, and this machine's network interfaces. PUT validates, saves
 * and applies at once (LiveControl: the live analysis of slot 0 is replaced or stopped without a
 * restart). At the next start the command line's --interface, when given, wins over these.
 */
import { readdirSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../api-error.js';
import { anyObjectSchema, authErrors, errorSchema } from '../schemas.js';
import type { LiveControl } from './live-control.js';
import { parseInterfaceSettings, SettingsError, type SettingsDb } from './settings-db.js';

export interface SettingsDeps {
  readonly settings: SettingsDb;
  readonly live: LiveControl;
}

/** The network interfaces of this machine (Linux: /sys/class/net), sorted; empty elsewhere. */
function machineInterfaces(): string[] {
  try {
    return readdirSync('/sys/class/net').sort();
  } catch {
    return [];
  }
}

const bodySchema = {
  type: 'object', additionalProperties: false, required: ['interfaces'],
  properties: {
    interfaces: { type: 'array', maxItems: 16, items: { type: 'string', maxLength: 64 }, description: 'interfaces analysed live into slot 0, in order; [] stops the live analysis' },
    links: { type: 'array', items: { type: 'array', minItems: 1, items: { type: 'string', maxLength: 64 } }, description: 'which interfaces form a link, e.g. [["eth0","eth1"]]; the others pair in order' },
  },
} as const;

export function registerSettingsRoutes(app: FastifyInstance, deps: SettingsDeps): void {
  const view = (): Record<string, unknown> => ({ saved: deps.settings.interfaces(), active: deps.live.describe(), available: machineInterfaces() });
  app.get('/API/system/settings/interfaces', {
    config: { access: 'admin' },
    schema: { summary: 'Live capture interfaces and links: saved, running, available (admin)', tags: ['system'], response: { 200: anyObjectSchema, ...authErrors } },
  }, view);
  app.put<{ Body: unknown }>('/API/system/settings/interfaces', {
    config: { access: 'admin' },
    schema: {
      summary: 'Save the live capture interfaces and links and apply them now (admin)', tags: ['system'], body: bodySchema,
      response: { 200: anyObjectSchema, 400: errorSchema, ...authErrors },
    },
  }, async (request) => {
    let settings;
    try {
      settings = parseInterfaceSettings(request.body, true);
    } catch (err) {
      if (err instanceof SettingsError) throw new ApiError(400, err.message, err.parameter);
      throw err;
    }
    deps.settings.saveInterfaces(settings);
    await deps.live.apply(settings, 'settings');
    return view();
  });
}
