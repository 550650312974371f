/**
 * @module api/settings/live-control
 * Who runs the live analysis of slot 0. It is started from the command line (`serve --interface`,
 * which wins at start) or from the stored interface settings, and replaced or stopped without a
 * restart when an admin saves new settings: the running analysis is stopped (its tcpdump children
 * end) and a new one starts on the new interfaces, with a fresh store.
 */
import { describeError } from '../../core/errors.js';
import type { JsonObject } from '../../modules/resource.js';
import type { LiveCaptureOptions } from '../../source/live-capture.js';
import type { SlotAnalysis } from '../analysis-slot.js';
import { startLiveCapture } from '../live-slot.js';
import type { SlotRegistry } from '../module-registry.js';
import { EMPTY_STATUS } from '../slot-status.js';
import type { InterfaceSettings } from './settings-db.js';

export type LiveOrigin = 'command line' | 'settings';

export interface LiveControlOptions {
  readonly memoryBudgetBytes?: number;
  readonly capture?: LiveCaptureOptions;
  /** Called when a live analysis stops with an error (the CLI prints it). */
  readonly onError?: (message: string) => void;
}

export class LiveControl {
  private analysis: SlotAnalysis | null = null;
  private running: (InterfaceSettings & { readonly origin: LiveOrigin }) | null = null;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly slots: SlotRegistry, private readonly options: LiveControlOptions = {}) {}

  /** What runs now: interfaces, links, where they came from, and the analysis state. */
  describe(): JsonObject {
    const r = this.running;
    if (r === null || this.analysis === null) return { running: false, origin: null, interfaces: [], links: [], state: 'idle', error: null };
    const p = this.analysis.status.processing();
    return { running: p.state === 'analysing', origin: r.origin, interfaces: [...r.interfaces], links: r.links.map((l) => [...l]), state: p.state ?? null, error: p.error ?? null };
  }

  /**
   * Stops what runs in slot 0 and starts a live analysis of `settings.interfaces` (none: slot 0
   * stays empty). Calls are served one after the other. Resolves once the new capture runs or
   * has failed to start (the reason is then in describe() and /API/stats/processing).
   */
  async apply(settings: InterfaceSettings, origin: LiveOrigin): Promise<void> {
    const next = this.chain.then(async () => {
      await this.stop();
      if (settings.interfaces.length === 0) return;
      const analysis = startLiveCapture(settings.interfaces, this.slots.slot(0), {
        links: settings.links,
        ...(this.options.memoryBudgetBytes === undefined ? {} : { memoryBudgetBytes: this.options.memoryBudgetBytes }),
        ...(this.options.capture === undefined ? {} : { capture: this.options.capture }),
      });
      this.analysis = analysis;
      this.running = { ...settings, origin };
      analysis.done.then((result) => {
        if (result.fileError) this.options.onError?.(result.fileError.message);
      }, (e: unknown) => {
        this.options.onError?.(`live capture on ${settings.interfaces.join(', ')} failed: ${describeError(e)}`);
      });
      // Until the children listen (or fail): an answer after apply() shows the capture's true state.
      for (let i = 0; i < 100 && analysis.status.state === 'analysing' && analysis.status.core === null; i++) await new Promise((r) => setTimeout(r, 30));
    });
    this.chain = next.catch(() => undefined);
    await next;
  }

  /** Takes over an analysis already running in slot 0 (serve --pcap), so that applying settings stops it. */
  adopt(analysis: SlotAnalysis): void {
    this.analysis = analysis;
    this.running = null;
  }

  /** Stops the live analysis (if any) and empties slot 0. */
  async stop(): Promise<void> {
    const a = this.analysis;
    this.analysis = null;
    this.running = null;
    if (a === null) return;
    await a.stop();
    const slot = this.slots.slot(0);
    for (const name of slot.modules.names()) slot.modules.unregister(name);
    slot.status = EMPTY_STATUS;
    slot.packetTimeSec = () => undefined;
    slot.description = 'live';
  }
}
