/**
 * @module pipeline/packet-refs
 * What the core accounting learned about one packet, handed to every module: the entities it
 * touched (ids into the core tables) and its time and length. One object, reused for every packet.
 */
import type { MacTable } from '../store/mac-table.js';
import type { IpTable } from '../store/ip-table.js';
import type { ConnectionTable } from '../flow/connection-table.js';
import type { TcpSlots } from '../flow/tcp/index.js';
import type { Store } from '../store/store.js';

export interface CoreTables {
  readonly store: Store;
  readonly macs: MacTable;
  readonly ips: IpTable;
  readonly connections: ConnectionTable;
  /** TCP state and figures of the TCP connections. */
  readonly tcp: TcpSlots;
}

/** Most Ethernet/IP layers a packet's refs describe (deeper tunnels keep the first ones). */
export const MAX_REF_LAYERS = 8;

export class PacketRefs {
  tsUs = 0;
  tsSec = 0;
  /** Original (wire) length of the frame. */
  wireLen = 0;
  /**
   * What to credit: 1 and wireLen for a frame; for a batch of like frames of one connection
   * direction (refs.replay), their number and the sum of their lengths.
   */
  packets = 1;
  bytes = 0;
  /**
   * true when modules see a batch replayed at the end of a second instead of a frame: the
   * PacketInfo then holds only the batched fields (see pipeline/frame-batcher.ts).
   */
  replay = false;
  /** Index of the capture interface the packet came from. */
  interfaceId = 0;
  /** Ethernet layers accounted (per the tunnel view) and their MAC entities (-1 = not stored). */
  macLayers = 0;
  /** Ethernet layer index (into PacketInfo's eth* arrays) of each accounted layer. */
  readonly macLayer = new Int32Array(MAX_REF_LAYERS);
  readonly macSrc = new Int32Array(MAX_REF_LAYERS);
  readonly macDst = new Int32Array(MAX_REF_LAYERS);
  /** IP layers accounted and their IP entities (-1 = not stored). */
  ipLayers = 0;
  readonly ipLayer = new Int32Array(MAX_REF_LAYERS);
  readonly ipSrc = new Int32Array(MAX_REF_LAYERS);
  readonly ipDst = new Int32Array(MAX_REF_LAYERS);
  /**
   * The connection of the packet's transport header (the last L4 header in view), -1 if none:
   * entity id, and whether the packet goes from side A to side B.
   */
  conn = -1;
  connFromA = true;
  /** L4 layer index (into PacketInfo's l4* arrays) of that connection, -1 if none. */
  connL4 = -1;
  /** IP layer index (into PacketInfo's ip* arrays) that carries that L4 header. */
  connIp = -1;
  /** The connection's TCP metrics slot when this frame was a TCP segment of it, else -1. */
  tcpSlot = -1;
  /** IP entities of that IP layer's source and destination (-1 when none or not stored). */
  connIpSrc = -1;
  connIpDst = -1;
}
