/**
 * The server itself: HTTPS with a generated certificate that is kept across restarts, a user
 * certificate, plain HTTP only on loopback, a generated first admin password, security headers.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fetch } from 'undici';
import { createServer } from '../../src/api/server.js';
import { basic, startTestServer } from './support/test-server.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'wm-server-'));
  dirs.push(d);
  return d;
}
after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

test('a generated certificate and admin are kept in the data dir across restarts', async () => {
  const dataDir = tempDir();
  const first = await createServer({ dataDir, port: 0, adminPassword: '' });
  const cert = readFileSync(join(dataDir, 'tls', 'cert.pem'), 'utf8');
  assert.equal(statSync(join(dataDir, 'tls', 'key.pem')).mode & 0o777, 0o600);
  assert.equal(first.tls?.generated, true);
  const admin = first.initialAdmin;
  assert.ok(admin?.generated);
  assert.equal(admin.password.length, 24);
  await first.close();
  const second = await createServer({ dataDir, port: 0, adminPassword: 'ignored-now' });
  assert.equal(second.tls?.generated, false);
  assert.equal(second.tls.cert, cert);
  assert.equal(second.initialAdmin, undefined);
  const t = await startTestServer({ dataDir: tempDir() });
  await t.close();
  await second.close();
});

test('HTTPS answers with security headers; a user certificate is used as given', async () => {
  const t = await startTestServer();
  const r = await t.request('/API/system/info', { auth: ['admin', 'admin-password-1'] });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('strict-transport-security'), 'max-age=31536000');
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(r.headers.get('cache-control'), 'no-store');
  const info = (await r.json()) as { product: string; slots: { id: number }[] };
  assert.equal(info.product, 'wiremeter');
  assert.deepEqual(info.slots.map((s) => s.id), [0, 1]);
  const userDir = tempDir();
  const own = await createServer({ dataDir: userDir, port: 0, adminPassword: 'x-password', certFile: join(t.dataDir, 'tls', 'cert.pem'), keyFile: join(t.dataDir, 'tls', 'key.pem') });
  assert.equal(own.tls?.fingerprint256, t.server.tls?.fingerprint256);
  await own.close();
  await t.close();
});

test('plain HTTP only when asked and only on loopback', async () => {
  await assert.rejects(createServer({ dataDir: tempDir(), port: 0, http: true, host: '0.0.0.0', adminPassword: 'x-password' }), /loopback/);
  const s = await createServer({ dataDir: tempDir(), port: 0, http: true, adminPassword: 'x-password' });
  assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  const r = await fetch(`${s.url}/API/session`, { headers: { authorization: basic('admin', 'x-password') } });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('strict-transport-security'), null);
  await s.close();
});
