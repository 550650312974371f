/**
 * Tests of CaptureTap: the packets a filter selects come out as a readable capture with the right
 * counters (captured + ignored = offered); a consumer that never reads costs drops, not memory;
 * the time window starts and ends the capture.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { PacketDecoder, PacketInfo } from '../decode/index.js';
import { fixtureFrames } from '../decode/test-frames.js';
import { buildCaptureFilter, FilterContext } from '../filter/index.js';
import { openCaptureFile } from '../source/index.js';
import { CaptureTap } from './capture-tap.js';

const dir = mkdtempSync(join(tmpdir(), 'wiremeter-tap-'));
process.on('exit', () => {
  rmSync(dir, { recursive: true, force: true });
});

function run(tap: CaptureTap, name: string, takeEvery = 0): { offered: number; chunks: Uint8Array[] } {
  const decoder = new PacketDecoder();
  const pi = new PacketInfo();
  const ctx = new FilterContext();
  const chunks: Uint8Array[] = [];
  let offered = 0;
  for (const f of fixtureFrames(name)) {
    decoder.decodeFrame(f.data, f.start, f.capLen, f.origLen, f.linkType, f.tsSec, f.tsNsec, f.interfaceId, pi);
    tap.offer(pi, ctx);
    offered++;
    if (takeEvery > 0 && offered % takeEvery === 0) chunks.push(...tap.take());
  }
  tap.stop();
  chunks.push(...tap.take());
  return { offered, chunks };
}

async function frames(bytes: Uint8Array[], file: string): Promise<number> {
  writeFileSync(join(dir, file), Buffer.concat(bytes));
  const src = await openCaptureFile(join(dir, file));
  let n = 0;
  for await (const b of src) n += b.count;
  await src.close();
  return n;
}

test('a filtered capture: counters add up and the output reads back with the captured packets', async () => {
  const name = 'pcapplusplus_many-protocols.pcap';
  const expected = (() => {
    const p = buildCaptureFilter('port == 443 and tcpFlags == syn').predicate;
    const d = new PacketDecoder(), pi = new PacketInfo(), ctx = new FilterContext();
    let n = 0;
    for (const f of fixtureFrames(name)) {
      d.decodeFrame(f.data, f.start, f.capLen, f.origLen, f.linkType, f.tsSec, f.tsNsec, f.interfaceId, pi);
      if (p(pi, ctx)) n++;
    }
    return n;
  })();
  for (const format of ['pcap', 'pcapng'] as const) {
    const tap = new CaptureTap({ expression: 'port == 443 and tcpFlags == syn', format, device: { device: 'test' } });
    const { offered, chunks } = run(tap, name, 100);
    assert.ok(expected > 10);
    assert.deepEqual({ ...tap.counters, bytes: 0 }, { captured: expected, dropped: 0, ignored: offered - expected, bytes: 0 });
    assert.equal(tap.counters.bytes, chunks.reduce((n, c) => n + c.length, 0));
    assert.equal(await frames(chunks, `out.${format}`), expected);
  }
});

test('a consumer that never reads: memory stays bounded and the rest is dropped and counted', async () => {
  const tap = new CaptureTap({ expression: '', format: 'pcap', maxQueuedBytes: 256 * 1024 });
  const decoder = new PacketDecoder(), pi = new PacketInfo(), ctx = new FilterContext();
  let offered = 0, peak = 0;
  for (const f of fixtureFrames('pcapplusplus_many-protocols.pcap')) {
    decoder.decodeFrame(f.data, f.start, f.capLen, f.origLen, f.linkType, f.tsSec, f.tsNsec, f.interfaceId, pi);
    tap.offer(pi, ctx);
    offered++;
    peak = Math.max(peak, tap.queuedBytes);
  }
  assert.ok(peak <= 256 * 1024 + 64 * 1024, `peak ${peak}`);
  assert.ok(tap.counters.dropped > 0);
  assert.equal(tap.counters.captured + tap.counters.dropped, offered);
  const out = tap.take();
  assert.equal(await frames(out, 'bounded.pcap'), tap.counters.captured);
});

test('time window: packets before the start are skipped, the first at or after the end stops it', () => {
  const all = fixtureFrames('zeek_wikipedia.pcap');
  const t = (i: number): number => (all[i]?.tsSec ?? 0) * 1e6 + Math.floor((all[i]?.tsNsec ?? 0) / 1000);
  const tap = new CaptureTap({ expression: '', format: 'pcapng', startTimeUs: t(10), endTimeUs: t(20) });
  run(tap, 'zeek_wikipedia.pcap');
  assert.equal(tap.finished, true);
  assert.equal(tap.counters.captured, all.slice(10).filter((_, i) => t(10 + i) < t(20)).length);
  assert.equal(tap.counters.ignored, 0);
});
