/**
 * Overload drops inside wiremeter, for real: a veth pair, a live analysis of one end slowed on
 * purpose (the `batchDelayMs` test hook waits before each batch) with a small queue cap, and
 * `tcpreplay --topspeed` into the other end. The queue in front of the analysis fills, whole
 * packets are dropped there and counted as overload drops, apart from the kernel's drops; once
 * the analysis has caught up, tcpdump's count of captured packets equals the packets analysed
 * plus the overload drops. Read over HTTPS with the real curl. Skips, saying why, where
 * interfaces cannot be created.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import type { SlotAnalysis } from '../../src/api/analysis-slot.js';
import { startLiveCapture } from '../../src/api/live-slot.js';
import { SlotRegistry } from '../../src/api/module-registry.js';
import { createServer, type RunningServer } from '../../src/api/server.js';
import { pcapPath } from '../support/paths.js';
import { setUpVethPair, tearDownVethPair, vethNames } from './veth-pair.js';

const run = promisify(execFile);
const PCAP = pcapPath('pcapplusplus_many-protocols.pcap');
const { a: A, b: B } = vethNames('wmo');
type Json = Record<string, unknown>;

let skip: string | null = null;
let server: RunningServer | null = null, dataDir = '', live: SlotAnalysis | null = null;

async function curl(path: string): Promise<Json> {
  const { stdout } = await run('curl', ['--silent', '--show-error', '-k', '-u', 'admin:overload-test-password', `${server?.url ?? ''}${path}`]);
  return JSON.parse(stdout) as Json;
}

before(async () => {
  skip = await setUpVethPair(A, B);
  if (skip !== null) return;
  dataDir = mkdtempSync(join(tmpdir(), 'wm-overload-'));
  const slots = new SlotRegistry();
  live = startLiveCapture([B], slots.slot(0), {
    memoryBudgetBytes: 64 * 2 ** 20, batchDelayMs: 300,
    capture: { queueCapBytes: 256 * 1024, statsIntervalMs: 300 },
  });
  server = await createServer({ dataDir, port: 0, adminPassword: 'overload-test-password', slots });
});

after(async () => {
  await live?.stop();
  await server?.close();
  if (skip === null) await tearDownVethPair(A);
  if (dataDir !== '') rmSync(dataDir, { recursive: true, force: true });
});

test('a slowed analysis drops whole packets in its queue, counted apart from kernel drops', async (t) => {
  if (skip !== null) {
    t.skip(skip);
    return;
  }
  for (let i = 0; i < 100 && live?.status.core === null; i++) await new Promise((r) => setTimeout(r, 50));
  const { stdout } = await run('tcpreplay', ['-i', A, '--topspeed', '--loop=4', PCAP]);
  const sent = Number(/Successful packets:\s+(\d+)/.exec(stdout)?.[1]);
  assert.ok(sent > 0);
  // Wait until the analysis has worked off its queue and tcpdump has reported its final counts.
  let p: Json = {}, s: Json = {};
  for (let i = 0; i < 100; i++) {
    p = await curl('/API/stats/processing');
    s = ((p.source as Json).interfaces as Json[])[0] as Json;
    if (s.queuedBytes === 0 && s.captured === s.pipePackets && p.packets === (s.pipePackets as number) - (s.overloadDrops as number) && (s.captured as number) + (s.kernelDrops as number) >= sent) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const captured = s.captured as number, overload = s.overloadDrops as number, kernel = s.kernelDrops as number;
  t.diagnostic(`sent ${sent}, captured by tcpdump ${captured}, kernel drops ${kernel}, overload drops ${overload}, analysed ${String(p.packets)}, peak queue ${String(s.peakQueuedBytes)} B`);
  assert.ok(overload > 0, 'the slowed analysis must have dropped packets in its queue');
  assert.equal(typeof kernel, 'number');
  assert.equal(captured, s.pipePackets, 'every packet tcpdump wrote was read from the pipe');
  assert.equal(captured, (p.packets as number) + overload, 'captured = analysed + overload drops');
  assert.equal(captured + kernel + (s.interfaceDrops as number), sent, 'every packet sent was captured or dropped by the kernel');
  assert.ok((s.peakQueuedBytes as number) <= 256 * 1024 + 65536, `the queue stayed near its cap (peak ${String(s.peakQueuedBytes)})`);
  // The stages say the same; the interface's drops include both kinds.
  const stages = p.stages as Json[];
  assert.deepEqual(stages.map((x) => [x.stage, x.queueDrops]), [[`capture ${B} (tcpdump)`, kernel + (s.interfaceDrops as number)], [`queue ${B}`, overload], ['analysis', 0]]);
  const served = ((await curl('/API/stats/interfaces')).interfaces as Json[])[0] as Json;
  assert.equal(served.drops, kernel + (s.interfaceDrops as number) + overload);
});
