/**
 * @module source/captured-length
 * A PacketSource that counts packets by their captured length instead of their length on the wire:
 * each batch's `origLen` is overwritten with `capLen` before the consumer sees it (in place, no
 * allocation). It is the analysis profile setting `packetLengthAccounting: 'captured'` — what a
 * snaplen-cut capture really holds, rather than what the link carried.
 */
import type { InterfaceInfo, PacketBatch, PacketSource, SourceProgress } from './types.js';

export class CapturedLengthSource implements PacketSource {
  constructor(private readonly inner: PacketSource) {}

  get name(): string { return this.inner.name; }
  get format(): string { return this.inner.format; }
  interfaces(): readonly InterfaceInfo[] { return this.inner.interfaces(); }
  progress(): SourceProgress { return this.inner.progress(); }
  fileWarnings(): ReadonlyMap<string, number> { return this.inner.fileWarnings(); }
  close(): Promise<void> { return this.inner.close(); }

  async *[Symbol.asyncIterator](): AsyncIterator<PacketBatch> {
    for await (const batch of this.inner) {
      const { origLen, capLen } = batch;
      for (let i = 0; i < batch.count; i++) origLen[i] = capLen[i] ?? 0;
      yield batch;
    }
  }
}
