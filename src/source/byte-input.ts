/**
 * @module source/byte-input
 * Where a source's bytes come from: a regular file read at known positions straight into the
 * reader's buffer (FileInput), or any async iterable of byte chunks (ChunkInput: uploads, pipes,
 * zlib output). gunzipChunks() turns compressed chunks into decompressed ones, streaming.
 *
 * Inputs never throw from read(): an I/O or decompression error ends the input (read() returns 0)
 * and is kept in failure(), so the reader first delivers every packet it already has and then
 * reports the failure as a CaptureFileError at the right offset.
 */
import type { FileHandle } from 'node:fs/promises';
import { createGunzip, type Gunzip } from 'node:zlib';
import { describeError, ErrorCode } from '../core/errors.js';
import { GZIP_INPUT_PIECE_BYTES, GZIP_IO_CHUNK_BYTES, GZIP_OUTPUT_CHUNK_BYTES } from './limits.js';

/** Why an input ended early. */
export interface InputFailure {
  readonly code: ErrorCode;
  readonly message: string;
  readonly cause: unknown;
}

export interface ByteInput {
  /** Up to `n` bytes from the start of the input, without consuming them. Only before the first read(). */
  peek(n: number): Promise<Uint8Array>;
  /** Copy up to `length` bytes into target[offset...]; 0 means the input has ended (see failure()). */
  read(target: Uint8Array, offset: number, length: number): Promise<number>;
  /** Bytes of the underlying input read so far (compressed bytes when decompressing). */
  bytesRead(): number;
  /** Size of the underlying input when known, else -1. */
  readonly bytesTotal: number;
  /** The error that ended the input, or null if it ended normally (or has not ended). */
  failure(): InputFailure | null;
  /** Release the file or stream. Idempotent. */
  close(): Promise<void>;
}

/** Map an error from fs, zlib or a caller's stream to a failure. */
export function classifyInputError(err: unknown, compressed: boolean): InputFailure {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  if (code === 'Z_BUF_ERROR') {
    return { code: ErrorCode.SourceTruncated, message: `gzip stream ends early (${describeError(err)})`, cause: err };
  }
  if (code.startsWith('Z_') || (compressed && code.startsWith('ERR_ZLIB'))) {
    return { code: ErrorCode.SourceCorrupt, message: `gzip data is corrupt (${describeError(err)})`, cause: err };
  }
  return { code: ErrorCode.SourceIo, message: `read error: ${describeError(err)}`, cause: err };
}

/** A regular file, read with positioned reads directly into the caller's buffer. */
export class FileInput implements ByteInput {
  private position = 0;
  private failed: InputFailure | null = null;
  private closed = false;

  constructor(private readonly handle: FileHandle, readonly bytesTotal: number) {}

  async peek(n: number): Promise<Uint8Array> {
    const b = new Uint8Array(n);
    const { bytesRead } = await this.handle.read(b, 0, n, 0);
    return b.subarray(0, bytesRead);
  }

  async read(target: Uint8Array, offset: number, length: number): Promise<number> {
    if (this.closed || this.failed !== null) return 0;
    try {
      const { bytesRead } = await this.handle.read(target, offset, length, this.position);
      this.position += bytesRead;
      return bytesRead;
    } catch (err) {
      this.failed = classifyInputError(err, false);
      return 0;
    }
  }

  bytesRead(): number {
    return this.position;
  }

  failure(): InputFailure | null {
    return this.failed;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.close();
  }
}

/**
 * Chunks of an async iterable, copied into the caller's buffer. With `waitForFullChunk` a read()
 * keeps pulling until the requested length is filled (throughput: large batches); without it a
 * read() returns as soon as one upstream chunk has been copied (latency: a live pipe's packets
 * are framed as they arrive).
 */
export class ChunkInput implements ByteInput {
  private readonly iterator: AsyncIterator<Uint8Array>;
  private readonly queue: Uint8Array[] = [];
  private headPos = 0;
  private ended = false;
  private failed: InputFailure | null = null;
  private pulled = 0;
  private closed = false;

  /**
   * @param rawBytesRead bytes of the underlying input so far, when this input sits on a decoder
   *   (e.g. gunzip); defaults to the bytes pulled from `source`.
   * @param onClose releases whatever feeds `source` (e.g. destroys the gunzip stream).
   */
  constructor(
    source: AsyncIterable<Uint8Array>,
    readonly bytesTotal: number,
    private readonly waitForFullChunk: boolean,
    private readonly compressed = false,
    private readonly rawBytesRead: (() => number) | null = null,
    private readonly onClose: (() => Promise<void>) | null = null,
  ) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  bytesRead(): number {
    return this.rawBytesRead === null ? this.pulled : this.rawBytesRead();
  }

  failure(): InputFailure | null {
    return this.failed;
  }

  async peek(n: number): Promise<Uint8Array> {
    while (this.queuedBytes() < n && (await this.pull())) { /* pull until enough */ }
    const out = new Uint8Array(Math.min(n, this.queuedBytes()));
    let filled = 0;
    for (let i = 0; i < this.queue.length && filled < out.length; i++) {
      const c = this.queue[i] as Uint8Array;
      const from = i === 0 ? this.headPos : 0;
      const take = Math.min(c.length - from, out.length - filled);
      out.set(c.subarray(from, from + take), filled);
      filled += take;
    }
    return out;
  }

  async read(target: Uint8Array, offset: number, length: number): Promise<number> {
    let copied = 0;
    for (;;) {
      while (copied < length && this.queue.length > 0) {
        const c = this.queue[0] as Uint8Array;
        const take = Math.min(c.length - this.headPos, length - copied);
        target.set(take === c.length && this.headPos === 0 ? c : c.subarray(this.headPos, this.headPos + take), offset + copied);
        copied += take;
        this.headPos += take;
        if (this.headPos === c.length) {
          this.queue.shift();
          this.headPos = 0;
        }
      }
      if (copied === length || (copied > 0 && !this.waitForFullChunk)) return copied;
      if (!(await this.pull())) return copied;
    }
  }

  /** Everything not yet read: queued chunks first, then the rest of the source. For decoders. */
  async *remaining(): AsyncGenerator<Uint8Array, void, undefined> {
    for (;;) {
      while (this.queue.length > 0) {
        const c = this.queue.shift() as Uint8Array;
        const from = this.headPos;
        this.headPos = 0;
        yield from === 0 ? c : c.subarray(from);
      }
      if (!(await this.pull())) {
        if (this.failed !== null) throw this.failed.cause;
        return;
      }
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.ended = true;
    this.queue.length = 0;
    // Do not wait for return(): a source blocked on a live pipe would never answer it.
    this.iterator.return?.().catch(() => undefined);
    if (this.onClose !== null) await this.onClose();
  }

  private queuedBytes(): number {
    let s = -this.headPos;
    for (const c of this.queue) s += c.length;
    return s;
  }

  /** Append the next non-empty upstream chunk to the queue; false at the end (or on failure). */
  private async pull(): Promise<boolean> {
    while (!this.ended) {
      let r: IteratorResult<Uint8Array>;
      try {
        r = await this.iterator.next();
      } catch (err) {
        this.ended = true;
        if (!this.closed) this.failed = classifyInputError(err, this.compressed);
        return false;
      }
      if (this.closed) return false;
      if (r.done === true) {
        this.ended = true;
        return false;
      }
      const c = r.value;
      if (!(c instanceof Uint8Array)) {
        this.ended = true;
        this.failed = { code: ErrorCode.SourceIo, message: 'input stream yielded something other than bytes', cause: c };
        return false;
      }
      if (c.length === 0) continue;
      this.pulled += c.length;
      this.queue.push(c);
      return true;
    }
    return false;
  }
}

/** Chunks of a file from the current position, in fresh buffers (a decoder may keep them). */
export async function* fileChunks(handle: FileHandle, chunkBytes = GZIP_IO_CHUNK_BYTES): AsyncGenerator<Uint8Array, void, undefined> {
  for (;;) {
    const b = new Uint8Array(chunkBytes);
    const { bytesRead } = await handle.read(b, 0, chunkBytes, null);
    if (bytesRead === 0) return;
    yield bytesRead === chunkBytes ? b : b.subarray(0, bytesRead);
  }
}

/** CRC-32 and size after each gzip member. */
const GZIP_TRAILER_BYTES = 8;

/**
 * A streaming gunzip of `compressed` (concatenated gzip members are decompressed one after another).
 *
 * zlib is fed at most `pieceBytes` of compressed input at a time and each piece's output is handed
 * on before the next piece is written: memory stays bounded even for a "gzip bomb" (deflate expands
 * at most ~1032:1, so a 16 KiB piece yields at most ~17 MiB). Output is taken from 'data' events, not
 * from the stream's async iterator, which drops data still buffered when the stream fails: this way
 * a cut gzip file yields everything that can be decompressed before the error is thrown. The final
 * 8 bytes (the trailer) are written alone, so that a checksum error comes after all the data (zlib
 * withholds the output of the write that fails; for a wrong checksum inside a multi-member file
 * that is at most GZIP_OUTPUT_CHUNK_BYTES of the member's end).
 */
export async function* gunzipChunks(compressed: AsyncIterable<Uint8Array>, pieceBytes = GZIP_INPUT_PIECE_BYTES): AsyncGenerator<Uint8Array, void, undefined> {
  const gunzip = createGunzip({ chunkSize: GZIP_OUTPUT_CHUNK_BYTES });
  const state: { out: Uint8Array[]; failure: unknown; failed: boolean } = { out: [], failure: null, failed: false };
  gunzip.on('data', (c: Uint8Array) => { state.out.push(c); });
  gunzip.on('error', (err: unknown) => {
    if (!state.failed) {
      state.failed = true;
      state.failure = err;
    }
  });
  try {
    // The last 8 bytes seen so far are held back and written on their own: at the end of the input
    // they are the gzip trailer, and everything before it comes out before its checksum is checked.
    let held: Uint8Array | null = null;
    for await (const raw of compressed) {
      const pieces = held === null ? [] : [held];
      const body = raw.subarray(0, Math.max(0, raw.length - GZIP_TRAILER_BYTES));
      held = raw.subarray(body.length);
      for (let p = 0; p < body.length; p += pieceBytes) pieces.push(body.subarray(p, p + pieceBytes));
      for (const piece of pieces) {
        await settled(gunzip, null, (done) => gunzip.write(piece, done));
        while (state.out.length > 0) yield state.out.shift() as Uint8Array;
        if (state.failed) throw state.failure;
      }
    }
    if (held !== null) {
      const last = held;
      await settled(gunzip, null, (done) => gunzip.write(last, done));
      while (state.out.length > 0) yield state.out.shift() as Uint8Array;
      if (state.failed) throw state.failure;
    }
    await settled(gunzip, 'end', () => gunzip.end());
    while (state.out.length > 0) yield state.out.shift() as Uint8Array;
    if (state.failed) throw state.failure;
  } finally {
    gunzip.destroy();
  }
}

/** Resolve when `start`'s callback runs, or `event`, 'error' or 'close' is emitted, whichever first. */
function settled(gunzip: Gunzip, event: 'end' | null, start: (done: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    let finished = false;
    const done = (): void => {
      if (finished) return;
      finished = true;
      gunzip.off('error', done);
      gunzip.off('close', done);
      if (event !== null) gunzip.off(event, done);
      resolve();
    };
    gunzip.on('error', done);
    gunzip.on('close', done);
    if (event !== null) gunzip.on(event, done);
    start(done);
  });
}
