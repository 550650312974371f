/**
 * @module core/errors
 * Typed errors for programmer, configuration and file problems. Traffic problems are never errors:
 * they are named anomalies (see decode/anomalies.ts) counted by the decoder.
 */

/** Stable error codes, documented once here. */
export const ErrorCode = {
  /** The input is not a capture file we can read (bad magic, unknown format). */
  SourceFormat: 'NM_ERR_SOURCE_FORMAT',
  /** The capture file ends in the middle of a header or packet record. */
  SourceTruncated: 'NM_ERR_SOURCE_TRUNCATED',
  /** A record in the capture file is inconsistent (impossible length, bad block). */
  SourceCorrupt: 'NM_ERR_SOURCE_CORRUPT',
  /** The file could not be opened or read. */
  SourceIo: 'NM_ERR_SOURCE_IO',
  /** A command-line argument or option is wrong. */
  Usage: 'NM_ERR_USAGE',
  /** A geolocation database file is missing, unreadable or not a MaxMind DB (MMDB) file. */
  GeoDatabase: 'NM_ERR_GEO_DATABASE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Base class of every error wiremeter raises on purpose. */
export class NmError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/**
 * A capture file problem at a known byte offset. Everything before `fileOffset` was delivered;
 * the consumer keeps its results and reports this error.
 */
export class CaptureFileError extends NmError {
  /** Byte offset in the (decompressed) file where the damage starts. */
  readonly fileOffset: number;
  /** Packets delivered before the damage. */
  readonly packetsBefore: number;
  constructor(code: ErrorCode, message: string, fileOffset: number, packetsBefore: number, options?: ErrorOptions) {
    super(code, `${message} (at byte offset ${fileOffset}, after ${packetsBefore} packets)`, options);
    this.fileOffset = fileOffset;
    this.packetsBefore = packetsBefore;
  }
}

/** A wrong command-line argument: the CLI prints the message and exits with status 2. */
export class UsageError extends NmError {
  constructor(message: string) {
    super(ErrorCode.Usage, message);
  }
}

/** Narrow an unknown caught value to a message, without ever printing a stack to a user. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
