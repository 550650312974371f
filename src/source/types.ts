/**
 * @module source/types
 * The one interface every packet source implements (pcap, pcapng, later live capture and uploads).
 *
 * A source is an async iterable of PacketBatch. Iteration is the backpressure: the source reads the
 * next chunk only when the consumer asks for the next batch.
 *
 * Buffer ownership: a batch (its `data` and every typed array in it) belongs to the source and is
 * valid only until the consumer asks for the next batch. A consumer that needs bytes longer (ring
 * buffer, reassembly, captures) copies them. Sources reuse batch objects and buffers; they allocate
 * per chunk, never per packet.
 *
 * Errors: a damaged or truncated file first yields every packet before the damage, then the
 * iterator throws a CaptureFileError (core/errors.ts) naming the byte offset and what was wrong.
 */

/** Link-layer header types (tcpdump.org LINKTYPE_ values) that the decoder understands. */
export const LinkType = {
  Null: 0,
  Ethernet: 1,
  Ppp: 9,
  Raw: 101,
  PppHdlc: 50,
  CiscoHdlc: 104,
  Loop: 108,
  LinuxSll: 113,
  Ipv4: 228,
  Ipv6: 229,
  LinuxSll2: 276,
} as const;
export type LinkType = (typeof LinkType)[keyof typeof LinkType];

/** What a source knows about one capture interface. */
export interface InterfaceInfo {
  /** Index as used in PacketBatch.interfaceId (pcapng: interface id; pcap: 0). */
  readonly id: number;
  readonly linkType: number;
  readonly snapLen: number;
  readonly name: string;
  readonly description: string;
  /** Timestamp resolution in the file, as a power of ten of seconds (6 = µs, 9 = ns). */
  readonly tsResolutionDigits: number;
}

/** A run of packets that lie in one buffer. All arrays have at least `count` valid entries. */
export interface PacketBatch {
  /** The bytes the packets lie in. Valid until the next batch is requested. */
  readonly data: Uint8Array;
  /** Number of packets in this batch. */
  readonly count: number;
  /** Start of packet i's captured bytes in `data`. */
  readonly offset: Int32Array;
  /** Captured length of packet i (bytes present in `data`). */
  readonly capLen: Int32Array;
  /** Original length of packet i on the wire (>= capLen for snaplen-cut packets). */
  readonly origLen: Int32Array;
  /** Timestamp of packet i, whole seconds since the epoch (UTC). */
  readonly tsSec: Float64Array;
  /** Timestamp of packet i, nanoseconds within the second (0..999,999,999). */
  readonly tsNsec: Int32Array;
  /** Link type of packet i (pcapng files can mix link types). */
  readonly linkType: Int32Array;
  /** Interface index of packet i (see PacketSource.interfaces). */
  readonly interfaceId: Int32Array;
}

/** Progress of a source over its input, for progress bars and the API. */
export interface SourceProgress {
  /** Bytes of the input consumed so far (compressed bytes for a gzip file). */
  readonly bytesRead: number;
  /** Total input size in bytes when known, else -1. */
  readonly bytesTotal: number;
  /** Packets delivered so far. */
  readonly packets: number;
}

export interface PacketSource extends AsyncIterable<PacketBatch> {
  /** A human-readable name (file path, interface name). */
  readonly name: string;
  /** The capture format: 'pcap', 'pcapng' (with '+gzip' when compressed), 'live' … */
  readonly format: string;
  /** Interfaces known so far (pcapng can add interfaces as the file goes on). */
  interfaces(): readonly InterfaceInfo[];
  progress(): SourceProgress;
  /** Anomalies of the file itself that did not stop reading (e.g. timestamp fraction >= 1 s), by name. */
  fileWarnings(): ReadonlyMap<string, number>;
  /** Release the file or stream. Safe to call more than once. */
  close(): Promise<void>;
}
