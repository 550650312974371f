/**
 * @module test/golden/counting-rules
 * Where wiremeter counts differently from tshark on purpose, as code. Each rule takes tshark's numbers
 * and the per-frame facts of our decoder and yields what wiremeter must report. The same rules are
 * written up in the README ("How wiremeter counts, compared with tshark").
 *
 * R1  IPv6 fragments: every frame carrying an IPv6 fragment counts for its addresses (packets on the
 *     wire); tshark counts only the frame that completes the reassembly.
 * R2  Fragmented datagrams in connections: the frame that completes a datagram brings all of the
 *     datagram's frames and bytes to its connection; tshark counts only the completing frame.
 * R3  TCP headers cut by the snap length: the ports are known, so the frame counts in its connection;
 *     tshark drops such frames from its conversation table (its TCP dissector throws).
 * R4  One connection per UDP 5-tuple: tshark splits a 5-tuple into several udp.stream values when an
 *     application dissector (SNMP, SDP-announced RTP/T.38) sets up its own conversation; we merge them.
 *     TCP conversations are compared per 5-tuple too (summing tshark streams); port reuse is covered
 *     by unit tests (src/analysis/traffic-summary.test.ts).
 */
import { formatIpv4, formatIpv6 } from '../../src/core/addresses.js';
import { PacketDecoder } from '../../src/decode/index.js';
import { PacketInfo } from '../../src/decode/packet-info.js';
import { openCaptureFile } from '../../src/source/index.js';
import type { ConversationRow, EndpointRow } from './reference.js';

/** [txPackets, txBytes, rxPackets, rxBytes] per address. */
export type EndpointCounts = Map<string, [number, number, number, number]>;

/** Connection key: proto|addrA|portA|addrB|portB with the two ends in sorted order. */
export function connectionKey(proto: string, a: string, aPort: number, b: string, bPort: number): { key: string; swapped: boolean } {
  const ea = `${a}|${aPort}`, eb = `${b}|${bPort}`;
  return ea <= eb ? { key: `${proto}|${ea}|${eb}`, swapped: false } : { key: `${proto}|${eb}|${ea}`, swapped: true };
}

/** [packetsLowToHigh, bytesLowToHigh, packetsHighToLow, bytesHighToLow] per connection key. */
export type ConnectionCounts = Map<string, [number, number, number, number]>;

export function endpointsFromReference(rows: readonly EndpointRow[]): EndpointCounts {
  const m: EndpointCounts = new Map();
  for (const r of rows) m.set(r.address, [r.tx_packets, r.tx_bytes, r.rx_packets, r.rx_bytes]);
  return m;
}

export function connectionsFromReference(proto: string, rows: readonly ConversationRow[]): ConnectionCounts {
  const m: ConnectionCounts = new Map();
  for (const r of rows) {
    const { key, swapped } = connectionKey(proto, r.a_addr, r.a_port, r.b_addr, r.b_port);
    const c = m.get(key) ?? [0, 0, 0, 0];
    const fwd: [number, number] = [r.a_to_b_frames, r.a_to_b_bytes], rev: [number, number] = [r.b_to_a_frames, r.b_to_a_bytes];
    const [lo, hi] = swapped ? [rev, fwd] : [fwd, rev];
    m.set(key, [c[0] + lo[0], c[1] + lo[1], c[2] + hi[0], c[3] + hi[1]]);
  }
  return m;
}

function addEndpoint(m: EndpointCounts, addr: string, tx: boolean, bytes: number): void {
  const c = m.get(addr) ?? [0, 0, 0, 0];
  if (tx) { c[0] += 1; c[1] += bytes; } else { c[2] += 1; c[3] += bytes; }
  m.set(addr, c);
}

function addConnection(m: ConnectionCounts, proto: string, src: string, sp: number, dst: string, dp: number, pkts: number, bytes: number): void {
  const { key, swapped } = connectionKey(proto, src, sp, dst, dp);
  const c = m.get(key) ?? [0, 0, 0, 0];
  if (swapped) { c[2] += pkts; c[3] += bytes; } else { c[0] += pkts; c[1] += bytes; }
  m.set(key, c);
}

function ipText(pi: PacketInfo, i: number, words: Uint32Array): string {
  const k = i * 4;
  return pi.ipVersion[i] === 4 ? formatIpv4(words[k + 3] ?? 0)
    : formatIpv6(words[k] ?? 0, words[k + 1] ?? 0, words[k + 2] ?? 0, words[k + 3] ?? 0);
}

const L4_NAME: Readonly<Record<number, string>> = { 6: 'tcp', 17: 'udp' };

/**
 * Apply R1–R3 to tshark's numbers (R4 is in connectionsFromReference): walk the file with our
 * decoder and add what tshark leaves out.
 */
export async function applyCountingRules(path: string, ipv6: EndpointCounts, conns: ConnectionCounts): Promise<void> {
  const source = await openCaptureFile(path);
  const decoder = new PacketDecoder();
  const pi = new PacketInfo();
  try {
    for await (const batch of source) {
      for (let n = 0; n < batch.count; n++) {
        decoder.decode(batch, n, pi);
        // R1: IPv6 fragment frames that did not complete a datagram.
        for (let i = 0; i < pi.ipCount; i++) {
          const isFragment = ((pi.ipFlags[i] ?? 0) & 4) !== 0;
          if (pi.ipVersion[i] === 6 && isFragment && !pi.reassembled) {
            addEndpoint(ipv6, ipText(pi, i, pi.ipSrc), true, pi.origLen);
            addEndpoint(ipv6, ipText(pi, i, pi.ipDst), false, pi.origLen);
          }
        }
        for (let j = 0; j < pi.l4Count; j++) {
          const name = L4_NAME[pi.l4Proto[j] ?? 0];
          if (name === undefined) continue;
          const i = pi.l4Ip[j] ?? 0;
          const src = ipText(pi, i, pi.ipSrc), dst = ipText(pi, i, pi.ipDst);
          const sp = pi.srcPort[j] ?? 0, dp = pi.dstPort[j] ?? 0;
          // R2: the rest of a reassembled datagram.
          if (pi.reassembled && pi.l4Complete[j] !== 0) {
            addConnection(conns, name, src, sp, dst, dp, pi.reassembledFrames - 1, pi.reassembledBytes - pi.origLen);
          }
          // R3: TCP header cut by the snap length (l4Complete 2).
          if (name === 'tcp' && pi.l4Complete[j] === 2) addConnection(conns, name, src, sp, dst, dp, 1, pi.origLen);
        }
      }
    }
  } catch {
    // A damaged file: the facts of the frames before the damage are what counts.
  } finally {
    await source.close();
  }
}
