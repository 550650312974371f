/**
 * @module api/capture-file-slot
 * The one place the server meets the analysis pipeline: analyse a capture file (analyzeFile) into
 * a store the caller sizes, and serve in a slot — from the moment the Analyzer exists, so while
 * the file is still being read — its measurement modules' Resource trees, its packet clock and
 * its status (capture-file-status.ts: time, interfaces, load, processing, storage). When the
 * pipeline grows live sources and workers, this adapter is what changes, not the API.
 */
import { basename } from 'node:path';
import { analyzeFile, type AnalysisResult } from '../analysis/analyze-file.js';
import { TrafficSummary } from '../analysis/traffic-summary.js';
import { describeError } from '../core/errors.js';
import type { ModuleContext, ModuleFactory } from '../modules/module.js';
import { MODULES } from '../modules/registry.js';
import { defaultMemoryBudget, Store } from '../store/store.js';
import { CaptureFileStatus } from './capture-file-status.js';
import type { AnalysisSlot } from './module-registry.js';

export interface CaptureFileOptions {
  /** The store's memory budget (default: defaultMemoryBudget()). */
  readonly memoryBudgetBytes?: number;
}

export interface CaptureFileAnalysis {
  readonly status: CaptureFileStatus;
  /** Settles when the analysis ends: the result, or the error that stopped it (also in status). */
  readonly done: Promise<AnalysisResult>;
}

/**
 * Starts analysing `path` into `slot` and returns at once. The slot's previous modules are
 * replaced; each module is served as soon as the Analyzer creates it.
 */
export function startCaptureFile(path: string, slot: AnalysisSlot, options: CaptureFileOptions = {}): CaptureFileAnalysis {
  const store = new Store({ memoryBudgetBytes: options.memoryBudgetBytes ?? defaultMemoryBudget() });
  const status = new CaptureFileStatus(path, store);
  for (const name of slot.modules.names()) slot.modules.unregister(name);
  slot.description = basename(path);
  slot.packetTimeSec = () => (store.nowSec < 0 ? undefined : store.nowSec);
  slot.status = status;
  slot.captureFile = path;
  const serve = (create: ModuleFactory): ModuleFactory => (ctx: ModuleContext) => {
    if (ctx.core instanceof TrafficSummary) status.core = ctx.core;
    const module = create(ctx);
    status.modules.push(module);
    slot.modules.register(module.resource());
    return module;
  };
  const done = analyzeFile(path, {
    analyzer: { store, modules: MODULES.map(serve) },
    onProgress: (p) => { status.progress = p; },
    captureTaps: slot.captureTaps,
  }).then((result) => {
    status.finished(result);
    return result;
  }, (err: unknown) => {
    status.failed(describeError(err));
    throw err;
  });
  return { status, done };
}

/** Analyses `path` into `slot` and resolves when the whole file has been read. */
export async function serveCaptureFile(path: string, slot: AnalysisSlot, options: CaptureFileOptions = {}): Promise<AnalysisResult> {
  return startCaptureFile(path, slot, options).done;
}
