/**
 * `GET /API/data/modules/capture/validate` through the real curl: a good filter is valid, a bad one is
 * answered 200 with the parser's message, position and expected tokens (the same the capture's 400
 * carries), and the route needs a login like every other.
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
const ADMIN = 'admin:admin-password-1';
let server: RunningServer;
let dataDir: string;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'wm-capture-validate-'));
  server = await createServer({ port: 0, adminPassword: 'admin-password-1', deviceName: 'wm-test', slots: new SlotRegistry(), dataDir });
  await run('curl', ['--silent', '-k', '-u', ADMIN, '-H', 'content-type: application/json', '-d', JSON.stringify({ name: 'reader', password: 'reader-password', role: 'user' }), `${server.url}/API/system/users`]);
});

after(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function validate(expression: string, user = 'reader:reader-password'): Promise<{ status: number; body: unknown }> {
  const { stdout } = await run('curl', ['--silent', '-k', '-u', user, '-w', '\n%{http_code}', '--get', '--data-urlencode', `expression=${expression}`, `${server.url}/API/data/modules/capture/validate`]);
  const nl = stdout.lastIndexOf('\n');
  return { status: Number(stdout.slice(nl + 1)), body: JSON.parse(stdout.slice(0, nl)) as unknown };
}

test('a good filter is valid; the empty filter (every packet) too', async () => {
  assert.deepEqual(await validate('ip == 10.0.0.1:80 and ip == 10.0.0.2:51234 and l4Protocol == TCP'), { status: 200, body: { valid: true } });
  assert.deepEqual(await validate(''), { status: 200, body: { valid: true } });
});

test('a bad filter: 200 with the message, the position and what was expected', async () => {
  const r = await validate('ip == 10.0.0.1 and');
  assert.equal(r.status, 200);
  assert.deepEqual(r.body, {
    valid: false,
    error: "bad expression: unexpected end of filter at character 19; expected an operand name or '('",
    position: 18,
    expected: ['an operand name', "'('"],
  });
  const v = await validate('port == http');
  assert.equal(v.status, 200);
  assert.equal((v.body as { valid: boolean }).valid, false);
  assert.equal((v.body as { position: number }).position, 8);
});

test('needs a login', async () => {
  const { stdout } = await run('curl', ['--silent', '-k', '-o', '/dev/null', '-w', '%{http_code}', `${server.url}/API/data/modules/capture/validate?expression=port==80`]);
  assert.equal(stdout, '401');
});
