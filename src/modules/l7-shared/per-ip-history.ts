/**
 * @module modules/l7-shared/per-ip-history
 * A per-IP history of a few L7 figures (responses and their summed times), kept in the store like
 * the TCP module's: touched only when an event happens (a response, a handshake), grown and
 * scrubbed with the IP table. Answers the `figures` and `history` fields of a per-IP tab.
 */
import { History } from '../../store/history.js';
import { historyJson } from '../../store/query.js';
import type { ModuleContext } from '../module.js';
import type { JsonObject, StatsQuery } from '../resource.js';

export class PerIpHistory {
  readonly history: History;
  private readonly ctx: ModuleContext;

  constructor(ctx: ModuleContext, readonly figures: readonly string[]) {
    this.ctx = ctx;
    const ips = ctx.core.ips;
    this.history = ctx.store.addHistory(new History(figures.length, ips.currentCapacity));
    ips.listen({
      resize: (cap) => { this.history.resize(cap); },
      reset: () => undefined,
      evicted: (mark) => { this.history.scrub(mark); },
    });
    ips.declareBytesPerEntity(8);
  }

  /** Adds v1 to figure k1 and v2 to figure k2 of IP entity ip in the open second. */
  add(ip: number, k1: number, v1: number, k2: number, v2: number): void {
    if (ip < 0) return;
    const h = this.history, at = h.touch(ip), open = h.open;
    open[at + k1] = (open[at + k1] as number) + v1;
    open[at + k2] = (open[at + k2] as number) + v2;
  }

  /** `figures` and, unless skipped, `history` of one IP. */
  json(ip: number, q: StatsQuery): JsonObject {
    const out: JsonObject = { figures: [...this.figures] };
    if (!q.skipHistory && ip >= 0) out.history = historyJson(this.history, ip, this.ctx.store.nowSec, q);
    return out;
  }
}
