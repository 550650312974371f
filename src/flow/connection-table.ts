/**
 * @module flow/connection-table
 * Numeric, symmetric connection table. Both directions of a conversation hash to the same slot
 * (the hash of the key is order-independent) and a lookup returns the entity number and the
 * direction (A→B or B→A) in one number, so the hot path allocates nothing.
 */
import { hashAddr, mix32 } from '../store/hash.js';
import { resized } from '../store/resize.js';

export interface ConnectionTableOptions {
  readonly initialCapacity: number;
  /** Hard cap on stored connections; beyond it new connections are counted in `untracked`. */
  readonly maxEntries: number;
}

const DEFAULTS: ConnectionTableOptions = { initialCapacity: 4096, maxEntries: 32_000_000 };

/** Per-connection counter slots (4 per connection). */
export const ConnCounter = { PacketsAtoB: 0, BytesAtoB: 1, PacketsBtoA: 2, BytesBtoA: 3 } as const;

/** Result encoding of `lookup`: entity * 2 + direction (0 = A→B, 1 = B→A); -1 when not tracked. */
export function entityOf(found: number): number {
  return found >>> 1;
}
export function directionOf(found: number): number {
  return found & 1;
}

export class ConnectionTable {
  /** Entities created (including connections replaced on port reuse). */
  size = 0;
  /** Packets of connections that could not be stored because the table was full. */
  untracked = 0;
  private readonly maxEntries: number;
  private capacity: number;
  private mask: number;
  private slots: Int32Array;
  version: Uint8Array;
  proto: Uint8Array;
  /** Address words of side A / side B, 4 per entity (IPv4 in word 3). */
  addrA: Uint32Array;
  addrB: Uint32Array;
  portA: Uint16Array;
  portB: Uint16Array;
  /** [packetsAtoB, bytesAtoB, packetsBtoA, bytesBtoA] per entity. */
  counters: Float64Array;
  firstTsUs: Float64Array;
  lastTsUs: Float64Array;
  /** OR of TCP flags seen from side A / side B. */
  tcpFlagsA: Uint16Array;
  tcpFlagsB: Uint16Array;
  /** Sequence number of the first SYN without ACK, or -1. */
  synSeq: Float64Array;
  /** 1: A is the client, 0: B is the client, -1: not known from the handshake. */
  clientIsA: Int8Array;

  constructor(options?: Partial<ConnectionTableOptions>) {
    const o = { ...DEFAULTS, ...options };
    this.maxEntries = o.maxEntries;
    let cap = 16;
    while (cap < o.initialCapacity) cap *= 2;
    this.capacity = cap;
    this.mask = cap * 2 - 1;
    this.slots = new Int32Array(cap * 2);
    this.version = new Uint8Array(cap);
    this.proto = new Uint8Array(cap);
    this.addrA = new Uint32Array(cap * 4);
    this.addrB = new Uint32Array(cap * 4);
    this.portA = new Uint16Array(cap);
    this.portB = new Uint16Array(cap);
    this.counters = new Float64Array(cap * 4);
    this.firstTsUs = new Float64Array(cap);
    this.lastTsUs = new Float64Array(cap);
    this.tcpFlagsA = new Uint16Array(cap);
    this.tcpFlagsB = new Uint16Array(cap);
    this.synSeq = new Float64Array(cap);
    this.clientIsA = new Int8Array(cap);
  }

  /**
   * Find or create the connection of a packet from (src, srcPort) to (dst, dstPort).
   * Addresses are four words at src[srcAt..] and dst[dstAt..]. Returns entity * 2 + direction,
   * or -1 when the table is full.
   */
  lookup(version: number, proto: number, src: Uint32Array, srcAt: number, srcPort: number,
    dst: Uint32Array, dstAt: number, dstPort: number, tsUs: number): number {
    const s0 = src[srcAt] ?? 0, s1 = src[srcAt + 1] ?? 0, s2 = src[srcAt + 2] ?? 0, s3 = src[srcAt + 3] ?? 0;
    const d0 = dst[dstAt] ?? 0, d1 = dst[dstAt + 1] ?? 0, d2 = dst[dstAt + 2] ?? 0, d3 = dst[dstAt + 3] ?? 0;
    const hs = mix32(hashAddr(s0, s1, s2, s3) ^ srcPort);
    const hd = mix32(hashAddr(d0, d1, d2, d3) ^ dstPort);
    let slot = mix32(((hs + hd) >>> 0) ^ Math.imul(hs ^ hd, 0x27d4eb2d) ^ (proto << 8) ^ version) & this.mask;
    const slots = this.slots, a = this.addrA, b = this.addrB, pa = this.portA, pb = this.portB;
    for (;;) {
      const e = (slots[slot] ?? 0) - 1;
      if (e < 0) break;
      if (this.proto[e] === proto && this.version[e] === version) {
        const k = e * 4;
        if (pa[e] === srcPort && pb[e] === dstPort && a[k + 3] === s3 && b[k + 3] === d3 &&
          a[k + 2] === s2 && b[k + 2] === d2 && a[k + 1] === s1 && b[k + 1] === d1 && a[k] === s0 && b[k] === d0) {
          return e * 2;
        }
        if (pa[e] === dstPort && pb[e] === srcPort && a[k + 3] === d3 && b[k + 3] === s3 &&
          a[k + 2] === d2 && b[k + 2] === s2 && a[k + 1] === d1 && b[k + 1] === s1 && a[k] === d0 && b[k] === s0) {
          return e * 2 + 1;
        }
      }
      slot = (slot + 1) & this.mask;
    }
    if (this.size >= this.maxEntries) {
      this.untracked++;
      return -1;
    }
    if (this.size >= this.capacity) {
      this.grow();
      return this.lookup(version, proto, src, srcAt, srcPort, dst, dstAt, dstPort, tsUs);
    }
    const e = this.size++;
    slots[slot] = e + 1;
    this.version[e] = version;
    this.proto[e] = proto;
    const k = e * 4;
    a[k] = s0; a[k + 1] = s1; a[k + 2] = s2; a[k + 3] = s3;
    b[k] = d0; b[k + 1] = d1; b[k + 2] = d2; b[k + 3] = d3;
    pa[e] = srcPort;
    pb[e] = dstPort;
    this.firstTsUs[e] = tsUs;
    this.lastTsUs[e] = tsUs;
    this.synSeq[e] = -1;
    this.clientIsA[e] = -1;
    return e * 2;
  }

  /**
   * Start a new connection with the key of `old`, oriented so that the current packet goes A→B
   * (`direction` is the packet's direction relative to `old`). The old entity stays listed but is
   * no longer found by lookup. Returns the new entity * 2 (direction A→B), or -1 when full.
   */
  restart(old: number, direction: number, tsUs: number): number {
    if (this.size >= this.maxEntries) {
      this.untracked++;
      return -1;
    }
    if (this.size >= this.capacity) this.grow();
    const slot = this.slotOf(old);
    const e = this.size++;
    this.slots[slot] = e + 1;
    this.version[e] = this.version[old] ?? 0;
    this.proto[e] = this.proto[old] ?? 0;
    const k = e * 4, o = old * 4;
    const from = direction === 0 ? this.addrA : this.addrB, to = direction === 0 ? this.addrB : this.addrA;
    for (let i = 0; i < 4; i++) {
      this.addrA[k + i] = from[o + i] ?? 0;
      this.addrB[k + i] = to[o + i] ?? 0;
    }
    this.portA[e] = (direction === 0 ? this.portA[old] : this.portB[old]) ?? 0;
    this.portB[e] = (direction === 0 ? this.portB[old] : this.portA[old]) ?? 0;
    this.firstTsUs[e] = tsUs;
    this.lastTsUs[e] = tsUs;
    this.synSeq[e] = -1;
    this.clientIsA[e] = -1;
    return e * 2;
  }

  memoryBytes(): number {
    return this.slots.byteLength + this.version.byteLength + this.proto.byteLength + this.addrA.byteLength +
      this.addrB.byteLength + this.portA.byteLength + this.portB.byteLength + this.counters.byteLength +
      this.firstTsUs.byteLength + this.lastTsUs.byteLength + this.tcpFlagsA.byteLength + this.tcpFlagsB.byteLength +
      this.synSeq.byteLength + this.clientIsA.byteLength;
  }

  private slotOf(e: number): number {
    let slot = this.hashEntity(e) & this.mask;
    while ((this.slots[slot] ?? 0) !== e + 1) slot = (slot + 1) & this.mask;
    return slot;
  }

  private hashEntity(e: number): number {
    const k = e * 4, a = this.addrA, b = this.addrB;
    const hs = mix32(hashAddr(a[k] ?? 0, a[k + 1] ?? 0, a[k + 2] ?? 0, a[k + 3] ?? 0) ^ (this.portA[e] ?? 0));
    const hd = mix32(hashAddr(b[k] ?? 0, b[k + 1] ?? 0, b[k + 2] ?? 0, b[k + 3] ?? 0) ^ (this.portB[e] ?? 0));
    return mix32(((hs + hd) >>> 0) ^ Math.imul(hs ^ hd, 0x27d4eb2d) ^ ((this.proto[e] ?? 0) << 8) ^ (this.version[e] ?? 0));
  }

  private grow(): void {
    const cap = this.capacity * 2;
    this.capacity = cap;
    this.version = resized(this.version, cap);
    this.proto = resized(this.proto, cap);
    this.addrA = resized(this.addrA, cap * 4);
    this.addrB = resized(this.addrB, cap * 4);
    this.portA = resized(this.portA, cap);
    this.portB = resized(this.portB, cap);
    this.counters = resized(this.counters, cap * 4);
    this.firstTsUs = resized(this.firstTsUs, cap);
    this.lastTsUs = resized(this.lastTsUs, cap);
    this.tcpFlagsA = resized(this.tcpFlagsA, cap);
    this.tcpFlagsB = resized(this.tcpFlagsB, cap);
    this.synSeq = resized(this.synSeq, cap);
    this.clientIsA = resized(this.clientIsA, cap);
    this.mask = cap * 2 - 1;
    const slots = new Int32Array(cap * 2);
    // Re-insert only the entities the old index pointed to (replaced connections stay unindexed).
    const old = this.slots;
    this.slots = slots;
    for (let i = 0; i < old.length; i++) {
      const e = (old[i] ?? 0) - 1;
      if (e < 0) continue;
      let slot = this.hashEntity(e) & this.mask;
      while ((slots[slot] ?? 0) !== 0) slot = (slot + 1) & this.mask;
      slots[slot] = e + 1;
    }
  }
}
