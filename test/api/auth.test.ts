/**
 * Users and sessions: the first admin, Basic auth, session login with the HttpOnly cookie and
 * CSRF token, cross-origin refusal, user management with the last-admin guard, throttled failures.
 */
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { ADMIN, ADMIN_PASSWORD, basic, startTestServer, type TestServer } from './support/test-server.js';

let t: TestServer;
before(async () => { t = await startTestServer(); });
after(async () => { await t.close(); });

async function login(user: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const r = await t.request('/API/login', { method: 'POST', json: { user, password } });
  assert.equal(r.status, 200);
  const setCookie = r.headers.get('set-cookie') ?? '';
  assert.match(setCookie, /^wm_session=[\w-]{43}; Path=\/API; HttpOnly; SameSite=Strict; Max-Age=\d+; Secure$/);
  const body = (await r.json()) as { csrfToken: string; role: string };
  assert.equal(body.role, user === 'admin' ? 'admin' : 'user');
  return { cookie: setCookie.split(';')[0] ?? '', csrf: body.csrfToken };
}

test('the first admin exists with the given password; Basic auth works, a wrong password is 401', async () => {
  assert.deepEqual(t.server.initialAdmin, { user: 'admin', password: ADMIN_PASSWORD, generated: false });
  assert.equal((await t.request('/API/session', { auth: ADMIN })).status, 200);
  const wrong = await t.request('/API/session', { auth: ['admin', 'nope-nope'] });
  assert.equal(wrong.status, 401);
  assert.match(wrong.headers.get('www-authenticate') ?? '', /^Basic realm="wiremeter"/);
  assert.equal((await t.request('/API/session', { headers: { authorization: 'Bearer x' } })).status, 401);
  assert.equal((await t.request('/API/session', { headers: { authorization: 'Basic !!!' } })).status, 401);
});

test('session login: cookie for reads, cookie + CSRF token for changes, logout ends it', async () => {
  const s = await login('admin', ADMIN_PASSWORD);
  const me = await t.request('/API/session', { headers: { cookie: s.cookie } });
  assert.deepEqual(await me.json(), { user: 'admin', role: 'admin', pcap: true, csrfToken: s.csrf });
  const create = { name: 'viaSession', password: 'session-pass', role: 'user' };
  const noCsrf = await t.request('/API/system/users', { method: 'POST', headers: { cookie: s.cookie }, json: create });
  assert.equal(noCsrf.status, 403);
  const badCsrf = await t.request('/API/system/users', { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': 'x' }, json: create });
  assert.equal(badCsrf.status, 403);
  const ok = await t.request('/API/system/users', { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, json: create });
  assert.equal(ok.status, 201);
  const cross = await t.request('/API/system/users/viaSession', { method: 'DELETE', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, origin: 'https://evil.example' } });
  assert.equal(cross.status, 403);
  const out = await t.request('/API/logout', { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });
  assert.equal(out.status, 204);
  assert.equal((await t.request('/API/session', { headers: { cookie: s.cookie } })).status, 401);
});

test('user management: create, read, change role/pcap/password, delete; last admin guarded', async () => {
  const post = (json: unknown) => t.request('/API/system/users', { method: 'POST', auth: ADMIN, json });
  assert.equal((await post({ name: 'ann', password: 'ann-password', role: 'user' })).status, 201);
  assert.equal((await post({ name: 'ann', password: 'ann-password', role: 'user' })).status, 409);
  const short = await post({ name: 'bob', password: 'short', role: 'user' });
  assert.deepEqual([short.status, ((await short.json()) as { parameter: string }).parameter], [400, 'password']);
  const badRole = await post({ name: 'bob', password: 'bob-password', role: 'root' });
  assert.equal(badRole.status, 400);
  const extra = await post({ name: 'bob', password: 'bob-password', role: 'user', admin: true });
  assert.deepEqual([extra.status, ((await extra.json()) as { parameter: string }).parameter], [400, 'admin']);
  assert.equal((await t.request('/API/system/users', { auth: ['ann', 'ann-password'] })).status, 403);
  assert.equal((await t.request('/API/stats/modules/ip', { auth: ['ann', 'ann-password'] })).status, 200);
  assert.equal((await t.request('/API/data/modules/capture', { auth: ['ann', 'ann-password'] })).status, 403);
  const patch = await t.request('/API/system/users/ann', { method: 'PATCH', auth: ADMIN, json: { pcap: true, password: 'ann-password-2' } });
  assert.deepEqual({ ...((await patch.json()) as object), created: 0 }, { name: 'ann', role: 'user', pcap: true, created: 0 });
  assert.equal((await t.request('/API/session', { auth: ['ann', 'ann-password'] })).status, 401);
  // The pcap permission opens packet capture (an empty window: the download ends at once).
  const capture = await t.request('/API/data/modules/capture?endTime=1', { auth: ['ann', 'ann-password-2'] });
  assert.equal(capture.status, 200);
  assert.equal(Buffer.from(await capture.arrayBuffer()).readUInt32LE(0), 0x0a0d0d0a);
  const selfChange = await t.request('/API/system/password', { method: 'PUT', auth: ['ann', 'ann-password-2'], json: { oldPassword: 'ann-password-2', password: 'ann-password-3' } });
  assert.equal(selfChange.status, 204);
  assert.equal((await t.request('/API/session', { auth: ['ann', 'ann-password-3'] })).status, 200);
  const list = (await (await t.request('/API/system/users', { auth: ADMIN })).json()) as { name: string }[];
  assert.deepEqual(list.map((u) => u.name), ['admin', 'ann', 'viaSession']);
  assert.equal((await t.request('/API/system/users/admin', { method: 'DELETE', auth: ADMIN })).status, 409);
  assert.equal((await t.request('/API/system/users/admin', { method: 'PATCH', auth: ADMIN, json: { role: 'user' } })).status, 409);
  assert.equal((await t.request('/API/system/users/ann', { method: 'DELETE', auth: ADMIN })).status, 204);
  assert.equal((await t.request('/API/system/users/ann', { method: 'DELETE', auth: ADMIN })).status, 404);
  assert.equal((await t.request('/API/session', { auth: ['ann', 'ann-password-3'] })).status, 401);
});

test('bodies: too large is 413, bad JSON is 400, never a stack trace', async () => {
  const big = await t.request('/API/login', { method: 'POST', body: JSON.stringify({ user: 'a', password: 'x'.repeat(100_000) }), headers: { 'content-type': 'application/json' } });
  assert.equal(big.status, 413);
  const bad = await t.request('/API/login', { method: 'POST', body: '{"user":', headers: { 'content-type': 'application/json' } });
  assert.equal(bad.status, 400);
  assert.ok(!(await bad.text()).includes('    at '));
});

test('failed logins are throttled: 429 with Retry-After, even for the right password', async () => {
  let last = 0;
  for (let i = 0; i < 6; i++) {
    const r = await t.request('/API/login', { method: 'POST', json: { user: 'admin', password: `guess-${i}` } });
    last = r.status;
    await r.arrayBuffer();
  }
  assert.equal(last, 429);
  const right = await t.request('/API/login', { method: 'POST', json: { user: 'admin', password: ADMIN_PASSWORD } });
  assert.equal(right.status, 429);
  assert.ok(Number(right.headers.get('retry-after')) > 0);
  const viaBasic = await t.request('/API/session', { headers: { authorization: basic('admin', 'another-guess') } });
  assert.equal(viaBasic.status, 429);
});
