/**
 * Live capture for real: a veth pair is created on this machine (iproute2), wiremeter analyses one
 * end live into slot 0 of a real HTTPS server, `tcpreplay` sends a corpus capture into the other
 * end, and the counters served over the API (read with the real curl) must equal what `analyze`
 * counts in the same file. IPv6 is switched off on the pair so that the kernel adds no chatter of
 * its own (router/neighbour solicitations, MLD). Also: the clock moves with the wall clock while
 * the link is silent, a capture tool that dies is reported (not a crash), an unknown interface
 * fails with tcpdump's reason. An upload analysed into slot 1 meanwhile leaves slot 0's counts exact. Skips, saying why, where interfaces cannot be created (no root, no
 * CAP_NET_ADMIN, no tcpreplay/tcpdump).
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { analyzeFile } from '../../src/analysis/analyze-file.js';
import type { SlotAnalysis } from '../../src/api/analysis-slot.js';
import { startLiveCapture } from '../../src/api/live-slot.js';
import { SlotRegistry } from '../../src/api/module-registry.js';
import { createServer, type RunningServer } from '../../src/api/server.js';
import { pcapPath } from '../support/paths.js';
import { setUpVethPair, tearDownVethPair, vethNames } from './veth-pair.js';

const run = promisify(execFile);
const PCAP = pcapPath('pcapplusplus_many-protocols.pcap');
const { a: A, b: B } = vethNames('wmv');
type Json = Record<string, unknown>;

let skip: string | null = null;
let server: RunningServer | null = null, dataDir = '', live: SlotAnalysis | null = null, both: SlotAnalysis | null = null;

async function curl(path: string): Promise<Json> {
  const { stdout } = await run('curl', ['--silent', '--show-error', '-k', '-u', 'admin:live-test-password', `${server?.url ?? ''}${path}`]);
  return JSON.parse(stdout) as Json;
}

before(async () => {
  skip = await setUpVethPair(A, B);
  if (skip !== null) return;
  dataDir = mkdtempSync(join(tmpdir(), 'wm-live-'));
  const slots = new SlotRegistry();
  live = startLiveCapture([B], slots.slot(0), { memoryBudgetBytes: 64 * 2 ** 20 });
  // Both ends at once, in slot 2: every packet is seen leaving A and arriving at B (one link).
  both = startLiveCapture([A, B], slots.add(2, 'both'), { memoryBudgetBytes: 64 * 2 ** 20 });
  server = await createServer({ dataDir, port: 0, adminPassword: 'live-test-password', slots });
});

after(async () => {
  await live?.stop();
  await both?.stop();
  await server?.close();
  if (skip === null) await tearDownVethPair(A);
  if (dataDir !== '') rmSync(dataDir, { recursive: true, force: true });
});

test('a corpus capture replayed onto a veth pair is counted exactly, live', async (t) => {
  if (skip !== null) {
    t.skip(skip);
    return;
  }
  const expected = (await analyzeFile(PCAP)).summary;
  // openLiveCapture has the pcap header once tcpdump listens; wait until the slot serves modules.
  for (let i = 0; i < 100 && (live?.status.core === null || both?.status.core === null); i++) await new Promise((r) => setTimeout(r, 50));
  // An upload into slot 1 runs at the same time as the live analysis in slot 0.
  const [{ stdout }, upload] = await Promise.all([
    run('tcpreplay', ['-i', A, '--pps=20000', PCAP]),
    run('curl', ['--silent', '-k', '-u', 'admin:live-test-password', '-T', PCAP, `${server?.url ?? ''}/API/system/analyze-pcap?replaySlotID=1&fileName=side.pcap`]),
  ]);
  assert.equal(((JSON.parse(upload.stdout) as Json).processing as Json).packets, expected.packets);
  assert.match(stdout, new RegExp(`Successful packets:\\s+${expected.packets}\\b`));
  let p: Json = {};
  for (let i = 0; i < 100; i++) {
    p = await curl('/API/stats/processing');
    if (p.packets === expected.packets) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(p.state, 'analysing');
  assert.equal(p.packets, expected.packets);
  assert.equal(p.bytes, expected.bytes);
  const ips = await curl('/API/stats/modules/ip/ips_paged?count=1');
  assert.equal(ips.unfilteredCount, expected.ips.live);
  const macs = await curl('/API/stats/modules/mac/macs_paged?count=1');
  assert.equal(macs.unfilteredCount, expected.macs.live);
  // tcpdump's own counters, asked once per second.
  await new Promise((r) => setTimeout(r, 1300));
  const source = (await curl('/API/stats/processing')).source as Json;
  const ifs = source.interfaces as Json[];
  assert.equal(ifs.length, 1);
  const first = ifs[0] as Json;
  assert.equal(first.name, B);
  assert.equal(first.captured, expected.packets);
  assert.equal(first.kernelDrops, 0);
  assert.equal(first.overloadDrops, 0);
  assert.equal(first.pipePackets, expected.packets);
  assert.equal(first.queuedBytes, 0);
  const stages = (await curl('/API/stats/processing')).stages as Json[];
  assert.deepEqual(stages.map((s) => [s.stage, s.queueDrops]), [[`capture ${B} (tcpdump)`, 0], [`queue ${B}`, 0], ['analysis', 0]]);
  assert.ok(stages.every((s) => s.cpuPercent === undefined || s.cpuPercent === null || (typeof s.cpuPercent === 'number' && s.cpuPercent >= 0)));
  // The system view lists the stages of every slot: the upload's in slot 1 too.
  const info = await curl('/API/system/info');
  const bySlot = new Map((info.slots as Json[]).map((s) => [s.id, (s.stages as Json[]).map((x) => x.stage)]));
  assert.deepEqual(bySlot.get(0), [`capture ${B} (tcpdump)`, `queue ${B}`, 'analysis']);
  assert.deepEqual(bySlot.get(1), ['receive (HTTPS body)', 'analysis']);
  const servedFirst = ((await curl('/API/stats/interfaces')).interfaces as Json[])[0] as Json;
  assert.equal(servedFirst.name, B);
  assert.equal(servedFirst.drops, 0);
  assert.equal(servedFirst.link, 0);
  assert.deepEqual(source.links, [{ link: 0, interfaces: [B], captured: expected.packets, drops: 0 }]);

  // Two interfaces merged into one analysis: per interface exact, in total twice.
  const two = await curl('/API/stats/interfaces?mm-id=:2');
  assert.deepEqual((two.interfaces as Json[]).map((r) => [r.id, r.name, r.link, (r.allTime as number[])[0], (r.allTime as number[])[1]]),
    [[0, A, 0, expected.packets, expected.bytes], [1, B, 0, expected.packets, expected.bytes]]);
  const twoP = await curl('/API/stats/processing?mm-id=:2');
  assert.equal(twoP.packets, 2 * expected.packets);
  assert.equal((servedFirst.allTime as number[])[0], expected.packets);
});

test('the clock follows the wall clock while the link is silent', async (t) => {
  if (skip !== null) {
    t.skip(skip);
    return;
  }
  await new Promise((r) => setTimeout(r, 1500));
  const time = await curl('/API/stats/time');
  const now = Date.now() / 1000;
  assert.ok(typeof time.time === 'number' && Math.abs(now - time.time) < 2, `clock ${String(time.time)} vs now ${now}`);
  const load = await curl('/API/stats/load?skiphistorydata=true');
  assert.equal((load.lastSecond as Json).packets, 0);
});

test('an unknown interface fails with tcpdump\'s reason; a capture tool that dies is reported', async (t) => {
  if (skip !== null) {
    t.skip(skip);
    return;
  }
  const slots = new SlotRegistry();
  const bad = startLiveCapture(['wmnosuch0'], slots.slot(0));
  await assert.rejects(bad.done, /cannot capture on wmnosuch0: .*No such device/);
  assert.equal(bad.status.processing().state, 'failed');

  const dying = startLiveCapture([A], slots.add(1, 'dying'));
  for (let i = 0; i < 100 && dying.status.core === null; i++) await new Promise((r) => setTimeout(r, 50));
  const pid = ((dying.status.processing().source as Json).interfaces as Json[])[0]?.pid;
  assert.equal(typeof pid, 'number');
  process.kill(pid as number, 'SIGKILL');
  const result = await dying.done;
  assert.match(result.fileError?.message ?? '', /live capture ended: tcpdump on wmv\d+a exited \(SIGKILL\)/);
  const p = dying.status.processing();
  assert.equal(p.state, 'done');
  assert.match(String((p.fileError as Json).message), /SIGKILL/);
});
