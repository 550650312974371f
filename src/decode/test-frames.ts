/**
 * @module decode/test-frames
 * Test helpers for the decoder (not used by the product): a tiny pcap/pcapng record walker that
 * lists the frames of a capture file, hex frames, and a decode-everything helper. Deliberately
 * independent of src/source so that decoder tests do not depend on the packet sources.
 */
import { readFileSync } from 'node:fs';
import { pcapPath } from '../../test/support/paths.js';
import { formatIpv4, formatIpv6, formatMac } from '../core/addresses.js';
import { ANOMALIES } from './anomalies.js';
import { PacketDecoder, type DecoderOptions } from './index.js';
import { PacketInfo } from './packet-info.js';

export interface TestFrame {
  /** The bytes the frame lies in (the whole file for frames read from a capture). */
  readonly data: Uint8Array;
  readonly start: number;
  readonly capLen: number;
  readonly origLen: number;
  readonly linkType: number;
  readonly tsSec: number;
  readonly tsNsec: number;
  readonly interfaceId: number;
}

/** Bytes from hex text; whitespace, newlines and `|` separators are ignored. */
export function hex(text: string): Uint8Array {
  const clean = text.replace(/[\s|]/g, '');
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) throw new Error(`bad hex: ${text}`);
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** A frame over the whole of `bytes` (origLen defaults to its length). */
export function frame(bytes: Uint8Array, linkType = 1, origLen = bytes.length, tsSec = 1_700_000_000, tsNsec = 0): TestFrame {
  return { data: bytes, start: 0, capLen: bytes.length, origLen, linkType, tsSec, tsNsec, interfaceId: 0 };
}

/** Every complete record of a classic pcap or a pcapng file (a record cut by the end of the file is left out). */
export function framesOf(file: Uint8Array): TestFrame[] {
  if (file.length < 4) return [];
  const dv = new DataView(file.buffer, file.byteOffset, file.byteLength);
  return dv.getUint32(0, true) === 0x0a0d0d0a ? pcapngFrames(file, dv) : pcapFrames(file, dv);
}

export function readCaptureFrames(path: string): TestFrame[] {
  const buf = readFileSync(path);
  return framesOf(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
}

function pcapFrames(file: Uint8Array, dv: DataView): TestFrame[] {
  if (file.length < 24) return [];
  const m = dv.getUint32(0, true);
  let le: boolean, nano: boolean;
  if (m === 0xa1b2c3d4 || m === 0xa1b23c4d) {
    le = true;
    nano = m === 0xa1b23c4d;
  } else {
    const mb = dv.getUint32(0, false);
    if (mb !== 0xa1b2c3d4 && mb !== 0xa1b23c4d) throw new Error('not a pcap or pcapng file');
    le = false;
    nano = mb === 0xa1b23c4d;
  }
  const linkType = dv.getUint32(20, le) & 0xffff;
  const frames: TestFrame[] = [];
  for (let off = 24; off + 16 <= file.length;) {
    const tsSec = dv.getUint32(off, le), frac = dv.getUint32(off + 4, le);
    let capLen = dv.getUint32(off + 8, le), origLen = dv.getUint32(off + 12, le);
    // A captured length above the original length is taken the other way round, as tshark does
    // (ndpi_fuzz-2021-10-13.pcap).
    if (capLen > origLen) [capLen, origLen] = [origLen, capLen];
    if (off + 16 + capLen > file.length) break;
    frames.push({ data: file, start: off + 16, capLen, origLen, linkType, tsSec, tsNsec: nano ? frac : frac * 1000, interfaceId: 0 });
    off += 16 + capLen;
  }
  return frames;
}

function pcapngFrames(file: Uint8Array, dv: DataView): TestFrame[] {
  const frames: TestFrame[] = [];
  let le = true;
  let ifaces: { linkType: number; snapLen: number; unitsPerSec: number }[] = [];
  for (let off = 0; off + 12 <= file.length;) {
    let type = dv.getUint32(off, le);
    if (type === 0x0a0d0d0a) {
      le = dv.getUint32(off + 8, true) === 0x1a2b3c4d;
      type = 0x0a0d0d0a;
      ifaces = [];
    }
    const len = dv.getUint32(off + 4, le);
    if (len < 12 || off + len > file.length) break;
    const body = off + 8;
    if (type === 1) {
      const iface = { linkType: dv.getUint16(body, le), snapLen: dv.getUint32(body + 4, le), unitsPerSec: 1e6 };
      for (let o = body + 8; o + 4 <= off + len - 4;) {
        const code = dv.getUint16(o, le), olen = dv.getUint16(o + 2, le);
        if (code === 0) break;
        if (code === 9 && olen >= 1) {
          const r = file[o + 4] ?? 6;
          iface.unitsPerSec = (r & 0x80) !== 0 ? 2 ** (r & 0x7f) : 10 ** r;
        }
        o += 4 + ((olen + 3) & ~3);
      }
      ifaces.push(iface);
    } else if (type === 6 || type === 2) {
      const id = type === 6 ? dv.getUint32(body, le) : dv.getUint16(body, le);
      const iface = ifaces[id];
      const ts = dv.getUint32(body + 4, le) * 2 ** 32 + dv.getUint32(body + 8, le);
      const capLen = dv.getUint32(body + 12, le), origLen = dv.getUint32(body + 16, le);
      if (iface !== undefined && body + 20 + capLen <= off + len) {
        const secs = Math.floor(ts / iface.unitsPerSec);
        const tsNsec = Math.floor(((ts - secs * iface.unitsPerSec) * 1e9) / iface.unitsPerSec);
        frames.push({ data: file, start: body + 20, capLen, origLen, linkType: iface.linkType, tsSec: secs, tsNsec, interfaceId: id });
      }
    } else if (type === 3) {
      const iface = ifaces[0];
      const origLen = dv.getUint32(body, le);
      if (iface !== undefined) {
        const capLen = Math.min(origLen, iface.snapLen > 0 ? iface.snapLen : origLen, len - 16);
        frames.push({ data: file, start: body + 4, capLen, origLen, linkType: iface.linkType, tsSec: 0, tsNsec: 0, interfaceId: 0 });
      }
    }
    off += len;
  }
  return frames;
}

/** Decode one frame with `decoder` into `out` (fresh ones when omitted) and return `out`. */
export function decodeOne(f: TestFrame, decoder = new PacketDecoder(), out = new PacketInfo()): PacketInfo {
  decoder.decodeFrame(f.data, f.start, f.capLen, f.origLen, f.linkType, f.tsSec, f.tsNsec, f.interfaceId, out);
  return out;
}

/** Per-frame summary of what the decoder put in the stacks, for comparisons in tests. */
export interface FrameFacts {
  eth: number;
  ip4: number;
  ip6: number;
  tcp: number;
  udp: number;
  l4: number;
  anomalies: number;
  malformed: boolean;
  reassembled: boolean;
}

/** Decode every frame in order with one decoder; returns per-frame facts and the decoder. */
export function decodeAll(frames: readonly TestFrame[], options?: Partial<DecoderOptions>): { facts: FrameFacts[]; decoder: PacketDecoder } {
  const decoder = new PacketDecoder(options);
  const out = new PacketInfo();
  const facts: FrameFacts[] = [];
  for (const f of frames) {
    decodeOne(f, decoder, out);
    let ip4 = 0, ip6 = 0, tcp = 0, udp = 0;
    for (let i = 0; i < out.ipCount; i++) {
      if (out.ipVersion[i] === 4) ip4++;
      else ip6++;
    }
    for (let j = 0; j < out.l4Count; j++) {
      if (out.l4Proto[j] === 6) tcp++;
      else if (out.l4Proto[j] === 17) udp++;
    }
    facts.push({ eth: out.ethCount, ip4, ip6, tcp, udp, l4: out.l4Count, anomalies: out.anomalyCount, malformed: out.malformed, reassembled: out.reassembled });
  }
  return { facts, decoder };
}

/** A decoder's result copied out of the reused PacketInfo (for comparisons). */
export interface Snapshot {
  eth: { src: number; dst: number }[];
  ip: { version: number; src: number[]; dst: number[] }[];
  l4: { proto: number; ip: number; src: number; dst: number; complete: number }[];
  anomalies: number;
  reassembled: boolean;
  /** End of the innermost decoded header relative to the frame start, or -1 after reassembly. */
  headerEnd: number;
}

export function snapshot(out: PacketInfo, f: TestFrame): Snapshot {
  const eth = [], ip = [], l4 = [];
  for (let i = 0; i < out.ethCount; i++) eth.push({ src: out.ethSrc[i] ?? 0, dst: out.ethDst[i] ?? 0 });
  for (let i = 0; i < out.ipCount; i++) {
    ip.push({ version: out.ipVersion[i] ?? 0, src: Array.from(out.ipSrc.subarray(i * 4, i * 4 + 4)), dst: Array.from(out.ipDst.subarray(i * 4, i * 4 + 4)) });
  }
  for (let j = 0; j < out.l4Count; j++) {
    l4.push({ proto: out.l4Proto[j] ?? 0, ip: out.l4Ip[j] ?? 0, src: out.srcPort[j] ?? 0, dst: out.dstPort[j] ?? 0, complete: out.l4Complete[j] ?? 0 });
  }
  const headerEnd = out.payloadData === f.data ? out.payloadOffset - f.start : -1;
  return { eth, ip, l4, anomalies: out.anomalyCount, reassembled: out.reassembled, headerEnd };
}

const DECODER_ERROR = ANOMALIES.findIndex((a) => a.id === 'frame.decoder_error');

/**
 * Decode `f` cut at every length 0 .. capLen-1, both as cut by the snap length (origLen kept) and
 * as a short packet (origLen = the cut). Returns the problems found (empty when all is well):
 * an exception, a decoder error, a stack that is not a prefix of the whole frame's stack (same
 * addresses and ports), an L4 header pointing at a missing IP header, a payload view outside the
 * captured bytes, or a cut inside the headers that raised no anomaly.
 */
export function truncationProblems(f: TestFrame, options?: Partial<DecoderOptions>): string[] {
  const problems: string[] = [];
  const full = snapshot(decodeOne(f, new PacketDecoder(options)), f);
  const out = new PacketInfo();
  for (let cut = 0; cut < f.capLen; cut++) {
    for (const short of [false, true]) {
      const where = `cut at ${cut}${short ? ' (short packet)' : ' (snap length)'}`;
      const decoder = new PacketDecoder(options);
      try {
        decoder.decodeFrame(f.data, f.start, cut, short ? cut : f.origLen, f.linkType, f.tsSec, f.tsNsec, f.interfaceId, out);
      } catch (err) {
        problems.push(`${where}: threw ${String(err)}`);
        continue;
      }
      if ((decoder.anomalyCounts[DECODER_ERROR] ?? 0) > 0) problems.push(`${where}: decoder error`);
      const got = snapshot(out, f);
      const same = (x: unknown, y: unknown): boolean => JSON.stringify(x) === JSON.stringify(y);
      const sameEth = got.eth.every((e, i) => same(e, full.eth[i]));
      const sameIp = got.ip.every((e, i) => same(e, full.ip[i]));
      const portsOf = (e: Snapshot['l4'][number] | undefined): unknown => (e === undefined ? null : [e.proto, e.src, e.dst]);
      const sameL4 = got.l4.every((e, j) => same(portsOf(e), portsOf(full.l4[j])) && e.ip < got.ip.length);
      if (!sameEth || !sameIp || !sameL4) problems.push(`${where}: stacks not a prefix of the whole frame's: ${JSON.stringify(got)} vs ${JSON.stringify(full)}`);
      if (out.payloadOffset < 0 || out.payloadLen < 0 || out.payloadOffset + out.payloadLen > out.payloadData.length) {
        problems.push(`${where}: payload view out of its buffer`);
      }
      if (out.payloadData === f.data && out.payloadOffset + out.payloadLen > f.start + cut) problems.push(`${where}: payload view beyond the captured bytes`);
      if (cut < full.headerEnd && out.anomalyCount === 0) problems.push(`${where}: inside the headers (end ${full.headerEnd}) but no anomaly`);
    }
  }
  return problems;
}

// ---- builders for hand-made frames (no checksums: the decoder does not verify them) -----------

type Part = Uint8Array | string | readonly number[];

/** Concatenate hex strings, byte arrays and Uint8Arrays. */
export function bytes(...parts: Part[]): Uint8Array {
  const arrays = parts.map((p) => (typeof p === 'string' ? hex(p) : p instanceof Uint8Array ? p : Uint8Array.from(p)));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let o = 0;
  for (const a of arrays) {
    out.set(a, o);
    o += a.length;
  }
  return out;
}

function be(value: number, size: number): number[] {
  const out: number[] = [];
  for (let i = size - 1; i >= 0; i--) out.push(Math.floor(value / 2 ** (8 * i)) & 255);
  return out;
}

export const MAC_A = 0x00000a0a0a0a, MAC_B = 0x00000b0b0b0b;
export const IP_A = 0x0a000001, IP_B = 0x0a000002;

export function eth(type: number, payload: Part, dst = MAC_B, src = MAC_A): Uint8Array {
  return bytes(be(dst, 6), be(src, 6), be(type, 2), payload);
}

export interface Ipv4Options {
  src?: number; dst?: number; ident?: number; df?: boolean; mf?: boolean; fragOffset?: number;
  totalLen?: number; ihl?: number; ttl?: number; tos?: number; options?: Part; version?: number;
}

export function ipv4(proto: number, payload: Part, o: Ipv4Options = {}): Uint8Array {
  const opts = bytes(o.options ?? []);
  const body = bytes(payload);
  const ihl = o.ihl ?? 5 + opts.length / 4;
  const ff = (o.df === true ? 0x4000 : 0) | (o.mf === true ? 0x2000 : 0) | ((o.fragOffset ?? 0) >> 3);
  return bytes([((o.version ?? 4) << 4) | ihl, o.tos ?? 0], be(o.totalLen ?? 20 + opts.length + body.length, 2), be(o.ident ?? 1, 2),
    be(ff, 2), [o.ttl ?? 64, proto], [0, 0], be(o.src ?? IP_A, 4), be(o.dst ?? IP_B, 4), opts, body);
}

export const IP6_A = '20010db8000000000000000000000001', IP6_B = '20010db8000000000000000000000002';

export function ipv6(nextHeader: number, payload: Part, o: { src?: string; dst?: string; plen?: number; hopLimit?: number; tclass?: number } = {}): Uint8Array {
  const body = bytes(payload);
  const w0 = (6 * 2 ** 28) + ((o.tclass ?? 0) << 20);
  return bytes(be(w0, 4), be(o.plen ?? body.length, 2), [nextHeader, o.hopLimit ?? 64], o.src ?? IP6_A, o.dst ?? IP6_B, body);
}

export function udp(srcPort: number, dstPort: number, payload: Part, len?: number): Uint8Array {
  const body = bytes(payload);
  return bytes(be(srcPort, 2), be(dstPort, 2), be(len ?? 8 + body.length, 2), [0, 0], body);
}

export interface TcpOptions { seq?: number; ack?: number; flags?: number; window?: number; options?: Part; dataOffset?: number }

export function tcp(srcPort: number, dstPort: number, payload: Part = [], o: TcpOptions = {}): Uint8Array {
  const opts = bytes(o.options ?? []);
  const doff = o.dataOffset ?? 5 + opts.length / 4;
  const flags = o.flags ?? 0x18;
  return bytes(be(srcPort, 2), be(dstPort, 2), be(o.seq ?? 1, 4), be(o.ack ?? 2, 4), [(doff << 4) | (flags >> 8), flags & 255],
    be(o.window ?? 1000, 2), [0, 0, 0, 0], opts, payload);
}

// ---- readable views of a PacketInfo, for assertions -------------------------------------------

/** The frames of a corpus capture (test/fixtures/pcaps). */
export function fixtureFrames(name: string): TestFrame[] {
  return readCaptureFrames(pcapPath(name));
}

/** Frame `index` (0-based) of a corpus capture. */
export function fixtureFrame(name: string, index: number): TestFrame {
  const f = fixtureFrames(name)[index];
  if (f === undefined) throw new Error(`${name} has no frame ${index}`);
  return f;
}

/** Every Ethernet header as "src>dst". */
export function ethText(out: PacketInfo): string[] {
  const r: string[] = [];
  for (let i = 0; i < out.ethCount; i++) r.push(`${formatMac(out.ethSrc[i] ?? 0)}>${formatMac(out.ethDst[i] ?? 0)}`);
  return r;
}

function addressText(out: PacketInfo, words: Uint32Array, i: number): string {
  const k = i * 4;
  return out.ipVersion[i] === 4 ? formatIpv4(words[k + 3] ?? 0)
    : formatIpv6(words[k] ?? 0, words[k + 1] ?? 0, words[k + 2] ?? 0, words[k + 3] ?? 0);
}

/** Every IP header as "src>dst". */
export function ipText(out: PacketInfo): string[] {
  const r: string[] = [];
  for (let i = 0; i < out.ipCount; i++) r.push(`${addressText(out, out.ipSrc, i)}>${addressText(out, out.ipDst, i)}`);
  return r;
}

const L4_NAMES: Readonly<Record<number, string>> = { 1: 'icmp', 2: 'igmp', 6: 'tcp', 17: 'udp', 58: 'icmpv6', 132: 'sctp' };

/** Every L4 header as "proto src>dst @ip [complete]". */
export function l4Text(out: PacketInfo): string[] {
  const r: string[] = [];
  for (let j = 0; j < out.l4Count; j++) {
    const p = out.l4Proto[j] ?? 0;
    r.push(`${L4_NAMES[p] ?? p} ${out.srcPort[j]}>${out.dstPort[j]} @${out.l4Ip[j]}${out.l4Complete[j] === 1 ? '' : ` c${out.l4Complete[j]}`}`);
  }
  return r;
}

/** Ids of the anomalies the decoder counted so far, with counts ("id=n"). */
export function anomalyText(decoder: PacketDecoder): string[] {
  const r: string[] = [];
  decoder.anomalyCounts.forEach((n, i) => {
    if (n > 0) r.push(`${ANOMALIES[i]?.id ?? i}=${n}`);
  });
  return r;
}

/** Id of the packet's first anomaly, or '' when none. */
export function firstAnomalyId(out: PacketInfo): string {
  return out.firstAnomaly < 0 ? '' : ANOMALIES[out.firstAnomaly]?.id ?? String(out.firstAnomaly);
}

/** Everything a decode produced, as one line of text, with the payload's bytes instead of its buffer. */
export function describePacket(out: PacketInfo, frameStart: number): string {
  const parts: (number | boolean | string)[] = [out.ethCount, out.vlanCount, out.mplsCount, out.ipCount, out.l4Count,
    out.pppoeSession, out.pppoeCode, out.isArp, out.arpOp, out.tcpFlags, out.tcpSeq, out.tcpAck, out.tcpWindow, out.tcpHeaderLen,
    out.tcpMss, out.tcpWindowScale, out.tcpSackPermitted, out.tcpSackBlocks, out.tcpTsVal, out.tcpTsEcr, out.icmpType, out.icmpCode,
    out.reassembled, out.reassembledFrames, out.reassembledBytes, out.anomalyCount, out.firstAnomaly, out.malformed];
  if (out.isArp) parts.push(out.arpSenderMac, out.arpSenderIp, out.arpTargetMac, out.arpTargetIp);
  for (let i = 0; i < out.ethCount; i++) parts.push(out.ethSrc[i] ?? 0, out.ethDst[i] ?? 0, out.ethType[i] ?? 0);
  for (let i = 0; i < out.vlanCount; i++) parts.push(out.vlanId[i] ?? 0, out.vlanPcp[i] ?? 0, out.vlanTpid[i] ?? 0);
  for (let i = 0; i < out.mplsCount; i++) parts.push(out.mplsLabel[i] ?? 0, out.mplsTc[i] ?? 0, out.mplsTtl[i] ?? 0);
  for (let i = 0; i < out.ipCount; i++) {
    parts.push(out.ipVersion[i] ?? 0, out.ipProto[i] ?? 0, out.ipTtl[i] ?? 0, out.ipTos[i] ?? 0, out.ipHeaderLen[i] ?? 0,
      out.ipTotalLen[i] ?? 0, out.ipFlags[i] ?? 0, out.ipFragOffset[i] ?? 0, out.ipIdent[i] ?? 0);
    for (let w = 0; w < 4; w++) parts.push(out.ipSrc[i * 4 + w] ?? 0, out.ipDst[i * 4 + w] ?? 0);
  }
  for (let j = 0; j < out.l4Count; j++) parts.push(out.l4Proto[j] ?? 0, out.l4Ip[j] ?? 0, out.srcPort[j] ?? 0, out.dstPort[j] ?? 0, out.l4Complete[j] ?? 0);
  const own = out.payloadData === out.data;
  parts.push(own ? out.payloadOffset - frameStart : -1, out.payloadLen,
    Buffer.from(out.payloadData.subarray(out.payloadOffset, out.payloadOffset + Math.min(out.payloadLen, 64))).toString('hex'));
  return parts.join(',');
}
