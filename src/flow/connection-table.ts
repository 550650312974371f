/**
 * @module flow/connection-table
 * Numeric, symmetric connection table. Both directions of a conversation hash to the same slot
 * (the hash of the key is order-independent) and a lookup returns the entity number and the
 * direction (A→B or B→A) in one number, so the hot path allocates nothing.
 *
 * The base table's 4 counters are, for a connection, [packetsAtoB, bytesAtoB, packetsBtoA,
 * bytesBtoA]; side A is the sender of the first packet seen (see `clientIsA` for the roles).
 */
import { hashAddr, mix32 } from '../store/hash.js';
import { resized } from '../store/resize.js';
import { creditTraffic, EntityTable, type EntityTableOptions } from '../store/entity-table.js';
import type { IpTable } from '../store/ip-table.js';

export type ConnectionTableOptions = EntityTableOptions;

/** Bit of tcpFlagsA (above the 9 TCP flag bits): synSeq holds the first SYN's sequence number. */
export const SYN_SEQ_KNOWN = 0x8000;

/** Per-connection counter slots (4 per connection). */
export const ConnCounter = { PacketsAtoB: 0, BytesAtoB: 1, PacketsBtoA: 2, BytesBtoA: 3 } as const;

/** Result encoding of `lookup`: entity * 2 + direction (0 = A→B, 1 = B→A); -1 when not tracked. */
export function entityOf(found: number): number {
  return found >>> 1;
}
export function directionOf(found: number): number {
  return found & 1;
}

export class ConnectionTable extends EntityTable {
  version: Uint8Array;
  proto: Uint8Array;
  /** Address words of side A / side B, 4 per entity (IPv4 in word 3). */
  addrA: Uint32Array;
  addrB: Uint32Array;
  portA: Uint16Array;
  portB: Uint16Array;
  /** OR of TCP flags seen from side A / side B (tcpFlagsA also carries SYN_SEQ_KNOWN). */
  tcpFlagsA: Uint16Array;
  tcpFlagsB: Uint16Array;
  /** Sequence number of the first SYN without ACK (valid when tcpFlagsA has SYN_SEQ_KNOWN). */
  private synSeq: Uint32Array;
  /** 1: A is the client, 0: B is the client, -1: not known from the handshake. */
  clientIsA: Int8Array;
  /** Cache of the IP entities of side A / B (id + 1), see cachedIp. */
  private ipA: Int32Array;
  private ipB: Int32Array;
  private ips: IpTable | undefined;

  constructor(options?: Partial<ConnectionTableOptions>) {
    super('connection', { initialCapacity: 4096, ...options });
    const cap = this.capacity;
    this.version = new Uint8Array(cap);
    this.proto = new Uint8Array(cap);
    this.addrA = new Uint32Array(cap * 4);
    this.addrB = new Uint32Array(cap * 4);
    this.portA = new Uint16Array(cap);
    this.portB = new Uint16Array(cap);
    this.tcpFlagsA = new Uint16Array(cap);
    this.tcpFlagsB = new Uint16Array(cap);
    this.synSeq = new Uint32Array(cap);
    this.clientIsA = new Int8Array(cap);
    this.ipA = new Int32Array(cap);
    this.ipB = new Int32Array(cap);
  }

  addTraffic(e: number, slot: number, packets: number, bytes: number): void {
    creditTraffic(this.counters, this.history, e, slot, packets, bytes);
  }

  /** Sequence number of the connection's first SYN without ACK, or -1 when none was seen. */
  synSeqOf(e: number): number {
    return ((this.tcpFlagsA[e] as number) & SYN_SEQ_KNOWN) !== 0 ? (this.synSeq[e] as number) : -1;
  }

  setSynSeq(e: number, seq: number): void {
    this.synSeq[e] = seq;
    this.tcpFlagsA[e] = (this.tcpFlagsA[e] as number) | SYN_SEQ_KNOWN;
  }

  /** The IP table whose entities `cachedIp`/`cacheIp` remember per connection. */
  linkIpTable(ips: IpTable): void {
    this.ips = ips;
  }

  /**
   * The IP entity of side A (`sideA`) or B of connection e, from the connection's cache, marked
   * active at tsUs; -1 when not cached or the entity was evicted since.
   */
  cachedIp(e: number, sideA: boolean, tsUs: number): number {
    const ips = this.ips;
    if (!ips) return -1;
    const id = ((sideA ? this.ipA[e] : this.ipB[e]) as number) - 1;
    if (id < 0 || ips.alive[id] !== 1) return -1;
    // The id may have been evicted and reused since: it must still name this side's address.
    const w = sideA ? this.addrA : this.addrB, k = e * 4;
    if (ips.wordOf(id, 3) !== w[k + 3] || ips.wordOf(id, 2) !== w[k + 2] || ips.wordOf(id, 1) !== w[k + 1] ||
      ips.wordOf(id, 0) !== w[k] || ips.versionOf(id) !== this.version[e]) return -1;
    ips.lastSeenUs[id] = tsUs;
    return id;
  }

  /** Remembers the IP entity of a side; returns it. */
  cacheIp(e: number, sideA: boolean, id: number): number {
    const ips = this.ips;
    if (!ips || id < 0) return id;
    if (sideA) this.ipA[e] = id + 1;
    else this.ipB[e] = id + 1;
    return id;
  }

  /**
   * Find or create the connection of a packet from (src, srcPort) to (dst, dstPort).
   * Addresses are four words at src[srcAt..] and dst[dstAt..]. Returns entity * 2 + direction,
   * or -1 when it cannot be stored.
   */
  lookup(version: number, proto: number, src: Uint32Array, srcAt: number, srcPort: number,
    dst: Uint32Array, dstAt: number, dstPort: number, tsUs: number): number {
    const s0 = src[srcAt] as number, s1 = src[srcAt + 1] as number, s2 = src[srcAt + 2] as number, s3 = src[srcAt + 3] as number;
    const d0 = dst[dstAt] as number, d1 = dst[dstAt + 1] as number, d2 = dst[dstAt + 2] as number, d3 = dst[dstAt + 3] as number;
    const hash = keyHash(version, proto, hashAddr(s0, s1, s2, s3), srcPort, hashAddr(d0, d1, d2, d3), dstPort);
    for (;;) {
      const slots = this.slots, a = this.addrA, b = this.addrB, pa = this.portA, pb = this.portB, mask = this.mask;
      let slot = hash & mask;
      for (;;) {
        const e = (slots[slot] as number) - 1;
        if (e < 0) break;
        if (this.proto[e] === proto && this.version[e] === version) {
          const k = e * 4;
          if (pa[e] === srcPort && pb[e] === dstPort && a[k + 3] === s3 && b[k + 3] === d3 &&
            a[k + 2] === s2 && b[k + 2] === d2 && a[k + 1] === s1 && b[k + 1] === d1 && a[k] === s0 && b[k] === d0) {
            this.lastSeenUs[e] = tsUs;
            return e * 2;
          }
          if (pa[e] === dstPort && pb[e] === srcPort && a[k + 3] === d3 && b[k + 3] === s3 &&
            a[k + 2] === d2 && b[k + 2] === s2 && a[k + 1] === d1 && b[k + 1] === s1 && a[k] === d0 && b[k] === s0) {
            this.lastSeenUs[e] = tsUs;
            return e * 2 + 1;
          }
        }
        slot = (slot + 1) & mask;
      }
      const room = this.room();
      if (room === 'full') {
        this.untracked++;
        return -1;
      }
      if (room === 'changed') continue;
      const e = this.claim(slot, tsUs);
      this.version[e] = version;
      this.proto[e] = proto;
      const k = e * 4;
      this.addrA[k] = s0; this.addrA[k + 1] = s1; this.addrA[k + 2] = s2; this.addrA[k + 3] = s3;
      this.addrB[k] = d0; this.addrB[k + 1] = d1; this.addrB[k + 2] = d2; this.addrB[k + 3] = d3;
      this.portA[e] = srcPort;
      this.portB[e] = dstPort;
      return e * 2;
    }
  }

  /**
   * Start a new connection with the key of `old`, oriented so that the current packet goes A→B
   * (`direction` is the packet's direction relative to `old`). The old entity stays listed but is
   * no longer found by lookup. Returns the new entity * 2 (direction A→B), or -1 when full.
   */
  restart(old: number, direction: number, tsUs: number): number {
    const version = this.version[old] as number, proto = this.proto[old] as number;
    const from = direction === 0 ? this.addrA : this.addrB, to = direction === 0 ? this.addrB : this.addrA;
    const o = old * 4;
    const f0 = from[o] as number, f1 = from[o + 1] as number, f2 = from[o + 2] as number, f3 = from[o + 3] as number;
    const t0 = to[o] as number, t1 = to[o + 1] as number, t2 = to[o + 2] as number, t3 = to[o + 3] as number;
    const fromPort = (direction === 0 ? this.portA[old] : this.portB[old]) as number;
    const toPort = (direction === 0 ? this.portB[old] : this.portA[old]) as number;
    this.unindex(old);
    const scratch = restartScratch;
    scratch[0] = f0; scratch[1] = f1; scratch[2] = f2; scratch[3] = f3;
    scratch[4] = t0; scratch[5] = t1; scratch[6] = t2; scratch[7] = t3;
    return this.lookup(version, proto, scratch, 0, fromPort, scratch, 4, toPort, tsUs);
  }

  protected override claimed(e: number): void {
    this.tcpFlagsA[e] = 0;
    this.tcpFlagsB[e] = 0;
    this.clientIsA[e] = -1;
    this.ipA[e] = 0;
    this.ipB[e] = 0;
  }

  protected hashOf(e: number): number {
    const k = e * 4, a = this.addrA, b = this.addrB;
    return keyHash(this.version[e] as number, this.proto[e] as number,
      hashAddr(a[k] as number, a[k + 1] as number, a[k + 2] as number, a[k + 3] as number), this.portA[e] as number,
      hashAddr(b[k] as number, b[k + 1] as number, b[k + 2] as number, b[k + 3] as number), this.portB[e] as number);
  }

  protected resizeKeys(cap: number): void {
    this.version = resized(this.version, cap);
    this.proto = resized(this.proto, cap);
    this.addrA = resized(this.addrA, cap * 4);
    this.addrB = resized(this.addrB, cap * 4);
    this.portA = resized(this.portA, cap);
    this.portB = resized(this.portB, cap);
    this.tcpFlagsA = resized(this.tcpFlagsA, cap);
    this.tcpFlagsB = resized(this.tcpFlagsB, cap);
    this.synSeq = resized(this.synSeq, cap);
    this.clientIsA = resized(this.clientIsA, cap);
    this.ipA = resized(this.ipA, cap);
    this.ipB = resized(this.ipB, cap);
  }

  protected keyBytesPerEntity(): number {
    return 1 + 1 + 16 + 16 + 2 + 2 + 2 + 2 + 4 + 1 + 8;
  }
}

const restartScratch = new Uint32Array(8);

/** Order-independent hash of a connection key: both directions land on the same slot. */
function keyHash(version: number, proto: number, hs: number, sp: number, hd: number, dp: number): number {
  const a = mix32(hs ^ sp), b = mix32(hd ^ dp);
  return mix32(((a + b) >>> 0) ^ Math.imul(a ^ b, 0x27d4eb2d) ^ (proto << 8) ^ version);
}
