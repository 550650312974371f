/**
 * The authorization matrix, generated from the server's route registry: every registered route ×
 * (no credentials, admin, user, user with pcap) → the expected status. A route added later is
 * covered without editing this test, and only POST /API/login may be public.
 */
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import type { Access } from '../../src/api/auth/access.js';
import { ADMIN, startTestServer, type TestServer } from './support/test-server.js';

let t: TestServer;
const USER: [string, string] = ['reader', 'reader-password'];
const PCAP: [string, string] = ['capturer', 'capturer-password'];

before(async () => {
  t = await startTestServer();
  for (const [[name, password], pcap] of [[USER, false], [PCAP, true]] as const) {
    const r = await t.request('/API/system/users', { method: 'POST', auth: ADMIN, json: { name, password, role: 'user', pcap } });
    assert.equal(r.status, 201);
  }
});
after(async () => { await t.close(); });

/** A concrete path for a route pattern: parameters get harmless values. */
function concrete(url: string): string {
  // The capture download with a window in the past: an empty capture that ends at once.
  if (url === '/API/data/modules/capture') return `${url}?endTime=1`;
  return url.replace('/*', '/ip').replace(':name', 'nobody-here');
}

function allowed(access: Access, who: 'admin' | 'user' | 'pcap'): boolean {
  return access === 'public' || access === 'user' || (access === 'pcap' && who !== 'user') || who === 'admin';
}

test('only login is public (and the web UI\'s files outside /API)', () => {
  const api = t.server.routes.filter((r) => r.url.startsWith('/API'));
  assert.deepEqual(api.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.url}`), ['POST /API/login']);
  assert.ok(t.server.routes.filter((r) => !r.url.startsWith('/API')).every((r) => r.method === 'GET' && r.access === 'public'));
  assert.ok(t.server.routes.length >= 15);
});

test('every route × every role × no credentials', async () => {
  const who = { admin: ADMIN, user: USER, pcap: PCAP } as const;
  for (const route of t.server.routes) {
    const path = concrete(route.url);
    const init = { method: route.method, ...(['POST', 'PUT', 'PATCH'].includes(route.method) ? { json: {} } : {}) };
    const anonymous = await t.request(path, init);
    await anonymous.arrayBuffer();
    const label = `${route.method} ${route.url}`;
    if (route.access === 'public') assert.notEqual(anonymous.status, 401, label);
    else assert.equal(anonymous.status, 401, `${label} without credentials`);
    for (const [role, creds] of Object.entries(who) as ['admin' | 'user' | 'pcap', [string, string]][]) {
      const r = await t.request(path, { ...init, auth: creds });
      const body = await r.text();
      if (allowed(route.access, role)) assert.ok(r.status !== 401 && r.status !== 403, `${label} as ${role}: ${r.status} ${body}`);
      else assert.equal(r.status, 403, `${label} as ${role}: ${body}`);
      assert.ok(!body.includes('    at '), `${label}: no stack trace`);
    }
  }
});

test('unknown paths need credentials too', async () => {
  assert.equal((await t.request('/API/secret')).status, 401);
  assert.equal((await t.request('/elsewhere', { auth: ADMIN })).status, 404);
});
