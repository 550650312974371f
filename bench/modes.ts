/**
 * @module bench/modes
 * The three wiremeter pipelines the benchmark times: read only, read + decode, full analyze.
 */
import { Analyzer } from '../src/pipeline/analyzer.js';
import { L2_L4_MODULES, MODULES } from '../src/modules/registry.js';
import { PacketDecoder } from '../src/decode/index.js';
import { PacketInfo } from '../src/decode/packet-info.js';
import { openCaptureFile } from '../src/source/index.js';

/**
 * read: read only; decode: read + decode; analyze-l2l4: the full analysis with the L2–L4 modules
 * (L2_L4_MODULES: the store and measurement modules of issue 3); analyze: every module (MODULES: DPI,
 * dissectors, names and geolocation too).
 */
export const MODES = ['read', 'decode', 'analyze-l2l4', 'analyze'] as const;
export type Mode = (typeof MODES)[number];

export interface ModeResult {
  readonly packets: number;
  readonly wireBytes: number;
  /** A value derived from the work, printed so that nothing can be optimised away. */
  readonly check: number;
  /** analyze mode: the store's memory after the run, and the connections it holds. */
  readonly storeBytes?: number;
  readonly connections?: number;
}

export async function runMode(mode: Mode, path: string): Promise<ModeResult> {
  const source = await openCaptureFile(path);
  const decoder = new PacketDecoder();
  const pi = new PacketInfo();
  const modules = mode === 'analyze-l2l4' ? L2_L4_MODULES : MODULES;
  const analyzer = new Analyzer({ tunnelView: 'all', modules });
  let packets = 0, wireBytes = 0, check = 0;
  try {
    for await (const batch of source) {
      const n = batch.count;
      packets += n;
      if (mode === 'read') {
        for (let i = 0; i < n; i++) wireBytes += batch.origLen[i] ?? 0;
      } else if (mode === 'decode') {
        for (let i = 0; i < n; i++) {
          decoder.decode(batch, i, pi);
          wireBytes += pi.origLen;
          check += pi.ipCount + pi.l4Count;
        }
      } else {
        for (let i = 0; i < n; i++) {
          decoder.decode(batch, i, pi);
          wireBytes += pi.origLen;
          analyzer.add(pi);
        }
      }
    }
  } finally {
    await source.close();
  }
  if (mode !== 'analyze' && mode !== 'analyze-l2l4') return { packets, wireBytes, check };
  analyzer.finish();
  const core = analyzer.core;
  check = core.ips.created + core.macs.created + core.connections.created;
  return { packets, wireBytes, check, storeBytes: analyzer.store.memoryBytes(), connections: core.connections.live };
}
