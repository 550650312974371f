/**
 * The checked-in docs/openapi.json must be what the server generates (run scripts/openapi after
 * changing a route), and the server serves the same document at /API/openapi.json.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openApiDocument } from '../../src/api/openapi-document.js';
import { repoRoot } from '../support/paths.js';
import { ADMIN, startTestServer } from './support/test-server.js';

test('docs/openapi.json is up to date (else run scripts/openapi)', async () => {
  const generated = await openApiDocument();
  const checkedIn = readFileSync(join(repoRoot, 'docs', 'openapi.json'), 'utf8');
  assert.ok(generated === checkedIn, 'docs/openapi.json is stale: run scripts/openapi and commit it');
});

test('/API/openapi.json serves the document, every route in it', async () => {
  const t = await startTestServer();
  const doc = (await (await t.request('/API/openapi.json', { auth: ADMIN })).json()) as { paths: Record<string, Record<string, unknown>> };
  // The web UI's files (outside /API) are not part of the API document.
  for (const route of t.server.routes.filter((r) => r.url.startsWith('/API'))) {
    const path = route.url.replace('/*', '/{*}').replace(/:(\w+)/g, '{$1}');
    assert.ok(doc.paths[path]?.[route.method.toLowerCase()] !== undefined || route.url === '/API/openapi.json', `${route.method} ${path} in the document`);
  }
  await t.close();
});
