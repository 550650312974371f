/**
 * @module api/metered-source
 * A PacketSource wrapper that measures how busy one slot's analysis is: the wall time between a
 * batch being handed to the analysis and the analysis asking for the next one, summed per
 * wall-clock second over the last 10 s. `busyPercent()` is the share of the last 5 full seconds
 * (the analysis's own share, unlike the event loop's, which all slots and requests share).
 * Also the test hook `delayMs`: wait that long before each batch, to slow an analysis on purpose.
 */
import type { InterfaceInfo, PacketBatch, PacketSource, SourceProgress } from '../source/types.js';

const BUCKETS = 10;
const WINDOW_SEC = 5;

export class MeteredSource implements PacketSource {
  readonly format: string;
  readonly name: string;
  batches = 0;
  private readonly busyMs = new Float64Array(BUCKETS);
  private readonly bucketSec = new Float64Array(BUCKETS).fill(-1);

  constructor(private readonly inner: PacketSource, private readonly delayMs = 0) {
    this.format = inner.format;
    this.name = inner.name;
  }

  interfaces(): readonly InterfaceInfo[] { return this.inner.interfaces(); }
  progress(): SourceProgress { return this.inner.progress(); }
  fileWarnings(): ReadonlyMap<string, number> { return this.inner.fileWarnings(); }
  close(): Promise<void> { return this.inner.close(); }

  /** Share (percent) of the last 5 full wall-clock seconds this analysis spent on batches. */
  busyPercent(now = Date.now()): number {
    const sec = Math.floor(now / 1000);
    let ms = 0;
    for (let s = sec - WINDOW_SEC; s < sec; s++) {
      const b = ((s % BUCKETS) + BUCKETS) % BUCKETS;
      if (this.bucketSec[b] === s) ms += this.busyMs[b] ?? 0;
    }
    return Math.round(Math.min(100, ms / (WINDOW_SEC * 10)) * 10) / 10;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<PacketBatch> {
    for await (const batch of this.inner) {
      if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
      const start = Date.now();
      yield batch;
      this.batches++;
      this.addBusy(start, Date.now());
    }
  }

  /** Books busy time [from, to) (ms since the epoch) into the per-second buckets. */
  private addBusy(from: number, to: number): void {
    let at = from;
    while (at < to) {
      const sec = Math.floor(at / 1000);
      const end = Math.min(to, (sec + 1) * 1000);
      const b = sec % BUCKETS;
      if (this.bucketSec[b] !== sec) {
        this.bucketSec[b] = sec;
        this.busyMs[b] = 0;
      }
      this.busyMs[b] = (this.busyMs[b] ?? 0) + (end - at);
      at = end;
    }
  }
}
