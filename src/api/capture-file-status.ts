/**
 * @module api/capture-file-status
 * The SlotStatus of a capture (file, live capture or upload) being (or having been) analysed: the packet clock and first/
 * last packet times (core accounting), per-interface figures and the load (the `interfaces`
 * module), the analysis state and progress (the source's progress, then the result's decoder
 * figures), and the store's status with MAC/IP counts and the `connections` module's figures.
 * Built by capture-file-slot.ts; read by the routes of routes/slot-status-routes.ts.
 */
import { basename } from 'node:path';
import type { AnalysisResult } from '../analysis/analyze-file.js';
import type { TrafficSummary } from '../analysis/traffic-summary.js';
import { ANOMALIES } from '../decode/anomalies.js';
import { ConnectionsModule } from '../modules/connections/index.js';
import { InterfacesModule } from '../modules/interfaces/index.js';
import type { MeasurementModule } from '../modules/module.js';
import type { JsonObject, JsonValue, StatsQuery } from '../modules/resource.js';
import type { SourceProgress } from '../source/types.js';
import type { Store } from '../store/store.js';
import { loadFigures } from './load-figures.js';
import { EMPTY_STATUS, type PacketTimes, type SlotStatus } from './slot-status.js';

export type AnalysisState = 'analysing' | 'done' | 'failed';

const round3 = (v: number): number => Math.round(v * 1000) / 1000;

export class CaptureFileStatus implements SlotStatus {
  state: AnalysisState = 'analysing';
  /** Set when the Analyzer builds its core accounting (before the first packet). */
  core: TrafficSummary | null = null;
  readonly modules: MeasurementModule[] = [];
  progress: SourceProgress | null = null;
  result: AnalysisResult | null = null;
  /** Why the analysis failed (state 'failed'). */
  error: string | null = null;
  /** Figures of the source itself (live capture drops, upload bytes), served as `source`. */
  sourceFigures: (() => JsonObject) | null = null;
  /** Per stage of the analysis (source, queues, analysis): busy share, queue size, queue drops. */
  stages: (() => JsonObject[]) | null = null;
  /** Name and drops of capture interface `id` (live capture), merged into /API/stats/interfaces. */
  interfaceFigures: ((id: number) => { readonly name: string; readonly drops: number; readonly link: number } | null) | null = null;
  /** Wall-clock start, epoch seconds. */
  readonly startedAt = Date.now() / 1000;
  private readonly startedHr = process.hrtime.bigint();
  private finishedAt: number | null = null;

  constructor(readonly path: string, readonly store: Store) {}

  finished(result: AnalysisResult): void {
    this.result = result;
    this.state = 'done';
    this.finishedAt = Date.now() / 1000;
  }

  failed(reason: string): void {
    this.error = reason;
    this.state = 'failed';
    this.finishedAt = Date.now() / 1000;
  }

  times(): PacketTimes {
    const core = this.core;
    const now = this.store.nowSec;
    const seen = core !== null && core.packets > 0;
    return {
      time: now < 0 ? null : now,
      firstPacketTime: seen ? core.firstTsUs / 1e6 : null,
      lastPacketTime: seen ? core.lastTsUs / 1e6 : null,
    };
  }

  interfaces(query: StatsQuery): JsonObject {
    const root = this.module(InterfacesModule)?.resource();
    const answer = root?.kind === 'object' ? root.get({ ...query, skipHistory: true }) : EMPTY_STATUS.interfaces(query);
    const figures = this.interfaceFigures;
    if (figures === null || !Array.isArray(answer.interfaces)) return answer;
    return {
      ...answer,
      interfaces: (answer.interfaces as JsonValue[]).map((row: JsonValue): JsonValue => {
        if (typeof row !== 'object' || row === null || Array.isArray(row)) return row;
        const obj = row as JsonObject;
        const f = typeof obj.id === 'number' ? figures(obj.id) : null;
        return f === null ? obj : { ...obj, name: f.name, drops: f.drops, link: f.link };
      }),
    };
  }

  load(query: StatsQuery): JsonObject {
    const m = this.module(InterfacesModule);
    return m ? loadFigures(m.interfaces, this.store, query) : EMPTY_STATUS.load(query);
  }

  processing(): JsonObject {
    const r = this.result, p = this.progress;
    const elapsedSec = r ? r.elapsedSec : Number(process.hrtime.bigint() - this.startedHr) / 1e9;
    const packets = this.core?.packets ?? p?.packets ?? 0;
    const out: JsonObject = {
      state: this.state,
      file: basename(this.path),
      path: this.path,
      format: r?.format ?? null,
      bytesRead: p?.bytesRead ?? 0,
      bytesTotal: p?.bytesTotal ?? -1,
      progress: this.state === 'done' ? 1 : p && p.bytesTotal > 0 ? round3(Math.min(1, p.bytesRead / p.bytesTotal)) : null,
      packets,
      bytes: this.core?.bytes ?? 0,
      lastPacketTime: this.core !== null && this.core.packets > 0 ? this.core.lastTsUs / 1e6 : null,
      packetsPerSec: elapsedSec > 0 ? Math.round(packets / elapsedSec) : 0,
      startedAt: round3(this.startedAt),
      finishedAt: this.finishedAt === null ? null : round3(this.finishedAt),
      elapsedSec: round3(elapsedSec),
      malformed: null,
      fileWarnings: {},
      fileError: null,
      error: this.error,
      source: this.sourceFigures === null ? null : this.sourceFigures(),
      stages: this.stages === null ? [] : this.stages(),
    };
    if (r) {
      const byReason: Record<string, number> = {};
      ANOMALIES.forEach((a, i) => {
        const n = r.decoder.anomalyCounts[i] ?? 0;
        if (n > 0) byReason[a.id] = n;
      });
      out.malformed = { packets: r.decoder.malformedPackets, byReason };
      out.fileWarnings = Object.fromEntries(r.fileWarnings);
      out.fileError = r.fileError ? { code: r.fileError.code, message: r.fileError.message } : null;
    }
    return out;
  }

  storage(): JsonObject {
    const s = this.store.status();
    const core = this.core;
    const memory = process.memoryUsage();
    return {
      state: this.state,
      memoryBudgetBytes: s.memoryBudgetBytes,
      memoryUsedBytes: s.memoryUsedBytes,
      tables: s.tables,
      historyStart: s.historyStart,
      minimumStorageTimeSec: s.minimumStorageTimeSec,
      nowSec: s.nowSec < 0 ? null : s.nowSec,
      budgetActions: this.store.budgetActions,
      macCount: core?.macs.live ?? 0,
      ipCount: core?.ips.live ?? 0,
      connections: this.module(ConnectionsModule)?.stats() ?? null,
      process: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed },
    };
  }

  private module<T extends MeasurementModule>(type: abstract new (...args: never[]) => T): T | undefined {
    for (const m of this.modules) if (m instanceof type) return m;
    return undefined;
  }
}
