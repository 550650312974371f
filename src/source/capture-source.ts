/**
 * @module source/capture-source
 * The chunked reader behind every file-like PacketSource.
 *
 * Two working buffers, each with `headroom` bytes in front of a `chunkBytes` read area. While the
 * parser frames one buffer (and the consumer works on that batch), the next chunk is already being
 * read into the other buffer's read area (for files, on the libuv thread pool, overlapping the copy
 * from the page cache with parsing). When it arrives, the incomplete record left at the end of the
 * current buffer (the tail) is copied into the other buffer's headroom, just in front of the new
 * bytes, and the buffers swap. A tail larger than the headroom (a record bigger than ~256 KiB, or
 * tiny chunks) is handled by appending the new bytes behind it instead; the buffer then grows by
 * doubling when one record does not fit, which the parsers' length limits bound.
 *
 * Ownership: the yielded batch and its `data` (one of the working buffers) are valid until the next
 * batch is requested; the reader then reuses that buffer for reading ahead.
 *
 * Errors: a parser fault, the end of the input inside a record, or an input failure (I/O, gzip)
 * is thrown as a CaptureFileError after the batch holding every packet before it has been yielded.
 */
import { CaptureFileError, ErrorCode } from '../core/errors.js';
import { BatchBuilder } from './batch.js';
import type { ByteInput } from './byte-input.js';
import { STANDARD_MAX_PACKET_BYTES } from './limits.js';
import type { RecordParser } from './record-parser.js';
import type { InterfaceInfo, PacketBatch, PacketSource, SourceProgress } from './types.js';

export interface CaptureSourceOptions {
  /** Bytes read per step. */
  readonly chunkBytes: number;
}

export class CaptureSource implements PacketSource {
  private readonly batch = new BatchBuilder();
  private readonly headroom: number;
  private delivered = 0;
  private closed = false;
  private iterated = false;

  constructor(
    readonly name: string,
    readonly format: string,
    private readonly input: ByteInput,
    private readonly parser: RecordParser,
    private readonly options: CaptureSourceOptions,
  ) {
    // Room for the largest usual record left over from the previous chunk; with tiny chunks the
    // append path is cheaper than copying the tail at every step.
    this.headroom = Math.min(STANDARD_MAX_PACKET_BYTES + 16, options.chunkBytes);
  }

  interfaces(): readonly InterfaceInfo[] {
    return this.parser.interfaces();
  }

  progress(): SourceProgress {
    return { bytesRead: this.input.bytesRead(), bytesTotal: this.input.bytesTotal, packets: this.delivered };
  }

  fileWarnings(): ReadonlyMap<string, number> {
    return this.parser.warnings();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.input.close();
  }

  private isClosed(): boolean {
    return this.closed;
  }

  [Symbol.asyncIterator](): AsyncIterator<PacketBatch> {
    if (this.iterated) throw new Error(`packet source ${this.name} can be iterated only once`);
    this.iterated = true;
    return this.batches();
  }

  private async *batches(): AsyncGenerator<PacketBatch, void, undefined> {
    const parser = this.parser, input = this.input, batch = this.batch;
    const chunkBytes = this.options.chunkBytes, head = this.headroom;
    // Contents are never read before being written: no need to zero them.
    let cur = new WorkBuffer(head + chunkBytes);
    let spare = new WorkBuffer(head + chunkBytes);
    let start = head; // cur[start, end) holds input not yet framed (the tail)
    let end = head;
    let startOffset = 0; // input offset of cur[start]
    let pending = input.read(spare.bytes, head, chunkBytes);
    try {
      for (;;) {
        const n = await pending;
        if (this.isClosed()) return;
        const tail = end - start;
        if (n > 0) {
          if (tail <= head) {
            // Usual case: tail into the spare buffer's headroom, right before the new bytes; swap.
            if (tail > 0) spare.bytes.set(cur.bytes.subarray(start, end), head - tail);
            const t = cur;
            cur = spare;
            spare = t;
            start = head - tail;
            end = head + n;
          } else {
            // A long incomplete record: append the new bytes behind it in the current buffer.
            if (start > 0) {
              cur.bytes.copyWithin(0, start, end);
              end -= start;
              start = 0;
            }
            if (end + n > cur.bytes.length) cur.grow(Math.max(cur.bytes.length * 2, end + n));
            cur.bytes.set(spare.bytes.subarray(head, head + n), end);
            end += n;
          }
          // Read ahead into the buffer the coming batch does not use.
          pending = input.read(spare.bytes, head, chunkBytes);
        }

        batch.begin(cur.bytes);
        const pos = n > 0 ? parser.parse(cur.bytes, cur.view, start, end, startOffset - start, batch) : start;
        startOffset += pos - start;
        start = pos;
        if (batch.count > 0) {
          this.delivered += batch.count;
          yield batch;
          if (this.isClosed()) return; // the consumer may have closed the source meanwhile
        }
        const fault = parser.fault;
        if (fault !== null) throw new CaptureFileError(fault.code, fault.message, fault.offset, this.delivered);
        if (n === 0) {
          const failure = input.failure();
          if (failure !== null) {
            const where = start < end ? `; the data ends at offset ${startOffset + end - start}, inside the record at offset ${startOffset}` : '';
            throw new CaptureFileError(failure.code, failure.message + where, startOffset, this.delivered, { cause: failure.cause });
          }
          if (start < end) {
            throw new CaptureFileError(ErrorCode.SourceTruncated, parser.describeIncomplete(cur.view, start, end), startOffset, this.delivered);
          }
          return;
        }
      }
    } finally {
      await this.close();
    }
  }
}

/**
 * A plain Uint8Array over memory that is not zeroed first (every byte a packet exposes was written by
 * a read). Plain, not a Buffer: Buffer#slice returns a view, Uint8Array#slice the copy a consumer
 * who keeps a packet expects.
 */
function unzeroedBytes(size: number): Uint8Array {
  const b = Buffer.allocUnsafeSlow(size);
  return new Uint8Array(b.buffer, b.byteOffset, size);
}

/** A working buffer and its DataView. */
class WorkBuffer {
  bytes: Uint8Array;
  view: DataView;

  constructor(size: number) {
    this.bytes = unzeroedBytes(size);
    this.view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
  }

  /** Replace with a larger buffer holding the same bytes. */
  grow(size: number): void {
    const bigger = unzeroedBytes(size);
    bigger.set(this.bytes);
    this.bytes = bigger;
    this.view = new DataView(bigger.buffer, bigger.byteOffset, bigger.byteLength);
  }
}
