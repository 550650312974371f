/**
 * @module geo/mmdb-tree
 * The search tree of a MaxMind DB file (the "MMDB" format, spec: maxmind.github.io/MaxMind-DB),
 * walked straight from IP address words, without formatting the address as text and without
 * allocating: one bit per level, 24-, 28- or 32-bit records. The answer is the raw record that
 * ends the walk, which names a record of the data section; decoding that record is left to the
 * caller (geo/country-db.ts caches one decoded answer per record).
 */

export interface MmdbTreeShape {
  readonly nodeCount: number;
  readonly recordSize: number;
  /** 4: an IPv4-only tree; 6: an IPv6 tree with IPv4 under ::/96. */
  readonly ipVersion: number;
}

/** Record value meaning "no data for this address". */
export const NOT_FOUND = -1;

export class MmdbTree {
  private readonly db: Uint8Array;
  private readonly nodeCount: number;
  private readonly recordSize: number;
  private readonly nodeBytes: number;
  private readonly ipVersion: number;
  /** The node where IPv4 addresses start (after 96 zero bits in an IPv6 tree). */
  private readonly ipv4Start: number;

  constructor(db: Uint8Array, shape: MmdbTreeShape) {
    const { nodeCount, recordSize, ipVersion } = shape;
    if (recordSize !== 24 && recordSize !== 28 && recordSize !== 32) throw new RangeError(`unsupported MMDB record size ${recordSize}`);
    if (ipVersion !== 4 && ipVersion !== 6) throw new RangeError(`unsupported MMDB ip_version ${ipVersion}`);
    this.nodeBytes = recordSize / 4;
    if (!Number.isSafeInteger(nodeCount) || nodeCount <= 0 || nodeCount * this.nodeBytes > db.length) {
      throw new RangeError(`MMDB search tree of ${nodeCount} nodes does not fit in ${db.length} bytes`);
    }
    this.db = db;
    this.nodeCount = nodeCount;
    this.recordSize = recordSize;
    this.ipVersion = ipVersion;
    let node = 0;
    if (ipVersion === 6) for (let i = 0; i < 96 && node < nodeCount; i++) node = this.record(node, 0);
    this.ipv4Start = node;
  }

  /** Record `side` (0 left, 1 right) of a node inside the tree. */
  private record(node: number, side: number): number {
    const b = this.db, o = node * this.nodeBytes;
    if (this.recordSize === 24) {
      const p = o + side * 3;
      return ((b[p] as number) << 16) | ((b[p + 1] as number) << 8) | (b[p + 2] as number);
    }
    if (this.recordSize === 28) {
      const mid = b[o + 3] as number;
      if (side === 0) return (((mid & 0xf0) << 20) | ((b[o] as number) << 16) | ((b[o + 1] as number) << 8) | (b[o + 2] as number)) >>> 0;
      return (((mid & 0x0f) << 24) | ((b[o + 4] as number) << 16) | ((b[o + 5] as number) << 8) | (b[o + 6] as number)) >>> 0;
    }
    const p = o + side * 4;
    return (((b[p] as number) << 24) | ((b[p + 1] as number) << 16) | ((b[p + 2] as number) << 8) | (b[p + 3] as number)) >>> 0;
  }

  /**
   * The record that ends the walk for an address (IPv4 in w3; IPv6 most significant word first):
   * a value above nodeCount, pointing into the data section, or NOT_FOUND.
   */
  lookup(version: number, w0: number, w1: number, w2: number, w3: number): number {
    const n = this.nodeCount;
    let node: number;
    let firstWord: number;
    if (version === 4) {
      node = this.ipv4Start;
      firstWord = 3;
    } else {
      if (this.ipVersion === 4) return NOT_FOUND;
      node = 0;
      firstWord = 0;
    }
    for (let k = firstWord; k < 4 && node < n; k++) {
      const w = k === 0 ? w0 : k === 1 ? w1 : k === 2 ? w2 : w3;
      for (let bit = 31; bit >= 0 && node < n; bit--) node = this.record(node, (w >>> bit) & 1);
    }
    return node > n ? node : NOT_FOUND;
  }

  /** Byte offset in the file of the data record a lookup returned (the data section follows the tree and 16 zero bytes). */
  dataOffset(record: number): number {
    return this.nodeCount * this.nodeBytes + (record - this.nodeCount);
  }
}
