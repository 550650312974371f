/**
 * The capture module end to end: a real server analysing a corpus capture streams filtered
 * captures through the real curl; the real tshark (and capinfos) read them. A capture's packets
 * equal what tshark's equivalent display filter selects on the original file (compared as
 * (time, length) lists); pcapng carries interface descriptions and the comment; snap length,
 * time windows, L7 captures, errors, permissions and the management lists; and a slow client on
 * a live slot costs counted drops with a bounded queue, never memory or a stalled analysis.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { analyzeFile } from '../../src/analysis/analyze-file.js';
import { startCaptureFile } from '../../src/api/capture-file-slot.js';
import { SlotRegistry } from '../../src/api/module-registry.js';
import { createServer, type RunningServer } from '../../src/api/server.js';
import { pcapPath } from '../support/paths.js';

const run = promisify(execFile);
const SAMPLE = pcapPath('pcapplusplus_many-protocols.pcap');
const ADMIN = 'admin:admin-password-1';
const CAPTURER = 'capturer:capturer-password';
const READER = 'reader:reader-password';

let server: RunningServer;
let dataDir: string;
let out: string;
const slots = new SlotRegistry();

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'wm-capture-'));
  out = mkdtempSync(join(tmpdir(), 'wm-capture-out-'));
  slots.add(1, 'live test');
  const analysis = startCaptureFile(SAMPLE, slots.slot(0));
  server = await createServer({ port: 0, adminPassword: 'admin-password-1', deviceName: 'wm-test', slots, dataDir });
  await analysis.done;
  for (const [name, pcap] of [['capturer', true], ['reader', false]] as const) {
    await curl(ADMIN, '/API/system/users', '-H', 'content-type: application/json', '-d', JSON.stringify({ name, password: `${name}-password`, role: 'user', pcap }));
  }
});

after(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

async function curl(user: string, path: string, ...extra: string[]): Promise<string> {
  return (await run('curl', ['--silent', '--show-error', '-k', '-u', user, ...extra, server.url + path], { maxBuffer: 64 << 20 })).stdout;
}

/** Downloads a capture to a file; returns the HTTP status. */
async function download(file: string, query: string, user = CAPTURER): Promise<number> {
  const status = await curl(user, `/API/data/modules/capture?${query}`, '-o', join(out, file), '-w', '%{http_code}');
  return Number(status);
}

/** (epoch time, wire length, captured length) per packet, as tshark reads `file` with `filter`. */
async function packets(file: string, filter = ''): Promise<string[]> {
  const args = ['-r', file, '-T', 'fields', '-e', 'frame.time_epoch', '-e', 'frame.len', '-e', 'frame.cap_len'];
  if (filter !== '') args.push('-Y', filter);
  const { stdout } = await run('tshark', args, { maxBuffer: 64 << 20 });
  return stdout.split('\n').filter((l) => l !== '');
}

const enc = encodeURIComponent;

async function curlJson(user: string, path: string, ...extra: string[]): Promise<Record<string, unknown>> {
  return JSON.parse(await curl(user, path, ...extra)) as Record<string, unknown>;
}

test('a filtered pcapng download holds exactly the packets tshark selects on the original', async () => {
  const cases: [string, string][] = [
    ['ip == 10.0.0.0/8 and l4Protocol == TCP and port == 443', 'ip.addr == 10.0.0.0/8 and tcp and tcp.port == 443'],
    ['portrange == 53,80-90 or icmpType == 8', 'udp.port == 53 or tcp.port == 53 or (tcp.port >= 80 and tcp.port <= 90) or (udp.port >= 80 and udp.port <= 90) or icmp.type == 8'],
    ['ip == 54.192.94.30 && tcpFlags == syn', 'ip.addr == 54.192.94.30 and tcp.flags.syn == 1'],
    ['macProtocol != IPv4', 'not ip'],
  ];
  for (const [i, [expression, display]] of cases.entries()) {
    const file = `f${i}.pcapng`;
    assert.equal(await download(file, `startTime=0&expression=${enc(expression)}`), 200);
    const expected = await packets(SAMPLE, display);
    assert.ok(expected.length > 0, expression);
    assert.deepEqual(await packets(join(out, file)), expected, expression);
  }
});

test('pcapng: interface description, section comment with the filter; pcap with a snap length', async () => {
  assert.equal(await download('c.pcapng', `startTime=0&expression=${enc('port == 53')}&comment=${enc('ticket 42')}`), 200);
  const info = (await run('capinfos', [join(out, 'c.pcapng')])).stdout;
  assert.match(info, /Description = wiremeter slot 0 \(pcapplusplus_many-protocols\.pcap\), interface 0/);
  assert.match(info, /ticket 42/);
  assert.match(info, /capture filter: port == 53/);
  assert.match(info, /device: wm-test/);
  assert.equal(await download('s.pcap', `startTime=0&format=pcap&snapPacketLength=64&expression=${enc('l4Protocol == TCP')}`), 200);
  assert.equal(readFileSync(join(out, 's.pcap')).readUInt32LE(0), 0xa1b23c4d);
  const got = await packets(join(out, 's.pcap'));
  const expected = (await packets(SAMPLE, 'tcp')).map((l) => {
    const [t, len] = l.split('\t');
    return `${t as string}\t${len as string}\t${Math.min(Number(len), 64)}`;
  });
  assert.deepEqual(got, expected);
});

test('a time window (µs) captures the packets in [startTime, endTime)', async () => {
  const all = await packets(SAMPLE);
  const times = all.map((l) => Number(l.split('\t')[0]));
  const from = Math.round((times[1000] as number) * 1e6), to = Math.round((times[2000] as number) * 1e6);
  assert.equal(await download('w.pcapng', `startTime=${from}&endTime=${to}`), 200);
  const got = await packets(join(out, 'w.pcapng'));
  assert.deepEqual(got, await packets(SAMPLE, `frame.time_epoch >= ${from / 1e6} and frame.time_epoch < ${to / 1e6}`));
});

test('an L7 capture: DNS flows from their first packet (classified by it)', async () => {
  assert.equal(await download('dns.pcapng', `startTime=0&expression=${enc('l7Protocol == DNS')}`), 200);
  assert.deepEqual(await packets(join(out, 'dns.pcapng')), await packets(SAMPLE, 'dns'));
});

test('errors: bad expression (position), ring buffer, end before start, no pcap permission', async () => {
  const bad = JSON.parse(await curl(CAPTURER, `/API/data/modules/capture?expression=${enc('ip == 10.0.0.1 and')}`)) as Record<string, unknown>;
  assert.equal(bad.parameter, 'expression');
  assert.equal(bad.position, 18);
  assert.match(String(bad.error), /^bad expression: /);
  assert.equal(await download('x', 'expression=ip%20%3D%3D%20300.1.1.1'), 400);
  assert.equal(await download('x', 'fromCaptureBuffer=true'), 501);
  assert.equal(await download('x', 'startTime=20&endTime=10'), 400);
  assert.equal(await download('x', 'endTime=now'), 400);
  assert.equal(await download('x', 'startTime=0', READER), 403);
  assert.equal(await download('x', 'startTime=0', 'nobody:password-x'), 401);
  assert.equal(await download('x', 'startTime=0&mm-id=:7'), 404);
});

test('finished captures, recent filters and favorites', async () => {
  const finished = JSON.parse(await curl(CAPTURER, '/API/data/modules/capture/finished')) as { captures: Record<string, unknown>[] };
  const dns = finished.captures.find((c) => c.expression === 'l7Protocol == DNS');
  assert.ok(dns);
  assert.equal(dns.captured, (await packets(SAMPLE, 'dns')).length);
  assert.equal(dns.dropped, 0);
  assert.equal(dns.source, 'file');
  assert.equal(dns.reason, 'completed');
  assert.ok((dns.bytes as number) > 0 && (dns.throughput as number) > 0);
  const recent = JSON.parse(await curl(CAPTURER, '/API/data/modules/capture/recent')) as { filters: { expression: string }[] };
  assert.equal(recent.filters[0]?.expression, 'l7Protocol == DNS');
  assert.ok(!recent.filters.some((f) => f.expression === 'ip == 10.0.0.1 and'), 'a bad filter is not kept');
  assert.ok(recent.filters.some((f) => f.expression === 'l7Protocol == DNS'));
  const fav = JSON.parse(await curl(CAPTURER, '/API/data/modules/capture/favorites', '-H', 'content-type: application/json', '-d', JSON.stringify({ expression: 'port == 53', description: 'DNS' }))) as { id: number };
  const list = JSON.parse(await curl(CAPTURER, '/API/data/modules/capture/favorites')) as { favorites: { id: number; description: string }[] };
  assert.deepEqual(list.favorites.map((f) => f.description), ['DNS']);
  const badFav = JSON.parse(await curl(CAPTURER, '/API/data/modules/capture/favorites', '-H', 'content-type: application/json', '-d', JSON.stringify({ expression: 'port == x' }))) as Record<string, unknown>;
  assert.equal(badFav.parameter, 'expression');
  assert.equal((await curlJson(CAPTURER, `/API/data/modules/capture/favorites/${fav.id}`, '-X', 'DELETE')).deleted, 1);
  assert.equal((await curlJson(READER, '/API/data/modules/capture/finished')).error, 'needs the pcap permission');
});

test('a slow client on a live slot: drops counted, queue bounded, analysis not stalled; stop ends the download', async () => {
  // A client that stops reading (its socket paused) while the slot is fed, then reads everything.
  const chunks: Buffer[] = [];
  let response: IncomingMessage | undefined;
  const request = httpsGet(`${server.url}/API/data/modules/capture?mm-id=:1`, { rejectUnauthorized: false, auth: CAPTURER }, (res) => {
    res.pause();
    res.on('data', (c: Buffer) => { chunks.push(c); });
    response = res;
  });
  const ended = new Promise<void>((resolve, reject) => {
    request.once('error', reject);
    request.once('response', (res: IncomingMessage) => { res.once('end', resolve); res.once('error', reject); });
  });
  let current: Record<string, number>[] = [];
  for (let i = 0; i < 100 && (current.length === 0 || response === undefined); i++) {
    await sleep(50);
    current = (JSON.parse(await curl(ADMIN, '/API/data/modules/capture/current')) as { captures: Record<string, number>[] }).captures;
  }
  const capture = current[0];
  assert.ok(capture && response, 'the capture runs');
  assert.equal(slots.slot(1).captureTaps.size, 1);
  // Feed the live slot 10 × 2.9 MB while the client reads nothing.
  const started = Date.now();
  let fed = 0;
  let maxQueued = 0;
  for (let i = 0; i < 10; i++) {
    fed += (await analyzeFile(SAMPLE, { captureTaps: slots.slot(1).captureTaps })).summary.packets;
    const now = (JSON.parse(await curl(ADMIN, '/API/data/modules/capture/current')) as { captures: Record<string, number>[] }).captures[0];
    maxQueued = Math.max(maxQueued, now?.queuedBytes ?? 0);
  }
  const feedSec = (Date.now() - started) / 1000;
  assert.ok(feedSec < 60, `analysis not stalled (${feedSec} s)`);
  assert.ok(maxQueued > 0 && maxQueued <= 8 * 1024 * 1024 + 64 * 1024, `queue bounded: ${maxQueued}`);
  assert.equal((await curlJson(ADMIN, `/API/data/modules/capture/current/${capture.id}`, '-X', 'DELETE')).stopped, capture.id);
  response.resume();
  await ended;
  writeFileSync(join(out, 'slow.pcapng'), Buffer.concat(chunks));
  await sleep(100);
  const finished = (JSON.parse(await curl(ADMIN, '/API/data/modules/capture/finished')) as { captures: Record<string, unknown>[] }).captures[0];
  assert.ok(finished);
  assert.equal(finished.id, capture.id);
  assert.equal(finished.source, 'live');
  assert.match(String(finished.reason), /^stopped by admin/);
  assert.ok((finished.dropped as number) > 0, 'drops counted');
  assert.equal((finished.captured as number) + (finished.dropped as number) + (finished.ignored as number), fed);
  assert.equal((await packets(join(out, 'slow.pcapng'))).length, finished.captured);
  assert.equal(slots.slot(1).captureTaps.size, 0);
});

test('captureToMedia: files under <data-dir>/captures, split by size, listed in finished', async () => {
  const started = await curlJson(CAPTURER, `/API/data/modules/capture?startTime=0&captureToMedia=true&directory=split&splitSize=1&format=pcap&filename=${enc('part_%Y.pcap')}`);
  const id = started.id as number;
  assert.equal(started.directory, 'split');
  let record: Record<string, unknown> | undefined;
  for (let i = 0; i < 100 && record === undefined; i++) {
    await sleep(50);
    record = (await curlJson(CAPTURER, '/API/data/modules/capture/finished') as { captures: Record<string, unknown>[] }).captures.find((c) => c.id === id);
  }
  assert.ok(record, 'the disk capture finishes at the end of the file');
  assert.equal(record.mode, 'disk');
  const files = record.files as string[];
  // 2.9 MB of packets in files of at most 1 MB: three files, each read by tshark, together the whole capture.
  assert.equal(files.length, 3);
  assert.deepEqual(files, ['part_2014.pcap', 'part_2014_1.pcap', 'part_2014_2.pcap'].map((f) => f.replace('2014', String(new Date().getUTCFullYear()))));
  const all: string[] = [];
  for (const f of files) {
    const path = join(dataDir, 'captures', 'split', f);
    assert.ok(readFileSync(path).length <= 1_000_000, `${f} ≤ 1 MB`);
    all.push(...await packets(path));
  }
  assert.deepEqual(all, await packets(SAMPLE));
  assert.equal(await download('x', 'splitSize=1'), 400);
  // The files over the API: listed, downloaded, deleted; nothing outside the capture directory.
  const listed = (await curlJson(CAPTURER, '/API/data/modules/capture/files') as { files: { path: string; bytes: number }[] }).files;
  assert.deepEqual(listed.filter((f) => f.path.startsWith('split/')).map((f) => f.path), files.map((f) => `split/${f}`));
  await curl(CAPTURER, `/API/data/modules/capture/files/split/${files[0] as string}`, '-o', join(out, 'fetched.pcap'));
  assert.deepEqual(readFileSync(join(out, 'fetched.pcap')), readFileSync(join(dataDir, 'captures', 'split', files[0] as string)));
  assert.equal(Number(await curl(CAPTURER, '/API/data/modules/capture/files/..%2Fwiremeter.db', '-o', '/dev/null', '-w', '%{http_code}')), 400);
  assert.equal(Number(await curl(CAPTURER, '/API/data/modules/capture/files/split/nosuch', '-o', '/dev/null', '-w', '%{http_code}')), 404);
  assert.equal((await curlJson(CAPTURER, `/API/data/modules/capture/files/split/${files[2] as string}`, '-X', 'DELETE')).deleted, 1);
});

test('zip download: split into entries of at most 1 MB that together hold the capture', async () => {
  assert.equal(await download('c.zip', `startTime=0&zip=true&splitSize=1&format=pcap&filename=${enc('all.pcap')}`), 200);
  const dir = join(out, 'unzipped');
  await run('unzip', ['-q', '-o', join(out, 'c.zip'), '-d', dir]);
  const all: string[] = [];
  for (const f of ['all.pcap', 'all_1.pcap', 'all_2.pcap']) {
    assert.ok(readFileSync(join(dir, f)).length <= 1_000_000, `${f} ≤ 1 MB`);
    all.push(...await packets(join(dir, f)));
  }
  assert.deepEqual(all, await packets(SAMPLE));
  assert.equal(await download('x', 'zip=true&splitDuration=5'), 400);
});

test('capture profiles: DNS whole, everything else cut to 64 bytes', async () => {
  const saved = await curlJson(CAPTURER, '/API/data/modules/capture/profiles/dns-full', '-X', 'PUT', '-H', 'content-type: application/json',
    '-d', JSON.stringify({ rules: [{ protocol: 'dns', snapLength: 65535 }, { protocol: '*', snapLength: 64 }] }));
  assert.deepEqual(saved, { name: 'dns-full', rules: [{ protocol: 'DNS', snapLength: 65535 }, { protocol: '*', snapLength: 64 }] });
  const bad = await curlJson(CAPTURER, '/API/data/modules/capture/profiles/x', '-X', 'PUT', '-H', 'content-type: application/json', '-d', JSON.stringify({ rules: [{ protocol: 'nosuch', snapLength: 1 }] }));
  assert.match(String(bad.error), /unknown L7 protocol 'nosuch'/);
  assert.equal(await download('p.pcapng', 'startTime=0&profile=dns-full'), 200);
  const dns = new Set(await packets(SAMPLE, 'dns'));
  const expected = (await packets(SAMPLE)).map((l) => {
    if (dns.has(l)) return l;
    const [t, len] = l.split('\t');
    return `${t as string}\t${len as string}\t${Math.min(Number(len), 64)}`;
  });
  assert.deepEqual(await packets(join(out, 'p.pcapng')), expected);
  assert.equal(await download('x', 'startTime=0&profile=nosuch'), 404);
  assert.equal((await curlJson(CAPTURER, '/API/data/modules/capture/profiles/dns-full', '-X', 'DELETE')).deleted, 1);
});

test('planned captures: start on time on the live slot, stop after their duration, files on disk', async () => {
  const plan = await curlJson(CAPTURER, '/API/data/modules/capture/planned', '-H', 'content-type: application/json', '-d', JSON.stringify({
    slot: 1, expression: 'l4Protocol == UDP', format: 'pcap', start: Date.now() / 1000, durationSec: 6, directory: 'planned', filename: 'plan_%H%M%S.pcap',
  }));
  assert.equal(plan.user, 'capturer');
  assert.equal(plan.repeatSec, 0);
  let current: Record<string, unknown>[] = [];
  for (let i = 0; i < 60 && current.length === 0; i++) {
    await sleep(100);
    current = (await curlJson(ADMIN, '/API/data/modules/capture/current') as { captures: Record<string, unknown>[] }).captures;
  }
  assert.equal(current[0]?.mode, 'disk', 'the plan started');
  const fed = (await analyzeFile(SAMPLE, { captureTaps: slots.slot(1).captureTaps })).summary.packets;
  let record: Record<string, unknown> | undefined;
  for (let i = 0; i < 200 && record === undefined; i++) {
    await sleep(100);
    record = (await curlJson(ADMIN, '/API/data/modules/capture/finished') as { captures: Record<string, unknown>[] }).captures.find((c) => c.id === current[0]?.id);
  }
  assert.ok(record, 'the run ended after its duration');
  assert.equal(record.reason, 'stopped by its schedule');
  assert.equal((record.captured as number) + (record.ignored as number), fed);
  const files = record.files as string[];
  assert.equal(files.length, 1);
  assert.deepEqual(await packets(join(dataDir, 'captures', 'planned', files[0] as string)), await packets(SAMPLE, 'udp'));
  const plans = (await curlJson(CAPTURER, '/API/data/modules/capture/planned') as { plans: Record<string, unknown>[] }).plans;
  const first = plans[0];
  assert.ok(first);
  assert.equal(first.nextRun, null, 'a plan without repeat runs once');
  assert.equal(first.lastResult, `capture ${String(record.id)}`);
  assert.equal((await curlJson(CAPTURER, `/API/data/modules/capture/planned/${String(plan.id)}`, '-X', 'DELETE')).deleted, 1);
});

test('endTime=now with timespan: the last seconds of packet time', async () => {
  const clock = await curlJson(CAPTURER, '/API/stats/time');
  const nowUs = ((clock.time as number) + 1) * 1e6;
  assert.equal(await download('last.pcapng', 'endTime=now&timespan=5'), 200);
  const expected = await packets(SAMPLE, `frame.time_epoch >= ${(nowUs - 5e6) / 1e6} and frame.time_epoch < ${nowUs / 1e6}`);
  assert.ok(expected.length > 0);
  assert.deepEqual(await packets(join(out, 'last.pcapng')), expected);
});
