/**
 * @module capture/capture-manager
 * The captures of the server: the running ones (every session's, with the client's address and
 * port and the tap's counters; each can be stopped), and on their end a FinishedCapture record in
 * CaptureDb (the last 100 survive restarts), plus recent filters and favorites per user. At most
 * `maxConcurrent` captures run at once (the appliance's default is 4; every tap costs a queue).
 */
import type { CaptureCounters, CaptureTap } from './capture-tap.js';
import type { CaptureDb, FinishedCapture } from './capture-db.js';

export interface CaptureStart {
  readonly user: string;
  readonly clientAddress: string;
  readonly clientPort: number;
  readonly slot: number;
  readonly mode: 'http' | 'disk';
  readonly source: 'live' | 'file';
  readonly format: 'pcap' | 'pcapng';
  readonly expression: string;
  readonly snapLength: number;
  /** The requested packet-time window, µs (null: open). */
  readonly startTimeUs: number | null;
  readonly endTimeUs: number | null;
  readonly tap: CaptureTap;
}

export interface RunningCapture extends CaptureStart {
  readonly id: number;
  /** Wall clock, epoch seconds. */
  readonly started: number;
  /** Set by stop(): why the capture ends. */
  stopReason: string | null;
  /** Captures to disk: the files written so far. */
  files: readonly { readonly name: string; readonly bytes: number }[];
}

export interface CurrentCaptureView {
  readonly id: number;
  readonly user: string;
  readonly clientAddress: string;
  readonly clientPort: number;
  readonly slot: number;
  readonly mode: string;
  readonly source: string;
  readonly format: string;
  readonly expression: string;
  readonly snapLength: number;
  readonly startTime: number | null;
  readonly endTime: number | null;
  readonly started: number;
  readonly captured: number;
  readonly dropped: number;
  readonly ignored: number;
  readonly bytes: number;
  readonly queuedBytes: number;
  readonly files: readonly { readonly name: string; readonly bytes: number }[];
}

export const DEFAULT_MAX_CONCURRENT_CAPTURES = 16;

export class CaptureManager {
  private readonly running = new Map<number, RunningCapture>();
  /** Where captures to disk go (`<data-dir>/captures`); undefined: none. */
  captureDir: string | undefined = undefined;
  private nextId: number;

  constructor(readonly db: CaptureDb, readonly maxConcurrent = DEFAULT_MAX_CONCURRENT_CAPTURES, private readonly now = (): number => Date.now() / 1000) {
    this.nextId = db.lastFinishedId() + 1;
  }

  /** Registers a capture; undefined when maxConcurrent are running already. */
  begin(start: CaptureStart): RunningCapture | undefined {
    if (this.running.size >= this.maxConcurrent) return undefined;
    const capture: RunningCapture = { ...start, id: this.nextId++, started: this.now(), stopReason: null, files: [] };
    this.running.set(capture.id, capture);
    if (start.expression !== '') this.db.addRecent(start.user, start.expression, capture.started);
    return capture;
  }

  /** The capture has ended (stream closed, file written): record it. */
  end(capture: RunningCapture, reason: string): FinishedCapture | undefined {
    if (!this.running.delete(capture.id)) return undefined;
    capture.tap.stop();
    const ended = this.now();
    const c: CaptureCounters = capture.tap.counters;
    const seconds = Math.max(ended - capture.started, 1e-3);
    const record: FinishedCapture = {
      id: capture.id, user: capture.user, mode: capture.mode, source: capture.source, format: capture.format,
      expression: capture.expression, started: capture.started, ended,
      captured: c.captured, dropped: c.dropped, ignored: c.ignored, bytes: c.bytes,
      throughput: Math.round(c.bytes / seconds), reason: capture.stopReason ?? reason,
      ...(capture.mode === 'disk' ? { files: capture.files.map((f) => f.name) } : {}),
    };
    this.db.addFinished(record);
    return record;
  }

  /** Stops a running capture (its stream then ends normally); false when there is none. */
  stop(id: number, by: string): boolean {
    const capture = this.running.get(id);
    if (capture === undefined) return false;
    capture.stopReason = `stopped by ${by}`;
    capture.tap.stop();
    return true;
  }

  get(id: number): RunningCapture | undefined {
    return this.running.get(id);
  }

  current(): CurrentCaptureView[] {
    return [...this.running.values()].map((r) => ({
      id: r.id, user: r.user, clientAddress: r.clientAddress, clientPort: r.clientPort, slot: r.slot, mode: r.mode,
      source: r.source, format: r.format, expression: r.expression, snapLength: r.snapLength,
      startTime: r.startTimeUs, endTime: r.endTimeUs, started: r.started,
      captured: r.tap.counters.captured, dropped: r.tap.counters.dropped, ignored: r.tap.counters.ignored,
      bytes: r.tap.counters.bytes, queuedBytes: r.tap.queuedBytes, files: r.files.map((f) => ({ name: f.name, bytes: f.bytes })),
    }));
  }

  /** Stops every running capture (server shutdown). */
  stopAll(reason: string): void {
    for (const r of this.running.values()) {
      r.stopReason = reason;
      r.tap.stop();
    }
  }
}
