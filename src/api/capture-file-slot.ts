/**
 * @module api/capture-file-slot
 * The one place the server meets the analysis pipeline: analyse a capture file (analyzeFile)
 * and serve its measurement modules' Resource trees and packet clock in a slot. When the
 * pipeline grows live sources and workers, this adapter is what changes, not the API.
 */
import { basename } from 'node:path';
import { analyzeFile, type AnalysisResult } from '../analysis/analyze-file.js';
import type { AnalysisSlot } from './module-registry.js';

export async function serveCaptureFile(path: string, slot: AnalysisSlot): Promise<AnalysisResult> {
  const result = await analyzeFile(path);
  const { analyzer } = result;
  for (const name of slot.modules.names()) slot.modules.unregister(name);
  for (const module of analyzer.modules) slot.modules.register(module.resource());
  slot.description = basename(path);
  slot.packetTimeSec = () => (analyzer.store.nowSec < 0 ? undefined : analyzer.store.nowSec);
  return result;
}
