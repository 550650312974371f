/**
 * @module decode/test-frames
 * Test helpers for the decoder (not used by the product): a tiny pcap/pcapng record walker that
 * lists the frames of a capture file, hex frames, and a decode-everything helper. Deliberately
 * independent of src/source so that decoder tests do not depend on the packet sources.
 */
import { readFileSync } from 'node:fs';
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
