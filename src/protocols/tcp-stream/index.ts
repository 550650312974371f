/**
 * @module protocols/tcp-stream
 * A bounded in-order byte collector for the first bytes of TCP flows a dissector wants (a TLS
 * handshake, an HTTP head spanning segments). Per flow and direction it keeps one growing buffer
 * of contiguous bytes from the first sequence number seen (SYN + 1 when the SYN was seen):
 * retransmitted bytes are skipped by sequence number, segments ahead of the next expected byte are
 * held (copied, a few per direction) until the gap fills. Each direction stops at
 * `maxBytesPerDirection`; the sum of every buffer is capped by `maxTotalBytes`, and bytes refused
 * by either cap are counted. Only flows opened with `open` cost anything; `close` frees them once
 * the dissector is done.
 */

export interface StreamPrefixOptions {
  /** Bytes kept per flow and direction (default 16 KiB). */
  readonly maxBytesPerDirection: number;
  /** Bytes kept over all flows (default 32 MiB). */
  readonly maxTotalBytes: number;
  /** Out-of-order segments held per direction (default 8). */
  readonly maxPending: number;
}

export const STREAM_PREFIX_DEFAULTS: StreamPrefixOptions = { maxBytesPerDirection: 16384, maxTotalBytes: 32 << 20, maxPending: 8 };

const TCP_SYN = 0x02;
const EMPTY = new Uint8Array(0);

interface Pending { readonly seq: number; readonly bytes: Uint8Array }

/** One direction of a flow: contiguous bytes from `baseSeq`. */
export class StreamDirection {
  buf: Uint8Array = EMPTY;
  len = 0;
  /** Sequence number of buf[0]; -1 until the first segment (or SYN) fixes it. */
  baseSeq = -1;
  /** The direction reached its cap: nothing more is kept. */
  full = false;
  pending: Pending[] = [];

  /** The collected bytes (a view; valid until the next add). */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }
}

/** Offset of seq from base in sequence space (mod 2^32, signed). */
function seqDiff(seq: number, base: number): number {
  return ((seq - base) | 0);
}

export class StreamPrefix {
  private readonly flows = new Map<number, [StreamDirection, StreamDirection]>();
  private readonly options: StreamPrefixOptions;
  /** Bytes held by every buffer and pending segment. */
  totalBytes = 0;
  /** Payload bytes refused by a cap (per direction or global). */
  refusedBytes = 0;
  /** Segments refused because too many were out of order. */
  refusedSegments = 0;

  constructor(options?: Partial<StreamPrefixOptions>) {
    this.options = { ...STREAM_PREFIX_DEFAULTS, ...options };
  }

  /** Flows being collected. */
  get flowCount(): number {
    return this.flows.size;
  }

  isOpen(flow: number): boolean {
    return this.flows.has(flow);
  }

  /** Starts collecting flow (a connection id); a no-op when already open. */
  open(flow: number): void {
    if (!this.flows.has(flow)) this.flows.set(flow, [new StreamDirection(), new StreamDirection()]);
  }

  /**
   * Drops the first n bytes of a direction (a parsed message, a skipped body). n may pass the
   * bytes held: the sequence numbers up to base + n are then dropped as they arrive, so a body is
   * skipped without being kept. Only a direction that is not full may consume.
   */
  consume(flow: number, dir: 0 | 1, n: number): void {
    const d = this.flows.get(flow)?.[dir];
    if (d === undefined || n <= 0 || d.baseSeq < 0) return;
    const held = Math.min(n, d.len);
    d.buf.copyWithin(0, held, d.len);
    d.len -= held;
    d.baseSeq = (d.baseSeq + n) >>> 0;
    if (d.len === 0) {
      // An emptied buffer is released: a flow between messages holds no bytes.
      this.totalBytes -= d.buf.length;
      d.buf = EMPTY;
      this.drainPending(d);
    }
  }

  /**
   * true when seq is the next byte of an open direction that holds nothing (no bytes, no segment
   * held, not full): a segment there can be read in place, then dropped with consume or kept with
   * add. A direction's first segment fixes its start here, as add would.
   */
  inOrderEmpty(flow: number, dir: 0 | 1, seq: number, flags: number): boolean {
    const d = this.flows.get(flow)?.[dir];
    if (d === undefined || d.full || d.len !== 0 || d.pending.length !== 0 || (flags & TCP_SYN) !== 0) return false;
    if (d.baseSeq < 0) d.baseSeq = seq >>> 0;
    return d.baseSeq === seq >>> 0;
  }

  /** Stops collecting one direction of a flow (its dissector needs no more of it) and frees its bytes. */
  release(flow: number, dir: 0 | 1): void {
    const d = this.flows.get(flow)?.[dir];
    if (d === undefined || (d.full && d.buf.length === 0)) return;
    this.totalBytes -= d.buf.length + d.pending.reduce((a, p) => a + p.bytes.length, 0);
    d.buf = EMPTY;
    d.len = 0;
    d.pending = [];
    d.full = true;
  }

  /** Stops collecting flow and frees its bytes. */
  close(flow: number): void {
    const f = this.flows.get(flow);
    if (f === undefined) return;
    for (const d of f) this.totalBytes -= d.buf.length + d.pending.reduce((a, p) => a + p.bytes.length, 0);
    this.flows.delete(flow);
  }

  /** The direction (0 = from side A, 1 = from side B) of an open flow, else undefined. */
  direction(flow: number, dir: 0 | 1): StreamDirection | undefined {
    return this.flows.get(flow)?.[dir];
  }

  /**
   * One TCP segment of an open flow: its sequence number, flags and payload data[off, off+len).
   * Answers true when the direction's contiguous bytes grew.
   */
  add(flow: number, dir: 0 | 1, seq: number, flags: number, data: Uint8Array, off: number, len: number): boolean {
    const f = this.flows.get(flow);
    if (f === undefined) return false;
    const d = f[dir];
    if (d.baseSeq < 0) {
      if ((flags & TCP_SYN) !== 0) d.baseSeq = (seq + 1) >>> 0;
      else if (len > 0) d.baseSeq = seq >>> 0;
    }
    if (len <= 0 || d.full) return false;
    if ((flags & TCP_SYN) !== 0) seq = (seq + 1) >>> 0;
    const grew = this.place(d, seq, data, off, len);
    if (grew) this.drainPending(d);
    return grew;
  }

  /** Appends the part of a segment that extends the contiguous bytes, or holds it if ahead. */
  private place(d: StreamDirection, seq: number, data: Uint8Array, off: number, len: number): boolean {
    const at = seqDiff(seq, d.baseSeq);
    if (at < 0 && at + len <= 0) return false;
    const end = d.len;
    if (at > end) {
      this.hold(d, seq, data, off, len);
      return false;
    }
    // The segment covers [at, at + len); bytes before `end` are already held (a retransmission).
    const newBytes = at + len - end;
    if (newBytes <= 0) return false;
    return this.append(d, data, off + (end - at), newBytes);
  }

  private append(d: StreamDirection, data: Uint8Array, off: number, len: number): boolean {
    const o = this.options;
    let take = Math.min(len, o.maxBytesPerDirection - d.len);
    if (take <= 0) {
      d.full = true;
      this.refusedBytes += len;
      return false;
    }
    if (d.len + take > d.buf.length) {
      const want = Math.min(o.maxBytesPerDirection, Math.max(d.len + take, d.buf.length * 2, 256));
      const extra = want - d.buf.length;
      if (this.totalBytes + extra > o.maxTotalBytes) {
        this.refusedBytes += len;
        d.full = true;
        return false;
      }
      const next = new Uint8Array(want);
      next.set(d.buf.subarray(0, d.len));
      d.buf = next;
      this.totalBytes += extra;
    }
    take = Math.min(take, d.buf.length - d.len);
    d.buf.set(data.subarray(off, off + take), d.len);
    d.len += take;
    if (take < len) {
      this.refusedBytes += len - take;
      d.full = true;
    }
    return true;
  }

  private hold(d: StreamDirection, seq: number, data: Uint8Array, off: number, len: number): void {
    const o = this.options;
    if (d.pending.length >= o.maxPending || this.totalBytes + len > o.maxTotalBytes || seqDiff(seq, d.baseSeq) >= o.maxBytesPerDirection) {
      this.refusedSegments++;
      return;
    }
    d.pending.push({ seq, bytes: data.slice(off, off + len) });
    this.totalBytes += len;
  }

  private drainPending(d: StreamDirection): void {
    let progress = true;
    while (progress && d.pending.length > 0) {
      progress = false;
      for (let i = 0; i < d.pending.length; i++) {
        const p = d.pending[i] as Pending;
        const at = seqDiff(p.seq, d.baseSeq);
        if (at > d.len) continue;
        d.pending.splice(i, 1);
        this.totalBytes -= p.bytes.length;
        if (!d.full) this.place(d, p.seq, p.bytes, 0, p.bytes.length);
        progress = true;
        break;
      }
    }
  }
}
