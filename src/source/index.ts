/**
 * @module source
 * Packet sources: open a capture file or a byte stream, sniff its format (pcap, pcapng, either of
 * them gzip-compressed) and read it as a PacketSource (see types.ts for the contract and README.md
 * for buffer ownership, errors and limits).
 *
 * @example
 *   const source = await openCaptureFile('trace.pcapng.gz');
 *   try {
 *     for await (const batch of source) for (let i = 0; i < batch.count; i++) use(batch, i);
 *   } finally { await source.close(); }
 */
import { open, type FileHandle } from 'node:fs/promises';
import { CaptureFileError, describeError, ErrorCode } from '../core/errors.js';
import { ChunkInput, fileChunks, FileInput, gunzipChunks, type ByteInput } from './byte-input.js';
import { CaptureSource } from './capture-source.js';
import { DEFAULT_CHUNK_BYTES, DEFAULT_MAX_RECORD_BYTES } from './limits.js';
import { PcapParser } from './pcap.js';
import { PcapngParser } from './pcapng.js';
import type { RecordParser } from './record-parser.js';
import { describeUnknownFormat, isKnownMagicPrefix, SHOWN_BYTES, SNIFF_BYTES, sniffFormat } from './sniff.js';
import type { PacketSource } from './types.js';

export type { InterfaceInfo, PacketBatch, PacketSource, SourceProgress } from './types.js';
export { LinkType } from './types.js';
export { BatchBuilder } from './batch.js';
export { ChunkInput, FileInput, gunzipChunks, type ByteInput, type InputFailure } from './byte-input.js';
export { CaptureSource, type CaptureSourceOptions } from './capture-source.js';
export { DEFAULT_CHUNK_BYTES, DEFAULT_MAX_RECORD_BYTES, MAX_INTERFACES, STANDARD_MAX_PACKET_BYTES } from './limits.js';
export { PcapParser } from './pcap.js';
export { PcapngParser } from './pcapng.js';
export type { ParseFault, RecordParser } from './record-parser.js';
export { describeUnknownFormat, sniffFormat, type SniffedFormat } from './sniff.js';

export interface OpenOptions {
  /** Bytes read per step, and so roughly the bytes of one batch (default 1 MiB, see limits.ts). */
  readonly chunkBytes?: number;
  /** Largest pcap record or pcapng block accepted (default 256 MiB); larger is a corrupt file. */
  readonly maxRecordBytes?: number;
}

export interface StreamOpenOptions extends OpenOptions {
  /**
   * Fill a whole chunk before framing (throughput) instead of framing each arriving chunk at once
   * (latency, the default for streams: a live pipe's packets come out as they arrive).
   */
  readonly waitForFullChunk?: boolean;
}

function resolveOptions(options: OpenOptions | undefined): { chunkBytes: number; maxRecordBytes: number } {
  const chunkBytes = options?.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const maxRecordBytes = options?.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  if (!Number.isSafeInteger(chunkBytes) || chunkBytes < 1 || chunkBytes > 1 << 30) {
    throw new RangeError(`chunkBytes must be a whole number from 1 to 2^30, not ${chunkBytes}`);
  }
  if (!Number.isSafeInteger(maxRecordBytes) || maxRecordBytes < 64 || maxRecordBytes > 1 << 30) {
    throw new RangeError(`maxRecordBytes must be a whole number from 64 to 2^30, not ${maxRecordBytes}`);
  }
  return { chunkBytes, maxRecordBytes };
}

/**
 * Open a capture file (pcap or pcapng, optionally gzip-compressed; sniffed from its content, not its
 * name). Rejects with a CaptureFileError when the file cannot be opened (SourceIo) or is not a capture
 * (SourceFormat, naming its first bytes). FIFOs and character devices are read as streams.
 */
export async function openCaptureFile(path: string, options?: OpenOptions): Promise<PacketSource> {
  const opts = resolveOptions(options);
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw new CaptureFileError(ErrorCode.SourceIo, `cannot open ${path}: ${describeError(err)}`, 0, 0, { cause: err });
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) {
      const h = handle;
      return await openStream(handle.createReadStream({ autoClose: false }), path, -1, { ...opts, waitForFullChunk: false }, () => h.close());
    }
    const file = new FileInput(handle, st.size);
    let head: Uint8Array;
    try {
      head = await file.peek(SHOWN_BYTES);
    } catch (err) {
      throw new CaptureFileError(ErrorCode.SourceIo, `cannot read ${path}: ${describeError(err)}`, 0, 0, { cause: err });
    }
    const format = sniffOrThrow(head, false);
    if (format !== 'gzip') return new CaptureSource(path, format, file, makeParser(format, opts.maxRecordBytes), opts);
    const raw = new ChunkInput(fileChunks(handle), st.size, true);
    const h = handle;
    return await openGzip(raw, path, { ...opts, waitForFullChunk: true }, () => h.close());
  } catch (err) {
    await handle.close().catch(() => undefined);
    throw err;
  }
}

/**
 * Read a capture (pcap or pcapng, optionally gzip-compressed) from any async iterable of byte chunks:
 * uploads, pipes from tcpdump/dumpcap, memory. `totalBytes` (when known) is reported as progress'
 * bytesTotal. Rejects like openCaptureFile when the stream is not a capture.
 */
export async function openCaptureStream(
  chunks: AsyncIterable<Uint8Array>, name: string, totalBytes = -1, options?: StreamOpenOptions,
): Promise<PacketSource> {
  const opts = resolveOptions(options);
  return openStream(chunks, name, totalBytes, { ...opts, waitForFullChunk: options?.waitForFullChunk ?? false }, null);
}

interface StreamOpts { chunkBytes: number; maxRecordBytes: number; waitForFullChunk: boolean }

async function openStream(
  chunks: AsyncIterable<Uint8Array>, name: string, totalBytes: number, opts: StreamOpts, release: (() => Promise<void>) | null,
): Promise<PacketSource> {
  const raw = new ChunkInput(chunks, totalBytes, opts.waitForFullChunk, false, null, release);
  try {
    const head = await peekOrThrow(raw, name);
    const format = sniffOrThrow(head, false);
    if (format === 'gzip') return await openGzip(raw, name, opts, null);
    return new CaptureSource(name, format, raw, makeParser(format, opts.maxRecordBytes), opts);
  } catch (err) {
    await raw.close();
    throw err;
  }
}

/** Decompress `raw` on the fly and open the capture inside. */
async function openGzip(raw: ChunkInput, name: string, opts: StreamOpts, release: (() => Promise<void>) | null): Promise<PacketSource> {
  const inner: ByteInput = new ChunkInput(gunzipChunks(raw.remaining()), raw.bytesTotal, opts.waitForFullChunk, true, () => raw.bytesRead(), async () => {
    await raw.close();
    if (release !== null) await release();
  });
  try {
    const head = await peekOrThrow(inner, name);
    const format = sniffOrThrow(head, true);
    if (format === 'gzip') throw new CaptureFileError(ErrorCode.SourceFormat, 'gzip data inside gzip data is not read', 0, 0);
    return new CaptureSource(name, `${format}+gzip`, inner, makeParser(format, opts.maxRecordBytes), opts);
  } catch (err) {
    await inner.close();
    throw err;
  }
}

async function peekOrThrow(input: ByteInput, name: string): Promise<Uint8Array> {
  const head = await input.peek(SHOWN_BYTES);
  const failure = input.failure();
  if (failure !== null && sniffFormat(head) === null) {
    throw new CaptureFileError(failure.code, `${name}: ${failure.message}`, head.length, 0, { cause: failure.cause });
  }
  return head;
}

function sniffOrThrow(head: Uint8Array, compressed: boolean): 'pcap' | 'pcapng' | 'gzip' {
  const format = sniffFormat(head);
  if (format !== null) return format;
  if (head.length < SNIFF_BYTES && isKnownMagicPrefix(head)) {
    throw new CaptureFileError(ErrorCode.SourceTruncated, `input ends after ${head.length} bytes, inside the file's magic number`, 0, 0);
  }
  throw new CaptureFileError(ErrorCode.SourceFormat, describeUnknownFormat(head, compressed), 0, 0);
}

function makeParser(format: 'pcap' | 'pcapng', maxRecordBytes: number): RecordParser {
  return format === 'pcap' ? new PcapParser(maxRecordBytes) : new PcapngParser(maxRecordBytes);
}
