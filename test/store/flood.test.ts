/**
 * A flood of 10 million unique source addresses through the whole analyzer (core accounting and
 * every module) under a small memory budget: memory stays under the budget, nothing throws, the
 * oldest addresses are the ones that went, and the store says how far back its data is complete.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { PacketInfo } from '../../src/decode/packet-info.js';
import { Analyzer } from '../../src/pipeline/analyzer.js';
import { Store } from '../../src/store/store.js';

const PACKETS = 10_000_000;
const PER_SECOND = 20_000;
const BUDGET = 96 * 2 ** 20;
const T0 = 1_600_000_000;

/** A UDP datagram from 10.x.y.z:1024+ to 192.0.2.1:53, unique source per packet. */
function floodPacket(pi: PacketInfo, i: number): void {
  pi.reset();
  pi.origLen = 64;
  pi.capLen = 64;
  pi.tsSec = T0 + Math.floor(i / PER_SECOND);
  pi.tsNsec = (i % PER_SECOND) * 1000;
  pi.linkType = 1;
  pi.ethCount = 1;
  pi.ethSrc[0] = 0x02_00_00_00_00_01;
  pi.ethDst[0] = 0x02_00_00_00_00_02;
  pi.ethType[0] = 0x0800;
  pi.ipCount = 1;
  pi.ipVersion[0] = 4;
  pi.ipSrc[3] = (0x0a000000 + i) >>> 0;
  pi.ipDst[3] = 0xc0000201;
  pi.ipProto[0] = 17;
  pi.ipTtl[0] = 64;
  pi.ipTotalLen[0] = 50;
  pi.l4Count = 1;
  pi.l4Proto[0] = 17;
  pi.l4Ip[0] = 0;
  pi.srcPort[0] = 1024 + (i % 60000);
  pi.dstPort[0] = 53;
  pi.l4Complete[0] = 1;
}

test('10 million unique sources stay within the memory budget; the oldest data goes first', () => {
  const store = new Store({ memoryBudgetBytes: BUDGET });
  const analyzer = new Analyzer({ store });
  const pi = new PacketInfo();
  let peak = 0;
  for (let i = 0; i < PACKETS; i++) {
    floodPacket(pi, i);
    analyzer.add(pi);
    if (i % 250_000 === 0) peak = Math.max(peak, store.memoryBytes());
  }
  analyzer.finish();
  peak = Math.max(peak, store.memoryBytes());
  const ips = analyzer.core.ips;
  const status = store.status();
  process.stdout.write(`# flood: peak store ${(peak / 2 ** 20).toFixed(1)} MiB of ${BUDGET / 2 ** 20} MiB, ` +
    `${ips.live} IPs kept, ${ips.evicted} evicted, minimum storage time ${status.minimumStorageTimeSec} s\n`);
  assert.ok(peak <= BUDGET, `peak ${peak} over budget ${BUDGET}`);
  assert.ok(ips.evicted > 0);
  const w = new Uint32Array(4);
  w[3] = (0x0a000000 + PACKETS - 1) >>> 0;
  assert.ok(ips.find(4, w, 0) >= 0, 'the newest source is kept');
  w[3] = 0x0a000000;
  assert.equal(ips.find(4, w, 0), -1, 'the oldest source went');
  // The server that saw every packet keeps its all-time counters and its recent history.
  w[3] = 0xc0000201;
  const server = ips.find(4, w, 0);
  assert.ok(server >= 0);
  assert.deepEqual(ips.countersOf(server), [PACKETS, PACKETS * 64, 0, 0]);
  // History is complete for the minimum storage time the store reports, and exact there.
  assert.ok(status.minimumStorageTimeSec >= 1, 'some history survives');
  assert.ok(status.minimumStorageTimeSec < PACKETS / PER_SECOND);
  const recent = new Float64Array(4);
  ips.history.sumRange(server, store.nowSec - status.minimumStorageTimeSec, store.nowSec, recent);
  assert.equal(recent[0], status.minimumStorageTimeSec * PER_SECOND);
  assert.equal(ips.untracked, 0, 'idle entities made room for every new one');
});
