/**
 * @module analysis/traffic-summary
 * One pass of L2–L4 accounting over decoded packets: global counters, link types, protocol mix,
 * per-IP and per-MAC counters, connections. Reads only PacketInfo; allocates nothing per packet.
 */
import { LLC_BASE, type PacketInfo } from '../decode/packet-info.js';
import { ConnectionTable, type ConnectionTableOptions } from '../flow/connection-table.js';
import { IpTable, type IpTableOptions } from '../store/ip-table.js';
import { MacTable, type MacTableOptions } from '../store/mac-table.js';
import { Counter } from '../store/counters.js';
import { addAt } from '../core/typed.js';
import type { TunnelView } from './tunnel-view.js';

export interface TrafficSummaryOptions {
  readonly tunnelView: TunnelView;
  readonly ipTable: Partial<IpTableOptions>;
  readonly macTable: Partial<MacTableOptions>;
  readonly connectionTable: Partial<ConnectionTableOptions>;
}

const TCP = 6;
const TCP_FIN = 0x01, TCP_SYN = 0x02, TCP_RST = 0x04, TCP_ACK = 0x10;
/** Link types at or above this share one "other" bucket. */
const LINK_TYPE_SLOTS = 512;
const ETHER_TYPE_SLOTS = LLC_BASE + 256;

export class TrafficSummary {
  readonly tunnelView: TunnelView;
  readonly ips: IpTable;
  readonly macs: MacTable;
  readonly connections: ConnectionTable;

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
    this.ips = new IpTable(options?.ipTable);
    this.macs = new MacTable(options?.macTable);
    this.connections = new ConnectionTable(options?.connectionTable);
  }

  add(pi: PacketInfo): void {
    const len = pi.origLen;
    const tsSec = pi.tsSec;
    const tsUs = tsSec * 1e6 + Math.floor(pi.tsNsec / 1000);
    this.packets++;
    this.bytes += len;
    this.capturedBytes += pi.capLen;
    if (tsUs < this.firstTsUs) this.firstTsUs = tsUs;
    if (tsUs > this.lastTsUs) this.lastTsUs = tsUs;
    addAt(this.linkTypePackets, pi.linkType < LINK_TYPE_SLOTS ? pi.linkType : LINK_TYPE_SLOTS - 1, 1);
    if (pi.reassembled) this.reassembledDatagrams++;

    // ---- Ethernet headers
    const ethCount = pi.ethCount;
    if (ethCount > 0) {
      const t = pi.ethType[0] ?? 0;
      if (t < ETHER_TYPE_SLOTS) {
        addAt(this.etherTypePackets, t, 1);
        addAt(this.etherTypeBytes, t, len);
      }
      let first = 0, last = ethCount;
      if (this.tunnelView === 'outer') last = 1;
      else if (this.tunnelView === 'inner') first = ethCount - 1;
      const macs = this.macs, mc = macs.counters;
      for (let i = first; i < last; i++) {
        const s = macs.upsert(pi.ethSrc[i] ?? 0, tsSec);
        if (s >= 0) {
          addAt(mc, s * 4 + Counter.TxPackets, 1);
          addAt(mc, s * 4 + Counter.TxBytes, len);
        }
        const d = macs.upsert(pi.ethDst[i] ?? 0, tsSec);
        if (d >= 0) {
          addAt(mc, d * 4 + Counter.RxPackets, 1);
          addAt(mc, d * 4 + Counter.RxBytes, len);
        }
      }
    }

    // ---- IP headers
    const ipCount = pi.ipCount;
    if (ipCount === 0) {
      this.nonIpPackets++;
      return;
    }
    let firstIp = 0, lastIp = ipCount;
    if (this.tunnelView === 'outer') lastIp = 1;
    else if (this.tunnelView === 'inner') firstIp = ipCount - 1;
    const ips = this.ips, ic = ips.counters;
    for (let i = firstIp; i < lastIp; i++) {
      const version = pi.ipVersion[i] ?? 4;
      const proto = pi.ipProto[i] ?? 0;
      addAt(this.ipVersionPackets, version, 1);
      addAt(this.ipVersionBytes, version, len);
      addAt(this.ipProtoPackets, proto, 1);
      addAt(this.ipProtoBytes, proto, len);
      const s = ips.upsert(version, pi.ipSrc, i * 4, tsSec);
      if (s >= 0) {
        addAt(ic, s * 4 + Counter.TxPackets, 1);
        addAt(ic, s * 4 + Counter.TxBytes, len);
      }
      const d = ips.upsert(version, pi.ipDst, i * 4, tsSec);
      if (d >= 0) {
        addAt(ic, d * 4 + Counter.RxPackets, 1);
        addAt(ic, d * 4 + Counter.RxBytes, len);
      }
    }

    // ---- L4 headers -> connections
    const l4Count = pi.l4Count;
    if (l4Count === 0) return;
    let lastTcp = -1;
    for (let j = 0; j < l4Count; j++) if (pi.l4Proto[j] === TCP) lastTcp = j;
    // A frame that completed a fragmented datagram brings all of the datagram's frames.
    const pkts = pi.reassembled ? pi.reassembledFrames : 1;
    const bytes = pi.reassembled ? pi.reassembledBytes : len;
    for (let j = 0; j < l4Count; j++) {
      const ipIndex = pi.l4Ip[j] ?? 0;
      if (ipIndex < firstIp || ipIndex >= lastIp) continue;
      if (pi.l4Complete[j] === 0) continue;
      const proto = pi.l4Proto[j] ?? 0;
      this.account(pi, ipIndex, j, proto, j === lastTcp, pkts, bytes, tsUs);
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
        const known = conns.synSeq[e] ?? -1;
        const seen = (conns.tcpFlagsA[e] ?? 0) | (conns.tcpFlagsB[e] ?? 0);
        if ((known >= 0 && known !== pi.tcpSeq) || (known < 0 && (seen & (TCP_FIN | TCP_RST)) !== 0)) {
          found = conns.restart(e, found & 1, tsUs);
          if (found < 0) return;
          e = found >>> 1;
        }
        if ((conns.synSeq[e] ?? -1) < 0) {
          conns.synSeq[e] = pi.tcpSeq;
          conns.clientIsA[e] = (found & 1) === 0 ? 1 : 0;
        }
      } else if ((flags & (TCP_SYN | TCP_ACK)) === (TCP_SYN | TCP_ACK) && (conns.clientIsA[e] ?? -1) < 0) {
        conns.clientIsA[e] = (found & 1) === 0 ? 0 : 1;
      }
      if ((found & 1) === 0) conns.tcpFlagsA[e] = (conns.tcpFlagsA[e] ?? 0) | flags;
      else conns.tcpFlagsB[e] = (conns.tcpFlagsB[e] ?? 0) | flags;
    }
    const c = conns.counters, k = e * 4 + (found & 1) * 2;
    addAt(c, k, pkts);
    addAt(c, k + 1, bytes);
    conns.lastTsUs[e] = tsUs;
  }
}
