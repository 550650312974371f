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
  /** Modules with per-frame work (onFrame). */
  private readonly frameModules: readonly MeasurementModule[];
  readonly batcher: FrameBatcher | null;

  constructor(options?: Partial<AnalyzerOptions>) {
    this.store = options?.store ?? new Store();
    this.core = new TrafficSummary({ ...options, store: this.store });
    const ctx = { store: this.store, core: this.core, connectionExtensions: [], ipExtensions: [], macExtensions: [], ipChildren: [] };
    this.modules = (options?.modules ?? MODULES).map((create) => create(ctx));
    this.frameModules = this.modules.filter((m) => m.onFrame !== undefined);
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
    const frameModules = this.frameModules;
    for (let i = 0; i < frameModules.length; i++) (frameModules[i] as MeasurementModule).onFrame?.(pi, refs);
  }

  /** Entity crediting of the core and every module's onPacket, for a frame or a replayed batch. */
  private credit(pi: PacketInfo): void {
    this.core.creditEntities(pi);
    const refs = this.core.refs, modules = this.modules;
    for (let i = 0; i < modules.length; i++) (modules[i] as MeasurementModule).onPacket(pi, refs);
  }

  /** End of input: the open second becomes history. */
  finish(): void {
    this.core.finish();
  }

  module(name: string): MeasurementModule | undefined {
    return this.modules.find((m) => m.name === name);
  }
}
