/**
 * @module source/overload-queue
 * A bounded queue between a capture child's pcap pipe and the analysis. The pipe is read all the
 * time (flowing mode), so tcpdump never blocks on a slow analysis; the bytes wait here. Each pcap
 * record is judged when its first byte arrives: while the queued bytes are under the cap it is
 * kept, otherwise the whole record is dropped and counted as an overload drop ("not processed due
 * to overload"). So kernel drops (tcpdump could not keep up) and overload drops (wiremeter could
 * not keep up) are two separate, real figures, and `records = kept + overloadDrops` always.
 *
 * The walk keeps only a few integers of state (where the current record ends, its 16-byte header
 * gathered across chunks); kept bytes are queued as views (subarrays) of the pipe's chunks, one
 * or a few per chunk, never per packet. A stream that is not classic pcap is passed through whole.
 */
import type { Readable } from 'node:stream';

const GLOBAL_HEADER = 24;
const RECORD_HEADER = 16;

export interface OverloadQueueFigures {
  /** Records (packets) read from the pipe. */
  records: number;
  /** Records dropped because the queue was full. */
  overloadDrops: number;
  /** Bytes waiting for the analysis now. */
  queuedBytes: number;
  /** Most bytes that waited at once. */
  peakQueuedBytes: number;
  readonly capBytes: number;
}

export class OverloadQueue implements AsyncIterable<Uint8Array> {
  readonly figures: OverloadQueueFigures;
  private readonly segments: Uint8Array[] = [];
  private ended = false;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  // Framing state.
  private globalLeft = GLOBAL_HEADER;
  private readonly globalHeader = new Uint8Array(GLOBAL_HEADER);
  private littleEndian = true;
  private passThrough = false;
  private headerGot = 0;
  private readonly header = new Uint8Array(RECORD_HEADER);
  private bodyLeft = 0;
  private keep = true;

  constructor(private readonly input: Readable, capBytes: number, private readonly maxYieldBytes = 1 << 20) {
    if (!(capBytes >= 1)) throw new RangeError('the overload queue needs a cap of at least 1 byte');
    this.figures = { records: 0, overloadDrops: 0, queuedBytes: 0, peakQueuedBytes: 0, capBytes };
    input.on('data', (chunk: Buffer) => { this.push(chunk); });
    input.once('end', () => { this.finish(null); });
    input.once('error', (err) => { this.finish(err); });
  }

  /** Feeds one chunk of the pipe (exposed for tests). */
  push(chunk: Uint8Array): void {
    let pos = 0;
    let keptFrom = 0;
    const n = chunk.length;
    while (pos < n) {
      if (this.passThrough) break;
      if (this.globalLeft > 0) {
        const take = Math.min(this.globalLeft, n - pos);
        this.globalHeader.set(chunk.subarray(pos, pos + take), GLOBAL_HEADER - this.globalLeft);
        this.globalLeft -= take;
        pos += take;
        if (this.globalLeft === 0) this.readMagic();
        continue;
      }
      if (this.headerGot === 0 && this.bodyLeft === 0) {
        // A record starts here: keep it or drop it whole.
        const keep = this.figures.queuedBytes + (this.keep ? pos - keptFrom : 0) < this.figures.capBytes;
        if (keep !== this.keep) {
          if (!keep) this.enqueue(chunk, keptFrom, pos);
          else keptFrom = pos;
          this.keep = keep;
        }
        this.figures.records++;
        if (!keep) this.figures.overloadDrops++;
      }
      if (this.headerGot < RECORD_HEADER) {
        const take = Math.min(RECORD_HEADER - this.headerGot, n - pos);
        this.header.set(chunk.subarray(pos, pos + take), this.headerGot);
        this.headerGot += take;
        pos += take;
        if (this.headerGot === RECORD_HEADER) {
          const h = this.header;
          this.bodyLeft = this.littleEndian
            ? ((h[8] ?? 0) | (h[9] ?? 0) << 8 | (h[10] ?? 0) << 16 | (h[11] ?? 0) << 24) >>> 0
            : ((h[8] ?? 0) << 24 | (h[9] ?? 0) << 16 | (h[10] ?? 0) << 8 | (h[11] ?? 0)) >>> 0;
          if (this.bodyLeft === 0) this.headerGot = 0;
        }
        continue;
      }
      const take = Math.min(this.bodyLeft, n - pos);
      this.bodyLeft -= take;
      pos += take;
      if (this.bodyLeft === 0) this.headerGot = 0;
    }
    if (this.keep || this.passThrough) this.enqueue(chunk, keptFrom, n);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    for (;;) {
      if (this.segments.length > 0) {
        yield this.take();
        continue;
      }
      if (this.failure !== null) throw this.failure;
      if (this.ended) return;
      await new Promise<void>((resolve) => { this.wake = resolve; });
    }
  }

  private readMagic(): void {
    const g = this.globalHeader;
    const m = ((g[0] ?? 0) << 24 | (g[1] ?? 0) << 16 | (g[2] ?? 0) << 8 | (g[3] ?? 0)) >>> 0;
    if (m === 0xa1b2c3d4 || m === 0xa1b23c4d) this.littleEndian = false;
    else if (m === 0xd4c3b2a1 || m === 0x4d3cb2a1) this.littleEndian = true;
    else this.passThrough = true;
  }

  private enqueue(chunk: Uint8Array, from: number, to: number): void {
    if (to <= from) return;
    this.segments.push(from === 0 && to === chunk.length ? chunk : chunk.subarray(from, to));
    this.figures.queuedBytes += to - from;
    if (this.figures.queuedBytes > this.figures.peakQueuedBytes) this.figures.peakQueuedBytes = this.figures.queuedBytes;
    this.signal();
  }

  /** The queued bytes, joined up to maxYieldBytes (one copy per pull, not per packet). */
  private take(): Uint8Array {
    const first = this.segments[0] as Uint8Array;
    if (this.segments.length === 1 || first.length >= this.maxYieldBytes) {
      this.segments.shift();
      this.figures.queuedBytes -= first.length;
      return first;
    }
    let size = 0, count = 0;
    for (const s of this.segments) {
      if (count > 0 && size + s.length > this.maxYieldBytes) break;
      size += s.length;
      count++;
    }
    const out = new Uint8Array(size);
    let at = 0;
    for (const s of this.segments.splice(0, count)) {
      out.set(s, at);
      at += s.length;
    }
    this.figures.queuedBytes -= size;
    return out;
  }

  private finish(err: Error | null): void {
    if (this.ended) return;
    this.ended = true;
    this.failure = err;
    this.signal();
  }

  private signal(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }
}
