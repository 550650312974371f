/**
 * Tests of the pipeline hook: an analysis fed with a CaptureTaps set offers every analysed packet
 * to its taps; a filter of packet operands captures what the predicate alone selects; an L7
 * capture reads the DPI module's classification and skips packets of flows not classified yet;
 * a set with no tap costs nothing observable.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { analyzeFile } from '../analysis/analyze-file.js';
import { PacketDecoder, PacketInfo } from '../decode/index.js';
import { buildCaptureFilter, FilterContext } from '../filter/index.js';
import { countryOf } from '../geo/index.js';
import { openCaptureFile } from '../source/index.js';
import { pcapPath } from '../../test/support/paths.js';
import { CaptureTap } from './capture-tap.js';
import { CaptureTaps } from './capture-taps.js';

async function predicateCount(file: string, expression: string): Promise<number> {
  const { predicate } = buildCaptureFilter(expression);
  const src = await openCaptureFile(file);
  const decoder = new PacketDecoder(), pi = new PacketInfo(), ctx = new FilterContext();
  let n = 0;
  for await (const b of src) {
    for (let i = 0; i < b.count; i++) {
      decoder.decode(b, i, pi);
      if (predicate(pi, ctx)) n++;
    }
  }
  await src.close();
  return n;
}

test('taps on an analysis capture what the predicate selects; counters add up', async () => {
  const file = pcapPath('pcapplusplus_many-protocols.pcap');
  const taps = new CaptureTaps();
  assert.equal(taps.active, false);
  const udp = new CaptureTap({ expression: 'l4Protocol == UDP', format: 'pcapng', maxQueuedBytes: 1 << 30 });
  const all = new CaptureTap({ expression: '', format: 'pcap', maxQueuedBytes: 1 << 30 });
  taps.add(udp);
  taps.add(all);
  assert.equal(taps.active, true);
  const result = await analyzeFile(file, { captureTaps: taps });
  const packets = result.summary.packets;
  assert.equal(all.counters.captured, packets);
  assert.equal(udp.counters.captured, await predicateCount(file, 'l4Protocol == UDP'));
  assert.equal(udp.counters.captured + udp.counters.ignored, packets);
  assert.equal(udp.counters.dropped, 0);
});

test('an L7 capture skips packets until DPI has classified the flow, then captures', async () => {
  const file = pcapPath('pcapplusplus_many-protocols.pcap');
  const taps = new CaptureTaps();
  const dns = new CaptureTap({ expression: 'l7Protocol == DNS', format: 'pcap', maxQueuedBytes: 1 << 30 });
  const http = new CaptureTap({ expression: 'dpiProtocol == HTTP', format: 'pcap', maxQueuedBytes: 1 << 30 });
  const notDns = new CaptureTap({ expression: 'l7Protocol != DNS', format: 'pcap', maxQueuedBytes: 1 << 30 });
  taps.add(dns);
  taps.add(http);
  taps.add(notDns);
  const result = await analyzeFile(file, { captureTaps: taps });
  const packets = result.summary.packets;
  // Every DNS packet of this capture is on port 53 and names DNS in its first payload.
  assert.equal(dns.counters.captured, await predicateCount(file, 'port == 53'));
  // HTTP flows: the handshake comes before the first request, which classifies the flow.
  const httpPortPackets = await predicateCount(file, 'port == 80');
  assert.ok(http.counters.captured > 0 && http.counters.captured < httpPortPackets, `${http.counters.captured} of ${httpPortPackets}`);
  // != does not capture unclassified packets either: DNS + not-DNS + unclassified = all.
  assert.ok(dns.counters.captured + notDns.counters.captured < packets);
  for (const t of [dns, http, notDns]) assert.equal(t.counters.captured + t.counters.ignored, packets);
});

test('a countryCode capture selects packets whose connection has an address of that country', async () => {
  const file = pcapPath('pcapplusplus_many-protocols.pcap');
  const taps = new CaptureTaps();
  const us = new CaptureTap({ expression: 'countryCode == US', format: 'pcap', maxQueuedBytes: 1 << 30 });
  taps.add(us);
  await analyzeFile(file, { captureTaps: taps });
  // Expected: the packets with a transport connection whose outermost source or destination
  // address the geolocation database places in the US.
  const src = await openCaptureFile(file);
  const decoder = new PacketDecoder(), pi = new PacketInfo();
  let expected = 0;
  for await (const b of src) {
    for (let i = 0; i < b.count; i++) {
      decoder.decode(b, i, pi);
      if (pi.ipCount === 0 || pi.l4Count === 0 || pi.l4Complete[0] === 0) continue;
      const v = pi.ipVersion[0] as number;
      if (countryOf(v, pi.ipSrc, 0) === 'US' || countryOf(v, pi.ipDst, 0) === 'US') expected++;
    }
  }
  await src.close();
  assert.ok(expected > 0);
  assert.equal(us.counters.captured, expected);
});

test('a finished tap leaves the set', async () => {
  const taps = new CaptureTaps();
  const tap = new CaptureTap({ expression: '', format: 'pcap', endTimeUs: 0 });
  taps.add(tap);
  await analyzeFile(pcapPath('tcpdump_LACP.pcap'), { captureTaps: taps });
  assert.equal(tap.finished, true);
  assert.equal(taps.active, false);
  assert.equal(tap.counters.captured, 0);
});
