/**
 * The decoder allocates nothing per packet. Frames of several corpus captures (Ethernet, VLAN,
 * MPLS, PPPoE, GRE, ERSPAN, VXLAN, Geneve, 6in4, IPv6, SLL, null; every TCP option layout) are
 * copied into one buffer and decoded hundreds of thousands of times. Before the measured loop (and
 * after a warm-up that lets the optimising compiler finish: compiled code lives in the heap too) a
 * full GC empties the young generation, where every new object is born; during the loop no garbage
 * collection may run and the young generation may hold no more than a few kilobytes afterwards (one
 * allocation per packet would be 16+ bytes x 400,000, and would make the scavenger run).
 */
import { strict as assert } from 'node:assert';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { test } from 'node:test';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { PacketDecoder } from './index.js';
import { PacketInfo } from './packet-info.js';
import { fixtureFrames, type TestFrame } from './test-frames.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const SOURCES = [
  'pcapplusplus_many-protocols.pcap', 'zeek_tls_chrome-34-google.pcap', 'zeek_vlan-qinqinq.pcap', 'zeek_mixed-vlan-mpls.pcap',
  'zeek_pppoe.pcap', 'zeek_tunnels_gre-sample.pcap', 'zeek_erspanII.pcap', 'tcpdump_erspan-type-iii-ft-0.pcap',
  'zeek_tunnels_vxlan-encapsulated-http.pcap', 'zeek_tunnels_geneve.pcap', 'ndpi_6in4tunnel.pcap', 'ndpi_http_ipv6.pcap',
  'tcpdump_tcp-handshake-nano.pcap', 'zeek_linux_dlt_sll2.pcap', 'tcpdump_quic_handshake_truncated.pcap', 'zeek_tcp_truncated-header.pcap',
];

/** All frames of the sources in one buffer (so the decoder never switches buffers). */
function oneBuffer(): TestFrame[] {
  const frames = SOURCES.flatMap((name) => fixtureFrames(name));
  const data = new Uint8Array(frames.reduce((n, f) => n + f.capLen, 0));
  let at = 0;
  return frames.map((f) => {
    data.set(f.data.subarray(f.start, f.start + f.capLen), at);
    const moved = { ...f, data, start: at };
    at += f.capLen;
    return moved;
  });
}

test('decoding allocates nothing per packet', async () => {
  const frames = oneBuffer();
  const n = frames.length;
  const offset = Int32Array.from(frames, (f) => f.start), capLen = Int32Array.from(frames, (f) => f.capLen);
  const origLen = Int32Array.from(frames, (f) => f.origLen), linkType = Int32Array.from(frames, (f) => f.linkType);
  const data = frames[0]?.data ?? new Uint8Array(0);
  const decoder = new PacketDecoder();
  const out = new PacketInfo();
  const decodeAll = (rounds: number): number => {
    let check = 0;
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < n; i++) {
        decoder.decodeFrame(data, offset[i] ?? 0, capLen[i] ?? 0, origLen[i] ?? 0, linkType[i] ?? 1, 1_700_000_000, 0, 0, out);
        check += out.l4Count;
      }
    }
    return check;
  };
  const rounds = Math.ceil(400_000 / n);
  decodeAll(rounds); // warm up: optimise
  decodeAll(rounds);
  const youngBytes = (): number => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_used_size ?? 0;

  gc();
  const entries: { startTime: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    entries.push(...list.getEntries());
  });
  observer.observe({ entryTypes: ['gc'] });
  const start = performance.now();
  const before = youngBytes();
  decodeAll(rounds);
  const allocated = youngBytes() - before;
  const end = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 100)); // GC entries are delivered asynchronously
  observer.disconnect();
  const packets = rounds * n;
  const during = entries.filter((e) => e.startTime >= start && e.startTime <= end).length;
  assert.equal(during, 0, 'garbage collections while decoding');
  assert.ok(allocated < 64 * 1024, `${allocated} bytes allocated over ${packets} packets`);
});
