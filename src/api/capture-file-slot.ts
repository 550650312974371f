/**
 * @module api/capture-file-slot
 * Analyse a capture file into a slot: `startAnalysis` (analysis-slot.ts) over `openCaptureFile`.
 * The file's statistics are served while it is read.
 */
import { basename } from 'node:path';
import type { AnalysisResult } from '../analysis/analyze-file.js';
import { openCaptureFile } from '../source/index.js';
import { startAnalysis, type SlotAnalysis, type SlotAnalysisOptions } from './analysis-slot.js';
import type { AnalysisSlot } from './module-registry.js';

export type CaptureFileOptions = SlotAnalysisOptions;
export type CaptureFileAnalysis = SlotAnalysis;

/**
 * Starts analysing `path` into `slot` and returns at once. The slot's previous modules are
 * replaced; each module is served as soon as the Analyzer creates it.
 */
export function startCaptureFile(path: string, slot: AnalysisSlot, options: CaptureFileOptions = {}): CaptureFileAnalysis {
  slot.description = basename(path);
  const analysis = startAnalysis(path, () => openCaptureFile(path), slot, {
    // The file is read as fast as the analysis asks: nothing waits, nothing is dropped.
    sourceStages: () => [{ stage: `read ${basename(path)}`, queue: null, queuedBytes: 0, queueDrops: 0 }],
    ...options,
  });
  // The file stays on disk: captures of past time ranges re-read it (capture/file-replay.ts).
  slot.captureFile = path;
  return analysis;
}

/** Analyses `path` into `slot` and resolves when the whole file has been read. */
export async function serveCaptureFile(path: string, slot: AnalysisSlot, options: CaptureFileOptions = {}): Promise<AnalysisResult> {
  return startCaptureFile(path, slot, options).done;
}
