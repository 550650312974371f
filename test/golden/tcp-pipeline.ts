/**
 * @module test/golden/tcp-pipeline
 * The real pipeline for the TCP golden test: `analyzeFile` (read, decode, the core accounting with
 * its connection table, port-reuse restarts and the TCP engine, and every module), then the
 * connection table and the TCP figures for reading.
 */
import { analyzeFile } from '../../src/analysis/analyze-file.js';
import type { ConnectionTable } from '../../src/flow/connection-table.js';
import type { TcpConnectionMetrics } from '../../src/flow/tcp/index.js';

export interface TcpRun {
  readonly table: ConnectionTable;
  readonly metrics: TcpConnectionMetrics;
  /** The metrics slot of a connection entity (-1 when it carried no TCP segment). */
  readonly slotOf: (e: number) => number;
  /** True when the capture ended in damage (the frames before it were analysed). */
  readonly damaged: boolean;
  /** Timestamps whose fraction was 1 s or more, carried into the seconds by the reader. */
  readonly fractionOverflows: number;
}

export async function runTcpPipeline(path: string): Promise<TcpRun> {
  const result = await analyzeFile(path);
  const core = result.analyzer.core;
  return {
    table: core.connections,
    metrics: core.tcp.metrics,
    slotOf: (e) => core.tcp.of(e),
    damaged: result.fileError !== null,
    fractionOverflows: result.fileWarnings.get('pcap.timestamp_fraction_overflow') ?? 0,
  };
}
