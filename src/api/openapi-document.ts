/**
 * @module api/openapi-document
 * The OpenAPI document as the server generates it (from the routes' JSON schemas, by
 * @fastify/swagger), built without listening. `node dist/src/api/openapi-document.js` prints it;
 * scripts/openapi writes it to docs/openapi.json, and test/api/openapi.test.ts fails when that
 * checked-in copy is stale.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildApp } from './app.js';
import { Authenticator } from './auth/authenticator.js';
import { UserDb } from './auth/user-db.js';
import { SlotRegistry } from './module-registry.js';
import { packageVersion } from './server.js';
import { ProfileDb } from './uploads/profile-db.js';
import { UploadSlots } from './uploads/upload-slots.js';

export async function openApiDocument(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'wm-openapi-'));
  const users = new UserDb(dir);
  const profiles = new ProfileDb(dir);
  try {
    const slots = new SlotRegistry();
    const { app } = await buildApp({
      slots, uploads: { uploads: new UploadSlots(slots), profiles }, auth: new Authenticator(users), deviceName: 'wiremeter', version: packageVersion(),
      startedAt: 0, tls: { key: '', cert: '' }, logLevel: 'silent',
    });
    const doc = JSON.stringify(app.swagger(), null, 2) + '\n';
    await app.close();
    return doc;
  } finally {
    users.close();
    profiles.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(await openApiDocument());
}
