/**
 * @module modules/ip
 * The IP module: per IPv4/IPv6 address everything L2–L4 can tell (the core table's counters and
 * history plus IpDetails), IP pairs (peers), DSCP per IP, open TCP server ports, and global IP
 * statistics. REST subtree: see README.md.
 */
import type { PacketInfo } from '../../decode/packet-info.js';
import type { PacketRefs } from '../../pipeline/packet-refs.js';
import { Counter } from '../../store/counters.js';
import { PairTable } from '../../store/pair-table.js';
import { CacheColumn } from '../../store/cache-column.js';
import type { MeasurementModule, ModuleContext } from '../module.js';
import type { Resource } from '../resource.js';
import { IpDetails, isUnicast } from './ip-details.js';
import { GlobalKind, IpGlobal, NON_IP } from './ip-global.js';
import { ipResource } from './resources.js';

const TCP = 6;
const SYN = 0x02, ACK = 0x10;

export class IpModule implements MeasurementModule {
  readonly name = 'ip';
  readonly ctx: ModuleContext;
  readonly details = new IpDetails();
  /** IP pairs (lower id, higher id): traffic from the lower to the higher id counts as tx. */
  readonly pairs: PairTable;
  /** (IP, DSCP): traffic per DSCP value other than 0 per IP (CS0 is the rest of the IP's traffic). */
  readonly qos: PairTable;
  /** (server IP, port): TCP ports that answered a SYN; rx packets = connections accepted. */
  readonly ports: PairTable;
  readonly global: IpGlobal;
  /** Per connection: its IP pair entity + 1 (a cache; see KeyTable.upsertCached). */
  private readonly connPairCache: CacheColumn;

  constructor(ctx: ModuleContext) {
    this.ctx = ctx;
    const { store, core } = ctx;
    core.ips.listen(this.details);
    core.ips.declareBytesPerEntity(IpDetails.BYTES_PER_ENTITY);
    this.pairs = store.addTable(new PairTable('ip_pair', core.ips, core.ips));
    this.qos = store.addTable(new PairTable('ip_qos', core.ips, null, { initialCapacity: 256 }));
    this.ports = store.addTable(new PairTable('ip_port', core.ips, null, { initialCapacity: 256 }));
    this.global = new IpGlobal(store);
    this.connPairCache = new CacheColumn(core.connections);
  }

  onPacket(pi: PacketInfo, refs: PacketRefs): void {
    const len = refs.bytes, packets = refs.packets, tsUs = refs.tsUs;
    if (refs.ipLayers === 0) {
      this.global.add(GlobalKind.L3, NON_IP, packets, len, tsUs);
      return;
    }
    const details = this.details;
    for (let r = 0; r < refs.ipLayers; r++) {
      const i = refs.ipLayer[r] as number, src = refs.ipSrc[r] as number, dst = refs.ipDst[r] as number;
      const version = pi.ipVersion[i] as number, proto = pi.ipProto[i] as number;
      const unicast = isUnicast(version, pi.ipDst[i * 4] as number, pi.ipDst[i * 4 + 3] as number);
      details.packet(src, dst, proto, pi.ipTtl[i] as number, pi.ipTotalLen[i] as number, unicast, packets);
      if (src >= 0 && dst >= 0 && src !== dst) this.pair(src, dst, packets, len, tsUs, refs.connIp === i ? refs.conn : -1);
      // Unmarked traffic (CS0) is not stored: an IP's CS0 traffic is the rest of its traffic.
      const dscp = (pi.ipTos[i] as number) >>> 2;
      if (dscp !== 0 && src >= 0) {
        const q = this.qos.upsertCached(details.qosTxCache, src, src, dscp, tsUs);
        if (q >= 0) this.qos.addTraffic(q, Counter.TxPackets, packets, len);
      }
      if (dscp !== 0 && dst >= 0) {
        const q = this.qos.upsertCached(details.qosRxCache, dst, dst, dscp, tsUs);
        if (q >= 0) this.qos.addTraffic(q, Counter.RxPackets, packets, len);
      }
      if ((pi.ipFlags[i] as number) & 4 && version === 4) this.global.add(GlobalKind.Ipv4Fragments, 0, packets, len, tsUs);
    }
    // Global L3/L4: the innermost IP header in view.
    const inner = refs.ipLayer[refs.ipLayers - 1] as number;
    this.global.add(GlobalKind.L3, pi.ipVersion[inner] as number, packets, len, tsUs);
    this.global.add(GlobalKind.L4, pi.ipProto[inner] as number, packets, len, tsUs);
  }

  /** New connections per IP, and TCP server ports that accepted a connection: events of frames. */
  onFrame(pi: PacketInfo, refs: PacketRefs): void {
    this.connection(pi, refs);
  }

  /** Counts a packet for the IP pair; `conn` (or -1) caches the pair's entity per connection. */
  private pair(src: number, dst: number, packets: number, len: number, tsUs: number, conn: number): void {
    const lo = src < dst ? src : dst, hi = src < dst ? dst : src;
    const before = this.pairs.created;
    const p = conn >= 0 ? this.pairs.upsertCached(this.connPairCache.column, conn, lo, hi, tsUs) : this.pairs.upsert(lo, hi, tsUs);
    if (p < 0) return;
    if (this.pairs.created !== before) {
      this.details.peers[src] = (this.details.peers[src] as number) + 1;
      this.details.peers[dst] = (this.details.peers[dst] as number) + 1;
    }
    this.pairs.addTraffic(p, src === lo ? Counter.TxPackets : Counter.RxPackets, packets, len);
  }

  private connection(pi: PacketInfo, refs: PacketRefs): void {
    const c = refs.conn;
    if (c < 0) return;
    const conns = this.ctx.core.connections, d = this.details;
    const k = c * 4;
    const packets = (conns.counters[k] as number) + (conns.counters[k + 2] as number);
    const src = refs.connIpSrc, dst = refs.connIpDst;
    if (packets === 1) {
      if (src >= 0) {
        d.clientConnections[src] = (d.clientConnections[src] as number) + 1;
        d.lastConnectionUs[src] = refs.tsUs;
      }
      if (dst >= 0) {
        d.serverConnections[dst] = (d.serverConnections[dst] as number) + 1;
        d.lastConnectionUs[dst] = refs.tsUs;
      }
    }
    if (conns.proto[c] === TCP && (pi.tcpFlags & (SYN | ACK)) === (SYN | ACK) && src >= 0) {
      const port = pi.srcPort[refs.connL4] as number;
      const p = this.ports.upsert(src, (TCP << 16) | port, refs.tsUs);
      if (p >= 0) this.ports.addTraffic(p, Counter.RxPackets, 1, 0);
    }
  }

  resource(): Resource {
    return ipResource(this);
  }
}

export function createIpModule(ctx: ModuleContext): IpModule {
  return new IpModule(ctx);
}
