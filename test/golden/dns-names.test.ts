/**
 * Golden test of the dns module against tshark 4.0.17: over every corpus capture, the names of the
 * question sections (DNS on port 53, mDNS 5353, LLMNR 5355) and how often each appears equal
 * tshark's `dns_query_names` (every dns.qry.name of every frame; test/fixtures/reference).
 *
 * Rule where the counting legitimately differs (code below, not a tolerance):
 * - D1, DNS quoted inside ICMP errors: tshark dissects the UDP datagram an ICMP "destination
 *   unreachable" quotes; the dns module reads only live UDP/TCP payloads, never a quoted one.
 *   Expected names of such frames are listed per capture in QUOTED.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeFile } from '../../src/analysis/analyze-file.js';
import { createDnsModule, DnsModule } from '../../src/modules/dns/index.js';
import { pcapPath, pcapsDir, referenceDir } from '../support/paths.js';

interface NameCount { readonly name: string; readonly count: number }

const captures = readdirSync(pcapsDir).filter((f) => /\.(pcap|pcapng|cap)(\.gz)?$/.test(f)).sort();

/** Rule D1: names only inside ICMP-quoted datagrams. */
const QUOTED: Readonly<Record<string, readonly NameCount[]>> = {
  'zeek_icmp_icmp-destunreach-udp.pcap': [{ name: 'secure.ed4.net', count: 1 }],
  // Frames 34 and 36: GRE → IP → ICMP unreachable quoting the query of frames 33 and 35.
  'zeek_tunnels_gre-sample.pcap': [{ name: 'www.gleeble.org', count: 2 }],
};

function referenceNames(file: string): Map<string, number> {
  const ref = JSON.parse(readFileSync(join(referenceDir, `${file}.json`), 'utf8')) as { dns_query_names?: NameCount[] };
  const out = new Map<string, number>();
  for (const n of ref.dns_query_names ?? []) out.set(n.name, n.count);
  for (const q of QUOTED[file] ?? []) {
    const left = (out.get(q.name) ?? 0) - q.count;
    if (left > 0) out.set(q.name, left);
    else out.delete(q.name);
  }
  return out;
}

let withNames = 0;
for (const file of captures) {
  test(`golden DNS names: ${file} equals tshark`, async () => {
    const expected = referenceNames(file);
    if (expected.size > 0) withNames++;
    const result = await analyzeFile(pcapPath(file), { analyzer: { modules: [createDnsModule] } });
    const dns = result.analyzer.modules.find((m) => m instanceof DnsModule) as DnsModule;
    const actual = new Map(dns.names.all().map((n) => [n.name, n.queries + n.responses]));
    assert.deepEqual([...actual].sort(), [...expected].sort());
  });
}

test('the corpus has DNS names in many captures', () => {
  assert.ok(withNames >= 12, `only ${withNames}`);
});
