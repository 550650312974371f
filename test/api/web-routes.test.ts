/**
 * The web UI's files as `wiremeter serve` answers them: the page at / and at the SPA's own paths
 * without login, with a strict CSP; hashed assets cacheable; other paths and /API still need
 * credentials; a 401 to the UI's calls (X-Requested-With) carries no Basic challenge, so the browser
 * shows no login dialog over the UI's form, while scripts still get one.
 */
import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { DEFAULT_WEB_ROOT } from '../../src/api/routes/web-routes.js';
import { ADMIN, startTestServer, type TestServer } from './support/test-server.js';

let t: TestServer;
before(async () => { t = await startTestServer(); });
after(async () => { await t.close(); });

test('the page loads without login, at / and at the UI\'s own paths, with a strict CSP', async () => {
  for (const path of ['/', '/ip/10.0.0.1', '/modules/ip?tab=ips_paged', '/connection/3', '/mac/00:11:22:33:44:55', '/settings']) {
    const r = await t.request(path);
    const body = await r.text();
    assert.equal(r.status, 200, path);
    assert.match(r.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(body, /<div id="root"><\/div>/);
    assert.doesNotMatch(body, /<script>(?!<)/, 'no inline script');
    const csp = r.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  }
});

test('assets: served without login and cacheable; unknown ones are 404', async () => {
  const js = readdirSync(`${DEFAULT_WEB_ROOT}/assets`).find((f) => f.endsWith('.js'));
  assert.ok(js !== undefined, 'the UI is built (npm run build)');
  const r = await t.request(`/assets/${js}`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /javascript/);
  assert.match(r.headers.get('cache-control') ?? '', /immutable/);
  await r.arrayBuffer();
  const missing = await t.request('/assets/nothing-here.js');
  assert.equal(missing.status, 404);
  await missing.arrayBuffer();
  assert.equal((await t.request('/assets/..%2Fpackage.json')).status, 404);
});

test('everything else still needs credentials; the UI gets 401 without a Basic challenge', async () => {
  assert.equal((await t.request('/elsewhere', { auth: ADMIN })).status, 404);
  const script = await t.request('/API/stats/time');
  assert.equal(script.status, 401);
  assert.match(script.headers.get('www-authenticate') ?? '', /^Basic/);
  const ui = await t.request('/API/stats/time', { headers: { 'x-requested-with': 'wiremeter-ui' } });
  assert.equal(ui.status, 401);
  assert.equal(ui.headers.get('www-authenticate'), null);
});
