/**
 * @module test/conformance/collect
 * Test helpers: read a whole PacketSource into plain per-packet records (copying the bytes, as a
 * consumer that keeps packets must), and feed bytes to openCaptureStream in chunks of a chosen size.
 */
import { CaptureFileError } from '../../src/core/errors.js';
import { openCaptureStream, type StreamOpenOptions } from '../../src/source/index.js';
import type { PacketSource } from '../../src/source/types.js';

export interface CollectedPacket {
  readonly tsSec: number;
  readonly tsNsec: number;
  readonly capLen: number;
  readonly origLen: number;
  readonly linkType: number;
  readonly interfaceId: number;
  readonly bytes: Uint8Array;
}

export interface Collected {
  readonly packets: CollectedPacket[];
  /** The CaptureFileError the iteration ended with, or null. Other errors are thrown. */
  readonly error: CaptureFileError | null;
  readonly batches: number;
}

/** Read `source` to its end (or its CaptureFileError), then close it. */
export async function collect(source: PacketSource): Promise<Collected> {
  const packets: CollectedPacket[] = [];
  let error: CaptureFileError | null = null, batches = 0;
  try {
    for await (const b of source) {
      batches++;
      for (let i = 0; i < b.count; i++) {
        const off = b.offset[i] ?? 0, cap = b.capLen[i] ?? 0;
        packets.push({
          tsSec: b.tsSec[i] ?? 0, tsNsec: b.tsNsec[i] ?? 0, capLen: cap, origLen: b.origLen[i] ?? 0,
          linkType: b.linkType[i] ?? 0, interfaceId: b.interfaceId[i] ?? 0, bytes: b.data.slice(off, off + cap),
        });
      }
    }
  } catch (err) {
    if (!(err instanceof CaptureFileError)) throw err;
    error = err;
  } finally {
    await source.close();
  }
  return { packets, error, batches };
}

/** `bytes` as an async iterable of chunks of `size` bytes (fresh copies, as a socket would give). */
export async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array, void, undefined> {
  for (let p = 0; p < bytes.length; p += size) {
    await Promise.resolve();
    yield bytes.slice(p, p + size);
  }
}

/** Open in-memory bytes as a stream source. */
export function openBytes(bytes: Uint8Array, streamChunk = 65536, options?: StreamOpenOptions): Promise<PacketSource> {
  return openCaptureStream(chunksOf(bytes, streamChunk), 'memory', bytes.length, options);
}

/** Microseconds since the epoch (floor), as tshark's references state them. */
export function tsMicros(p: { tsSec: number; tsNsec: number }): number {
  return p.tsSec * 1e6 + Math.floor(p.tsNsec / 1000);
}
