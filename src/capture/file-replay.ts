/**
 * @module capture/file-replay
 * Captures from the past of a capture file that is still on disk: the file is read again from
 * its start (decode, the analysis the filter needs — DPI when it reads the L7 protocol — and the
 * same capture filter through a CaptureTaps set), paced by the tap's consumer: before each batch
 * the reader waits until the tap's queue is below `lowWaterBytes`, so nothing is dropped however
 * slow the client, and reading stops as soon as the tap has finished (end time reached, stopped,
 * client gone). The slot's own analysis is not touched.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { analyzeSource } from '../analysis/analyze-file.js';
import { createDpiModule } from '../modules/dpi/index.js';
import { openCaptureFile, type PacketBatch, type PacketSource } from '../source/index.js';
import { Store } from '../store/store.js';
import type { CaptureTap } from './capture-tap.js';
import { CaptureTaps } from './capture-taps.js';

export interface ReplayOptions {
  /** Wait before the next batch while more than this is queued (default 1 MiB). */
  readonly lowWaterBytes?: number;
  /** Bytes per read (and so roughly per batch; default 1 MiB). */
  readonly chunkBytes?: number;
}

/** `source` with a pause before each next batch until `ready` says go (false: stop reading). */
function paced(source: PacketSource, ready: () => Promise<boolean>): PacketSource {
  return {
    name: source.name,
    format: source.format,
    interfaces: () => source.interfaces(),
    progress: () => source.progress(),
    fileWarnings: () => source.fileWarnings(),
    close: () => source.close(),
    async *[Symbol.asyncIterator](): AsyncGenerator<PacketBatch> {
      for await (const batch of source) {
        yield batch;
        if (!(await ready())) return;
      }
    },
  };
}

/** Opens `path` (rejects when it cannot be read: the caller answers before streaming). */
export async function openForReplay(path: string, options: ReplayOptions = {}): Promise<PacketSource> {
  return openCaptureFile(path, { chunkBytes: options.chunkBytes ?? 1024 * 1024 });
}

/**
 * Feeds `tap` from `source` (see openForReplay) and stops the tap at the end of the file.
 * Resolves when reading has ended; a damaged file ends the capture at the damage.
 */
export async function replayIntoTap(source: PacketSource, tap: CaptureTap, options: ReplayOptions = {}): Promise<void> {
  const low = options.lowWaterBytes ?? 1024 * 1024;
  const ready = async (): Promise<boolean> => {
    while (!tap.finished && tap.queuedBytes > low) await sleep(5);
    return !tap.finished;
  };
  const taps = new CaptureTaps();
  taps.add(tap);
  try {
    await analyzeSource(paced(source, ready), {
      captureTaps: taps,
      analyzer: { store: new Store({ memoryBudgetBytes: 64 * 1024 * 1024 }), modules: tap.needs.l7Protocol ? [createDpiModule] : [], batchFrames: false },
    });
  } finally {
    tap.stop();
  }
}
