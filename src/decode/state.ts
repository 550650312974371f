/**
 * @module decode/state
 * The cursor and per-frame bookkeeping that the protocol decoders share while one frame is decoded.
 * One DecodeState belongs to one PacketDecoder and is reused for every frame; it allocates nothing.
 *
 * Multi-byte fields are read through `dv`, one DataView over the same bytes as `d` (created once per
 * buffer, not per packet): a decoder checks `pos + headerLength <= end` once, then reads. A read the
 * check missed would throw a RangeError instead of returning garbage, which the fuzz tests catch.
 *
 * Positions are absolute indices into `d`:
 * - `pos`     start of the header to decode next;
 * - `end`     end of the captured bytes the current layer may read (narrowed by IP total length,
 *             UDP length, PPPoE length, 802.3 length: padding and trailers are excluded);
 * - `wireEnd` where the current layer ends on the wire: like `end`, but as if the snap length had
 *             not cut the frame. `pos + n > end` with `pos + n <= wireEnd` means "cut by the snap
 *             length"; `pos + n > wireEnd` means the packet itself is too short (bogus length).
 */
import { ANOMALY_IS_MALFORMED, anomalyIndex } from './anomalies.js';
import type { PacketInfo } from './packet-info.js';
import type { Reassembler } from './reassembly.js';

const A_TUNNEL_TOO_DEEP = anomalyIndex('tunnel.too_deep');

const EMPTY = new Uint8Array(0);
const EMPTY_VIEW = new DataView(EMPTY.buffer);

export class DecodeState {
  /** The bytes being decoded (the frame's buffer, or a reassembly buffer), and a DataView over exactly them. */
  d: Uint8Array = EMPTY;
  dv: DataView = EMPTY_VIEW;
  pos = 0;
  end = 0;
  wireEnd = 0;
  /** Index in the ip* arrays of the IP header that the next L4 header belongs to; -1 before any. */
  ipIndex = -1;
  /**
   * Index of the Ethernet header whose VLAN/LLC chain is being decoded, or -1. Set by the Ethernet
   * decoder; reset by the decoders that dispatch on an EtherType without an Ethernet header of
   * their own (GRE, Geneve), so that a VLAN tag they carry does not rewrite an outer ethType.
   */
  ethOpen = -1;
  /** The EtherType-like value that selected the current layer (VLAN reads its TPID from here). */
  etherType = 0;
  /** Flags word of the GRE header just decoded (ERSPAN type I has no sequence number). */
  greFlags = 0;
  /** Tunnels entered in this frame. */
  depth = 0;

  readonly counts: Float64Array;
  readonly udpPortLayer: Uint8Array;
  readonly maxTunnelDepth: number;
  /** False when fragments are not reassembled (the layers above a fragment are then never decoded). */
  readonly reassemble: boolean;
  readonly reassembler: Reassembler;

  constructor(counts: Float64Array, udpPortLayer: Uint8Array, maxTunnelDepth: number, reassemble: boolean, reassembler: Reassembler) {
    this.counts = counts;
    this.udpPortLayer = udpPortLayer;
    this.maxTunnelDepth = maxTunnelDepth;
    this.reassemble = reassemble;
    this.reassembler = reassembler;
  }

  /** Count anomaly `a` for this packet (decoder totals and the packet's own fields). */
  raise(out: PacketInfo, a: number): void {
    this.counts[a] = (this.counts[a] as number) + 1;
    if (out.anomalyCount === 0) out.firstAnomaly = a;
    out.anomalyCount++;
    if (ANOMALY_IS_MALFORMED[a] === 1) out.malformed = true;
  }

  /** Called when a decoder hands its payload to an encapsulated protocol; false when too deep. */
  enterTunnel(out: PacketInfo): boolean {
    if (this.depth >= this.maxTunnelDepth) {
      this.raise(out, A_TUNNEL_TOO_DEEP);
      return false;
    }
    this.depth++;
    return true;
  }

  /** Narrow the current layer to `len` bytes from `start` when that fits in the frame; false when it does not. */
  narrow(start: number, len: number): boolean {
    const e = start + len;
    if (e > this.wireEnd) return false;
    this.wireEnd = e;
    if (e < this.end) this.end = e;
    return true;
  }
}
