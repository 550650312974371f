/**
 * @module modules/l7-shared/per-ip-stats
 * Per-IP server and client statistics objects of an L7 module (HTTP, TLS/QUIC), created when an
 * address first acts as server or client and dropped when the IP entity's id is reused. A byte per
 * IP marks the addresses that have any, so the many new IPs without L7 statistics cost one array
 * read, no map lookups.
 */
import type { IpTable } from '../../store/ip-table.js';
import { resized } from '../../store/resize.js';

export class PerIpStats<S, C> {
  readonly servers = new Map<number, S>();
  readonly clients = new Map<number, C>();
  private hasStats = new Uint8Array(0);

  constructor(ips: IpTable, private readonly newServer: () => S, private readonly newClient: () => C) {
    ips.listen({
      resize: (cap) => { this.hasStats = resized(this.hasStats, cap); },
      reset: (e) => {
        if (this.hasStats[e] === 0) return;
        this.hasStats[e] = 0;
        this.servers.delete(e);
        this.clients.delete(e);
      },
      evicted: () => undefined,
    });
  }

  /** The statistics of IP entity `ip` as a server, created on first use; undefined for no IP (-1). */
  server(ip: number): S | undefined {
    return this.statsOf(this.servers, ip, this.newServer);
  }

  /** The same as a client. */
  client(ip: number): C | undefined {
    return this.statsOf(this.clients, ip, this.newClient);
  }

  private statsOf<T>(map: Map<number, T>, ip: number, create: () => T): T | undefined {
    if (ip < 0) return undefined;
    let v = map.get(ip);
    if (v === undefined) {
      map.set(ip, v = create());
      this.hasStats[ip] = 1;
    }
    return v;
  }
}
