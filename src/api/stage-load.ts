/**
 * @module api/stage-load
 * How busy the capture children of a live analysis are, for `stages` in /API/stats/processing:
 * the CPU share of each tcpdump (from /proc/<pid>/stat) over the time since the previous question.
 * `analysisPercent` (the main thread's event-loop busy share, shared by every slot and request)
 * is kept for callers that want the whole process; an analysis's own share is metered-source.ts.
 * Linux only; elsewhere the CPU share is null.
 */
import { readFileSync } from 'node:fs';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';

const TICKS_PER_SEC = 100;
const round1 = (v: number): number => Math.round(v * 10) / 10;

function cpuTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

export class StageLoad {
  private elu: EventLoopUtilization = performance.eventLoopUtilization();
  private readonly ticks = new Map<number, { ticks: number; at: number }>();

  /** CPU share (percent of one core) of process `pid` since the previous call for it; null when unknown. */
  processPercent(pid: number): number | null {
    const now = performance.now();
    const ticks = cpuTicks(pid);
    if (ticks === null) return null;
    const prev = this.ticks.get(pid);
    this.ticks.set(pid, { ticks, at: now });
    if (prev === undefined || now - prev.at < 1) return null;
    return round1(((ticks - prev.ticks) / TICKS_PER_SEC) / ((now - prev.at) / 1000) * 100);
  }

  /** Busy share (percent) of the main thread since the previous call. */
  analysisPercent(): number {
    const next = performance.eventLoopUtilization();
    const delta = performance.eventLoopUtilization(next, this.elu);
    this.elu = next;
    return round1(delta.utilization * 100);
  }
}
