import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { analyzeFile } from '../../analysis/analyze-file.js';
import { pcapPath } from '../../../test/support/paths.js';
import type { ListResource, ObjectResource, StatsQuery } from '../resource.js';
import type { IcmpModule } from './index.js';

const Q: StatsQuery = { startSec: undefined, endSec: undefined, timespan: undefined, values: 100, skipHistory: true };

/** Messages of the list as "version type/code: packets" lines. */
async function messages(file: string): Promise<string[]> {
  const result = await analyzeFile(pcapPath(file));
  const root = (result.analyzer.module('icmp') as IcmpModule).resource() as ObjectResource;
  const list = (root.children?.find((c) => c.name === 'types_paged') as ListResource).open(Q);
  const out: string[] = [];
  for (let r = 0; r < list.size; r++) {
    const j = list.json(r);
    out.push(`${j.version as string} ${j.type as number}/${j.code as number}: ${(j.allTime as number[])[0] ?? 0}`);
  }
  return out.sort();
}

// Expected values are tshark's: tshark -r FILE -T fields -e icmp.type -e icmp.code -e icmpv6.type -e icmpv6.code | sort | uniq -c
test('icmp: echo requests and replies as tshark counts them', async () => {
  assert.deepEqual(await messages('zeek_icmp_5-pings.pcap'), ['ICMP 0/0: 5', 'ICMP 8/0: 5']);
});

test('icmp: ICMPv6 multicast listener and router messages', async () => {
  assert.deepEqual(await messages('tcpdump_icmpv6.pcap'), ['ICMPv6 130/0: 1', 'ICMPv6 134/0: 1', 'ICMPv6 143/0: 3']);
});

test('icmp: a destination unreachable that quotes a UDP packet counts once, as ICMP', async () => {
  assert.deepEqual(await messages('zeek_icmp_icmp-destunreach-udp.pcap'), ['ICMP 3/3: 1']);
});
