/**
 * @module decode
 * L2–L4 decoding of captured frames into a reused PacketInfo: zero-copy (fields are read straight
 * from the frame's bytes) and allocation-free (numbers into preallocated typed arrays; only IP
 * reassembly allocates, per fragmented datagram and bounded by the options below).
 *
 * ```ts
 * const decoder = new PacketDecoder({ reassemblyTimeoutSec: 10 });
 * const pi = new PacketInfo();
 * for await (const batch of source) for (let i = 0; i < batch.count; i++) {
 *   decoder.decode(batch, i, pi);   // never throws because of packet content
 *   use(pi);                        // valid until the next decode call
 * }
 * decoder.anomalyCounts;            // per anomaly (anomalies.ts), decoder.malformedPackets
 * ```
 *
 * Each protocol has its own file (ethernet.ts, vlan.ts, mpls.ts, ipv4.ts …); a decoder reads one
 * header at DecodeState.pos, fills PacketInfo, and returns the layer to decode next, found in the
 * dispatch tables (dispatch.ts). The one switch from layer code to decoder is `run` below.
 * README.md lists the supported headers, the counting rules (tshark's) and the limits.
 */
import { ANOMALY_COUNT, anomalyIndex } from './anomalies.js';
import { decodeArp } from './arp.js';
import * as dispatch from './dispatch.js';
import { decodeEthernet, decodeLlc } from './ethernet.js';
import * as fastPath from './fast-path.js';
import { decodeGeneve } from './geneve.js';
import { decodeErspanII, decodeErspanIII, decodeGre } from './gre.js';
import { decodeGtpU } from './gtpu.js';
import { decodeIcmp, decodeIcmpv6 } from './icmp.js';
import { decodeIgmp } from './igmp.js';
import { decodeAh, decodeIpv4 } from './ipv4.js';
import { decodeIpv6 } from './ipv6.js';
import { decodeNull, decodeRawIp, decodeSll, decodeSll2 } from './link.js';
import { decodeMpls } from './mpls.js';
import type { PacketInfo } from './packet-info.js';
import { decodeCiscoHdlc, decodePpp, decodePppHdlc } from './ppp.js';
import { decodePppoeDiscovery, decodePppoeSession } from './pppoe.js';
import { Reassembler } from './reassembly.js';
import { decodeSctp } from './sctp.js';
import { DecodeState } from './state.js';
import { decodeTcp } from './tcp.js';
import { decodeUdp } from './udp.js';
import { decodeVlan } from './vlan.js';
import { decodeVxlan } from './vxlan.js';
import type { PacketBatch } from '../source/types.js';

export { ANOMALIES, ANOMALY_COUNT, anomalyIndex, type AnomalyDef, type AnomalyId } from './anomalies.js';
export { PacketInfo } from './packet-info.js';

export interface DecoderOptions {
  /** Reassemble IPv4/IPv6 fragments (default true). When false, layers above a fragment are never decoded. */
  readonly ipReassembly: boolean;
  /** Bytes of reassembly buffers held at once by datagrams in progress (default 32 MiB). */
  readonly reassemblyMemoryBytes: number;
  /** Fragmented datagrams in progress at once (default 4096). */
  readonly reassemblyMaxDatagrams: number;
  /** Seconds of packet time a datagram may take from its first to its last fragment (default 30). */
  readonly reassemblyTimeoutSec: number;
  /** Disjoint pieces tracked per datagram before it is dropped (default 64). */
  readonly reassemblyMaxPieces: number;
  /** UDP ports decoded as VXLAN (default 4789, 8472). */
  readonly vxlanPorts: readonly number[];
  /** UDP ports decoded as Geneve (default 6081). */
  readonly genevePorts: readonly number[];
  /** UDP ports decoded as GTP-U (default 2152). */
  readonly gtpuPorts: readonly number[];
  /** Nested tunnels (GRE, VXLAN, Geneve, GTP-U, IP-in-IP, MPLS pseudowire) decoded per frame (default 4). */
  readonly maxTunnelDepth: number;
  /**
   * Decode Ethernet [+ 802.1Q] + IPv4 + TCP/UDP frames in one fused step (fast-path.ts; default true).
   * The result is identical either way; false is for tests and comparisons.
   */
  readonly fastPath: boolean;
}

export const DEFAULT_DECODER_OPTIONS: DecoderOptions = Object.freeze({
  ipReassembly: true,
  reassemblyMemoryBytes: 32 * 1024 * 1024,
  reassemblyMaxDatagrams: 4096,
  reassemblyTimeoutSec: 30,
  reassemblyMaxPieces: 64,
  vxlanPorts: Object.freeze([4789, 8472]),
  genevePorts: Object.freeze([6081]),
  gtpuPorts: Object.freeze([2152]),
  maxTunnelDepth: 4,
  fastPath: true,
});

// Module-local copies of imports used per frame: optimised code folds a module-local const to its
// value, while each use of an imported binding loads its module cell and checks it for the TDZ hole
// (and, for an object like Layer, its map) — see fast-path.ts and README.md, Performance.
const { Layer, LINK_TYPE_LAYER, LINK_TYPE_SLOTS, udpPortTable } = dispatch;
const { decodeFastPath } = fastPath;

const A_UNKNOWN_LINK_TYPE = anomalyIndex('frame.unknown_link_type');
const A_DECODER_ERROR = anomalyIndex('frame.decoder_error');
/** Safety bound on layers per frame (each layer consumes bytes, so this is never reached in practice). */
const MAX_LAYER_STEPS = 64;
const EMPTY = new Uint8Array(0);

function checkCount(name: string, v: number, min: number): void {
  if (!Number.isFinite(v) || v < min) throw new RangeError(`decoder option ${name} must be a number >= ${min}, got ${v}`);
}

export class PacketDecoder {
  readonly options: DecoderOptions;
  /** Anomalies counted so far, indexed by anomaly index (anomalies.ts). */
  readonly anomalyCounts: Float64Array = new Float64Array(ANOMALY_COUNT);
  /** Packets with at least one malformed anomaly. */
  malformedPackets = 0;
  /** Packets decoded, and how many of them took the fused fast path (fast-path.ts). */
  packets = 0;
  fastPathPackets = 0;

  private readonly state: DecodeState;
  private readonly fastPath: boolean;
  private readonly reassembler: Reassembler;
  private lastRaw: Uint8Array = EMPTY;
  private lastView: Uint8Array = EMPTY;
  private lastDataView: DataView = new DataView(EMPTY.buffer);

  constructor(options?: Partial<DecoderOptions>) {
    const o: DecoderOptions = { ...DEFAULT_DECODER_OPTIONS, ...options };
    checkCount('reassemblyMemoryBytes', o.reassemblyMemoryBytes, 0);
    checkCount('reassemblyMaxDatagrams', o.reassemblyMaxDatagrams, 0);
    checkCount('reassemblyTimeoutSec', o.reassemblyTimeoutSec, 0);
    checkCount('reassemblyMaxPieces', o.reassemblyMaxPieces, 1);
    checkCount('maxTunnelDepth', o.maxTunnelDepth, 0);
    this.options = o;
    this.fastPath = o.fastPath;
    this.reassembler = new Reassembler({
      memoryBytes: o.reassemblyMemoryBytes,
      maxDatagrams: Math.floor(o.reassemblyMaxDatagrams),
      timeoutSec: o.reassemblyTimeoutSec,
      maxPieces: Math.floor(o.reassemblyMaxPieces),
    }, this.anomalyCounts);
    this.state = new DecodeState(this.anomalyCounts, udpPortTable(o.vxlanPorts, o.genevePorts, o.gtpuPorts),
      Math.floor(o.maxTunnelDepth), o.ipReassembly, this.reassembler);
  }

  /** Fragmented datagrams in progress, and the bytes their buffers hold. */
  reassemblyInProgress(): { datagrams: number; bytes: number } {
    return { datagrams: this.reassembler.active, bytes: this.reassembler.memoryBytes };
  }

  /** Decode packet `index` of a batch into `out`. */
  decode(batch: PacketBatch, index: number, out: PacketInfo): void {
    this.decodeFrame(batch.data, batch.offset[index] as number, batch.capLen[index] as number, batch.origLen[index] as number,
      batch.linkType[index] as number, batch.tsSec[index] as number, batch.tsNsec[index] as number,
      batch.interfaceId[index] as number, out);
  }

  /**
   * Decode one frame: data[start .. start+capLen) captured of origLen bytes on the wire. Resets `out`
   * and fills it. Never throws because of the frame's content.
   */
  decodeFrame(data: Uint8Array, start: number, capLen: number, origLen: number, linkType: number,
    tsSec: number, tsNsec: number, interfaceId: number, out: PacketInfo): void {
    out.reset();
    // Pointer fields are written only when they change: a store of a heap pointer pays a write barrier.
    if (out.data !== data) out.data = data;
    out.start = start;
    out.capLen = capLen;
    out.origLen = origLen;
    out.tsSec = tsSec;
    out.tsNsec = tsNsec;
    out.linkType = linkType;
    out.interfaceId = interfaceId;
    this.packets++;

    const r = this.reassembler;
    if (r.busy) r.housekeep(tsSec + tsNsec * 1e-9);

    const s = this.state;
    if (data !== this.lastRaw) this.setBuffer(data);
    else if (s.d !== this.lastView) {
      s.d = this.lastView;
      s.dv = this.lastDataView;
    }
    // Clamp the frame to the buffer (integers from a PacketBatch never need it; callers may pass anything).
    const size = s.d.length;
    let first = start, end = start + capLen;
    if (!(first >= 0 && end <= size && first <= end && (first | 0) === first && (end | 0) === end)) {
      first = first >= 0 ? Math.min(Math.floor(first), size) : 0;
      end = capLen > 0 ? Math.min(first + Math.floor(capLen), size) : first;
    }
    s.pos = first;
    s.end = end;
    s.wireEnd = origLen > end - first ? first + origLen : end;

    const layer = linkType >= 0 && linkType < LINK_TYPE_SLOTS ? LINK_TYPE_LAYER[linkType] ?? Layer.None : Layer.None;
    if (layer === Layer.None) {
      s.raise(out, A_UNKNOWN_LINK_TYPE);
    } else {
      try {
        if (layer === Layer.Ethernet && this.fastPath && decodeFastPath(s, out)) this.fastPathPackets++;
        else this.run(s, out, layer);
      } catch {
        // Defence in depth: no decoder is expected to throw (every read is bounds-checked); if one
        // ever does, the packet is counted, not the process lost. The fuzz tests assert it never happens.
        s.raise(out, A_DECODER_ERROR);
      }
    }

    const pos = s.pos < s.end ? s.pos : s.end;
    if (out.payloadData !== s.d) out.payloadData = s.d;
    out.payloadOffset = pos;
    out.payloadLen = s.end - pos;
    if (out.malformed) this.malformedPackets++;
  }

  /** Decode layers until a decoder returns Layer.None. */
  private run(s: DecodeState, out: PacketInfo, first: number): void {
    s.ipIndex = -1;
    s.ethOpen = -1;
    s.depth = 0;
    let next = first;
    for (let step = 0; step < MAX_LAYER_STEPS && next !== Layer.None; step++) {
      switch (next) {
        case Layer.Ethernet: next = decodeEthernet(s, out); break;
        case Layer.Vlan: next = decodeVlan(s, out); break;
        case Layer.Ipv4: next = decodeIpv4(s, out); break;
        case Layer.Ipv6: next = decodeIpv6(s, out); break;
        case Layer.Tcp: next = decodeTcp(s, out); break;
        case Layer.Udp: next = decodeUdp(s, out); break;
        case Layer.Icmp: next = decodeIcmp(s, out); break;
        case Layer.Icmpv6: next = decodeIcmpv6(s, out); break;
        case Layer.Arp: next = decodeArp(s, out); break;
        case Layer.Llc: next = decodeLlc(s, out); break;
        case Layer.Mpls: next = decodeMpls(s, out); break;
        case Layer.PppoeDiscovery: next = decodePppoeDiscovery(s, out); break;
        case Layer.PppoeSession: next = decodePppoeSession(s, out); break;
        case Layer.Ppp: next = decodePpp(s, out); break;
        case Layer.PppHdlc: next = decodePppHdlc(s, out); break;
        case Layer.CiscoHdlc: next = decodeCiscoHdlc(s, out); break;
        case Layer.Sctp: next = decodeSctp(s, out); break;
        case Layer.Igmp: next = decodeIgmp(s, out); break;
        case Layer.Ah: next = decodeAh(s, out); break;
        case Layer.Gre: next = decodeGre(s, out); break;
        case Layer.ErspanII: next = decodeErspanII(s, out); break;
        case Layer.ErspanIII: next = decodeErspanIII(s, out); break;
        case Layer.Vxlan: next = decodeVxlan(s, out); break;
        case Layer.Geneve: next = decodeGeneve(s, out); break;
        case Layer.GtpU: next = decodeGtpU(s, out); break;
        case Layer.Null:
        case Layer.Loop: next = decodeNull(s, out); break;
        case Layer.Sll: next = decodeSll(s, out); break;
        case Layer.Sll2: next = decodeSll2(s, out); break;
        case Layer.IpByVersion: next = decodeRawIp(s, out); break;
        default: next = Layer.None; break;
      }
    }
  }

  /**
   * Start decoding from a new buffer: a plain Uint8Array over its bytes (a Buffer subclass would make
   * element access polymorphic) and a DataView, made once per buffer, not per packet.
   */
  private setBuffer(data: Uint8Array): void {
    const s = this.state;
    this.lastRaw = data;
    this.lastView = Object.getPrototypeOf(data) === Uint8Array.prototype ? data : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    this.lastDataView = new DataView(data.buffer, data.byteOffset, data.byteLength);
    s.d = this.lastView;
    s.dv = this.lastDataView;
  }
}
