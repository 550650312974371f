/**
 * @module analysis/analyze-file
 * Read a capture, decode every packet and account it: the whole `analyze` data path.
 * A damaged file keeps the results of everything before the damage; the error is returned with them.
 */
import { CaptureFileError } from '../core/errors.js';
import { PacketDecoder, type DecoderOptions } from '../decode/index.js';
import { PacketInfo } from '../decode/packet-info.js';
import { openCaptureFile } from '../source/index.js';
import type { InterfaceInfo, PacketSource, SourceProgress } from '../source/types.js';
import type { TrafficSummary } from './traffic-summary.js';
import { Analyzer, type AnalyzerOptions } from '../pipeline/analyzer.js';
import type { TunnelView } from './tunnel-view.js';
import { analyzerLookups } from '../capture/analyzer-lookups.js';
import { NO_TAPS, type CaptureTaps } from '../capture/capture-taps.js';

export interface AnalyzeOptions {
  readonly tunnelView: TunnelView;
  readonly decoder: Partial<DecoderOptions>;
  /** Called after every batch with the source's progress. */
  readonly onProgress: (progress: SourceProgress) => void;
  /** Read chunk size in bytes. */
  readonly chunkBytes: number;
  /** Store, table and module settings of the analysis. */
  readonly analyzer: Partial<AnalyzerOptions>;
  /** The captures fed every analysed packet (an analysis slot's set; see src/capture/). */
  readonly captureTaps: CaptureTaps;
  /**
   * VLAN tags: 'separate' (default) accounts them (per-VLAN statistics, a MAC's and a
   * connection's VLANs, PCP); 'ignore' analyses every frame as if it were untagged.
   */
  readonly vlanHandling: 'separate' | 'ignore';
}

export interface AnalysisResult {
  readonly file: string;
  readonly format: string;
  readonly interfaces: readonly InterfaceInfo[];
  readonly fileWarnings: ReadonlyMap<string, number>;
  readonly analyzer: Analyzer;
  /** The core accounting (analyzer.core). */
  readonly summary: TrafficSummary;
  readonly decoder: PacketDecoder;
  /** The damage that stopped reading early, or null when the whole file was read. */
  readonly fileError: CaptureFileError | null;
  readonly elapsedSec: number;
}

export async function analyzeFile(path: string, options?: Partial<AnalyzeOptions>): Promise<AnalysisResult> {
  const source = await openCaptureFile(path, options?.chunkBytes === undefined ? undefined : { chunkBytes: options.chunkBytes });
  return analyzeSource(source, options);
}

/** Analyse any packet source (a file, stdin, an upload); closes it when done. */
export async function analyzeSource(source: PacketSource, options?: Partial<AnalyzeOptions>): Promise<AnalysisResult> {
  const started = process.hrtime.bigint();
  const decoder = new PacketDecoder(options?.decoder);
  const analyzer = new Analyzer({ ...options?.analyzer, tunnelView: options?.tunnelView ?? 'all' });
  const pi = new PacketInfo();
  const onProgress = options?.onProgress;
  const taps = options?.captureTaps ?? NO_TAPS;
  const ignoreVlan = options?.vlanHandling === 'ignore';
  taps.bind(analyzerLookups(analyzer));
  let fileError: CaptureFileError | null = null;
  try {
    for await (const batch of source) {
      for (let i = 0; i < batch.count; i++) {
        decoder.decode(batch, i, pi);
        if (ignoreVlan) pi.vlanCount = 0;
        analyzer.add(pi);
        if (taps.active) taps.offer(pi);
      }
      onProgress?.(source.progress());
    }
  } catch (err) {
    if (!(err instanceof CaptureFileError)) throw err;
    fileError = err;
  } finally {
    taps.unbind();
    await source.close();
  }
  analyzer.finish();
  return {
    file: source.name,
    format: source.format,
    interfaces: source.interfaces(),
    fileWarnings: source.fileWarnings(),
    analyzer,
    summary: analyzer.core,
    decoder,
    fileError,
    elapsedSec: Number(process.hrtime.bigint() - started) / 1e9,
  };
}
