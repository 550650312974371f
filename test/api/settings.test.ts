/**
 * The interface settings API over HTTPS with the real curl: admin only, validated (names, machine
 * interfaces, links), saved in the data directory's database and kept across a restart. Starting
 * captures for real is tested in test/live/interface-settings.test.ts.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { SlotRegistry } from '../../src/api/module-registry.js';
import { createServer, type RunningServer } from '../../src/api/server.js';

const run = promisify(execFile);
const ADMIN = 'admin:settings-test-password';
type Json = Record<string, unknown>;
let server: RunningServer, dataDir = '';

async function curl(args: readonly string[]): Promise<{ status: number; body: Json }> {
  const { stdout } = await run('curl', ['--silent', '-k', '-w', '\n%{http_code}', ...args]);
  const cut = stdout.lastIndexOf('\n');
  return { status: Number(stdout.slice(cut + 1)), body: JSON.parse(stdout.slice(0, cut) || '{}') as Json };
}
const put = async (body: unknown, user = ADMIN): Promise<{ status: number; body: Json }> =>
  curl(['-u', user, '-X', 'PUT', '-H', 'content-type: application/json', '-d', JSON.stringify(body), `${server.url}/API/system/settings/interfaces`]);
const get = async (user = ADMIN): Promise<{ status: number; body: Json }> => curl(['-u', user, `${server.url}/API/system/settings/interfaces`]);

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'wm-settings-'));
  server = await createServer({ dataDir, port: 0, adminPassword: 'settings-test-password', slots: new SlotRegistry(), liveFromSettings: true });
  const r = await curl(['-u', ADMIN, '-H', 'content-type: application/json', '-d', JSON.stringify({ name: 'someone', password: 'a-long-password-1', role: 'user' }), `${server.url}/API/system/users`]);
  assert.equal(r.status, 201, JSON.stringify(r.body));
});

after(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('nothing saved at first; the machine\'s interfaces are listed', async () => {
  const r = await get();
  assert.equal(r.status, 200);
  assert.equal(r.body.saved, null);
  assert.deepEqual(r.body.active, { running: false, origin: null, interfaces: [], links: [], state: 'idle', error: null });
  assert.ok((r.body.available as string[]).includes('lo'), JSON.stringify(r.body.available));
  assert.equal(server.liveOrigin, null);
});

test('only admins read or write the interface settings', async () => {
  assert.equal((await get('someone:a-long-password-1')).status, 403);
  assert.equal((await put({ interfaces: [] }, 'someone:a-long-password-1')).status, 403);
  assert.equal((await curl([`${server.url}/API/system/settings/interfaces`])).status, 401);
});

test('bad settings are refused with the reason and change nothing', async () => {
  const cases: [unknown, RegExp][] = [
    [{ interfaces: ['eth 0'] }, /not an interface name/],
    [{ interfaces: ['wmnosuch0'] }, /no network interface 'wmnosuch0'/],
    [{ interfaces: ['lo', 'lo'] }, /named twice/],
    [{ interfaces: ['lo'], links: [['lo', 'eth9']] }, /'eth9', which is not one of the interfaces/],
    [{ interfaces: ['lo'], links: [['lo'], ['lo']] }, /in two links/],
    [{ interfaces: 'lo' }, /interfaces/],
    [{ interfaces: [], colour: 'red' }, /colour|additional/],
  ];
  for (const [body, reason] of cases) {
    const r = await put(body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.match(String(r.body.error), reason, JSON.stringify(r.body));
  }
  assert.equal((await get()).body.saved, null);
});

test('saved settings are kept across a restart; an empty list runs no live analysis', async () => {
  const r = await put({ interfaces: [] });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(r.body.saved, { interfaces: [], links: [] });
  assert.equal((r.body.active as Json).running, false);
  await server.close();
  server = await createServer({ dataDir, port: 0, slots: new SlotRegistry(), liveFromSettings: true });
  assert.deepEqual((await get()).body.saved, { interfaces: [], links: [] });
  assert.equal(server.liveOrigin, null);
  assert.equal((await curl(['-u', ADMIN, `${server.url}/API/stats/processing`])).body.state, 'idle');
});
