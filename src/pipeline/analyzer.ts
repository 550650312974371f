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

export interface AnalyzerOptions extends TrafficSummaryOptions {
  /** The modules to run (default: all registered). */
  readonly modules: readonly ModuleFactory[];
}

export class Analyzer {
  readonly store: Store;
  readonly core: TrafficSummary;
  readonly modules: readonly MeasurementModule[];

  constructor(options?: Partial<AnalyzerOptions>) {
    this.store = options?.store ?? new Store();
    this.core = new TrafficSummary({ ...options, store: this.store });
    const ctx = { store: this.store, core: this.core, connectionExtensions: [] };
    this.modules = (options?.modules ?? MODULES).map((create) => create(ctx));
  }

  add(pi: PacketInfo): void {
    this.core.add(pi);
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
