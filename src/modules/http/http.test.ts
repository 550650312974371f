/**
 * The http module through the real pipeline on zeek_wikipedia.pcap, checked against tshark 4.0.17
 * (`tshark -r zeek_wikipedia.pcap -Y http.response -T fields -e ip.src -e http.response.code
 * -e http.time`): 15 requests and 15 responses, all 304; the 12 answers of 208.80.152.3 take
 * 60.300 ms on average, 59.782 ms at least, 60.802 ms at most, 0.26 ms standard deviation; its last URL is the Wikimedia community logo.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { analyzeFile } from '../../analysis/analyze-file.js';
import { pcapPath } from '../../../test/support/paths.js';
import type { JsonObject, ListResource, ObjectResource, StatsQuery } from '../resource.js';
import type { HttpModule } from './index.js';

const Q: StatsQuery = { startSec: undefined, endSec: undefined, timespan: undefined, values: 100, skipHistory: true };

test('http: requests, status families, response times and last URL of zeek_wikipedia.pcap', async () => {
  const result = await analyzeFile(pcapPath('zeek_wikipedia.pcap'));
  const http = result.analyzer.module('http') as HttpModule;
  const root = http.resource() as ObjectResource;
  const summary = root.get(Q);
  assert.equal(summary.requests, 15);
  assert.equal(summary.responses, 15);
  const servers = root.children?.find((c) => c.name === 'servers') as ListResource;
  const view = servers.open(Q);
  const rows = Array.from({ length: view.size }, (_, r) => view.json(r));
  const upload = rows.find((r) => r.ip === '208.80.152.3');
  assert.ok(upload);
  assert.equal(upload.requests, 12);
  assert.equal(upload.status3xx, 12);
  assert.equal(upload.host, 'upload.wikimedia.org');
  assert.equal(upload.lastUrl, '/wikipedia/commons/thumb/7/75/Wikimedia_Community_Logo.svg/35px-Wikimedia_Community_Logo.svg.png');
  const ips = http.ctx.core.ips;
  let e = -1;
  for (let i = 0; i < ips.idBound; i++) if (ips.alive[i] === 1 && ips.format(i) === '208.80.152.3') e = i;
  const stats = http.ctx.ipChildren.map((f) => f(e)).find((r) => r.name === 'httpServer');
  assert.ok(stats?.kind === 'object');
  const j = stats.get(Q);
  assert.equal(j.responseAvgMs, 60.3);
  assert.equal(j.responseMaxMs, 60.8);
  assert.equal(j.responseMinMs, 59.78);
  assert.equal(j.responseStdDevMs, 0.26);
  assert.deepEqual((j.status as JsonObject)['3xx'], 12);
  assert.deepEqual(j.contentTypes, [{ name: 'image/png', count: 12 }]);
  // The history of the tab: its points add up to the 12 responses and their times.
  const withHistory = stats.get({ ...Q, skipHistory: false, startSec: 0 });
  assert.deepEqual(withHistory.figures, ['responses', 'responseSumUs']);
  const points = (withHistory.history as JsonObject).points as number[][];
  assert.equal(points.reduce((a, p) => a + (p[1] ?? 0), 0), 12);
  assert.equal(Math.round(points.reduce((a, p) => a + (p[2] ?? 0), 0) / 12 / 10) / 100, 60.3);
  // Connection rows: the last transactions of each connection (a ring of 8).
  const conns = result.summary.connections;
  let transactions = 0;
  for (let c = 0; c < conns.idBound; c++) {
    if (conns.alive[c] === 0) continue;
    for (const x of http.ctx.connectionExtensions) {
      const h = x.json(c).http as JsonObject | undefined;
      if (h !== undefined) transactions += (h.transactions as JsonObject[]).length;
    }
  }
  assert.ok(transactions >= 8 && transactions <= 15, String(transactions));
});
