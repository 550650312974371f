/**
 * @module analysis/traffic-summary
 * The core L2–L4 accounting of one packet: global counters, link types, protocol mix, and the
 * MAC, IP and connection entities of the store (all-time counters and history). It records the
 * entities it touched in a PacketRefs for the measurement modules. Reads only PacketInfo;
 * allocates nothing per packet.
 */
import { LLC_BASE, type PacketInfo } from '../decode/packet-info.js';
import { ConnectionTable } from '../flow/connection-table.js';
import { TcpSlots } from '../flow/tcp/index.js';
import { IpTable } from '../store/ip-table.js';
import { MacTable } from '../store/mac-table.js';
import type { EntityTableOptions } from '../store/entity-table.js';
import { Counter } from '../store/counters.js';
import { Store } from '../store/store.js';
import { addAt } from '../core/typed.js';
import { MAX_REF_LAYERS, PacketRefs, type CoreTables } from '../pipeline/packet-refs.js';
import type { TunnelView } from './tunnel-view.js';

export interface TrafficSummaryOptions {
  readonly tunnelView: TunnelView;
  readonly store: Store;
  readonly ipTable: Partial<EntityTableOptions>;
  readonly macTable: Partial<EntityTableOptions>;
  readonly connectionTable: Partial<EntityTableOptions>;
}

const TCP = 6;
const TCP_FIN = 0x01, TCP_SYN = 0x02, TCP_RST = 0x04, TCP_ACK = 0x10;
/** Link types at or above this share one "other" bucket. */
const LINK_TYPE_SLOTS = 512;
const ETHER_TYPE_SLOTS = LLC_BASE + 256;

export class TrafficSummary implements CoreTables {
  readonly tunnelView: TunnelView;
  readonly store: Store;
  /** The entities the last packet touched. */
  readonly refs = new PacketRefs();
  readonly ips: IpTable;
  readonly macs: MacTable;
  readonly connections: ConnectionTable;
  /** TCP state and figures of TCP connections (handshake, retransmissions, windows …). */
  readonly tcp = new TcpSlots();

  packets = 0;
  /** Sum of original (wire) lengths. */
  bytes = 0;
  /** Sum of captured lengths. */
  capturedBytes = 0;
  firstTsUs = Number.POSITIVE_INFINITY;
  lastTsUs = Number.NEGATIVE_INFINITY;
  /** Packets per link type (index = link type; the last slot collects larger values). */
  readonly linkTypePackets = new Float64Array(LINK_TYPE_SLOTS);
  /** Packets and bytes per protocol of the outermost Ethernet header (EtherType, or LLC_BASE + DSAP). */
  readonly etherTypePackets = new Float64Array(ETHER_TYPE_SLOTS);
  readonly etherTypeBytes = new Float64Array(ETHER_TYPE_SLOTS);
  /** IP headers counted per version (index 4 and 6), and their frame bytes. */
  readonly ipVersionPackets = new Float64Array(8);
  readonly ipVersionBytes = new Float64Array(8);
  /** IP headers counted per protocol carried, and their frame bytes. */
  readonly ipProtoPackets = new Float64Array(256);
  readonly ipProtoBytes = new Float64Array(256);
  /** Frames without any IP header (ARP, STP, LLDP …). */
  nonIpPackets = 0;
  /** Frames that completed a fragmented IP datagram. */
  reassembledDatagrams = 0;

  constructor(options?: Partial<TrafficSummaryOptions>) {
    this.tunnelView = options?.tunnelView ?? 'all';
    this.store = options?.store ?? new Store();
    this.ips = this.store.addTable(new IpTable(options?.ipTable));
    this.macs = this.store.addTable(new MacTable(options?.macTable));
    this.connections = this.store.addTable(new ConnectionTable(options?.connectionTable));
    this.connections.linkIpTable(this.ips);
    this.connections.listen(this.tcp);
    this.connections.declareBytesPerEntity(4);
    this.connections.attachMemory(() => this.tcp.memoryBytes());
  }

  /** Both phases for one frame (tests and tools that do not batch). */
  add(pi: PacketInfo): void {
    this.addFrame(pi);
    this.creditEntities(pi);
  }

  /**
   * Phase 1, every frame: the clock, global counters, the connection (lookup, TCP roles, its
   * counters). Sets refs (time, lengths, connection) and resets the entity refs.
   */
  addFrame(pi: PacketInfo): void {
    const len = pi.origLen;
    const tsSec = pi.tsSec;
    const tsUs = tsSec * 1e6 + Math.floor(pi.tsNsec / 1000);
    this.store.advance(tsSec);
    const refs = this.refs;
    refs.tsUs = tsUs;
    refs.tsSec = tsSec;
    refs.wireLen = len;
    refs.packets = 1;
    refs.bytes = len;
    refs.replay = false;
    refs.interfaceId = pi.interfaceId;
    refs.macLayers = 0;
    refs.ipLayers = 0;
    refs.conn = -1;
    refs.connL4 = -1;
    refs.connIp = -1;
    refs.connIpSrc = -1;
    refs.connIpDst = -1;
    refs.tcpSlot = -1;
    this.packets++;
    this.bytes += len;
    this.capturedBytes += pi.capLen;
    if (tsUs < this.firstTsUs) this.firstTsUs = tsUs;
    if (tsUs > this.lastTsUs) this.lastTsUs = tsUs;
    addAt(this.linkTypePackets, pi.linkType < LINK_TYPE_SLOTS ? pi.linkType : LINK_TYPE_SLOTS - 1, 1);
    if (pi.reassembled) this.reassembledDatagrams++;
    if (pi.ethCount > 0) {
      const t = pi.ethType[0] as number;
      if (t < ETHER_TYPE_SLOTS) {
        addAt(this.etherTypePackets, t, 1);
        addAt(this.etherTypeBytes, t, len);
      }
    }
    const ipCount = pi.ipCount;
    if (ipCount === 0) {
      this.nonIpPackets++;
      return;
    }
    let firstIp = 0, lastIp = ipCount;
    if (this.tunnelView === 'outer') lastIp = 1;
    else if (this.tunnelView === 'inner') firstIp = ipCount - 1;
    for (let i = firstIp; i < lastIp; i++) {
      const version = pi.ipVersion[i] as number, proto = pi.ipProto[i] as number;
      addAt(this.ipVersionPackets, version, 1);
      addAt(this.ipVersionBytes, version, len);
      addAt(this.ipProtoPackets, proto, 1);
      addAt(this.ipProtoBytes, proto, len);
    }
    const l4Count = pi.l4Count;
    let lastTcp = -1;
    for (let j = 0; j < l4Count; j++) if (pi.l4Proto[j] === TCP) lastTcp = j;
    // A frame that completed a fragmented datagram brings all of the datagram's frames.
    const pkts = pi.reassembled ? pi.reassembledFrames : 1;
    const bytes = pi.reassembled ? pi.reassembledBytes : len;
    for (let j = 0; j < l4Count; j++) {
      const ipIndex = pi.l4Ip[j] as number;
      if (ipIndex < firstIp || ipIndex >= lastIp) continue;
      if (pi.l4Complete[j] === 0) continue;
      this.account(pi, ipIndex, j, pi.l4Proto[j] as number, j === lastTcp, pkts, bytes, tsUs);
    }
    if (refs.conn >= 0) this.resolveConnectionIps(pi, tsUs);
  }

  /**
   * The IP entities of the connection's layer (refs.connIpSrc/Dst), from the connection's cache or
   * found/created (and cached) here: per-frame work needs them before the frame is credited.
   */
  private resolveConnectionIps(pi: PacketInfo, tsUs: number): void {
    const refs = this.refs, conns = this.connections, ips = this.ips, conn = refs.conn, fromA = refs.connFromA;
    const i = refs.connIp, version = pi.ipVersion[i] as number;
    let s = conns.cachedIp(conn, fromA, tsUs);
    if (s < 0) s = conns.cacheIp(conn, fromA, ips.upsert(version, pi.ipSrc, i * 4, tsUs));
    let d = conns.cachedIp(conn, !fromA, tsUs);
    if (d < 0) d = conns.cacheIp(conn, !fromA, ips.upsert(version, pi.ipDst, i * 4, tsUs));
    refs.connIpSrc = s;
    refs.connIpDst = d;
  }

  /**
   * Phase 2, per frame or per batch of like frames (see pipeline/frame-batcher.ts): the MAC and IP
   * entities of the headers in view, credited with refs.packets and refs.bytes. Fills the entity
   * refs for the modules.
   */
  creditEntities(pi: PacketInfo): void {
    const refs = this.refs, tsUs = refs.tsUs, packets = refs.packets, bytes = refs.bytes;
    const ethCount = pi.ethCount;
    if (ethCount > 0) {
      let first = 0, last = ethCount;
      if (this.tunnelView === 'outer') last = 1;
      else if (this.tunnelView === 'inner') first = ethCount - 1;
      const macs = this.macs;
      for (let i = first; i < last; i++) {
        const s = macs.upsert(pi.ethSrc[i] as number, tsUs);
        if (s >= 0) macs.addTraffic(s, Counter.TxPackets, packets, bytes);
        const d = macs.upsert(pi.ethDst[i] as number, tsUs);
        if (d >= 0) macs.addTraffic(d, Counter.RxPackets, packets, bytes);
        const r = refs.macLayers;
        if (r < MAX_REF_LAYERS) {
          refs.macLayer[r] = i;
          refs.macSrc[r] = s;
          refs.macDst[r] = d;
          refs.macLayers = r + 1;
        }
      }
    }
    const ipCount = pi.ipCount;
    if (ipCount === 0) return;
    let firstIp = 0, lastIp = ipCount;
    if (this.tunnelView === 'outer') lastIp = 1;
    else if (this.tunnelView === 'inner') firstIp = ipCount - 1;
    // The connection's layer has its IP entities already: addFrame resolved them for this frame
    // (a replayed batch resolves them here, from the connection's cache).
    const ips = this.ips, conn = refs.conn, connIp = refs.connIp;
    for (let i = firstIp; i < lastIp; i++) {
      const version = pi.ipVersion[i] as number;
      let s: number, d: number;
      if (conn >= 0 && i === connIp) {
        if (refs.replay) this.resolveConnectionIps(pi, tsUs);
        s = refs.connIpSrc;
        d = refs.connIpDst;
      } else {
        s = ips.upsert(version, pi.ipSrc, i * 4, tsUs);
        d = ips.upsert(version, pi.ipDst, i * 4, tsUs);
      }
      if (s >= 0) ips.addTraffic(s, Counter.TxPackets, packets, bytes);
      if (d >= 0) ips.addTraffic(d, Counter.RxPackets, packets, bytes);
      const r = refs.ipLayers;
      if (r < MAX_REF_LAYERS) {
        refs.ipLayer[r] = i;
        refs.ipSrc[r] = s;
        refs.ipDst[r] = d;
        refs.ipLayers = r + 1;
      }
    }
  }

  private account(pi: PacketInfo, ipIndex: number, j: number, proto: number, isTcp: boolean,
    pkts: number, bytes: number, tsUs: number): void {
    const conns = this.connections;
    let found = conns.lookup(pi.ipVersion[ipIndex] ?? 4, proto, pi.ipSrc, ipIndex * 4, pi.srcPort[j] ?? 0,
      pi.ipDst, ipIndex * 4, pi.dstPort[j] ?? 0, tsUs);
    if (found < 0) return;
    let e = found >>> 1;
    if (isTcp && pi.tcpFlags >= 0) {
      const flags = pi.tcpFlags;
      if ((flags & (TCP_SYN | TCP_ACK)) === TCP_SYN) {
        const known = conns.synSeqOf(e);
        const seen = (conns.tcpFlagsA[e] ?? 0) | (conns.tcpFlagsB[e] ?? 0);
        if ((known >= 0 && known !== pi.tcpSeq) || (known < 0 && (seen & (TCP_FIN | TCP_RST)) !== 0)) {
          found = conns.restart(e, found & 1, tsUs);
          if (found < 0) return;
          e = found >>> 1;
        }
        if (conns.synSeqOf(e) < 0) {
          conns.setSynSeq(e, pi.tcpSeq);
          conns.clientIsA[e] = (found & 1) === 0 ? 1 : 0;
        }
      } else if ((flags & (TCP_SYN | TCP_ACK)) === (TCP_SYN | TCP_ACK) && (conns.clientIsA[e] ?? -1) < 0) {
        conns.clientIsA[e] = (found & 1) === 0 ? 0 : 1;
      }
      const slot = this.tcp.acquire(e);
      this.tcp.metrics.onPacket(slot, (found & 1) === 0, pi, tsUs);
      this.refs.tcpSlot = slot;
      if ((found & 1) === 0) conns.tcpFlagsA[e] = (conns.tcpFlagsA[e] ?? 0) | flags;
      else conns.tcpFlagsB[e] = (conns.tcpFlagsB[e] ?? 0) | flags;
    }
    conns.addTraffic(e, (found & 1) * 2, pkts, bytes);
    const refs = this.refs;
    refs.conn = e;
    refs.connFromA = (found & 1) === 0;
    refs.connL4 = j;
    refs.connIp = ipIndex;
  }

  /** End of the capture: the open second becomes history. */
  finish(): void {
    this.store.finish();
  }
}
