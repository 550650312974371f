/**
 * Golden test of the location module: on captures with public IPv4 and IPv6 addresses, each
 * country's [rx packets, rx bytes, tx packets, tx bytes] equal tshark's IP endpoints (per-IPv6
 * counting rules applied, as in endpoints.test.ts) added up per country, where the country of an
 * endpoint is what mmdb-lib's own text lookup reads from the shipped file (special-purpose ranges:
 * none, the documented rule). The IPs listed per country are tshark's endpoints of that country.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Reader } from 'mmdb-lib';
import { parseIpv4, parseIpv6 } from '../../src/core/addresses.js';
import { countryTextOf } from '../../src/geo/country-db.js';
import { shippedDatabasePath } from '../../src/geo/index.js';
import { isIpv4Mapped, isReservedIpv4, isReservedIpv6 } from '../../src/geo/reserved.js';
import { MODULES } from '../../src/modules/registry.js';
import { listRows, moduleOf, runCapture } from '../../src/modules/l2-shared/testing.js';
import { pcapPath } from '../support/paths.js';
import { applyCountingRules, endpointsFromReference, type EndpointCounts } from './counting-rules.js';
import { loadReference } from './reference.js';

const CAPTURES = ['zeek_wikipedia.pcap', 'zeek_tls_chrome-34-google.pcap', 'ndpi_http_ipv6.pcap', 'zeek_quic_curl-8.1.2-dev-http3-www-google-de.pcap',
  'tcpdump_LINKTYPE_IPV6.pcap', 'zeek_tunnels_vxlan-encapsulated-http.pcap', 'ndpi_tls_ech.pcapng', 'tcpdump_dns_udp.pcap'];

const reader = new Reader<Record<string, unknown>>(readFileSync(shippedDatabasePath()));

function reserved(address: string): boolean {
  const v4 = parseIpv4(address);
  if (v4 !== null) return isReservedIpv4(v4);
  const w = parseIpv6(address);
  if (w === null) return true;
  return isIpv4Mapped(w[0], w[1], w[2]) ? isReservedIpv4(w[3]) : isReservedIpv6(w[0], w[1], w[2]);
}

function countryOfText(address: string): string {
  if (reserved(address)) return 'none';
  return countryTextOf(reader.get(address)) ?? 'none';
}

for (const name of CAPTURES) {
  test(`countries of ${name} equal tshark's endpoints per country`, async () => {
    const ref = loadReference(name);
    const ipv6: EndpointCounts = endpointsFromReference(ref.endpoints.ipv6);
    await applyCountingRules(pcapPath(name), ipv6, new Map());
    const expected = new Map<string, { counters: number[]; ips: string[] }>();
    for (const [address, [txP, txB, rxP, rxB]] of [...endpointsFromReference(ref.endpoints.ip), ...ipv6]) {
      const key = countryOfText(address);
      const x = expected.get(key) ?? { counters: [0, 0, 0, 0], ips: [] };
      x.counters = [(x.counters[0] ?? 0) + rxP, (x.counters[1] ?? 0) + rxB, (x.counters[2] ?? 0) + txP, (x.counters[3] ?? 0) + txB];
      x.ips.push(address);
      expected.set(key, x);
    }
    const a = await runCapture(pcapPath(name), MODULES);
    const root = moduleOf(a, 'location').resource();
    const got = new Map(listRows(root, 'countries').map((r) => [r.key as string, {
      counters: r.allTime as number[], ips: listRows(root, `countries/${r.key as string}/ips`).map((x) => x.ip as string).sort(),
    }]));
    for (const x of expected.values()) x.ips.sort();
    assert.deepEqual([...got.keys()].sort(), [...expected.keys()].sort());
    for (const [key, x] of expected) assert.deepEqual(got.get(key), x, `${name} ${key}`);
    assert.ok([...expected.keys()].some((k) => k !== 'none'), `${name} has public addresses`);
  });
}
