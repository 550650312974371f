/**
 * The fixed nodes of /API/stats (time, interfaces, load, processing) and /API/system/storage over
 * real HTTPS, with corpus captures analysed by the real pipeline (startCaptureFile) into slots 0
 * and 1; the figures are checked against `analyze`'s own report of the same files.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Agent, fetch } from 'undici';
import { analyzeFile } from '../../src/analysis/analyze-file.js';
import { buildReport, type AnalysisReport } from '../../src/analysis/report.js';
import { startCaptureFile } from '../../src/api/capture-file-slot.js';
import { SlotRegistry } from '../../src/api/module-registry.js';
import { createServer, type RunningServer } from '../../src/api/server.js';
import { pcapPath } from '../support/paths.js';
import { basic } from './support/test-server.js';

const MULTI = pcapPath('pcapplusplus_many_interfaces-1.pcapng');
const TRUNC = pcapPath('zeek_trunc_ip4-trunc.pcap');
const BUDGET = 64 * 2 ** 20;
const auth = basic('admin', 'status-test-password');

let server: RunningServer, dispatcher: Agent, dataDir: string, report: AnalysisReport;
type Json = Record<string, unknown>;

async function get(path: string): Promise<Json> {
  const r = await fetch(server.url + path, { headers: { authorization: auth }, dispatcher });
  assert.equal(r.status, 200, `${path}: ${r.status}`);
  return (await r.json()) as Json;
}

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'wm-status-'));
  const slots = new SlotRegistry();
  const multi = startCaptureFile(MULTI, slots.slot(0), { memoryBudgetBytes: BUDGET });
  const trunc = startCaptureFile(TRUNC, slots.add(1, 'trunc'));
  slots.add(2, 'empty');
  server = await createServer({ dataDir, port: 0, adminPassword: 'status-test-password', slots });
  dispatcher = new Agent({ connect: { ca: server.tls?.cert ?? '' } });
  await Promise.all([multi.done, trunc.done]);
  report = buildReport(await analyzeFile(MULTI));
});

after(async () => {
  await dispatcher.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('OPTIONS /API/stats and /API/system list the fixed nodes', async () => {
  const r = await fetch(server.url + '/API/stats', { method: 'OPTIONS', headers: { authorization: auth }, dispatcher });
  assert.deepEqual(await r.json(), { subResources: ['modules', 'time', 'interfaces', 'load', 'processing'] });
  const s = await fetch(server.url + '/API/system', { method: 'OPTIONS', headers: { authorization: auth }, dispatcher });
  assert.deepEqual(((await s.json()) as Json).subResources, ['info', 'storage', 'users', 'password', 'replay', 'analyze-pcap', 'analysis-profiles', 'settings']);
});

test('time: the clock and the first and last packet time', async () => {
  const t = await get('/API/stats/time');
  const first = Date.parse(report.firstPacketTime) / 1000, last = Date.parse(report.lastPacketTime) / 1000;
  assert.ok(Math.abs((t.firstPacketTime as number) - first) < 1e-3, String(t.firstPacketTime));
  assert.ok(Math.abs((t.lastPacketTime as number) - last) < 1e-3, String(t.lastPacketTime));
  // After the end of the capture the open second is the one after the last packet's.
  assert.equal(t.time, Math.floor(last) + 1);
  assert.deepEqual(await get('/API/stats/time?mm-id=:2'), { time: null, firstPacketTime: null, lastPacketTime: null });
});

test('interfaces: one row per capture interface that carried packets, summing to the file', async () => {
  const { interfaces } = (await get('/API/stats/interfaces')) as { interfaces: { id: number; drops: number; allTime: number[] }[] };
  assert.ok(interfaces.length > 1, 'a multi-interface capture');
  assert.deepEqual(interfaces.map((i) => i.id), [...interfaces.map((i) => i.id)].sort((a, b) => a - b));
  assert.equal(interfaces.reduce((n, i) => n + (i.allTime[0] ?? 0), 0), report.packets);
  assert.equal(interfaces.reduce((n, i) => n + (i.allTime[1] ?? 0), 0), report.bytes);
  for (const i of interfaces) assert.equal(i.drops, 0);
});

test('load: all time, the whole capture as the interval, and a history that adds up', async () => {
  const first = Math.floor(Date.parse(report.firstPacketTime) / 1000), last = Math.floor(Date.parse(report.lastPacketTime) / 1000);
  const load = await get(`/API/stats/load?starttime=${first}&endtime=${last + 1}&timespan=1`) as {
    allTime: { packets: number; bytes: number }; interval: { packets: number; bytes: number; seconds: number; packetsPerSec: number; bitsPerSec: number };
    lastSecond: { packets: number; bytes: number; packetsPerSec: number; bitsPerSec: number }; history: { timespan: number; points: number[][] };
  };
  assert.deepEqual(load.allTime, { packets: report.packets, bytes: report.bytes });
  assert.equal(load.interval.packets, report.packets);
  assert.equal(load.interval.bytes, report.bytes);
  assert.equal(load.interval.seconds, last + 1 - first);
  assert.ok(Math.abs(load.interval.bitsPerSec - (report.bytes * 8) / load.interval.seconds) < 0.01);
  assert.equal(load.lastSecond.bitsPerSec, load.lastSecond.bytes * 8);
  assert.equal(load.history.timespan, 1);
  assert.equal(load.history.points.length, last + 1 - first);
  assert.equal(load.history.points.reduce((n, p) => n + (p[1] ?? 0), 0), report.packets);
  assert.equal(load.history.points.reduce((n, p) => n + (p[2] ?? 0), 0), report.bytes * 8);
  const lastPoint = load.history.points.at(-1) ?? [];
  assert.deepEqual([lastPoint[1], lastPoint[2]], [load.lastSecond.packetsPerSec, load.lastSecond.bitsPerSec]);
  assert.equal((await get('/API/stats/load?skiphistorydata=true')).history, undefined);
});

test('processing: done, the whole file, its malformed packets by reason', async () => {
  const p = await get('/API/stats/processing');
  assert.equal(p.state, 'done');
  assert.equal(p.file, 'pcapplusplus_many_interfaces-1.pcapng');
  assert.equal(p.format, 'pcapng');
  assert.equal(p.progress, 1);
  assert.equal(p.packets, report.packets);
  assert.equal(p.bytes, report.bytes);
  assert.deepEqual(p.malformed, { packets: 0, byReason: {} });
  assert.equal(p.fileError, null);
  assert.ok((p.elapsedSec as number) >= 0);
  // A file analysis has stages too: its reader, then the analysis with its own busy share.
  assert.deepEqual((p.stages as Json[]).map((s) => [s.stage, s.queueDrops]), [['read pcapplusplus_many_interfaces-1.pcapng', 0], ['analysis', 0]]);
  const busy = (p.stages as Json[])[1]?.busyPercent;
  assert.ok(typeof busy === 'number' && busy >= 0 && busy <= 100, String(busy));
  const info = await get('/API/system/info');
  assert.deepEqual((info.slots as Json[]).map((s) => (s.stages as Json[]).length), [2, 2, 0], 'the system view: every slot\'s stages (none for an empty slot)');
  const t = await get('/API/stats/processing?mm-id=:1');
  assert.deepEqual(t.malformed, { packets: 1, byReason: { 'ipv4.truncated': 1 } });
  assert.deepEqual(await get('/API/stats/processing?mm-id=:2'), { state: 'idle', file: null });
});

test('storage: budget and use, tables, history start, minimum storage time, MAC/IP/connection counts', async () => {
  const s = await get('/API/system/storage') as {
    memoryBudgetBytes: number; memoryUsedBytes: number; tables: Record<string, { live: number; created: number; evicted: number; untracked: number }>;
    historyStart: Record<string, number>; minimumStorageTimeSec: number; macCount: number; ipCount: number;
    connections: { active: number; total: number; maximum: number; capacity: number };
  };
  assert.equal(s.memoryBudgetBytes, BUDGET);
  assert.ok(s.memoryUsedBytes > 0 && s.memoryUsedBytes < BUDGET);
  assert.equal(s.macCount, report.counts.macs);
  assert.equal(s.ipCount, report.counts.ips);
  const ipTable = s.tables.ip;
  assert.ok(ipTable);
  assert.equal(ipTable.live, report.counts.ips);
  assert.equal(ipTable.evicted, 0);
  assert.equal(s.connections.total, report.counts.connections);
  assert.ok(s.connections.maximum >= 1 && s.connections.capacity >= s.connections.total);
  assert.ok(s.historyStart['1'] !== undefined && s.historyStart['1'] <= Math.floor(Date.parse(report.firstPacketTime) / 1000));
  assert.ok(s.minimumStorageTimeSec >= 2, String(s.minimumStorageTimeSec));
  assert.deepEqual(await get('/API/system/storage?mm-id=:2'), { state: 'idle' });
});
