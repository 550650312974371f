/**
 * The ssl module through the real pipeline on zeek_tls_chrome-34-google.pcap, checked against
 * tshark 4.0.17 (`tshark -r … -T fields -e frame.time_relative -e tls.record.content_type
 * -e tls.handshake.ciphersuite -e tls.handshake.extensions_alpn_str -e x509ce.dNSName`): the
 * ClientHello (frame 4, 0.006599 s), the ServerHello's cipher 0xc02f and ALPN spdy/3.1, the
 * certificate *.google.de with SAN google.de, the client's first application-data record (frame 18,
 * 0.030904 s: handshake 24.305 ms) and the server's next bytes (frame 23, 0.038606 s: 7.702 ms).
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { analyzeFile } from '../../analysis/analyze-file.js';
import { pcapPath } from '../../../test/support/paths.js';
import type { JsonObject, ListResource, ObjectResource, Resource, StatsQuery } from '../resource.js';
import type { SslModule } from './index.js';

const Q: StatsQuery = { startSec: undefined, endSec: undefined, timespan: undefined, values: 100, skipHistory: true };

function child(r: Resource, name: string): Resource {
  const found = r.kind === 'param' ? undefined : r.children?.find((c) => c.name === name);
  assert.ok(found, `no ${name}`);
  return found;
}

test('ssl: handshake facts, times, certificate and JA3 of zeek_tls_chrome-34-google.pcap', async () => {
  const result = await analyzeFile(pcapPath('zeek_tls_chrome-34-google.pcap'));
  const ssl = result.analyzer.module('ssl') as SslModule;
  const root = ssl.resource();
  const summary = (root as ObjectResource).get(Q);
  assert.equal(summary.hellos, 1);
  assert.equal(summary.collectingFlows, 0);
  const servers = (child(root, 'servers') as ListResource).open(Q);
  assert.equal(servers.size, 1);
  const row = servers.json(0);
  assert.deepEqual({ ip: row.ip, sni: row.sni, version: row.version, alpn: row.alpn, certificate: row.certificate, handshakeAvgMs: row.handshakeAvgMs, responseAvgMs: row.responseAvgMs },
    { ip: '74.125.239.152', sni: 'google.de', version: 'TLS 1.2', alpn: 'spdy/3.1', certificate: '*.google.de', handshakeAvgMs: 24.31, responseAvgMs: 7.7 });
  const clients = (child(root, 'clients') as ListResource).open(Q);
  assert.equal(clients.json(0).ja3, 'a607f3a5c94c2ee592af1456f36c8367');
  // Per IP: the sslServer child of the server and the sslInfos child of the client.
  const ips = ssl.ctx.core.ips;
  let server = -1, client = -1;
  for (let e = 0; e < ips.idBound; e++) {
    if (ips.alive[e] === 0) continue;
    if (ips.format(e) === '74.125.239.152') server = e;
    if (ips.format(e) === '192.168.4.149') client = e;
  }
  const ipChild = (ip: number, name: string): JsonObject => {
    const r = ssl.ctx.ipChildren.map((f) => f(ip)).find((x) => x.name === name);
    assert.ok(r?.kind === 'object');
    return r.get(Q);
  };
  const s = ipChild(server, 'sslServer');
  assert.deepEqual(s.ciphers, [{ name: '0xc02f', count: 1 }]);
  assert.deepEqual((s.certificate as JsonObject).altNames, ['*.google.de', 'google.de']);
  assert.equal(s.handshakeMaxMs, 24.31);
  const infos = ipChild(client, 'sslInfos');
  assert.deepEqual(infos.sni, [{ name: 'google.de', count: 1 }]);
  // tshark: the ClientHello offers 20 cipher suites (tls.handshake.ciphersuite), the server picks 0xc02f.
  assert.equal((infos.offeredCiphers as JsonObject[]).length, 20);
  assert.deepEqual(infos.negotiatedCiphers, [{ name: '0xc02f', count: 1 }]);
  assert.deepEqual(infos.negotiatedVersions, [{ name: 'TLS 1.2', count: 1 }]);
  assert.deepEqual(ipChild(server, 'sslInfos').asServer, { versions: [{ name: 'TLS 1.2', count: 1 }], ciphers: [{ name: '0xc02f', count: 1 }] });
  assert.deepEqual(ipChild(client, 'sslServer').hellos, 0);
  // The connection row's tls field and columns.
  const conns = result.summary.connections;
  const ext = ssl.ctx.connectionExtensions;
  let tls: JsonObject | undefined;
  for (let e = 0; e < conns.idBound; e++) {
    if (conns.alive[e] === 0) continue;
    for (const x of ext) tls ??= x.json(e).tls as JsonObject | undefined;
  }
  assert.ok(tls);
  assert.equal(tls.sni, 'google.de');
  assert.deepEqual(tls.alpnOffered, ['spdy/3', 'spdy/3.1', 'http/1.1']);
  assert.equal(tls.cipher, '0xc02f');
  assert.equal(tls.handshakeMs, 24.31);
});

test('ssl: TLS 1.3 with ECH (ndpi_tls_ech.pcapng): negotiated 1.3 through supported_versions, Chrome\'s JA4', async () => {
  const result = await analyzeFile(pcapPath('ndpi_tls_ech.pcapng'));
  const ssl = result.analyzer.module('ssl') as SslModule;
  const root = ssl.resource();
  const row = (child(root, 'servers') as ListResource).open(Q).json(0);
  assert.equal(row.version, 'TLS 1.3');
  assert.equal(row.sni, 'performance.radar.cloudflare.com');
  const c = (child(root, 'clients') as ListResource).open(Q).json(0);
  // tshark 4.0.17 -e tls.handshake.ja3 on frame 4; JA4 as FoxIO's README lists for Chrome.
  assert.equal(c.ja3, '6820f114cf3b0809ffdcb30cb277848a');
  assert.equal(c.ja4, 't13d1516h2_8daaf6152771_02713d6af862');
});
