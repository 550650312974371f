/**
 * Golden test: the names the L7 dissectors read equal tshark's on every fixture capture. The
 * reference (test/fixtures/reference/<capture>.json, tshark 4.0.17) lists `tls_sni` (ClientHello
 * server names), `http_hosts` and `quic_sni` with a count per name. tshark counts packets (a
 * retransmitted ClientHello twice), wiremeter counts connections, so for TLS and QUIC the sets of
 * names must be equal and each of our counts between 1 and tshark's; HTTP hosts (requests, over TCP
 * and SSDP's HTTP over UDP) must be equal with their counts.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeFile } from '../../src/analysis/analyze-file.js';
import type { HttpModule } from '../../src/modules/http/index.js';
import type { QuicModule } from '../../src/modules/quic/index.js';
import type { SslModule } from '../../src/modules/ssl/index.js';
import { pcapPath, referenceDir } from '../support/paths.js';

interface NameCount { readonly name: string; readonly count: number }
type Names = Readonly<Record<'tls_sni' | 'http_hosts' | 'quic_sni', readonly NameCount[] | undefined>>;

const captures = readdirSync(referenceDir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();

function loadNames(capture: string): Names {
  return JSON.parse(readFileSync(join(referenceDir, `${capture}.json`), 'utf8')) as Names;
}

/** Same names; counts equal when `exact`, else between 1 and tshark's. */
function compare(what: string, ours: ReadonlyMap<string, number>, theirs: readonly NameCount[] | undefined, exact: boolean): void {
  const expected = new Map((theirs ?? []).map((n) => [n.name, n.count]));
  assert.deepEqual([...ours.keys()].sort(), [...expected.keys()].sort(), what);
  for (const [name, count] of ours) {
    const max = expected.get(name) ?? 0;
    if (exact) assert.equal(count, max, `${what} ${name}`);
    else assert.ok(count >= 1 && count <= max, `${what} ${name}: ${count} (tshark ${max})`);
  }
}

test('TLS SNI, QUIC SNI and HTTP hosts of every fixture capture equal tshark\'s', async () => {
  let tls = 0, quic = 0, http = 0;
  for (const capture of captures) {
    const result = await analyzeFile(pcapPath(capture));
    const ssl = result.analyzer.module('ssl') as SslModule;
    const q = result.analyzer.module('quic') as QuicModule;
    const ref = loadNames(capture);
    compare(`${capture} tls_sni`, ssl.tables.tcpNames.counts, ref.tls_sni, false);
    compare(`${capture} quic_sni`, q.tables.names.counts, ref.quic_sni, false);
    const h = result.analyzer.module('http') as HttpModule;
    compare(`${capture} http_hosts`, h.tables.hosts.counts, ref.http_hosts, true);
    http += h.tables.hosts.counts.size;
    tls += ssl.tables.tcpNames.counts.size;
    quic += q.tables.names.counts.size;
  }
  assert.ok(tls >= 19, `only ${tls} TLS names`);
  assert.ok(quic >= 4, `only ${quic} QUIC names`);
  assert.ok(http >= 50, `only ${http} HTTP hosts`);
});
