/**
 * @module modules/http/tables
 * HTTP figures per server IP and per client IP (maps keyed by IP entity id, cleared when the id is
 * reused) and the host names over all requests: requests, responses, status families, response
 * times, host names, last URL, content types, user agents.
 */
import type { IpTable } from '../../store/ip-table.js';
import { PerIpStats } from '../l7-shared/per-ip-stats.js';
import { NameTally, TimeStats } from '../l7-shared/rows-view.js';
import type { PerIpHistory } from '../l7-shared/per-ip-history.js';
import type { JsonObject } from '../resource.js';

export class HttpServerStats {
  requests = 0;
  responses = 0;
  /** Responses per status family: index 0 = 1xx … 4 = 5xx, 5 = other. */
  readonly statusFamilies = [0, 0, 0, 0, 0, 0];
  readonly responseTime = new TimeStats();
  readonly hosts = new NameTally(64);
  readonly contentTypes = new NameTally(16);
  lastUrl = '';
  lastHost = '';

  json(ip: string): JsonObject {
    const f = this.statusFamilies;
    return {
      ip, requests: this.requests, responses: this.responses,
      status: { '1xx': f[0] ?? 0, '2xx': f[1] ?? 0, '3xx': f[2] ?? 0, '4xx': f[3] ?? 0, '5xx': f[4] ?? 0, other: f[5] ?? 0 },
      responseAvgMs: this.responseTime.avgMs, responseStdDevMs: this.responseTime.stdDevMs, responseMinMs: this.responseTime.minMs,
      responseMaxMs: this.responseTime.maxMs,
      hosts: this.hosts.top(), contentTypes: this.contentTypes.top(), lastHost: this.lastHost, lastUrl: this.lastUrl,
    };
  }
}

export class HttpClientStats {
  requests = 0;
  readonly hosts = new NameTally(64);
  readonly userAgents = new NameTally(8);

  json(ip: string): JsonObject {
    return { ip, requests: this.requests, hosts: this.hosts.top(), userAgents: this.userAgents.top() };
  }
}

export class HttpTables extends PerIpStats<HttpServerStats, HttpClientStats> {
  /** Host header of every request (TCP and UDP), with counts. */
  readonly hosts = new NameTally(4096);
  requests = 0;
  responses = 0;

  /** Per server IP: responses and their summed response time, with history. */
  readonly history: PerIpHistory | null;

  constructor(ips: IpTable, history: PerIpHistory | null = null) {
    super(ips, () => new HttpServerStats(), () => new HttpClientStats());
    this.history = history;
  }



  request(serverIp: number, clientIp: number, host: string | null, url: string, userAgent: string | null): void {
    this.requests++;
    if (host !== null) this.hosts.add(host);
    const s = this.server(serverIp);
    if (s !== undefined) {
      s.requests++;
      if (host !== null) {
        s.hosts.add(host);
        s.lastHost = host;
      }
      s.lastUrl = url;
    }
    const c = this.client(clientIp);
    if (c !== undefined) {
      c.requests++;
      if (host !== null) c.hosts.add(host);
      if (userAgent !== null) c.userAgents.add(userAgent);
    }
  }

  response(serverIp: number, status: number, contentType: string | null, responseUs: number): void {
    this.responses++;
    const s = this.server(serverIp);
    if (s === undefined) return;
    s.responses++;
    const family = status >= 100 && status < 600 ? Math.floor(status / 100) - 1 : 5;
    s.statusFamilies[family] = (s.statusFamilies[family] ?? 0) + 1;
    if (contentType !== null) s.contentTypes.add(contentType.split(';')[0]?.trim() ?? contentType);
    if (responseUs >= 0) {
      s.responseTime.add(responseUs);
      this.history?.add(serverIp, 0, 1, 1, responseUs);
    }
  }
}
