/**
 * @module pipeline/analyzer
 * One analysis: a store, the core L2–L4 accounting and the measurement modules, fed one decoded
 * packet at a time. Every packet is accounted once by the core, then offered to each module.
 */
import type { PacketInfo } from '../decode/packet-info.js';
import { TrafficSummary, type TrafficSummaryOptions } from '../analysis/traffic-summary.js';
import type { MeasurementModule, ModuleFactory } from '../modules/module.js';
import { MODULES } from '../modules/registry.js';
import { Store } from '../store/store.js';
import { fanOut, type PacketHook } from './fan-out.js';
import { FrameBatcher } from './frame-batcher.js';

export interface AnalyzerOptions extends TrafficSummaryOptions {
  /** The modules to run (default: all registered). */
  readonly modules: readonly ModuleFactory[];
  /** Credit like frames of a connection direction once per second (default true; see FrameBatcher). */
  readonly batchFrames: boolean;
}

export class Analyzer {
  readonly store: Store;
  readonly core: TrafficSummary;
  readonly modules: readonly MeasurementModule[];
  /** Every module's onFrame, and every module's onPacket, each as one call (fan-out.ts). */
  private readonly onFrames: PacketHook;
  private readonly onPackets: PacketHook;
  readonly batcher: FrameBatcher | null;

  constructor(options?: Partial<AnalyzerOptions>) {
    this.store = options?.store ?? new Store();
    this.core = new TrafficSummary({ ...options, store: this.store });
    const ctx = { store: this.store, core: this.core, connectionExtensions: [], ipExtensions: [], macExtensions: [], ipChildren: [] };
    this.modules = (options?.modules ?? MODULES).map((create) => create(ctx));
    this.onFrames = fanOut(this.modules, 'onFrame');
    this.onPackets = fanOut(this.modules, 'onPacket');
    if (options?.batchFrames === false) {
      this.batcher = null;
    } else {
      const batcher = new FrameBatcher(this.core.connections, this.core.refs, (face) => { this.credit(face); });
      this.store.onSecondClose(() => { batcher.flush(); });
      this.batcher = batcher;
    }
  }

  add(pi: PacketInfo): void {
    const core = this.core;
    core.addFrame(pi);
    const refs = core.refs;
    if (!this.batcher?.absorb(pi)) this.credit(pi);
    this.onFrames(pi, refs);
  }

  /** Entity crediting of the core and every module's onPacket, for a frame or a replayed batch. */
  private credit(pi: PacketInfo): void {
    this.core.creditEntities(pi);
    this.onPackets(pi, this.core.refs);
  }

  /** End of input: the open second becomes history. */
  finish(): void {
    this.core.finish();
  }

  module(name: string): MeasurementModule | undefined {
    return this.modules.find((m) => m.name === name);
  }
}
