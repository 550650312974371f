/**
 * Shards: a capture split by connection into two analyses, whose IP, MAC and IP-pair tables are
 * then merged, gives the same counters, activity times and per-second/per-minute history as one
 * analysis of the whole capture.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { PacketDecoder } from '../../src/decode/index.js';
import { PacketInfo } from '../../src/decode/packet-info.js';
import { openCaptureFile } from '../../src/source/index.js';
import { Analyzer } from '../../src/pipeline/analyzer.js';
import { createIpModule, type IpModule } from '../../src/modules/ip/index.js';
import type { EntityTable } from '../../src/store/entity-table.js';
import { mergeIpTables, mergeKeyTables, mergeMacTables } from '../../src/store/shard-merge.js';
import { pcapPath } from '../support/paths.js';

const CAPTURES = ['zeek_wikipedia.pcap', 'pcapplusplus_many-protocols.pcap', 'zeek_ftp_ipv4.pcap', 'tcpdump_dns_udp.pcap'];

async function analyses(file: string): Promise<{ whole: Analyzer; shards: [Analyzer, Analyzer]; end: number }> {
  const make = (): Analyzer => new Analyzer({ tunnelView: 'all', modules: [createIpModule] });
  const whole = make(), shards: [Analyzer, Analyzer] = [make(), make()];
  const decoder = new PacketDecoder(), pi = new PacketInfo();
  let end = 0;
  const source = await openCaptureFile(pcapPath(file));
  try {
    for await (const batch of source) {
      for (let i = 0; i < batch.count; i++) {
        decoder.decode(batch, i, pi);
        whole.add(pi);
        // The shard of a packet: its connection's port sum (both directions agree), else shard 0.
        const l4 = pi.l4Count > 0 ? ((pi.srcPort[0] as number) + (pi.dstPort[0] as number)) & 1 : 0;
        (shards[l4] as Analyzer).add(pi);
        end = Math.max(end, pi.tsSec + 1);
      }
    }
  } finally {
    await source.close();
  }
  for (const a of [whole, ...shards]) a.store.advance(end);
  return { whole, shards, end };
}

/**
 * What the API shows of an entity. Activity times in seconds: like frames of a connection
 * direction are credited once per second (pipeline/frame-batcher.ts), so within a second the
 * microseconds of an entity's activity depend on how its frames were batched.
 */
function row(t: EntityTable, e: number, start: number, end: number): unknown {
  return {
    counters: Array.from(t.counters.subarray(e * 4, e * 4 + 4)),
    first: Math.floor((t.firstSeenUs[e] as number) / 1e6), last: Math.floor((t.lastSeenUs[e] as number) / 1e6),
    seconds: t.history.series(e, start, end, 1, 100000),
    minutes: t.history.series(e, start - (start % 60), end, 60, 100000),
  };
}

for (const file of CAPTURES) {
  test(`shard merge: ${file} split by connection and merged equals the whole analysis`, async () => {
    const { whole, shards, end } = await analyses(file);
    const [a, b] = shards;
    const start = Math.floor(whole.core.firstTsUs / 1e6);
    const ipMap = mergeIpTables(a.core.ips, b.core.ips);
    mergeMacTables(a.core.macs, b.core.macs);
    const pairsA = (a.module('ip') as IpModule).pairs, pairsB = (b.module('ip') as IpModule).pairs;
    mergeKeyTables(pairsA, pairsB, ipMap, ipMap);
    assert.ok(b.core.ips.live > 0 && a.core.ips.live > 0, 'both shards saw traffic');

    const w = whole.core.ips, m = a.core.ips, words = new Uint32Array(4);
    assert.equal(m.live, w.live);
    for (let e = 0; e < w.idBound; e++) {
      if (w.alive[e] === 0) continue;
      for (let k = 0; k < 4; k++) words[k] = w.wordOf(e, k);
      const me = m.find(w.versionOf(e), words, 0);
      assert.deepEqual(row(m, me, start, end), row(w, e, start, end), `IP ${w.format(e)}`);
    }
    const wm = whole.core.macs, mm = a.core.macs;
    assert.equal(mm.live, wm.live);
    for (let e = 0; e < wm.idBound; e++) {
      if (wm.alive[e] !== 0) assert.deepEqual(row(mm, mm.find(wm.macOf(e)), start, end), row(wm, e, start, end));
    }
    const wp = (whole.module('ip') as IpModule).pairs;
    assert.equal(pairsA.live, wp.live);
    for (let e = 0; e < wp.idBound; e++) {
      if (wp.alive[e] === 0) continue;
      const key = (id: number): number => {
        for (let k = 0; k < 4; k++) words[k] = w.wordOf(id, k);
        return m.find(w.versionOf(id), words, 0);
      };
      const me = pairsA.find(key(wp.keyAOf(e)), key(wp.keyBOf(e)));
      assert.deepEqual(row(pairsA, me, start, end), row(wp, e, start, end));
    }
  });
}
