/**
 * Golden test of the L2 modules against tshark 4.0.17 on the whole corpus (test/fixtures/pcaps):
 * per MAC protocol (EtherType / SNAP id / LLC DSAP of every Ethernet header), per VLAN (depth and
 * id of every tag, and untagged frames), per frame-size bucket, ARP opcodes / gratuitous / probes,
 * MPLS top label and TC, outermost VLAN PCP, and DSCP of every IP header: packets and bytes equal
 * tshark's (reference made by make-l2-reference.sh, stored in test/fixtures/reference-l2), once the
 * rules below are applied. Per-MAC packets and bytes are golden through the core (endpoints.test.ts).
 *
 * Rules where the counting legitimately differs (each one is code below, not a tolerance):
 * - L1, RARP: tshark's ARP dissector also decodes RARP (EtherType 0x8035, opcodes 3 and 4); the
 *   decoder does not, so the reference's `rarp` frames are not expected in the ARP counts (they are
 *   still counted as MAC protocol 0x8035). One frame in the corpus (zeek_linux_dlt_sll2.pcap).
 * - L2, IP headers cut by the snap length: the decoder keeps an IPv4/IPv6 header that is not fully
 *   captured out of the IP stack (as the core's endpoint counting does, and as tshark's endpoint
 *   tap does), so it has no DSCP; tshark still shows its DSCP field. The reference lists those
 *   headers apart (`dscp_truncated`); they are not expected. One frame (zeek_trunc_ip4-trunc.pcap).
 * Depth of a VLAN tag is its position among all tags of the frame, 802.1ad S-tags and 802.1Q tags
 * alike (tshark names the S-tag field ieee8021ad.id, the C-tag vlan.id).
 */
import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { analyzeFile } from '../../src/analysis/analyze-file.js';
import type { Analyzer } from '../../src/pipeline/analyzer.js';
import type { MeasurementModule } from '../../src/modules/module.js';
import { LLC_BASE } from '../../src/decode/packet-info.js';
import { createMacProtocolsModule, MacProtocolsModule } from '../../src/modules/mac_protocols/index.js';
import { createVlanModule, VlanModule } from '../../src/modules/vlan/index.js';
import { UNTAGGED } from '../../src/modules/vlan/vlan-keys.js';
import { createPacketSizeModule, PacketSizeModule } from '../../src/modules/packet_size/index.js';
import { BUCKET_NAMES } from '../../src/modules/packet_size/buckets.js';
import { createArpModule, ArpModule } from '../../src/modules/arp/index.js';
import { createMplsModule, MplsModule } from '../../src/modules/mpls/index.js';
import { SINGLE } from '../../src/modules/mpls/keys.js';
import { createQosModule, QosKind, QosModule } from '../../src/modules/qos/index.js';
import { liveIds } from '../../src/modules/entity-list.js';
import type { KeyTable } from '../../src/store/key-table.js';
import { pcapPath, pcapsDir } from '../support/paths.js';
import { countsOf, loadL2Reference, referenceL2Dir, type Counts } from './l2-reference.js';

const captures = readdirSync(pcapsDir).filter((f) => /\.(pcap|pcapng|cap)(\.gz)?$/.test(f)).sort();
const references = new Set(readdirSync(referenceL2Dir).map((f) => f.replace(/\.json$/, '')));

/** Key → [packets, bytes] of the live entities of a table that pass `keep`. */
function tableCounts(t: KeyTable, key: (e: number) => string | null): Counts {
  const out: Counts = new Map();
  for (const e of liveIds(t)) {
    const k = key(e);
    if (k === null) continue;
    const c = t.counters, b = e * 4;
    out.set(k, [(c[b] as number) + (c[b + 2] as number), (c[b + 1] as number) + (c[b + 3] as number)]);
  }
  return out;
}

function mod<T extends MeasurementModule>(a: Analyzer, ctor: abstract new (...args: never[]) => T): T {
  for (const m of a.modules) if (m instanceof ctor) return m;
  throw new Error(`module ${ctor.name} missing`);
}

function diff(what: string, actual: Counts, expected: Counts, out: string[]): void {
  for (const [k, v] of expected) {
    const a = actual.get(k);
    if (!a) out.push(`${what} missing ${k}: expected ${v.join('/')}`);
    else if (a[0] !== v[0] || a[1] !== v[1]) out.push(`${what} ${k}: got ${a.join('/')} expected ${v.join('/')}`);
  }
  for (const [k, v] of actual) if (!expected.has(k)) out.push(`${what} extra ${k}: ${v.join('/')}`);
}

const hex = (v: number): string => (v >= LLC_BASE ? `llc-0x${(v - LLC_BASE).toString(16)}` : `0x${v.toString(16).padStart(4, '0')}`);
const ARP_KINDS = ['request', 'reply', 'other', 'gratuitous', 'probe'];

test('every corpus capture has an L2 reference', () => {
  assert.deepEqual(captures.filter((c) => !references.has(c)), []);
  assert.ok(captures.length >= 81);
});

for (const name of captures) {
  test(`golden L2: ${name} equals tshark`, async () => {
    const ref = loadL2Reference(name);
    const result = await analyzeFile(pcapPath(name), {
      tunnelView: 'all',
      analyzer: { modules: [createMacProtocolsModule, createVlanModule, createPacketSizeModule, createArpModule, createMplsModule, createQosModule] },
    });
    const a = result.analyzer;
    const protocols = mod(a, MacProtocolsModule).protocols;
    const vlan = mod(a, VlanModule).vlans;
    const sizes = mod(a, PacketSizeModule).buckets;
    const arp = mod(a, ArpModule).kinds;
    const mpls = mod(a, MplsModule).labels;
    const qos = mod(a, QosModule).marks;
    const problems: string[] = [];
    diff('ethertype', tableCounts(protocols, (e) => hex(protocols.keyAOf(e))), countsOf(ref.ethertypes, (r) => hex(r.type)), problems);
    const untagged = ref.untagged.packets > 0 ? [['none', ref.untagged]] as const : [];
    diff('vlan', tableCounts(vlan, (e) => (vlan.keyAOf(e) === UNTAGGED ? 'none' : `${vlan.keyAOf(e)}/${vlan.keyBOf(e)}`)),
      new Map([...countsOf(ref.vlans, (r) => `${r.depth}/${r.id}`), ...untagged.map(([k, c]) => [k, [c.packets, c.bytes]] as [string, [number, number]])]), problems);
    diff('size', tableCounts(sizes, (e) => BUCKET_NAMES[sizes.keyAOf(e)] ?? '?'), countsOf(ref.sizes, (r) => r.bucket), problems);
    // Rule L1: RARP is not ARP here.
    diff('arp', tableCounts(arp, (e) => ARP_KINDS[arp.keyAOf(e)] ?? '?'), countsOf(ref.arp.filter((r) => r.kind !== 'rarp'), (r) => r.kind), problems);
    diff('mpls label', tableCounts(mpls, (e) => (mpls.keyBOf(e) === SINGLE ? String(mpls.keyAOf(e)) : null)), countsOf(ref.mpls_top, (r) => String(r.label)), problems);
    const kind = (k: number) => (e: number): string | null => (qos.keyAOf(e) === k ? String(qos.keyBOf(e)) : null);
    diff('mpls tc', tableCounts(qos, kind(QosKind.MplsTc)), countsOf(ref.mpls_tc, (r) => String(r.tc)), problems);
    diff('pcp', tableCounts(qos, kind(QosKind.Pcp)), countsOf(ref.pcp, (r) => String(r.pcp)), problems);
    // Rule L2: truncated IP headers have no DSCP here (ref.dscp already leaves them out; they are in ref.dscp_truncated).
    diff('dscp', tableCounts(qos, kind(QosKind.Dscp)), countsOf(ref.dscp, (r) => String(r.dscp)), problems);
    assert.equal(problems.length, 0, `${problems.length} differences\n  ${problems.slice(0, 12).join('\n  ')}`);
  });
}

test('the corpus exercises every L2 dimension the golden test compares', () => {
  const refs = captures.map(loadL2Reference);
  const some = (f: (r: ReturnType<typeof loadL2Reference>) => boolean): number => refs.filter(f).length;
  assert.ok(some((r) => r.vlans.some((v) => v.depth === 2)) >= 1, 'a capture with three tags (QinQinQ)');
  assert.ok(some((r) => r.vlans.length > 0) >= 4, 'captures with VLAN tags');
  assert.ok(some((r) => r.arp.length > 0) >= 2, 'captures with ARP');
  assert.ok(some((r) => r.mpls_top.length > 0) >= 1, 'captures with MPLS');
  assert.ok(some((r) => r.ethertypes.some((t) => t.type >= LLC_BASE)) >= 1, 'captures with 802.2 LLC');
  const qinq = loadL2Reference('zeek_vlan-qinqinq.pcap');
  assert.deepEqual(qinq.vlans.map((v) => [v.depth, v.id, v.packets]), [[0, 30, 14], [1, 20, 14], [2, 10, 14]]);
});
