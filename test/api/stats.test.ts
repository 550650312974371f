/**
 * The statistics tree over real HTTPS: OPTIONS, objects, parameter nodes, lists (sort, reverse,
 * page, count, filter, CSV), query parameters, slots, and the appliance's curl examples run with
 * the real curl.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { fakeHosts, hostJson, type FakeHost } from './support/fake-modules.js';
import { ADMIN, ADMIN_PASSWORD, startTestServer, type TestServer } from './support/test-server.js';

const run = promisify(execFile);
let t: TestServer;
const hosts = fakeHosts(300);
before(async () => { t = await startTestServer(); });
after(async () => { await t.close(); });

async function getJson(path: string, init: { method?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await t.request(path, { auth: ADMIN, ...init });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

/** The real curl, asynchronously (the server runs in this process). */
async function curl(path: string, ...extra: string[]): Promise<{ status: number; stdout: string }> {
  try {
    const r = await run('curl', ['--silent', '--show-error', '-k', '-u', `admin:${ADMIN_PASSWORD}`, ...extra, t.server.url + path], { maxBuffer: 64 << 20 });
    return { status: 0, stdout: r.stdout };
  } catch (err) {
    return { status: (err as { code?: number }).code ?? -1, stdout: '' };
  }
}

test('OPTIONS lists sub-resources, with parameter nodes as :name', async () => {
  assert.deepEqual((await getJson('/API/stats', { method: 'OPTIONS' })).body, { subResources: ['modules', 'time', 'interfaces', 'load', 'processing'] });
  assert.deepEqual((await getJson('/API/stats/modules', { method: 'OPTIONS' })).body, { subResources: ['ip', 'mac'] });
  assert.deepEqual((await getJson('/API/stats/modules/ip/ips', { method: 'OPTIONS' })).body, { subResources: ['protocol', ':ip'] });
  assert.deepEqual((await getJson('/API/stats/modules/ip/ips/10.0.0.1', { method: 'OPTIONS' })).body, { subResources: ['peers'] });
  assert.deepEqual((await getJson('/API', { method: 'OPTIONS' })).body.subResources, ['stats', 'data', 'system', 'login', 'logout', 'session', 'openapi.json']);
});

test('objects and parameter nodes; bad values 400, unknown values and paths 404', async () => {
  const ip = await getJson('/API/stats/modules/ip/ips/10.0.0.5');
  assert.equal(ip.status, 200);
  assert.deepEqual(ip.body.allTime, hostJson(hosts[4] as FakeHost).allTime);
  assert.deepEqual(await getJson('/API/stats/modules/ip/ips/banana'), { status: 400, body: { error: "'banana' is not an IP address", parameter: 'ip' } });
  assert.deepEqual(await getJson('/API/stats/modules/ip/ips/10.9.9.9'), { status: 404, body: { error: 'IP 10.9.9.9 was not seen' } });
  assert.equal((await getJson('/API/stats/modules/nope')).status, 404);
  assert.match(String((await getJson('/API/stats/modules/nope')).body.error), /no module 'nope' \(modules: ip, mac\)/);
  assert.equal((await getJson('/API/stats/modules/ip/ips/10.0.0.5/nothing')).status, 404);
  assert.equal((await getJson('/API/stats/modules/' + 'a/'.repeat(40))).status, 404);
  const time = await getJson('/API/stats/time');
  assert.deepEqual(time.body, { time: 1_700_000_000.5, firstPacketTime: null, lastPacketTime: null });
});

test('query parameters become the StatsQuery; bad ones are 400 naming the parameter', async () => {
  const ok = await getJson('/API/stats/modules/ip?starttime=1700000000&endtime=1700003600&values=50');
  assert.deepEqual(ok.body, { ipCount: 300, startSec: 1_700_000_000, endSec: 1_700_003_600, values: 50 });
  assert.equal((await getJson('/API/stats/modules/ip/ips/10.0.0.5?skiphistorydata=true')).body.skippedHistory, true);
  for (const [query, parameter] of [
    ['starttime=yesterday', 'starttime'], ['endtime=-5', 'endtime'], ['starttime=20&endtime=10', 'endtime'],
    ['skiphistorydata=maybe', 'skiphistorydata'], ['timespan=0', 'timespan'], ['values=100000', 'values'],
    ['count=101', 'count'], ['count=0', 'count'], ['page=-1', 'page'], ['reverse=2', 'reverse'], ['csv=yes', 'csv'],
    ['mm-id=:x', 'mm-id'], ['group=1', 'group'], ['filter=' + 'x'.repeat(3000), 'filter'],
  ] as const) {
    const r = await getJson(`/API/stats/modules/ip/ips_paged?${query}`);
    assert.equal(r.status, 400, query);
    assert.equal(r.body.parameter, parameter, query);
    assert.equal(typeof r.body.error, 'string');
    assert.ok(!JSON.stringify(r.body).includes('    at '), 'no stack trace');
  }
});

test('lists: default sort, sort by any column, reverse, page, count, totals', async () => {
  const byBytesDesc = [...hosts].map((h, i) => ({ h, i })).sort((a, b) => (b.h.rxBytes + b.h.txBytes) - (a.h.rxBytes + a.h.txBytes) || a.i - b.i);
  const r = await getJson('/API/stats/modules/ip/ips_paged?sort=bytes&reverse=true&page=2&count=7');
  assert.equal(r.status, 200);
  assert.equal(r.body.totalCount, 300);
  assert.equal(r.body.unfilteredCount, 300);
  assert.deepEqual((r.body.displayedItems as { ip: string }[]).map((x) => x.ip), byBytesDesc.slice(14, 21).map((x) => x.h.ip));
  const asc = await getJson('/API/stats/modules/ip/ips_paged?sort=name&count=3');
  const names = hosts.map((h) => h.name).sort();
  assert.deepEqual((asc.body.displayedItems as { name: string }[]).map((x) => x.name), names.slice(0, 3));
  const def = await getJson('/API/stats/modules/ip/ips_paged');
  assert.equal(def.body.sort, 'bytes');
  assert.equal((def.body.displayedItems as unknown[]).length, 10);
  assert.equal((await getJson('/API/stats/modules/ip/ips_paged?page=1000')).body.displayedItems instanceof Array, true);
  const bad = await getJson('/API/stats/modules/ip/ips_paged?sort=color');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.parameter, 'sort');
  assert.match(String(bad.body.error), /columns: ip, name, l7, bytes/);
});

test('lists: plain and complex filters; filter errors are 400 with the position', async () => {
  const plain = await getJson('/API/stats/modules/ip/ips_paged?filter=10.0.1.&count=100');
  assert.equal(plain.body.totalCount, 50);
  const complex = await getJson(`/API/stats/modules/ip/ips_paged?count=100&filter=${encodeURIComponent('(bytes>500000 and l7=DNS)')}`);
  const expected = hosts.filter((h) => h.rxBytes + h.txBytes > 500000 && h.l7 === 'DNS');
  assert.equal(complex.body.totalCount, expected.length);
  assert.ok(expected.length > 0);
  const bad = await getJson(`/API/stats/modules/ip/ips_paged?filter=${encodeURIComponent('(bytes>10 and colour=red)')}`);
  assert.equal(bad.status, 400);
  assert.equal(bad.body.parameter, 'filter');
  assert.equal(bad.body.position, 14);
  assert.match(String(bad.body.error), /unknown column 'colour' at character 15/);
});

test('csv=true streams the whole list with the same filter and sort, RFC 4180 quoted', async () => {
  const r = await t.request(`/API/stats/modules/ip/ips_paged?csv=true&sort=rxbytes&reverse=true&filter=${encodeURIComponent('(l7!=DNS)')}`, { auth: ADMIN });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /^text\/csv/);
  assert.match(r.headers.get('content-disposition') ?? '', /filename="ips_paged.csv"/);
  const lines = (await r.text()).split('\r\n');
  assert.equal(lines[0], 'ip,name,l7,bytes,rxbytes,txbytes,bps,rxbps,txbps');
  const expected = hosts.map((h, i) => ({ h, i })).filter((x) => x.h.l7 !== 'DNS').sort((a, b) => b.h.rxBytes - a.h.rxBytes || a.i - b.i);
  assert.equal(lines.length, expected.length + 2);
  assert.equal(lines.at(-1), '');
  assert.deepEqual(lines.slice(1, -1).map((l) => l.split(',')[0]), expected.map((x) => x.h.ip));
  assert.ok(lines.some((l) => l.startsWith('10.0.0.4,"printer, ""2nd floor""",NTP,')));
});

test('slots: mm-id, X-Wiremeter-Slot and X-AllegroPackets-Multimeter-ID; unknown slots 404', async () => {
  assert.equal((await getJson('/API/stats/modules/ip?mm-id=:1')).body.ipCount, 5);
  assert.equal((await getJson('/API/stats/modules/ip?mm-id=wm-test:1')).body.ipCount, 5);
  assert.equal((await getJson('/API/stats/modules/ip', { headers: { 'x-wiremeter-slot': '1' } })).body.ipCount, 5);
  assert.equal((await getJson('/API/stats/modules/ip', { headers: { 'x-allegropackets-multimeter-id': ':1' } })).body.ipCount, 5);
  assert.equal((await getJson('/API/stats/modules/ip', { headers: { 'x-allegropackets-multimeter-id': ':0' } })).body.ipCount, 300);
  const unknown = await getJson('/API/stats/modules/ip?mm-id=:7');
  assert.deepEqual(unknown, { status: 404, body: { error: 'no analysis slot 7 (slots: 0, 1)', parameter: 'mm-id' } });
  assert.equal((await getJson('/API/stats/modules/ip', { headers: { 'x-wiremeter-slot': '9' } })).status, 404);
  assert.equal((await getJson('/API/stats/modules/ip?mm-id=elsewhere:1')).status, 404);
  assert.equal((await getJson('/API/stats/time?mm-id=:1')).body.time, null);
});

test("the appliance's curl examples work unchanged with the real curl", async () => {
  const ip = await curl('/API/stats/modules/ip/ips/10.0.0.5');
  assert.equal(ip.status, 0);
  assert.deepEqual((JSON.parse(ip.stdout) as { lastSecond: number[] }).lastSecond, hostJson(hosts[4] as FakeHost).lastSecond);
  const mac = JSON.parse((await curl('/API/stats/modules/mac/macs/ff:ff:ff:ff:ff:ff')).stdout) as { allTime: number[] };
  assert.deepEqual(mac.allTime, [4, 256, 0, 0]);
  const top = JSON.parse((await curl('/API/stats/modules/ip/ips_paged?sort=bps&reverse=true&page=0&count=1')).stdout) as { displayedItems: { ip: string }[] };
  const best = hosts.map((h, i) => ({ h, i })).sort((a, b) => (b.h.rxBps + b.h.txBps) - (a.h.rxBps + a.h.txBps) || a.i - b.i)[0];
  assert.equal(top.displayedItems[0]?.ip, best?.h.ip);
  const peers = JSON.parse((await curl('/API/stats/modules/ip/ips/10.0.0.1/peers?sort=bytes&reverse=true&page=0&count=100&timespan=60&values=100')).stdout) as { displayedItems: unknown[] };
  assert.equal(peers.displayedItems.length, 20);
  const csv = await curl('/API/stats/modules/ip/ips_paged?csv=true');
  assert.equal(csv.stdout.split('\r\n').length, 302);
  // The appliance's own peers example asks count=9999: a page holds at most 100 rows, and the
  // answer says how to get more.
  const many = await getJson('/API/stats/modules/ip/ips/10.0.0.1/peers?sort=bytes&reverse=true&page=0&count=9999&timespan=60&values=100');
  assert.deepEqual(many, { status: 400, body: {
    error: "parameter 'count' must be <= 100; a page holds at most 100 rows: page through with page=0,1,… or take the whole list with csv=true",
    parameter: 'count',
  } });
  const allPeers = await curl('/API/stats/modules/ip/ips/10.0.0.1/peers?sort=bytes&reverse=true&csv=true');
  assert.equal(allPeers.stdout.split('\r\n').length, 22);
  const options = JSON.parse((await curl('/API/stats', '-X', 'OPTIONS')).stdout) as { subResources: string[] };
  assert.deepEqual(options.subResources, ['modules', 'time', 'interfaces', 'load', 'processing']);
});
