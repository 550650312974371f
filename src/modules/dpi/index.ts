/**
 * @module modules/dpi
 * Application protocols (DPI): the detection engine of protocols/detect.ts runs on every real
 * frame of a connection (onFrame; the first frame of a batch already in onPacket, so that it is
 * credited to the protocol its own payload reveals), and traffic is credited per application
 * protocol globally (with history), per IP and protocol, and shown per connection (columns of the
 * connection lists). Traffic to the server counts as received, as in l4_ports. Packets credited
 * before a payload names the protocol (a TCP handshake) count under the port guess or Unknown.
 * REST: see README.md.
 */
import type { PacketInfo } from '../../decode/packet-info.js';
import type { PacketRefs } from '../../pipeline/packet-refs.js';
import { ProtocolDetector, DETECTOR_DEFAULTS } from '../../protocols/detect.js';
import { PROTOCOLS } from '../../protocols/registry.js';
import { linkDetector } from '../../protocols/detector-link.js';
import { CacheColumn } from '../../store/cache-column.js';
import { Counter } from '../../store/counters.js';
import { KeyTable } from '../../store/key-table.js';
import { PairTable } from '../../store/pair-table.js';
import { clientIsA } from '../connections/connection-list.js';
import type { MeasurementModule, ModuleContext } from '../module.js';
import type { Resource } from '../resource.js';
import { connectionProtocol, dpiConnectionColumns } from './connection-columns.js';
import { dpiResource } from './resources.js';


export class DpiModule implements MeasurementModule {
  readonly name = 'dpi';
  readonly ctx: ModuleContext;
  readonly detector: ProtocolDetector;
  readonly packetBudget = DETECTOR_DEFAULTS.packetBudget;
  /** One entity per application protocol: key (protocol index, 0). */
  readonly protocols: KeyTable;
  /** (IP entity, protocol index). */
  readonly ipProtocols: PairTable;
  /** Protocol index → its entity + 1 (a direct-mapped cache for upsertCached). */
  private readonly protocolCache = new Int32Array(PROTOCOLS.length);
  /** Per IP: its last (IP, protocol) pair + 1. */
  private readonly ipCache: CacheColumn;
  /** The current frame was inspected in onPacket already. */
  private inspectedInOnPacket = false;

  constructor(ctx: ModuleContext) {
    this.ctx = ctx;
    const { store, core } = ctx;
    this.detector = new ProtocolDetector({ packetBudget: this.packetBudget });
    core.connections.listen(this.detector);
    linkDetector(store, this.detector);
    core.connections.declareBytesPerEntity(ProtocolDetector.BYTES_PER_FLOW);
    this.protocols = store.addTable(new KeyTable('dpi_protocol', { initialCapacity: 64 }));
    this.ipProtocols = store.addTable(new PairTable('dpi_ip_protocol', core.ips, null, { initialCapacity: 256 }));
    this.ipCache = new CacheColumn(core.ips);
    ctx.connectionExtensions.push(dpiConnectionColumns(core.connections, this.detector));
  }

  onPacket(pi: PacketInfo, refs: PacketRefs): void {
    const c = refs.conn;
    if (c < 0) return;
    if (!refs.replay) {
      this.inspect(pi, refs);
      this.inspectedInOnPacket = true;
    }
    const t = this.ctx.core.connections, tsUs = refs.tsUs, packets = refs.packets, bytes = refs.bytes;
    const proto = this.detector.proto[c] as number;
    const toServer = refs.connFromA === (clientIsA(t, c) === 1);
    const e = this.protocols.upsertCached(this.protocolCache, proto, proto, 0, tsUs);
    if (e >= 0) this.protocols.addTraffic(e, toServer ? Counter.RxPackets : Counter.TxPackets, packets, bytes);
    const src = refs.connIpSrc, dst = refs.connIpDst, cache = this.ipCache.column, pairs = this.ipProtocols;
    if (src >= 0) {
      const p = pairs.upsertCached(cache, src, src, proto, tsUs);
      if (p >= 0) pairs.addTraffic(p, Counter.TxPackets, packets, bytes);
    }
    if (dst >= 0) {
      const p = pairs.upsertCached(cache, dst, dst, proto, tsUs);
      if (p >= 0) pairs.addTraffic(p, Counter.RxPackets, packets, bytes);
    }
  }

  onFrame(pi: PacketInfo, refs: PacketRefs): void {
    if (this.inspectedInOnPacket) {
      this.inspectedInOnPacket = false;
      return;
    }
    if (refs.conn >= 0) this.inspect(pi, refs);
  }

  /** Hands the frame's payload to the engine when the connection is the innermost L4 header. */
  private inspect(pi: PacketInfo, refs: PacketRefs): void {
    const c = refs.conn, t = this.ctx.core.connections;
    // Most frames belong to a connection the engine is done with: one array read, nothing more.
    if (this.detector.isFinished(c)) return;
    const innermost = refs.connL4 === pi.l4Count - 1;
    this.detector.inspect(c, t.proto[c] as number, refs.connFromA, clientIsA(t, c) === 1, t.portA[c] as number, t.portB[c] as number,
      pi.payloadData, pi.payloadOffset, innermost ? pi.payloadLen : 0);
  }

  /** Live connections per protocol index (what the connection lists show). */
  connectionsPerProtocol(): Float64Array {
    const t = this.ctx.core.connections, out = new Float64Array(PROTOCOLS.length);
    for (let e = 0; e < t.idBound; e++) {
      if (t.alive[e] === 0) continue;
      const i = connectionProtocol(t, this.detector, e).index;
      out[i] = (out[i] as number) + 1;
    }
    return out;
  }

  resource(): Resource {
    return dpiResource(this);
  }
}

export function createDpiModule(ctx: ModuleContext): DpiModule {
  return new DpiModule(ctx);
}
