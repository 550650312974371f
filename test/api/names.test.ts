/**
 * User-defined names over real HTTPS: add, read, change, delete and clear (admins write, users
 * read), CSV upload and download in the `ip,192.168.0.1,category,name` form, IP-list import, bad
 * input answered 400 with the line, persistence across a restart on the same data directory, and
 * the names of a real analysis (DNS answers and user names) on the IP rows, found by the filter.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { analyzeFile } from '../../src/analysis/analyze-file.js';
import { MODULES } from '../../src/modules/registry.js';
import { pcapPath } from '../support/paths.js';
import { ADMIN, startTestServer, type TestServer } from './support/test-server.js';

const USER: [string, string] = ['reader', 'reader-password'];
const dataDir = mkdtempSync(join(tmpdir(), 'wm-names-'));
let t: TestServer;

before(async () => {
  t = await startTestServer({ dataDir });
  assert.equal((await t.request('/API/system/users', { method: 'POST', auth: ADMIN, json: { name: USER[0], password: USER[1], role: 'user' } })).status, 201);
});
after(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function json(path: string, init: Parameters<TestServer['request']>[1] = {}): Promise<{ status: number; body: unknown }> {
  const r = await t.request(path, { auth: ADMIN, ...init });
  const text = await r.text();
  return { status: r.status, body: text === '' ? null : JSON.parse(text) as unknown };
}

test('add, read, change, delete: admins write, users read; addresses are canonical', async () => {
  const added = await json('/API/system/names', { method: 'POST', json: { kind: 'ip', address: '2001:DB8:0:0::1', category: 'servers', name: 'db-1' } });
  assert.equal(added.status, 201);
  assert.deepEqual({ ...(added.body as object), updated: 0 }, { kind: 'ip', address: '2001:db8::1', category: 'servers', name: 'db-1', updated: 0 });
  assert.equal((await json('/API/system/names', { method: 'POST', auth: USER, json: { kind: 'ip', address: '10.0.0.1', name: 'x' } })).status, 403);
  const read = await json('/API/system/names/ip/2001:db8::1', { auth: USER });
  assert.equal(read.status, 200);
  assert.equal((read.body as { name: string }).name, 'db-1');
  const put = await json('/API/system/names/mac/00-1A-2B-3C-4D-5E', { method: 'PUT', json: { category: 'printers', name: 'hp' } });
  assert.equal(put.status, 200);
  assert.equal((put.body as { address: string }).address, '00:1a:2b:3c:4d:5e');
  const list = await json('/API/system/names', { auth: USER });
  assert.deepEqual((list.body as { kind: string; address: string }[]).map((u) => `${u.kind} ${u.address}`), ['ip 2001:db8::1', 'mac 00:1a:2b:3c:4d:5e']);
  assert.equal((await json('/API/system/names/mac/00:1a:2b:3c:4d:5e', { method: 'DELETE' })).status, 204);
  assert.equal((await json('/API/system/names/mac/00:1a:2b:3c:4d:5e', { method: 'DELETE' })).status, 404);
  assert.equal((await json('/API/system/names/ip/10.9.9.9')).status, 404);
  const bad = await json('/API/system/names', { method: 'POST', json: { kind: 'ip', address: '300.1.1.1', name: 'x' } });
  assert.equal(bad.status, 400);
  assert.match((bad.body as { error: string }).error, /not an IP address/);
  assert.equal((await json('/API/system/names/ip/not-an-ip')).status, 400);
  assert.equal((await json('/API/system/names', { method: 'POST', json: { kind: 'ip', address: '10.0.0.1', name: 'a\u0001b' } })).status, 400);
});

test('CSV upload and download, IP-list import, clear', async () => {
  const csv = 'kind,address,category,name\nip,192.168.0.1,servers,gateway\nmac,00:00:00:00:00:01,lab,"switch, floor 2"\nip,999.1.1.1,x,y\nbogus,1,2,3\n';
  const up = await json('/API/system/names/csv', { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } });
  assert.equal(up.status, 200);
  const r = up.body as { added: number; errors: string[] };
  assert.equal(r.added, 2);
  assert.deepEqual(r.errors.map((e) => e.replace(/:.*/, '')), ['record 4', 'record 5']);
  assert.equal((await json('/API/system/names/csv', { method: 'POST', auth: USER, body: csv, headers: { 'content-type': 'text/csv' } })).status, 403);
  const list = await json('/API/system/names/iplist?category=blocked&name=scanner', {
    method: 'POST', body: '# a comment\n1.2.3.1\n\n1.2.3.2  # trailing\nnope\n', headers: { 'content-type': 'text/plain' },
  });
  assert.equal(list.status, 200);
  assert.equal((list.body as { added: number }).added, 2);
  const down = await t.request('/API/system/names/csv', { auth: USER });
  assert.equal(down.status, 200);
  assert.match(down.headers.get('content-type') ?? '', /^text\/csv/);
  const lines = (await down.text()).trim().split('\n');
  assert.ok(lines.includes('ip,192.168.0.1,servers,gateway'), lines.join('|'));
  assert.ok(lines.includes('ip,1.2.3.2,blocked,scanner'));
  assert.ok(lines.includes('mac,00:00:00:00:00:01,lab,"switch, floor 2"'));
  // The download uploads again unchanged.
  const again = await json('/API/system/names/csv', { method: 'POST', body: lines.join('\n'), headers: { 'content-type': 'text/csv' } });
  assert.deepEqual((again.body as { errors: string[] }).errors, []);
  assert.equal((await json('/API/system/names/csv', { method: 'POST', body: '"unterminated', headers: { 'content-type': 'text/csv' } })).status, 400);
  assert.equal((await json('/API/system/names?kind=mac', { method: 'DELETE' })).status, 200);
  const left = (await json('/API/system/names?kind=mac')).body as unknown[];
  assert.equal(left.length, 0);
});

test('names persist across a restart on the same data directory', async () => {
  assert.equal((await json('/API/system/names', { method: 'POST', json: { kind: 'ip', address: '10.1.1.1', category: 'c', name: 'kept' } })).status, 201);
  await t.close();
  t = await startTestServer({ dataDir });
  const read = await json('/API/system/names/ip/10.1.1.1');
  assert.equal((read.body as { name: string }).name, 'kept');
});

test('IP rows of a real analysis carry DNS-learned and user-defined names, and the filter finds them', async () => {
  const result = await analyzeFile(pcapPath('pcapplusplus_many-protocols.pcap'), { analyzer: { modules: MODULES } });
  const slot = t.server.slots.add(5, 'pcapplusplus_many-protocols.pcap');
  for (const m of result.analyzer.modules) slot.modules.register(m.resource());
  assert.equal((await json('/API/system/names', { method: 'POST', json: { kind: 'ip', address: '10.0.0.138', category: 'infra', name: 'resolver' } })).status, 201);
  interface Row { ip: string; names: { name: string; source: string; category?: string }[] }
  const one = async (filter: string): Promise<Row[]> =>
    ((await json(`/API/stats/modules/ip/ips_paged?mm-id=:5&count=100&filter=${encodeURIComponent(filter)}`)).body as { displayedItems: Row[] }).displayedItems;
  // The address answered DNS for www.google.com, and its HTTP Host and TLS SNI named it too.
  const google = [{ name: 'www.google.com', source: 'http' }, { name: 'www.google.com', source: 'tls' }, { name: 'www.google.com', source: 'dns' }];
  assert.deepEqual((await one('www.google.com')).map((r) => [r.ip, r.names]), [['173.194.78.104', google]]);
  assert.deepEqual((await one('resolver')).map((r) => [r.ip, r.names]), [['10.0.0.138', [{ name: 'resolver', source: 'user', category: 'infra' }]]]);
  assert.deepEqual((await one('infra')).map((r) => r.ip), ['10.0.0.138']);
  const sub = await json('/API/stats/modules/ip/ips/173.194.78.104/names?mm-id=:5');
  assert.deepEqual(sub.body, { ip: '173.194.78.104', names: google });
  // tshark: the answers for www.google.com hold 12 distinct addresses.
  const learned = await json('/API/stats/modules/names/learned_paged?mm-id=:5&count=50&filter=www.google.com');
  const ips = (learned.body as { displayedItems: { ip: string; name: string; source: string }[] }).displayedItems.filter((n) => n.name === 'www.google.com' && n.source === 'dns').map((n) => n.ip).sort();
  assert.deepEqual(ips, ['173.194.78.103', '173.194.78.104', '173.194.78.105', '173.194.78.106', '173.194.78.147', '173.194.78.99',
    '64.233.167.103', '64.233.167.104', '64.233.167.105', '64.233.167.106', '64.233.167.147', '64.233.167.99']);
});

test('MAC rows carry user-defined MAC names, and the filter finds them by name and category', async () => {
  const result = await analyzeFile(pcapPath('pcapplusplus_many-protocols.pcap'), { analyzer: { modules: MODULES } });
  const slot = t.server.slots.add(6, 'pcapplusplus_many-protocols.pcap');
  for (const m of result.analyzer.modules) slot.modules.register(m.resource());
  assert.equal((await json('/API/system/names', { method: 'POST', json: { kind: 'mac', address: '30-46-9A-23-FB-FA', category: 'gateways', name: 'edge router' } })).status, 201);
  interface Row { mac: string; names: { name: string; source: string; category?: string }[] }
  const rows = async (filter: string): Promise<Row[]> =>
    ((await json(`/API/stats/modules/mac/macs_paged?mm-id=:6&count=100&filter=${encodeURIComponent(filter)}`)).body as { displayedItems: Row[] }).displayedItems;
  const named = [['30:46:9a:23:fb:fa', [{ name: 'edge router', source: 'user', category: 'gateways' }]]];
  assert.deepEqual((await rows('edge router')).map((r) => [r.mac, r.names]), named);
  assert.deepEqual((await rows('gateways')).map((r) => [r.mac, r.names]), named);
  assert.deepEqual((await rows('(names~router)')).map((r) => r.mac), ['30:46:9a:23:fb:fa']);
  const one = await json('/API/stats/modules/mac/macs/30:46:9a:23:fb:fa?mm-id=:6&skiphistorydata=true');
  assert.deepEqual((one.body as Row).names, named[0]?.[1]);
});
