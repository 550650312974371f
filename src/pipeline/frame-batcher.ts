/**
 * @module pipeline/frame-batcher
 * Most frames of a connection direction within one second look alike below L4: same MACs, same
 * VLAN and MPLS tags, same DSCP and TTL, same interface. Crediting every such frame to every MAC,
 * IP, pair, protocol and class entity is most of the work of an analysis; crediting their sum once
 * gives the same numbers. The batcher keeps, for each connection direction active in the current
 * second, the header fields of its first frame (the batch's "face") and the packets and bytes of
 * the like frames that followed. The first frame is credited at once, so a new entity is there
 * (and served) from its first frame on. A frame whose fields differ ends the batch (it is
 * replayed, then the frame starts a new one); the end of the second replays every batch, before
 * any history closes the second, so per-second history stays exact. (Holding the first frame too
 * saves a third of the entity credits on the bench capture but measured no faster, and new
 * entities would appear up to a second late on a live link.)
 *
 * A replay hands the core and the modules a PacketInfo that holds only these fields: link type,
 * interface, one Ethernet header (src, dst, type), up to two VLAN tags (id, PCP, TPID), up to two
 * MPLS labels (label, TC), PPPoE session and code, one IP header (version, protocol, addresses,
 * TOS, TTL, DF, largest total length of the batch) and one L4 header (protocol, ports). Frames with
 * more headers, fragments and reassembled datagrams are never batched. Per-frame work (TCP state,
 * sizes, ICMP types, events) belongs in a module's onFrame, which sees every frame.
 */
import { PacketInfo } from '../decode/packet-info.js';
import type { ConnectionTable } from '../flow/connection-table.js';
import type { EntityListener } from '../store/entity-table.js';
import { resized } from '../store/resize.js';
import type { PacketRefs } from './packet-refs.js';

/** What a replay goes to: the core's entity crediting and the modules' onPacket. */
export type ReplayTarget = (pi: PacketInfo) => void;

const I32_FIELDS = ['linkType', 'iface', 'ethType', 'vlanId0', 'vlanId1', 'vlanPcp0', 'vlanPcp1', 'vlanTpid0', 'vlanTpid1',
  'mplsLabel0', 'mplsLabel1', 'mplsTc0', 'mplsTc1', 'pppoeSession', 'pppoeCode', 'counts', 'ipTos', 'ipTtl', 'ipDf', 'maxIpLen', 'conn'] as const;
type I32Field = (typeof I32_FIELDS)[number];

export class FrameBatcher implements EntityListener {
  /**
   * Per connection: pool index + 1 of its pair of batches in this second (index + dir). A batch
   * whose direction has not sent yet has no face: packets = -1.
   */
  private slot = new Int32Array(0);
  private count = 0;
  private capacity = 0;
  private readonly i32 = {} as Record<I32Field, Int32Array>;
  private ethSrc = new Float64Array(0);
  private ethDst = new Float64Array(0);
  private packets = new Float64Array(0);
  private bytes = new Float64Array(0);
  private lastTsUs = new Float64Array(0);
  private dir = new Uint8Array(0);
  private readonly face: PacketInfo;
  /** Frames that joined a batch, batches replayed (for the benchmark and tests). */
  batchedFrames = 0;
  replays = 0;

  constructor(private readonly conns: ConnectionTable, private readonly refs: PacketRefs, private readonly replayTo: ReplayTarget) {
    this.face = new PacketInfo();
    for (const f of I32_FIELDS) this.i32[f] = new Int32Array(0);
    this.grow(256);
    conns.listen(this);
    conns.declareBytesPerEntity(4);
  }

  resize(capacity: number): void {
    this.slot = resized(this.slot, capacity);
  }

  reset(e: number): void {
    this.slot[e] = 0;
  }

  evicted(mark: Uint8Array): void {
    const conn = this.i32.conn;
    for (let i = 0; i < this.count; i++) {
      const c = conn[i] as number;
      if (c >= 0 && mark[c] === 1) {
        conn[i] = -1;
        this.packets[i] = 0;
      }
    }
  }

  /**
   * Offers a frame whose connection the core has found (refs.conn). Returns true when the frame
   * joined its connection direction's batch: the caller then skips the core's entity crediting
   * and the modules' onPacket for it.
   */
  absorb(pi: PacketInfo): boolean {
    const refs = this.refs, c = refs.conn;
    if (c < 0 || pi.reassembled || pi.ethCount > 1 || pi.ipCount !== 1 || pi.l4Count !== 1 || pi.vlanCount > 2 ||
      pi.mplsCount > 2 || ((pi.ipFlags[0] as number) & 6) !== 0 || pi.isArp) return false;
    const d = refs.connFromA ? 0 : 1;
    const b = (this.slot[c] as number) - 1;
    let i = b + d;
    if (b >= 0 && i < this.count && this.i32.conn[i] === c && this.dir[i] === d) {
      if ((this.packets[i] as number) >= 0 && this.same(i, pi)) {
        this.join(i, pi);
        return true;
      }
      this.replayKeepingRefs(i);
    } else {
      if (this.count + 2 > this.capacity) this.grow(this.capacity * 2);
      const pair = this.count;
      this.count += 2;
      this.slot[c] = pair + 1;
      for (let x = 0; x < 2; x++) {
        this.i32.conn[pair + x] = c;
        this.dir[pair + x] = x;
        this.packets[pair + x] = -1;
      }
      i = pair + d;
    }
    this.remember(i, pi);
    return false;
  }

  private join(i: number, pi: PacketInfo): void {
    this.packets[i] = (this.packets[i] as number) + 1;
    this.bytes[i] = (this.bytes[i] as number) + pi.origLen;
    this.lastTsUs[i] = this.refs.tsUs;
    const len = pi.ipTotalLen[0] as number;
    if (len > (this.i32.maxIpLen[i] as number)) this.i32.maxIpLen[i] = len;
    this.batchedFrames++;
  }

  /** A replay in the middle of a frame: the frame's refs are put back afterwards. */
  private replayKeepingRefs(i: number): void {
    const r = this.refs;
    const tsUs = r.tsUs, tsSec = r.tsSec, wireLen = r.wireLen, iface = r.interfaceId, conn = r.conn, fromA = r.connFromA;
    const l4 = r.connL4, ip = r.connIp, ipSrc = r.connIpSrc, ipDst = r.connIpDst;
    this.replay(i);
    r.tsUs = tsUs;
    r.tsSec = tsSec;
    r.wireLen = wireLen;
    r.packets = 1;
    r.bytes = wireLen;
    r.replay = false;
    r.interfaceId = iface;
    r.macLayers = 0;
    r.ipLayers = 0;
    r.conn = conn;
    r.connFromA = fromA;
    r.connL4 = l4;
    r.connIp = ip;
    r.connIpSrc = ipSrc;
    r.connIpDst = ipDst;
  }

  /** Replays every batch of the second (called when the second closes) and starts afresh. */
  flush(): void {
    for (let i = 0; i < this.count; i++) this.replay(i);
    this.count = 0;
  }

  private same(i: number, pi: PacketInfo): boolean {
    const f = this.i32;
    if (f.iface[i] !== pi.interfaceId || f.counts[i] !== counts(pi) || f.ipTos[i] !== pi.ipTos[0] || f.ipTtl[i] !== pi.ipTtl[0]) return false;
    if (pi.ethCount === 1 && (this.ethSrc[i] !== pi.ethSrc[0] || this.ethDst[i] !== pi.ethDst[0] || f.ethType[i] !== pi.ethType[0])) return false;
    if (f.linkType[i] !== pi.linkType || f.ipDf[i] !== ((pi.ipFlags[0] as number) & 1) || f.pppoeSession[i] !== pi.pppoeSession ||
      f.pppoeCode[i] !== pi.pppoeCode) return false;
    const v = pi.vlanCount;
    if (v > 0 && (f.vlanId0[i] !== pi.vlanId[0] || f.vlanPcp0[i] !== pi.vlanPcp[0] || f.vlanTpid0[i] !== pi.vlanTpid[0])) return false;
    if (v > 1 && (f.vlanId1[i] !== pi.vlanId[1] || f.vlanPcp1[i] !== pi.vlanPcp[1] || f.vlanTpid1[i] !== pi.vlanTpid[1])) return false;
    const m = pi.mplsCount;
    if (m > 0 && (f.mplsLabel0[i] !== pi.mplsLabel[0] || f.mplsTc0[i] !== pi.mplsTc[0])) return false;
    if (m > 1 && (f.mplsLabel1[i] !== pi.mplsLabel[1] || f.mplsTc1[i] !== pi.mplsTc[1])) return false;
    return true;
  }

  /** Takes the frame as the face of batch i (the frame itself is credited directly). */
  private remember(i: number, pi: PacketInfo): void {
    const f = this.i32;
    f.linkType[i] = pi.linkType;
    f.iface[i] = pi.interfaceId;
    f.counts[i] = counts(pi);
    f.ethType[i] = pi.ethType[0] as number;
    this.ethSrc[i] = pi.ethSrc[0] as number;
    this.ethDst[i] = pi.ethDst[0] as number;
    f.vlanId0[i] = pi.vlanId[0] as number;
    f.vlanId1[i] = pi.vlanId[1] as number;
    f.vlanPcp0[i] = pi.vlanPcp[0] as number;
    f.vlanPcp1[i] = pi.vlanPcp[1] as number;
    f.vlanTpid0[i] = pi.vlanTpid[0] as number;
    f.vlanTpid1[i] = pi.vlanTpid[1] as number;
    f.mplsLabel0[i] = pi.mplsLabel[0] as number;
    f.mplsLabel1[i] = pi.mplsLabel[1] as number;
    f.mplsTc0[i] = pi.mplsTc[0] as number;
    f.mplsTc1[i] = pi.mplsTc[1] as number;
    f.pppoeSession[i] = pi.pppoeSession;
    f.pppoeCode[i] = pi.pppoeCode;
    f.ipTos[i] = pi.ipTos[0] as number;
    f.ipTtl[i] = pi.ipTtl[0] as number;
    f.ipDf[i] = (pi.ipFlags[0] as number) & 1;
    f.maxIpLen[i] = 0;
    this.packets[i] = 0;
    this.bytes[i] = 0;
  }

  /** Hands batch i (if it has frames) to the core and the modules as one PacketInfo, then empties it. */
  private replay(i: number): void {
    const packets = this.packets[i] as number, c = this.i32.conn[i] as number;
    if (packets <= 0 || c < 0) return;
    this.packets[i] = 0;
    this.replays++;
    const f = this.i32, pi = this.face, t = this.conns, fromA = this.dir[i] === 0;
    const cn = f.counts[i] as number;
    pi.reset();
    pi.linkType = f.linkType[i] as number;
    pi.interfaceId = f.iface[i] as number;
    pi.ethCount = cn & 3;
    pi.ethSrc[0] = this.ethSrc[i] as number;
    pi.ethDst[0] = this.ethDst[i] as number;
    pi.ethType[0] = f.ethType[i] as number;
    pi.vlanCount = (cn >>> 2) & 3;
    pi.vlanId[0] = f.vlanId0[i] as number;
    pi.vlanId[1] = f.vlanId1[i] as number;
    pi.vlanPcp[0] = f.vlanPcp0[i] as number;
    pi.vlanPcp[1] = f.vlanPcp1[i] as number;
    pi.vlanTpid[0] = f.vlanTpid0[i] as number;
    pi.vlanTpid[1] = f.vlanTpid1[i] as number;
    pi.mplsCount = (cn >>> 4) & 3;
    pi.mplsLabel[0] = f.mplsLabel0[i] as number;
    pi.mplsLabel[1] = f.mplsLabel1[i] as number;
    pi.mplsTc[0] = f.mplsTc0[i] as number;
    pi.mplsTc[1] = f.mplsTc1[i] as number;
    pi.pppoeSession = f.pppoeSession[i] as number;
    pi.pppoeCode = f.pppoeCode[i] as number;
    pi.ipCount = 1;
    pi.ipVersion[0] = t.version[c] as number;
    pi.ipProto[0] = t.proto[c] as number;
    const src = fromA ? t.addrA : t.addrB, dst = fromA ? t.addrB : t.addrA;
    for (let w = 0; w < 4; w++) {
      pi.ipSrc[w] = src[c * 4 + w] as number;
      pi.ipDst[w] = dst[c * 4 + w] as number;
    }
    pi.ipTos[0] = f.ipTos[i] as number;
    pi.ipTtl[0] = f.ipTtl[i] as number;
    pi.ipFlags[0] = f.ipDf[i] as number;
    pi.ipTotalLen[0] = f.maxIpLen[i] as number;
    pi.l4Count = 1;
    pi.l4Proto[0] = t.proto[c] as number;
    pi.l4Ip[0] = 0;
    pi.l4Complete[0] = 1;
    pi.srcPort[0] = (fromA ? t.portA[c] : t.portB[c]) as number;
    pi.dstPort[0] = (fromA ? t.portB[c] : t.portA[c]) as number;
    const ts = this.lastTsUs[i] as number;
    pi.tsSec = Math.floor(ts / 1e6);
    pi.tsNsec = (ts % 1e6) * 1000;
    const refs = this.refs;
    refs.tsUs = ts;
    refs.tsSec = pi.tsSec;
    refs.wireLen = 0;
    refs.packets = packets;
    refs.bytes = this.bytes[i] as number;
    refs.replay = true;
    refs.interfaceId = pi.interfaceId;
    refs.macLayers = 0;
    refs.ipLayers = 0;
    refs.conn = c;
    refs.connFromA = fromA;
    refs.connL4 = 0;
    refs.connIp = 0;
    refs.connIpSrc = -1;
    refs.connIpDst = -1;
    this.replayTo(pi);
  }

  private grow(capacity: number): void {
    this.capacity = capacity;
    for (const f of I32_FIELDS) this.i32[f] = resized(this.i32[f], capacity);
    this.ethSrc = resized(this.ethSrc, capacity);
    this.ethDst = resized(this.ethDst, capacity);
    this.packets = resized(this.packets, capacity);
    this.bytes = resized(this.bytes, capacity);
    this.lastTsUs = resized(this.lastTsUs, capacity);
    this.dir = resized(this.dir, capacity);
  }
}

/** Header counts of a frame in one number: Ethernet (2 bits), VLAN (2 bits), MPLS (2 bits). */
function counts(pi: PacketInfo): number {
  return pi.ethCount | (pi.vlanCount << 2) | (pi.mplsCount << 4);
}
