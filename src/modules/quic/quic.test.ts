/**
 * The quic module through the real pipeline: QUIC v2 (ndpi_quic-v2.pcapng, SNI "test" as tshark
 * 4.0.17's quic_sni reference says) and QUIC v1 from Chromium with a ClientHello over two Initials
 * (zeek_quic_chromium-115.0.5790.110-api-cirrus-com.pcap, api.cirrus-ci.com).
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { analyzeFile } from '../../analysis/analyze-file.js';
import { pcapPath } from '../../../test/support/paths.js';
import type { JsonObject, ListResource, ObjectResource, StatsQuery } from '../resource.js';
import type { QuicModule } from './index.js';

const Q: StatsQuery = { startSec: undefined, endSec: undefined, timespan: undefined, values: 100, skipHistory: true };

async function run(file: string): Promise<{ summary: JsonObject; server: JsonObject; conn: JsonObject | undefined }> {
  const result = await analyzeFile(pcapPath(file));
  const quic = result.analyzer.module('quic') as QuicModule;
  const root = quic.resource() as ObjectResource;
  const servers = root.children?.find((c) => c.name === 'servers') as ListResource;
  const conns = result.summary.connections;
  let conn: JsonObject | undefined;
  for (let e = 0; e < conns.idBound; e++) {
    if (conns.alive[e] === 1) for (const x of quic.ctx.connectionExtensions) conn ??= x.json(e).quic as JsonObject | undefined;
  }
  return { summary: root.get(Q), server: servers.open(Q).json(0), conn };
}

test('quic: v2 and v1 Initials decrypted, SNI, versions and connection fields', async () => {
  const v2 = await run('ndpi_quic-v2.pcapng');
  assert.equal(v2.server.sni, 'test');
  assert.equal(v2.summary.failedInitials, 0);
  assert.equal(v2.conn?.version, 'QUICv2');
  assert.equal(v2.conn.tlsVersion, 'TLS 1.3');
  const v1 = await run('zeek_quic_chromium-115.0.5790.110-api-cirrus-com.pcap');
  assert.equal(v1.server.sni, 'api.cirrus-ci.com');
  assert.equal(v1.server.quicHellos, 1);
  assert.equal(v1.conn?.version, 'QUICv1');
  assert.deepEqual(v1.conn.alpnOffered, ['h3']);
  assert.match(v1.conn.ja4 as string, /^q13d\d{4}h3_/);
});
