/**
 * @module source/record-parser
 * The contract between the chunked reader (capture-source.ts) and a file format (pcap.ts,
 * pcapng.ts). The reader owns the bytes and the I/O; a parser only frames records that lie
 * completely in the bytes it is shown, and says where the first damaged record starts.
 */
import type { ErrorCode } from '../core/errors.js';
import type { BatchBuilder } from './batch.js';
import type { InterfaceInfo } from './types.js';

/** Damage found in the file: the parser stops before it; the reader reports it after the batch. */
export interface ParseFault {
  readonly code: ErrorCode;
  /** What was wrong, without the offset (the error adds it). */
  readonly message: string;
  /** Offset in the (decompressed) input where the damaged record starts. */
  readonly offset: number;
}

export interface RecordParser {
  /** 'pcap' or 'pcapng'. */
  readonly format: string;
  /** Set when parse() met damage; parse() is not called again afterwards. */
  readonly fault: ParseFault | null;
  /**
   * Frame every complete record in `data[pos, end)` into `batch` (appending after batch.count) and
   * return the position just after the last complete record (or file header). `view` covers `data`;
   * `base` is the input offset of data[0], for error offsets. Stops early and sets `fault` at damage.
   * Never reads outside [pos, end).
   */
  parse(data: Uint8Array, view: DataView, pos: number, end: number, base: number, batch: BatchBuilder): number;
  /**
   * Called at the end of the input when `data[pos, end)` is not empty (and parse() made no progress
   * on it): what the incomplete record is, for the truncation error.
   */
  describeIncomplete(view: DataView, pos: number, end: number): string;
  interfaces(): readonly InterfaceInfo[];
  warnings(): ReadonlyMap<string, number>;
}
