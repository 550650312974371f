/**
 * @module modules/connections
 * The global connection list: every connection of every IP, with the columns of
 * connection-list.ts and those other modules add. REST: connections/connections_paged (list),
 * connections/connections/:id (one connection), connections/stats (active, total, maximum,
 * capacity).
 */
import type { PacketInfo } from '../../decode/packet-info.js';
import type { PacketRefs } from '../../pipeline/packet-refs.js';
import type { MeasurementModule, ModuleContext } from '../module.js';
import type { JsonObject, Resource } from '../resource.js';
import { entityTraffic } from '../entity-list.js';
import { connectionJson, connectionListView } from './connection-list.js';
import { connectionObjectSchema, connectionRowSchema } from './connection-schema.js';
import { int, objectSchema } from '../traffic-schema.js';
import { ConnectionL2 } from './l2-columns.js';

/** A connection without packets for this long counts as inactive ("active" = recently seen). */
export const ACTIVE_TIMEOUT_SEC = 60;

const STATS = objectSchema({ active: int, total: int, stored: int, maximum: int, capacity: int, evicted: int, untracked: int });

export class ConnectionsModule implements MeasurementModule {
  readonly name = 'connections';
  readonly ctx: ModuleContext;
  /** Most connections active in one second so far. */
  maxActive = 0;
  private activeSecond = -1;
  private activeThisSecond = 0;

  /** VLANs, PPPoE session, MPLS label, DSCP, interface and MTU of every connection. */
  readonly l2: ConnectionL2;

  constructor(ctx: ModuleContext) {
    this.ctx = ctx;
    this.l2 = new ConnectionL2(ctx.core.connections);
    ctx.connectionExtensions.push(this.l2);
  }

  onPacket(): void {
    // Everything here is per frame: see onFrame.
  }

  onFrame(pi: PacketInfo, refs: PacketRefs): void {
    this.l2.onFrame(pi, refs);
    // Maximum concurrent connections, sampled once per second from the table (cheap: counts only).
    if (refs.tsSec !== this.activeSecond) {
      this.activeSecond = refs.tsSec;
      this.activeThisSecond = this.countActive(refs.tsUs);
      if (this.activeThisSecond > this.maxActive) this.maxActive = this.activeThisSecond;
    }
  }

  /** Connections seen within ACTIVE_TIMEOUT_SEC of `nowUs`. */
  countActive(nowUs: number): number {
    const t = this.ctx.core.connections, since = nowUs - ACTIVE_TIMEOUT_SEC * 1e6;
    let n = 0;
    for (let e = 0; e < t.idBound; e++) if (t.alive[e] !== 0 && (t.lastSeenUs[e] as number) >= since) n++;
    return n;
  }

  stats(): JsonObject {
    const t = this.ctx.core.connections;
    const now = this.ctx.store.nowSec;
    return {
      active: now < 0 ? 0 : this.countActive(now * 1e6),
      total: t.created,
      stored: t.live,
      maximum: this.maxActive,
      capacity: t.currentCapacity,
      evicted: t.evicted,
      untracked: t.untracked,
    };
  }

  resource(): Resource {
    const { store, core } = this.ctx;
    const t = core.connections;
    const extensions = this.ctx.connectionExtensions;
    // Reads connection e only when answering: describe() builds it for e = -1.
    const one = (e: number, name: string): Resource => ({
      kind: 'object', name,
      get schema() { return connectionObjectSchema(extensions); },
      get: (q) => {
        const out: JsonObject = { ...connectionJson(t, e), ...entityTraffic(t, store, e, q) };
        for (const x of extensions) Object.assign(out, x.json(e));
        return out;
      },
    });
    return {
      kind: 'object',
      name: 'connections',
      schema: STATS,
      get: () => this.stats(),
      children: [
        {
          kind: 'list', name: 'connections_paged', defaultSort: 'bytes',
          get schema() { return connectionRowSchema(extensions); },
          open: (q) => connectionListView(t, store, q, undefined, this.ctx.connectionExtensions),
        },
        { kind: 'object', name: 'stats', schema: STATS, get: () => this.stats() },
        {
          kind: 'object', name: 'connections', schema: objectSchema({ count: int }), get: () => ({ count: t.live }),
          children: [{
            kind: 'param', name: ':id', param: 'id',
            resolve: (value) => {
              if (!/^\d{1,10}$/.test(value)) return { badRequest: `connection id must be a number: ${value}` };
              const e = Number(value);
              if (e >= t.idBound || t.alive[e] === 0) return { notFound: `no connection ${value}` };
              return one(e, value);
            },
            describe: () => one(-1, '{id}'),
          }],
        },
      ],
    };
  }
}

export function createConnectionsModule(ctx: ModuleContext): ConnectionsModule {
  return new ConnectionsModule(ctx);
}
