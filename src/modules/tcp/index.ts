/**
 * @module modules/tcp
 * TCP quality, from the per-connection TCP engine (flow/tcp): handshake times, response times,
 * retransmissions, missed data, duplicate ACKs, zero windows, SYN/FIN/RST — globally with
 * history, per IP (tcpStats under ip/ips/:ip, with a history of handshakes and retransmissions),
 * and per connection (columns of the connection lists). REST: tcp (global figures), and see
 * README.md.
 */
import type { PacketInfo } from '../../decode/packet-info.js';
import type { PacketRefs } from '../../pipeline/packet-refs.js';
import { History } from '../../store/history.js';
import { SegmentKind } from '../../flow/tcp/index.js';
import type { MeasurementModule, ModuleContext } from '../module.js';
import type { JsonObject, Resource, StatsQuery } from '../resource.js';
import { historyJson, timeWindow } from '../../store/query.js';
import { tcpConnectionColumns } from './connection-columns.js';
import { G, GLOBAL, P, PER_IP, ms } from './figures.js';
import { ipTcpStats } from './ip-tcp-stats.js';
import { IP_TCP_STATS_SCHEMA, TCP_GLOBAL_SCHEMA } from './schemas.js';

const TCP_SYN = 0x02, TCP_ACK = 0x10, TCP_FIN = 0x01, TCP_RST = 0x04;

export class TcpModule implements MeasurementModule {
  readonly name = 'tcp';
  readonly ctx: ModuleContext;
  /** Global figures per second (one entity, 0) and all time. */
  readonly global: History;
  readonly globalAllTime = new Float64Array(GLOBAL.length);
  /** Per-IP handshakes and retransmissions per second (entity = IP id). */
  readonly perIp: History;

  constructor(ctx: ModuleContext) {
    this.ctx = ctx;
    const { store, core } = ctx;
    this.global = store.addHistory(new History(GLOBAL.length, 1));
    const ips = core.ips;
    this.perIp = store.addHistory(new History(PER_IP.length, ips.currentCapacity));
    ips.listen({
      resize: (cap) => { this.perIp.resize(cap); },
      reset: () => undefined,
      evicted: (mark) => { this.perIp.scrub(mark); },
    });
    ips.declareBytesPerEntity(8);
    ctx.connectionExtensions.push(tcpConnectionColumns(core.connections, core.tcp));
    ctx.ipChildren.push((ip) => ({ kind: 'object', name: 'tcpStats', schema: IP_TCP_STATS_SCHEMA, get: (q) => ipTcpStats(this, ip, q) }));
  }

  onPacket(): void {
    // Per segment: see onFrame.
  }

  onFrame(pi: PacketInfo, refs: PacketRefs): void {
    const slot = refs.tcpSlot;
    if (slot < 0) return;
    const m = this.ctx.core.tcp.metrics;
    this.at = this.global.touch(0);
    this.add(G.segments, 1);
    const kind = m.lastKind, len = m.lastPayload;
    if (len > 0) this.add(G.payloadBytes, len);
    const flags = pi.tcpFlags;
    if ((flags & (TCP_SYN | TCP_ACK)) === TCP_SYN) this.add(G.syn, 1);
    else if ((flags & (TCP_SYN | TCP_ACK)) === (TCP_SYN | TCP_ACK)) this.add(G.synAck, 1);
    if ((flags & TCP_FIN) !== 0) this.add(G.fin, 1);
    if ((flags & TCP_RST) !== 0) this.add(G.rst, 1);
    if (m.lastZeroWindow) this.add(G.zeroWindow, 1);
    if (m.lastDupAck) this.add(G.dupAcks, 1);
    if (m.lastMissedBytes > 0) this.add(G.missedBytes, m.lastMissedBytes);
    if ((kind & SegmentKind.OutOfOrder) !== 0) this.add(G.outOfOrder, 1);
    if (m.lastResponseUs >= 0) {
      this.add(G.responses, 1);
      this.add(G.responseSumUs, m.lastResponseUs);
    }
    const retrans = (kind & SegmentKind.Retransmission) !== 0;
    if (retrans) {
      this.add(G.retransPackets, 1);
      this.add(G.retransBytes, len);
      if ((kind & SegmentKind.Fast) !== 0) this.add(G.fastRetrans, 1);
      if ((kind & SegmentKind.Spurious) !== 0) this.add(G.spuriousRetrans, 1);
      this.ipAdd(refs.connIpSrc, P.retransPackets, 1, P.retransBytes, len);
    }
    const hs = m.lastHandshakeUs;
    if (hs >= 0) {
      this.add(G.handshakes, 1);
      this.add(G.handshakeSumUs, hs);
      const aIsClient = m.clientIsA(slot) === 1;
      const ipA = refs.connFromA ? refs.connIpSrc : refs.connIpDst, ipB = refs.connFromA ? refs.connIpDst : refs.connIpSrc;
      this.ipAdd(aIsClient ? ipA : ipB, P.handshakesAsClient, 1, P.handshakeSumUsAsClient, hs);
      this.ipAdd(aIsClient ? ipB : ipA, P.handshakesAsServer, 1, P.handshakeSumUsAsServer, hs);
    }
  }

  /**
   * Base index of the global entity's row in the open second (set by onFrame). A method and a
   * field rather than a closure over locals: a closure made per segment was an allocation per
   * TCP frame (about 180 bytes).
   */
  private at = 0;

  /** Adds v to global figure k, in the open second and all time. */
  private add(k: number, v: number): void {
    const open = this.global.open, all = this.globalAllTime;
    open[this.at + k] = (open[this.at + k] as number) + v;
    all[k] = (all[k] as number) + v;
  }

  private ipAdd(ip: number, k1: number, v1: number, k2: number, v2: number): void {
    if (ip < 0) return;
    const h = this.perIp, at = h.touch(ip), open = h.open;
    open[at + k1] = (open[at + k1] as number) + v1;
    open[at + k2] = (open[at + k2] as number) + v2;
  }

  /** Named global figures of one counter set. */
  static named(values: ArrayLike<number>): JsonObject {
    const out: JsonObject = {};
    GLOBAL.forEach((n, i) => { out[n] = values[i] ?? 0; });
    const hs = Number(out.handshakes), rs = Number(out.responses);
    out.handshakeAvgMs = hs > 0 ? ms(Number(out.handshakeSumUs) / hs) : null;
    out.responseAvgMs = rs > 0 ? ms(Number(out.responseSumUs) / rs) : null;
    const payload = Number(out.payloadBytes);
    out.retransPercent = payload > 0 ? Math.round((Number(out.retransBytes) / payload) * 10000) / 100 : 0;
    return out;
  }

  globalJson(q: StatsQuery): JsonObject {
    const now = this.ctx.store.nowSec, w = timeWindow(now, q);
    const last = new Float64Array(GLOBAL.length), interval = new Float64Array(GLOBAL.length);
    this.global.sumRange(0, now - 1, now, last);
    this.global.sumRange(0, w.start, w.end, interval);
    const out: JsonObject = {
      allTime: TcpModule.named(this.globalAllTime),
      lastSecond: TcpModule.named(last),
      interval: TcpModule.named(interval),
      figures: [...GLOBAL],
    };
    if (!q.skipHistory) out.history = historyJson(this.global, 0, now, q);
    return out;
  }

  resource(): Resource {
    return { kind: 'object', name: 'tcp', schema: TCP_GLOBAL_SCHEMA, get: (q) => this.globalJson(q) };
  }
}

export function createTcpModule(ctx: ModuleContext): TcpModule {
  return new TcpModule(ctx);
}
