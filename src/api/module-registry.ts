/**
 * @module api/module-registry
 * What the REST layer serves: analysis slots (slot 0 is live; further slots are pcap analyses),
 * each with a registry of module Resource trees (src/modules/resource.ts), a packet clock and a
 * status (slot-status.ts).
 * The pipeline fills it (`slots.slot(0).modules.register(ipModule.resource)`); the API only reads.
 */
import type { Resource } from '../modules/resource.js';
import { CaptureTaps } from '../capture/capture-taps.js';
import { EMPTY_STATUS, type SlotStatus } from './slot-status.js';

export class ModuleRegistry {
  private readonly modules = new Map<string, Resource>();

  /** Serve `resource` as /API/stats/modules/<resource.name>. Names are unique. */
  register(resource: Resource): void {
    if (resource.kind === 'param') throw new Error(`module '${resource.name}': a module root cannot be a parameter`);
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(resource.name)) throw new Error(`module name '${resource.name}' is not a valid path element`);
    if (this.modules.has(resource.name)) throw new Error(`module '${resource.name}' is already registered`);
    this.modules.set(resource.name, resource);
  }

  /** Stop serving a module (e.g. when a slot's analysis is replaced). */
  unregister(name: string): boolean {
    return this.modules.delete(name);
  }

  get(name: string): Resource | undefined {
    return this.modules.get(name);
  }

  /** Module names in registration order (OPTIONS /API/stats/modules). */
  names(): string[] {
    return [...this.modules.keys()];
  }
}

export interface AnalysisSlot {
  readonly id: number;
  /** What the slot analyses: "live", or the capture file's name. */
  description: string;
  readonly modules: ModuleRegistry;
  /** Newest packet time (epoch seconds) or undefined before the first packet. */
  packetTimeSec: () => number | undefined;
  /** Time, interfaces, load, processing and storage figures (EMPTY_STATUS until something is analysed). */
  status: SlotStatus;
  /** Captures running on the slot: every analysis of the slot feeds them (src/capture/). */
  readonly captureTaps: CaptureTaps;
  /**
   * The capture file the slot's analysis reads, while it is on disk: captures of the past are
   * served by re-reading it. undefined for live and streamed sources.
   */
  captureFile: string | undefined;
}

export class SlotRegistry {
  private readonly slots = new Map<number, AnalysisSlot>();

  constructor() {
    this.add(0, 'live');
  }

  /** Create slot `id` (slot 0 exists from the start). */
  add(id: number, description: string): AnalysisSlot {
    if (!Number.isInteger(id) || id < 0) throw new Error(`slot id ${id} is not a non-negative integer`);
    if (this.slots.has(id)) throw new Error(`slot ${id} exists`);
    const slot: AnalysisSlot = { id, description, modules: new ModuleRegistry(), packetTimeSec: () => undefined, status: EMPTY_STATUS,
      captureTaps: new CaptureTaps(), captureFile: undefined };
    this.slots.set(id, slot);
    return slot;
  }

  /** Remove slot `id` (not slot 0). */
  remove(id: number): boolean {
    if (id === 0) throw new Error('slot 0 cannot be removed');
    return this.slots.delete(id);
  }

  get(id: number): AnalysisSlot | undefined {
    return this.slots.get(id);
  }

  /** Slot `id`, which must exist. */
  slot(id: number): AnalysisSlot {
    const s = this.slots.get(id);
    if (!s) throw new Error(`no slot ${id}`);
    return s;
  }

  list(): AnalysisSlot[] {
    return [...this.slots.values()].sort((a, b) => a.id - b.id);
  }
}
