/**
 * Interface settings for real: a veth pair, a real HTTPS server, settings saved with the real curl.
 * Saving starts the live analysis of slot 0 at once, with the links chosen (each end as
 * its own link, where the order alone would pair them), replacing it with other interfaces restarts it with fresh counters, an empty list stops
 * it (its tcpdump children end), and the saved settings start it again after a restart — unless
 * the command line names interfaces, which win. Counts are checked against `analyze` of the file
 * tcpreplay sends. Skips, saying why, where interfaces cannot be created.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { analyzeFile } from '../../src/analysis/analyze-file.js';
import { SlotRegistry } from '../../src/api/module-registry.js';
import { createServer, type RunningServer } from '../../src/api/server.js';
import { pcapPath } from '../support/paths.js';
import { setUpVethPair, tearDownVethPair, vethNames } from './veth-pair.js';

const run = promisify(execFile);
const PCAP = pcapPath('pcapplusplus_many-protocols.pcap');
const { a: A, b: B } = vethNames('wms');
const ADMIN = 'admin:settings-live-password';
type Json = Record<string, unknown>;

let skip: string | null = null;
let server: RunningServer | null = null, dataDir = '';

async function curl(path: string, method = 'GET', body?: unknown): Promise<Json> {
  const args = ['--silent', '--show-error', '-k', '-u', ADMIN, '-X', method];
  if (body !== undefined) args.push('-H', 'content-type: application/json', '-d', JSON.stringify(body));
  const { stdout } = await run('curl', [...args, `${server?.url ?? ''}${path}`]);
  return JSON.parse(stdout) as Json;
}

async function packetsReach(n: number): Promise<Json> {
  let p: Json = {};
  for (let i = 0; i < 100; i++) {
    p = await curl('/API/stats/processing');
    if (p.packets === n) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return p;
}

const start = async (interfaces?: readonly string[]): Promise<RunningServer> => createServer({
  dataDir, port: 0, adminPassword: 'settings-live-password', slots: new SlotRegistry(), liveFromSettings: true,
  liveMemoryBudgetBytes: 64 * 2 ** 20, liveCapture: { statsIntervalMs: 300 },
  ...(interfaces === undefined ? {} : { interfaces: { interfaces, links: [] } }),
});

before(async () => {
  skip = await setUpVethPair(A, B);
  if (skip !== null) return;
  dataDir = mkdtempSync(join(tmpdir(), 'wm-settings-live-'));
  server = await start();
});

after(async () => {
  await server?.close();
  if (skip === null) await tearDownVethPair(A);
  if (dataDir !== '') rmSync(dataDir, { recursive: true, force: true });
});

test('saving interface settings starts, replaces and stops the live analysis of slot 0', async (t) => {
  if (skip !== null) {
    t.skip(skip);
    return;
  }
  const expected = (await analyzeFile(PCAP)).summary.packets;
  // Each end its own link (in the order given they would pair into link 0): every packet is seen leaving A and arriving at B.
  const saved = await curl('/API/system/settings/interfaces', 'PUT', { interfaces: [A, B], links: [[B], [A]] });
  assert.deepEqual(saved.saved, { interfaces: [A, B], links: [[B], [A]] });
  assert.deepEqual(saved.active, { running: true, origin: 'settings', interfaces: [A, B], links: [[B], [A]], state: 'analysing', error: null });
  await run('tcpreplay', ['-i', A, '--pps=20000', PCAP]);
  assert.equal((await packetsReach(2 * expected)).packets, 2 * expected);
  // tcpdump's own counts, asked every 300 ms here: wait until both have reported them.
  let p: Json = {};
  for (let i = 0; i < 50; i++) {
    p = await curl('/API/stats/processing');
    if (((p.source as Json).links as Json[]).every((l) => l.captured === expected)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.deepEqual(((p.source as Json).links as Json[]).map((l) => [l.link, l.interfaces, l.captured]), [[0, [B], expected], [1, [A], expected]]);
  // Per-interface counters are served once their second has closed: wait for it.
  let ifs: Json[] = [];
  for (let i = 0; i < 50; i++) {
    ifs = (await curl('/API/stats/interfaces')).interfaces as Json[];
    if (ifs.every((r) => (r.allTime as number[])[0] === expected)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.deepEqual(ifs.map((r) => [r.name, r.link, (r.allTime as number[])[0]]), [[A, 1, expected], [B, 0, expected]]);
  const pids = ((p.source as Json).interfaces as Json[]).map((i) => i.pid as number);

  // Replaced: new interfaces, fresh counters, the old children gone.
  const replaced = await curl('/API/system/settings/interfaces', 'PUT', { interfaces: [B] });
  assert.deepEqual((replaced.active as Json).interfaces, [B]);
  assert.equal((await curl('/API/stats/processing')).packets, 0);
  for (const pid of pids) assert.equal(existsSync(`/proc/${pid}`), false, `tcpdump ${pid} has ended`);
  await run('tcpreplay', ['-i', A, '--pps=20000', PCAP]);
  assert.equal((await packetsReach(expected)).packets, expected);

  // Kept across a restart: the saved settings start the capture again.
  await server?.close();
  server = await start();
  assert.equal(server.liveOrigin, 'settings');
  assert.deepEqual(((await curl('/API/system/settings/interfaces')).active as Json).interfaces, [B]);
  // The command line wins over the settings at start.
  await server.close();
  server = await start([A]);
  assert.equal(server.liveOrigin, 'command line');
  assert.deepEqual(server.overriddenSettings, { interfaces: [B], links: [] });
  const active = (await curl('/API/system/settings/interfaces')).active as Json;
  assert.deepEqual([active.origin, active.interfaces], ['command line', [A]]);

  // An empty list stops the live analysis; slot 0 is empty.
  const pid = (((await curl('/API/stats/processing')).source as Json).interfaces as Json[])[0]?.pid as number;
  const stopped = await curl('/API/system/settings/interfaces', 'PUT', { interfaces: [] });
  assert.equal((stopped.active as Json).running, false);
  assert.equal((await curl('/API/stats/processing')).state, 'idle');
  assert.equal(existsSync(`/proc/${pid}`), false);
});
