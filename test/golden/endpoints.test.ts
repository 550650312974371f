/**
 * Golden test: for every capture in test/fixtures/pcaps that has a tshark reference, wiremeter's
 * per-MAC, per-IPv4, per-IPv6 and per-TCP/UDP-connection packets and bytes (each direction) equal
 * tshark's, after the documented counting rules (counting-rules.ts). Tunnel view `all` (every header
 * counts), which is how tshark's statistics count. No capture is skipped.
 */
import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { analyzeFile } from '../../src/analysis/analyze-file.js';
import { buildReport, type AnalysisReport } from '../../src/analysis/report.js';
import { pcapPath, pcapsDir, referenceDir } from '../support/paths.js';
import {
  applyCountingRules, connectionKey, connectionsFromReference, endpointsFromReference,
  type ConnectionCounts, type EndpointCounts,
} from './counting-rules.js';
import { loadReference } from './reference.js';

const captures = readdirSync(pcapsDir).filter((f) => /\.(pcap|pcapng|cap)(\.gz)?$/.test(f)).sort();
const references = new Set(readdirSync(referenceDir).map((f) => f.replace(/\.json$/, '')));

test('every corpus capture has a tshark reference', () => {
  assert.deepEqual(captures.filter((c) => !references.has(c)), []);
  assert.ok(captures.length >= 81, `expected the whole corpus, found ${captures.length}`);
});

function ours(report: AnalysisReport): { eth: EndpointCounts; ip: EndpointCounts; ipv6: EndpointCounts; conns: ConnectionCounts } {
  const eth: EndpointCounts = new Map(), ip: EndpointCounts = new Map(), ipv6: EndpointCounts = new Map();
  for (const m of report.macs) eth.set(m.mac, [m.allTime[2], m.allTime[3], m.allTime[0], m.allTime[1]]);
  for (const e of report.ips) (e.version === 4 ? ip : ipv6).set(e.ip, [e.allTime[2], e.allTime[3], e.allTime[0], e.allTime[1]]);
  const conns: ConnectionCounts = new Map();
  for (const c of report.connections) {
    if (c.l4Protocol !== 'tcp' && c.l4Protocol !== 'udp') continue;
    const { key, swapped } = connectionKey(c.l4Protocol, c.client, c.clientPort, c.server, c.serverPort);
    const cur = conns.get(key) ?? [0, 0, 0, 0];
    const [lo, hi] = swapped ? [c.serverToClient, c.clientToServer] : [c.clientToServer, c.serverToClient];
    conns.set(key, [cur[0] + lo[0], cur[1] + lo[1], cur[2] + hi[0], cur[3] + hi[1]]);
  }
  return { eth, ip, ipv6, conns };
}

/** Compare two count maps; the message lists up to 10 differing keys. */
function assertSameCounts(what: string, actual: ReadonlyMap<string, readonly number[]>, expected: ReadonlyMap<string, readonly number[]>): void {
  const diffs: string[] = [];
  for (const [k, v] of expected) {
    const a = actual.get(k);
    if (a === undefined) diffs.push(`missing ${k}: expected ${v.join('/')}`);
    else if (a.join('/') !== v.join('/')) diffs.push(`${k}: got ${a.join('/')} expected ${v.join('/')}`);
  }
  for (const [k, v] of actual) if (!expected.has(k)) diffs.push(`extra ${k}: ${v.join('/')}`);
  assert.equal(diffs.length, 0, `${what}: ${diffs.length} differences\n  ${diffs.slice(0, 10).join('\n  ')}`);
}

for (const name of captures) {
  test(`golden: ${name} equals tshark`, async () => {
    const ref = loadReference(name);
    const result = await analyzeFile(pcapPath(name), { tunnelView: 'all' });
    const report = buildReport(result);
    assert.equal(report.packets, ref.frames.count, 'frame count');
    assert.equal(report.bytes, ref.frames.frame_len_total, 'sum of frame lengths');
    const got = ours(report);
    const ipv6 = endpointsFromReference(ref.endpoints.ipv6);
    const conns = connectionsFromReference('tcp', ref.conversations.tcp);
    for (const [k, v] of connectionsFromReference('udp', ref.conversations.udp)) conns.set(k, v);
    await applyCountingRules(pcapPath(name), ipv6, conns);
    assertSameCounts('MAC endpoints', got.eth, endpointsFromReference(ref.endpoints.eth));
    assertSameCounts('IPv4 endpoints', got.ip, endpointsFromReference(ref.endpoints.ip));
    assertSameCounts('IPv6 endpoints', got.ipv6, ipv6);
    assertSameCounts('TCP/UDP connections', got.conns, conns);
  });
}
