/**
 * @module modules/module
 * What a measurement module is: per-packet work that reads the decoded packet and the core
 * accounting's results, keeps its own per-entity state in the store, and answers REST queries
 * through a resource tree. A module is one folder under src/modules/ and one line in registry.ts.
 */
import type { PacketInfo } from '../decode/packet-info.js';
import type { Resource } from './resource.js';
import type { Store } from '../store/store.js';
import type { CoreTables, PacketRefs } from '../pipeline/packet-refs.js';
import type { ConnectionExtension } from './connections/connection-list.js';
import type { RowExtension } from './row-extension.js';

export interface ModuleContext {
  readonly store: Store;
  /** The MAC, IP and connection tables every module may read (and attach columns to). */
  readonly core: CoreTables;
  /** Columns that modules add to every connection row (the TCP module adds its figures). */
  readonly connectionExtensions: ConnectionExtension[];
  /** Columns that modules add to every IP row and IP object (names, country …). */
  readonly ipExtensions: RowExtension[];
  /** Columns that modules add to every MAC row and MAC object (user-defined names …). */
  readonly macExtensions: RowExtension[];
  /** Sub-resources that modules add under ip/ips/:ip (the TCP module adds tcpStats). */
  readonly ipChildren: ((ip: number) => Resource)[];
}

export interface MeasurementModule {
  /** The module's name in the API: /API/stats/modules/<name>. */
  readonly name: string;
  /**
   * Credit a frame, or a batch of like frames of one connection direction (refs.replay; see
   * pipeline/frame-batcher.ts for the fields a replayed PacketInfo holds): count refs.packets and
   * refs.bytes, never 1 and the frame length. Runs after the core credited its entities; refs
   * names them. Hot path: no allocation, no strings.
   */
  onPacket(pi: PacketInfo, refs: PacketRefs): void;
  /**
   * Optional per-frame work that batching must not merge (TCP state, frame sizes, ICMP types,
   * events such as a SYN/ACK): every frame, after onPacket when that ran. Entity refs are set only
   * for the connection (refs.conn, connIpSrc/connIpDst); macLayers/ipLayers may be empty.
   */
  onFrame?(pi: PacketInfo, refs: PacketRefs): void;
  /** The REST resource tree under /API/stats/modules/<name>. */
  resource(): Resource;
}

/** Creates a module for one analysis (one store). */
export type ModuleFactory = (ctx: ModuleContext) => MeasurementModule;
