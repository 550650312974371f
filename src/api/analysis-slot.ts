/**
 * @module api/analysis-slot
 * The one place the server meets the analysis pipeline: analyse any PacketSource (a capture file,
 * a live capture, an upload stream) into a store the caller sizes, and serve in a slot — from the
 * moment the Analyzer exists, so while packets still arrive — its measurement modules' Resource
 * trees, its packet clock and its status (capture-file-status.ts).
 *
 * Several analyses run in the one process at once (live in slot 0, uploads in slots 1..N). Each
 * one is an async loop over its source's batches, so they interleave at batch boundaries with each
 * other and with the HTTP requests. `stop()` closes the source: the analysis ends after the batch
 * in hand and keeps what it counted. With `wallClock`, a timer moves the store's clock to the wall
 * clock's second between batches, so "last second" and history advance on a silent live link.
 * Every analysis reports its stages (`status.stages`): what feeds it (the caller's
 * `sourceStages`) and the analysis itself, with its own busy share (metered-source.ts).
 */
import { analyzeSource, type AnalysisResult } from '../analysis/analyze-file.js';
import { TrafficSummary } from '../analysis/traffic-summary.js';
import type { TunnelView } from '../analysis/tunnel-view.js';
import { describeError } from '../core/errors.js';
import type { JsonObject } from '../modules/resource.js';
import type { ModuleContext, ModuleFactory } from '../modules/module.js';
import { L2_L4_MODULES, MODULES } from '../modules/registry.js';
import type { PacketSource } from '../source/types.js';
import { defaultMemoryBudget, Store } from '../store/store.js';
import { CaptureFileStatus } from './capture-file-status.js';
import { MeteredSource } from './metered-source.js';
import type { AnalysisSlot } from './module-registry.js';

export interface SlotAnalysisOptions {
  /** The store's memory budget (default: defaultMemoryBudget()). */
  readonly memoryBudgetBytes?: number;
  /** Tunnel view mode of the analysis (default 'all'). */
  readonly tunnelView?: TunnelView;
  /** VLAN tags accounted ('separate', default) or analysed as untagged ('ignore'); see AnalyzeOptions. */
  readonly vlanHandling?: 'separate' | 'ignore';
  /** Which modules run: 'full' (default, MODULES) or 'reduced' (L2_L4_MODULES: no DPI, dissectors, names, places). */
  readonly detailLevel?: 'full' | 'reduced';
  /** Move the store's clock with the wall clock (live sources). */
  readonly wallClock?: boolean;
  /** Figures of the source itself (capture drops, upload bytes) shown in /API/stats/processing as `source`. */
  readonly sourceFigures?: () => JsonObject;
  /** The stages in front of the analysis (capture children, queues, sockets), for `stages`. */
  readonly sourceStages?: () => JsonObject[];
  /** Test hook: wait this long (ms) before each batch, to make the analysis slow on purpose. */
  readonly batchDelayMs?: number;
}

export interface SlotAnalysis {
  readonly status: CaptureFileStatus;
  /** Settles when the analysis ends: the result, or the error that stopped it (also in status). */
  readonly done: Promise<AnalysisResult>;
  /** Ends the analysis after the current batch (closes the source); resolves when it has ended. */
  stop(): Promise<void>;
}

/** How often the wall clock is applied to a live store, and how far it lags (packets in flight). */
const WALL_CLOCK_TICK_MS = 250;
const WALL_CLOCK_LAG_MS = 200;

/**
 * Starts analysing the source that `open` yields into `slot` and returns at once. The slot's
 * previous modules are replaced; each module is served as soon as the Analyzer creates it. A source
 * that cannot be opened ends the analysis as 'failed' with the reason in the status.
 */
export function startAnalysis(
  name: string, open: () => Promise<PacketSource>, slot: AnalysisSlot, options: SlotAnalysisOptions = {},
): SlotAnalysis {
  const store = new Store({ memoryBudgetBytes: options.memoryBudgetBytes ?? defaultMemoryBudget() });
  const status = new CaptureFileStatus(name, store);
  if (options.sourceFigures) status.sourceFigures = options.sourceFigures;
  for (const moduleName of slot.modules.names()) slot.modules.unregister(moduleName);
  slot.packetTimeSec = () => (store.nowSec < 0 ? undefined : store.nowSec);
  slot.status = status;
  slot.captureFile = undefined; // a capture-file analysis sets it (startCaptureFile)
  const serve = (create: ModuleFactory): ModuleFactory => (ctx: ModuleContext) => {
    if (ctx.core instanceof TrafficSummary) status.core = ctx.core;
    const module = create(ctx);
    status.modules.push(module);
    slot.modules.register(module.resource());
    return module;
  };
  let source: PacketSource | null = null;
  let metered: MeteredSource | null = null;
  status.stages = () => [
    ...(options.sourceStages?.() ?? []),
    {
      stage: 'analysis', busyPercent: metered?.busyPercent() ?? 0, batches: metered?.batches ?? 0,
      queue: null, queuedBytes: 0, queueDrops: 0,
    },
  ];
  let stopped = false;
  let clock: NodeJS.Timeout | null = null;
  if (options.wallClock === true) {
    clock = setInterval(() => { store.advance(Math.floor((Date.now() - WALL_CLOCK_LAG_MS) / 1000)); }, WALL_CLOCK_TICK_MS);
    clock.unref();
  }
  const run = async (): Promise<AnalysisResult> => {
    source = await open();
    if (stopped) await source.close();
    metered = new MeteredSource(source, options.batchDelayMs ?? 0);
    return analyzeSource(metered, {
      analyzer: { store, modules: (options.detailLevel === 'reduced' ? L2_L4_MODULES : MODULES).map(serve) },
      onProgress: (p) => { status.progress = p; },
      captureTaps: slot.captureTaps,
      ...(options.tunnelView === undefined ? {} : { tunnelView: options.tunnelView }),
      ...(options.vlanHandling === undefined ? {} : { vlanHandling: options.vlanHandling }),
    });
  };
  const done = run().then((result) => {
    if (clock) clearInterval(clock);
    status.finished(result);
    return result;
  }, (err: unknown) => {
    if (clock) clearInterval(clock);
    status.failed(describeError(err));
    throw err;
  });
  const stop = async (): Promise<void> => {
    stopped = true;
    const s: PacketSource | null = source;
    if (s !== null) await s.close();
    await done.then(() => undefined, () => undefined);
  };
  return { status, done, stop };
}
