/**
 * @module capture/planned-captures
 * Planned captures to disk: a capture that starts at a wall-clock time, runs for a duration and
 * may repeat every `repeatSec`. Plans live in CaptureDb; the scheduler looks once a second for a
 * plan whose next run is due, starts it through `launch` (the API layer builds the tap and the
 * DiskCapture on the slot's running analysis), stops it after its duration and moves the plan's
 * next run on (a run whose whole window passed while the server was down is skipped; one still
 * inside its window runs until the window ends). Planned captures
 * take packets from the slot's analysis from the moment they start, like any live capture.
 */
import type { CaptureDb } from './capture-db.js';

export interface PlanSpec {
  readonly user: string;
  readonly slot: number;
  readonly expression: string;
  readonly format: 'pcap' | 'pcapng';
  /** First start, epoch seconds (wall clock). */
  readonly start: number;
  readonly durationSec: number;
  /** Seconds between starts (0: once). */
  readonly repeatSec: number;
  readonly directory: string;
  readonly filename: string;
  readonly splitSize: number;
  readonly splitDuration: number;
}

export interface Plan extends PlanSpec {
  readonly id: number;
  /** Next start, epoch seconds; null when done. */
  readonly nextRun: number | null;
  readonly lastRun: number | null;
  /** Id of the capture of the last run, or the error that prevented it. */
  readonly lastResult: string;
}

/** What `launch` returns: a way to stop the run, or why it could not start. */
export type LaunchResult = { readonly id: number; stop(): void } | { readonly error: string };

/** The start after `now` of a plan first due at `start`, repeating every `repeat` (0: once). */
export function nextStart(start: number, repeat: number, now: number): number | null {
  if (start > now) return start;
  if (repeat <= 0) return null;
  return start + Math.ceil((now - start) / repeat) * repeat;
}

export class PlannedCaptures {
  private readonly timer: NodeJS.Timeout;
  private readonly running = new Map<number, NodeJS.Timeout>();

  constructor(
    private readonly db: CaptureDb,
    private readonly launch: (plan: Plan) => LaunchResult,
    private readonly now = (): number => Date.now() / 1000,
    tickMs = 1000,
  ) {
    this.timer = setInterval(() => { this.tick(); }, tickMs);
    this.timer.unref();
  }

  /** Starts what is due (called every tick; public for tests). */
  tick(): void {
    const now = this.now();
    for (const plan of this.db.plans()) {
      if (plan.nextRun === null || plan.nextRun > now || this.running.has(plan.id)) continue;
      const following = plan.repeatSec > 0 ? nextStart(plan.nextRun + plan.repeatSec, plan.repeatSec, now) : null;
      if (plan.nextRun + plan.durationSec <= now) {
        this.db.updatePlan({ ...plan, nextRun: following, lastResult: `missed the run of ${new Date(plan.nextRun * 1000).toISOString()}` });
        continue;
      }
      const result = this.launch(plan);
      this.db.updatePlan({ ...plan, lastRun: now, nextRun: following, lastResult: 'error' in result ? `error: ${result.error}` : `capture ${result.id}` });
      if ('error' in result) continue;
      const stopAt = Math.max(0, (plan.nextRun + plan.durationSec - now) * 1000);
      const t = setTimeout(() => {
        this.running.delete(plan.id);
        result.stop();
      }, stopAt);
      t.unref();
      this.running.set(plan.id, t);
    }
  }

  add(spec: PlanSpec): Plan {
    // A plan whose first window is still open (start now or a moment ago) starts at once.
    const now = this.now();
    const nextRun = spec.start + spec.durationSec > now ? spec.start : nextStart(spec.start, spec.repeatSec, now);
    return this.db.addPlan({ ...spec, nextRun, lastRun: null, lastResult: '' });
  }

  close(): void {
    clearInterval(this.timer);
    for (const t of this.running.values()) clearTimeout(t);
    this.running.clear();
  }
}
