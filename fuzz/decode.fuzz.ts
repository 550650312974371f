/**
 * @module fuzz/decode.fuzz
 * Fuzz target for the L2–L4 decoder (src/decode): mutated frames from every corpus capture (every
 * link type, tunnel and fragment the corpus has) plus a few hand-made ones for what the corpus lacks
 * (GTP-U, SCTP, MPLS pseudowires, Cisco HDLC, GRE with routing, ERSPAN III with sub-header), decoded
 * with their own link type or, one time in eight, another one.
 *
 * Each mutated frame is decoded by three decoders: inside zero bytes, inside 0xff bytes, and inside
 * zero bytes without the fused fast path; sometimes with an original length larger than the captured
 * one. Nothing may escape, and:
 * - the three decodes agree on everything (a decoder that read outside the frame would not, nor a
 *   fast path that differs from the per-protocol decoders);
 * - no `frame.decoder_error`; stacks within their limits; every L4 header points at an IP header;
 * - the payload view lies inside its buffer, and inside the captured bytes when it is the frame's;
 * - malformed implies an anomaly; the reassembler stays within its caps.
 * Frames are fed in sequence with a packet clock that moves on, so fragments meet, overlap, time out
 * and overflow the (small) reassembly caps.
 *
 * Run longer by hand: node dist/fuzz/decode.fuzz.js --iterations 2000000 --seed 7
 * A failing frame is written to os.tmpdir() so it can be replayed.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ANOMALIES } from '../src/decode/anomalies.js';
import { PacketDecoder, type DecoderOptions } from '../src/decode/index.js';
import { MAX_ETH_LAYERS, MAX_IP_LAYERS, MAX_L4_LAYERS, MAX_MPLS_LABELS, MAX_VLAN_TAGS, PacketInfo } from '../src/decode/packet-info.js';
import { bytes, describePacket, eth, ipv4, ipv6, readCaptureFrames, tcp, udp } from '../src/decode/test-frames.js';
import { pcapsDir } from '../test/support/paths.js';
import { mutate, prng } from './mutate.js';

export interface DecodeSeed {
  readonly bytes: Uint8Array;
  readonly linkType: number;
}

const LINK_TYPES = [0, 1, 9, 12, 14, 50, 101, 104, 108, 113, 228, 229, 276];

/** Distinct frames of every corpus capture (at most `perFile` per capture), plus hand-made ones. */
export function decodeSeeds(perFile = 400): DecodeSeed[] {
  const seeds: DecodeSeed[] = [];
  const seen = new Set<string>();
  for (const name of readdirSync(pcapsDir).filter((f) => f.endsWith('.pcap') || f.endsWith('.pcapng')).sort()) {
    let n = 0;
    for (const f of readCaptureFrames(join(pcapsDir, name))) {
      const b = Uint8Array.from(f.data.subarray(f.start, f.start + Math.min(f.capLen, 512)));
      const key = `${f.linkType}:${Buffer.from(b.subarray(0, 96)).toString('hex')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      seeds.push({ bytes: b, linkType: f.linkType });
      if (++n >= perFile) break;
    }
  }
  const inner = ipv4(17, udp(7, 8, 'aabbccdd'), { src: 0xc0a80001, dst: 0xc0a80002 });
  const innerEth = eth(0x0800, inner, 0x02000000000b, 0x02000000000a);
  const made: [Uint8Array, number][] = [
    [eth(0x0800, ipv4(17, udp(2152, 2152, bytes('36ff 002a 00000001 0001 00 85 01 0001 00', inner)))), 1],
    [eth(0x0800, ipv4(132, bytes('1388 0050 00000000 12345678 01000014 11223344 00010000 000a000a 00000001'))), 1],
    [eth(0x8847, bytes('00010140 00000007', innerEth)), 1],
    [eth(0x8847, bytes('00010040 00021140', ipv6(6, tcp(1, 2, [], { options: '0204 05b4 0103 0307 0402 080a 00000011 00000022' })))), 1],
    [bytes('8f00 0800', inner), 104],
    [bytes('ff03 0021', inner), 50],
    [eth(0x0800, ipv4(47, bytes('c000 0800 0000 0000 0800 04 08 c0a80001 c0a80002 0000 0000', inner))), 1],
    [eth(0x0800, ipv4(47, bytes('1000 22eb 00000001 20140000 00000000 0000 0001 0000000000000000', innerEth))), 1],
    [eth(0x86dd, ipv6(0, bytes('2b00 0104 00000000 3c02 0001 00000000 20010db8000000000000000000000009 2c00 0104 00000000 1100 0001 00000009', udp(1, 2, '00')))), 1],
    [eth(0x0800, ipv4(6, tcp(1, 2, 'aabb', { options: '0101 050a 00000001 00000002' }), { mf: true, ident: 3 })), 1],
    [eth(0x0800, ipv4(6, tcp(1, 2, 'aabb'), { fragOffset: 16, ident: 3 })), 1],
  ];
  for (const [b, linkType] of made) seeds.push({ bytes: b, linkType });
  return seeds;
}

/** An input broke the contract: what and why. */
export class DecodeFuzzFailure extends Error {}

function check(ok: boolean, what: string): void {
  if (!ok) throw new DecodeFuzzFailure(`invariant broken: ${what}`);
}

const DECODER_ERROR = ANOMALIES.findIndex((a) => a.id === 'frame.decoder_error');

/** Small caps, so that fuzzing reaches them. */
export const FUZZ_DECODER_OPTIONS: Partial<DecoderOptions> = {
  reassemblyMaxDatagrams: 16, reassemblyMemoryBytes: 256 * 1024, reassemblyTimeoutSec: 5, reassemblyMaxPieces: 8,
};

function checkOne(decoder: PacketDecoder, out: PacketInfo, frameStart: number, capLen: number): void {
  check((decoder.anomalyCounts[DECODER_ERROR] ?? 0) === 0, 'decoder error');
  check(out.ethCount <= MAX_ETH_LAYERS && out.ipCount <= MAX_IP_LAYERS && out.l4Count <= MAX_L4_LAYERS, 'stack over its limit');
  check(out.vlanCount <= MAX_VLAN_TAGS && out.mplsCount <= MAX_MPLS_LABELS, 'tags over their limit');
  for (let j = 0; j < out.l4Count; j++) check((out.l4Ip[j] ?? 99) < out.ipCount, 'L4 header without its IP header');
  check(out.payloadOffset >= 0 && out.payloadLen >= 0 && out.payloadOffset + out.payloadLen <= out.payloadData.length, 'payload outside its buffer');
  if (out.payloadData === out.data) check(out.payloadOffset >= frameStart && out.payloadOffset + out.payloadLen <= frameStart + capLen, 'payload outside the frame');
  check(!out.malformed || out.anomalyCount > 0, 'malformed without an anomaly');
  check((out.anomalyCount === 0) === (out.firstAnomaly === -1), 'firstAnomaly inconsistent');
  const r = decoder.reassemblyInProgress();
  const o = decoder.options;
  check(r.datagrams <= o.reassemblyMaxDatagrams && r.bytes <= o.reassemblyMemoryBytes, `reassembler over its caps: ${JSON.stringify(r)}`);
}

/** Frames that make datagrams together (fed in order, some mutated, so datagrams complete, overlap and conflict). */
export function fragmentGroups(): DecodeSeed[][] {
  const group = (name: string, from: number, to: number): DecodeSeed[] =>
    readCaptureFrames(join(pcapsDir, name)).slice(from, to).map((f) => ({ bytes: Uint8Array.from(f.data.subarray(f.start, f.start + f.capLen)), linkType: f.linkType }));
  const datagram = udp(1000, 53, Uint8Array.from({ length: 40 }, (_, i) => i));
  const frag = (offset: number, end: number, more: boolean): DecodeSeed => ({ bytes: eth(0x0800, ipv4(17, datagram.subarray(offset, end), { ident: 9, mf: more, fragOffset: offset })), linkType: 1 });
  return [
    group('zeek_ipv4_fragmented-1.pcap', 0, 3),
    group('zeek_ipv6-fragmented-dns.pcap', 5, 8),
    [frag(24, 48, false), frag(0, 16, true), frag(8, 32, true)],
  ];
}

export interface DecodeFuzzRun {
  readonly iterations: number;
  readonly decodedLayers: number;
  readonly reassembled: number;
  readonly malformed: number;
}

/** Run up to `iterations` mutations (or until `deadlineMs` elapses), deterministic per `seed`. */
export function runDecodeFuzz(iterations: number, seed: number, deadlineMs = Infinity): DecodeFuzzRun {
  const seeds = decodeSeeds();
  const groups = fragmentGroups();
  const queue: Uint8Array[] = [];
  const rand = prng(seed);
  // Three decoders see every frame: inside 0x00 bytes, inside 0xff bytes, and without the fast path.
  const lanes = ([[0x00, true], [0xff, true], [0x00, false]] as const).map(([fill, fastPath]) =>
    ({ fill, decoder: new PacketDecoder({ ...FUZZ_DECODER_OPTIONS, fastPath }), out: new PacketInfo(), buf: new Uint8Array(4096) }));
  const started = Date.now();
  let done = 0, layers = 0, reassembled = 0, malformed = 0, clock = 1_700_000_000;
  for (; done < iterations && (done % 256 !== 0 || Date.now() - started < deadlineMs); done++) {
    if (queue.length === 0 && rand() % 16 === 0) {
      for (const f of groups[rand() % groups.length] ?? []) queue.push(rand() % 2 === 0 ? f.bytes : mutate(f.bytes, rand));
    }
    const queued = queue.shift();
    const s = seeds[rand() % seeds.length];
    if (s === undefined) break;
    const input = queued ?? mutate(s.bytes, rand);
    const linkType = queued !== undefined ? 1 : rand() % 8 === 0 ? LINK_TYPES[rand() % LINK_TYPES.length] ?? 1 : s.linkType;
    const origLen = rand() % 4 === 0 ? input.length + (rand() % 1500) : input.length;
    const start = 1 + (rand() % 64);
    if (queued === undefined) clock += rand() % 3;
    const results: string[] = [];
    try {
      for (const lane of lanes) {
        const buf = lane.buf.length >= start + input.length + 64 ? lane.buf : (lane.buf = new Uint8Array(start + input.length + 64));
        buf.fill(lane.fill);
        buf.set(input, start);
        lane.decoder.decodeFrame(buf, start, input.length, origLen, linkType, clock, 0, 0, lane.out);
        checkOne(lane.decoder, lane.out, start, input.length);
        results.push(describePacket(lane.out, start));
      }
      check(results[0] === results[1], `result depends on bytes outside the frame:\n  ${results[0] ?? ''}\n  ${results[1] ?? ''}`);
      check(results[0] === results[2], `fast path and per-protocol decoders differ:\n  ${results[0] ?? ''}\n  ${results[2] ?? ''}`);
    } catch (err) {
      const saved = join(tmpdir(), `wiremeter-decode-fuzz-seed${seed}-iter${done}-link${linkType}.bin`);
      writeFileSync(saved, input);
      throw new DecodeFuzzFailure(`iteration ${done} (seed ${seed}, link type ${linkType}, origLen ${origLen}, frame saved to ${saved}): ${String(err)}`, { cause: err });
    }
    const out = lanes[0]?.out;
    if (out !== undefined) {
      layers += out.ethCount + out.ipCount + out.l4Count;
      if (out.reassembled) reassembled++;
      if (out.malformed) malformed++;
    }
  }
  return { iterations: done, decodedLayers: layers, reassembled, malformed };
}

function main(args: readonly string[]): void {
  const value = (name: string, fallback: number): number => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const result = runDecodeFuzz(value('--iterations', 100_000), value('--seed', 1));
  process.stdout.write(JSON.stringify(result) + '\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
