/**
 * @module decode/reassembly
 * IPv4 and IPv6 fragment reassembly, bounded in every direction:
 * - at most `maxDatagrams` datagrams in progress and `memoryBytes` of buffers; when a new datagram
 *   or a bigger buffer would pass either cap, the oldest datagrams are dropped
 *   (`ip.reassembly_overflow`, raised on the packet that needed the room);
 * - a datagram not completed within `timeoutSec` of packet time after its first fragment is dropped
 *   (`ip.reassembly_timeout`, counted in the decoder totals only: the packet whose timestamp reveals
 *   the timeout has nothing wrong with it);
 * - at most `maxPieces` disjoint pieces per datagram (`ip.too_many_fragments`), and nothing beyond
 *   65,535 bytes of payload (`ip.fragment_too_large`).
 *
 * Overlaps: the bytes received first are kept (later fragments only fill holes), as tshark's
 * reassembly shows them; an overlap is noted (`ip.fragment_overlap`). Data beyond the length known
 * from the last fragment (MF = 0) is ignored; a second last fragment with another length is dropped
 * (`ip.fragment_inconsistent`). A fragment cut by the snap length cannot be used (its datagram then
 * times out).
 *
 * Keys: IPv4 (source, destination, protocol, identification); IPv6 (source, destination,
 * identification). The datagram's payload is copied into a buffer owned by the reassembler. Buffers
 * are allocated per datagram (bounded by the caps above) and recycled through a small pool; nothing
 * is allocated per packet otherwise.
 *
 * Lifetime: when a fragment completes a datagram, `completed` holds it and its `buf` (bytes
 * 0..totalLen-1: the payload after the IP header, or after the IPv6 fragment header) stays valid
 * until the next frame is decoded (PacketDecoder calls releaseCompleted() first thing).
 */
import { anomalyIndex } from './anomalies.js';
import type { PacketInfo } from './packet-info.js';
import type { DecodeState } from './state.js';

const A_OVERLAP = anomalyIndex('ip.fragment_overlap');
const A_TOO_LARGE = anomalyIndex('ip.fragment_too_large');
const A_INCONSISTENT = anomalyIndex('ip.fragment_inconsistent');
const A_TOO_MANY_FRAGMENTS = anomalyIndex('ip.too_many_fragments');
const A_OVERFLOW = anomalyIndex('ip.reassembly_overflow');
const A_TIMEOUT = anomalyIndex('ip.reassembly_timeout');

/** Largest payload of a (non-jumbo) IP datagram. */
const MAX_PAYLOAD = 65535;
const MIN_BUFFER = 2048;
/** Datagram objects (with their buffers) kept for reuse. */
const POOL_SIZE = 16;
/** Key words: IPv4 uses 4 (src, dst, proto, id), IPv6 9 (src x4, dst x4, id). */
const KEY_WORDS = 9;
const MAX_COMPLETED = 8;

export interface ReassemblyOptions {
  readonly memoryBytes: number;
  readonly maxDatagrams: number;
  readonly timeoutSec: number;
  readonly maxPieces: number;
}

/** Result of Reassembler.add. */
export const FragmentResult = { Pending: 0, Completed: 1, Dropped: 2 } as const;

export class Datagram {
  version = 4;
  readonly key = new Uint32Array(KEY_WORDS);
  hash = 0;
  /** Protocol of the payload: IPv4 protocol, or the next header of the IPv6 offset-0 fragment; -1 unknown. */
  proto = -1;
  buf: Uint8Array;
  /** A DataView over buf. */
  view: DataView;
  /** Payload length, known once the last fragment (MF = 0) arrived; -1 before. */
  totalLen = -1;
  /** Received byte ranges [start, end), sorted, disjoint, not adjacent. */
  readonly pieceStart: Int32Array;
  readonly pieceEnd: Int32Array;
  pieces = 0;
  /** Frames that carried fragments of this datagram, and the sum of their original lengths. */
  frames = 0;
  bytes = 0;
  firstSec = 0;
  older: Datagram | null = null;
  newer: Datagram | null = null;
  hashNext: Datagram | null = null;

  constructor(maxPieces: number) {
    this.buf = new Uint8Array(MIN_BUFFER);
    this.view = new DataView(this.buf.buffer);
    this.pieceStart = new Int32Array(maxPieces);
    this.pieceEnd = new Int32Array(maxPieces);
  }
}

export class Reassembler {
  readonly options: ReassemblyOptions;
  /** Key of the fragment about to be added (written by the IP decoders before add()). */
  readonly key = new Uint32Array(KEY_WORDS);
  /** Datagrams completed while decoding the current frame; their buffers are valid until releaseCompleted(). */
  readonly completed: Datagram[] = [];
  /** Datagrams in progress. */
  active = 0;
  /** Bytes of buffers held by datagrams in progress. */
  memoryBytes = 0;

  private readonly counts: Float64Array;
  private readonly table = new Map<number, Datagram>();
  private oldest: Datagram | null = null;
  private newest: Datagram | null = null;
  private readonly pool: Datagram[] = [];
  /** Times a fragment needed room (counted once per packet as ip.reassembly_overflow). */
  private overflows = 0;

  constructor(options: ReassemblyOptions, counts: Float64Array) {
    this.options = options;
    this.counts = counts;
  }

  /** True when there is work before the next frame: completed buffers to release or datagrams that may time out. */
  get busy(): boolean {
    return this.active !== 0 || this.completed.length !== 0;
  }

  /** Before each frame (when busy): release the previous frame's completed datagrams, expire old ones. */
  housekeep(nowSec: number): void {
    if (this.completed.length !== 0) this.releaseCompleted();
    if (this.active !== 0) this.expire(nowSec);
  }

  /** Return the buffers of the previous frame's completed datagrams to the pool. */
  releaseCompleted(): void {
    const c = this.completed;
    while (c.length > 0) {
      const dg = c.pop();
      if (dg !== undefined) this.recycle(dg);
    }
  }

  /** Drop the datagrams whose first fragment is older than the timeout (packet time). */
  expire(nowSec: number): void {
    const limit = nowSec - this.options.timeoutSec;
    let dg = this.oldest;
    while (dg !== null && dg.firstSec < limit) {
      const next = dg.newer;
      this.counts[A_TIMEOUT] = (this.counts[A_TIMEOUT] as number) + 1;
      this.drop(dg);
      dg = next;
    }
  }

  /**
   * Add one fragment whose key is in `this.key` (4 words for IPv4, 9 for IPv6). The fragment's
   * payload is data[start .. start+len) and lies at byte `offset` of the datagram's payload.
   * Returns a FragmentResult; on Completed the datagram is the last element of `completed`.
   */
  add(s: DecodeState, out: PacketInfo, version: number, offset: number, more: boolean, proto: number,
    data: Uint8Array, start: number, len: number, nowSec: number): number {
    const before = this.overflows;
    const result = this.addFragment(s, out, version, offset, more, proto, data, start, len, nowSec);
    if (this.overflows !== before) s.raise(out, A_OVERFLOW);
    return result;
  }

  private addFragment(s: DecodeState, out: PacketInfo, version: number, offset: number, more: boolean, proto: number,
    data: Uint8Array, start: number, len: number, nowSec: number): number {
    this.expire(nowSec);
    let fragEnd = offset + len;
    if (fragEnd > MAX_PAYLOAD) {
      s.raise(out, A_TOO_LARGE);
      return FragmentResult.Dropped;
    }
    const words = version === 4 ? 4 : KEY_WORDS;
    const hash = this.hashKey(version, words);
    let dg = this.find(version, words, hash);
    if (dg === null) {
      dg = this.create(version, words, hash, nowSec);
      if (dg === null) return FragmentResult.Dropped;
    }
    dg.frames++;
    dg.bytes += out.origLen;
    if (offset === 0 || version === 4) dg.proto = proto;
    if (!more) {
      if (dg.totalLen >= 0 && dg.totalLen !== fragEnd) {
        s.raise(out, A_INCONSISTENT);
        return FragmentResult.Pending;
      }
      dg.totalLen = fragEnd;
    }
    if (dg.totalLen >= 0 && fragEnd > dg.totalLen) fragEnd = dg.totalLen;
    if (fragEnd > offset) {
      if (!this.reserve(dg, fragEnd)) return FragmentResult.Dropped;
      if (!this.insert(s, out, dg, offset, fragEnd, data, start - offset)) {
        s.raise(out, A_TOO_MANY_FRAGMENTS);
        this.drop(dg);
        return FragmentResult.Dropped;
      }
    }
    if (dg.totalLen >= 0 && dg.pieces === 1 && dg.pieceStart[0] === 0 && (dg.pieceEnd[0] as number) >= dg.totalLen) {
      this.unlink(dg);
      if (this.completed.length >= MAX_COMPLETED) {
        this.recycle(dg);
        return FragmentResult.Dropped;
      }
      this.completed.push(dg);
      return FragmentResult.Completed;
    }
    return FragmentResult.Pending;
  }

  private hashKey(version: number, words: number): number {
    const k = this.key;
    let h = version | 0;
    for (let i = 0; i < words; i++) {
      h = Math.imul(h ^ (k[i] as number), 0x9e3779b1);
      h ^= h >>> 15;
    }
    return h;
  }

  private find(version: number, words: number, hash: number): Datagram | null {
    const k = this.key;
    let dg = this.table.get(hash) ?? null;
    while (dg !== null) {
      if (dg.version === version) {
        let same = true;
        for (let i = 0; i < words; i++) {
          if (dg.key[i] !== k[i]) {
            same = false;
            break;
          }
        }
        if (same) return dg;
      }
      dg = dg.hashNext;
    }
    return null;
  }

  private create(version: number, words: number, hash: number, nowSec: number): Datagram | null {
    const o = this.options;
    if (o.maxDatagrams <= 0) {
      this.overflows++;
      return null;
    }
    if (this.active >= o.maxDatagrams) {
      this.overflows++;
      while (this.active >= o.maxDatagrams && this.oldest !== null) this.drop(this.oldest);
    }
    const dg = this.pool.pop() ?? new Datagram(o.maxPieces);
    dg.version = version;
    dg.key.fill(0);
    for (let i = 0; i < words; i++) dg.key[i] = this.key[i] as number;
    dg.hash = hash;
    dg.proto = -1;
    dg.totalLen = -1;
    dg.pieces = 0;
    dg.frames = 0;
    dg.bytes = 0;
    dg.firstSec = nowSec;
    // age list: newest at the tail
    dg.older = this.newest;
    dg.newer = null;
    if (this.newest !== null) this.newest.newer = dg;
    else this.oldest = dg;
    this.newest = dg;
    // hash chain
    dg.hashNext = this.table.get(hash) ?? null;
    this.table.set(hash, dg);
    this.active++;
    this.memoryBytes += dg.buf.length;
    if (this.memoryBytes > o.memoryBytes && !this.makeRoom(dg, 0)) return null;
    return dg;
  }

  /** Make the buffer of `dg` hold `size` bytes, within the memory cap. */
  private reserve(dg: Datagram, size: number): boolean {
    const old = dg.buf.length;
    if (size <= old) return true;
    let cap = old;
    while (cap < size) cap *= 2;
    if (cap > MAX_PAYLOAD + 1) cap = MAX_PAYLOAD + 1;
    if (this.memoryBytes + cap - old > this.options.memoryBytes && !this.makeRoom(dg, cap - old)) return false;
    const grown = new Uint8Array(cap);
    grown.set(dg.buf.subarray(0, old));
    dg.buf = grown;
    dg.view = new DataView(grown.buffer);
    this.memoryBytes += cap - old;
    return true;
  }

  /** Drop the oldest datagrams other than `keep` until `extra` more bytes fit; false (and `keep` dropped) when they cannot. */
  private makeRoom(keep: Datagram, extra: number): boolean {
    this.overflows++;
    let dg = this.oldest;
    while (dg !== null && this.memoryBytes + extra > this.options.memoryBytes) {
      const next = dg.newer;
      if (dg !== keep) this.drop(dg);
      dg = next;
    }
    if (this.memoryBytes + extra > this.options.memoryBytes) {
      this.drop(keep);
      return false;
    }
    return true;
  }

  /**
   * Copy [a, b) of the datagram from data[a + shift ..] into the holes of dg, and merge the range into
   * dg's piece list. False when the piece list is full.
   */
  private insert(s: DecodeState, out: PacketInfo, dg: Datagram, a: number, b: number, data: Uint8Array, shift: number): boolean {
    const ps = dg.pieceStart, pe = dg.pieceEnd, n = dg.pieces, buf = dg.buf;
    // first piece that touches or follows [a, b)
    let k0 = 0;
    while (k0 < n && (pe[k0] as number) < a) k0++;
    let k1 = k0;
    while (k1 < n && (ps[k1] as number) <= b) k1++;
    // pieces k0 .. k1-1 touch [a, b); copy the holes between them
    let cur = a, overlap = false;
    for (let k = k0; k < k1 && cur < b; k++) {
      const s0 = ps[k] as number, e0 = pe[k] as number;
      if (s0 > cur) copyBytes(buf, cur, data, cur + shift, Math.min(s0, b) - cur);
      if (e0 > cur && s0 < b) overlap = true;
      if (e0 > cur) cur = e0;
    }
    if (cur < b) copyBytes(buf, cur, data, cur + shift, b - cur);
    if (overlap) s.raise(out, A_OVERLAP);
    if (k0 === k1) {
      // no piece touches: insert a new one at k0
      if (n >= ps.length) return false;
      for (let k = n; k > k0; k--) {
        ps[k] = ps[k - 1] as number;
        pe[k] = pe[k - 1] as number;
      }
      ps[k0] = a;
      pe[k0] = b;
      dg.pieces = n + 1;
      return true;
    }
    // merge pieces k0 .. k1-1 with [a, b) into piece k0
    const ms = Math.min(a, ps[k0] as number), me = Math.max(b, pe[k1 - 1] as number);
    ps[k0] = ms;
    pe[k0] = me;
    const removed = k1 - k0 - 1;
    if (removed > 0) {
      for (let k = k0 + 1; k + removed < n; k++) {
        ps[k] = ps[k + removed] as number;
        pe[k] = pe[k + removed] as number;
      }
      dg.pieces = n - removed;
    }
    return true;
  }

  /** Remove a datagram in progress and recycle it. */
  private drop(dg: Datagram): void {
    this.unlink(dg);
    this.recycle(dg);
  }

  /** Remove from the table and the age list (the buffer is no longer counted). */
  private unlink(dg: Datagram): void {
    let head = this.table.get(dg.hash) ?? null;
    if (head === dg) {
      if (dg.hashNext === null) this.table.delete(dg.hash);
      else this.table.set(dg.hash, dg.hashNext);
    } else {
      while (head !== null && head.hashNext !== dg) head = head.hashNext;
      if (head !== null) head.hashNext = dg.hashNext;
    }
    dg.hashNext = null;
    if (dg.older !== null) dg.older.newer = dg.newer;
    else this.oldest = dg.newer;
    if (dg.newer !== null) dg.newer.older = dg.older;
    else this.newest = dg.older;
    dg.older = null;
    dg.newer = null;
    this.active--;
    this.memoryBytes -= dg.buf.length;
  }

  private recycle(dg: Datagram): void {
    if (this.pool.length < POOL_SIZE && dg.pieceStart.length === this.options.maxPieces) {
      if (dg.buf.length > 8 * MIN_BUFFER) {
        dg.buf = new Uint8Array(MIN_BUFFER);
        dg.view = new DataView(dg.buf.buffer);
      }
      this.pool.push(dg);
    }
  }
}

function copyBytes(dst: Uint8Array, at: number, src: Uint8Array, from: number, n: number): void {
  for (let i = 0; i < n; i++) dst[at + i] = src[from + i] as number;
}
