/**
 * Property test: on random expressions (seeded, bounded) over every operand, the compiled
 * predicate equals the reference interpreter (interpret.ts) on every packet of a set of corpus
 * captures, with an empty context and with a filled one. Values are drawn from the packets
 * themselves (their addresses, ports, VLAN ids …) so that comparisons match often enough to matter.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { formatIpv4, formatIpv6, formatMac } from '../core/addresses.js';
import { PacketDecoder, PacketInfo } from '../decode/index.js';
import { fixtureFrames } from '../decode/test-frames.js';
import { buildCaptureFilter, FilterContext, interpretCaptureFilter } from './index.js';

const CAPTURES = ['zeek_icmp_dot1q.pcap', 'zeek_mixed-vlan-mpls.pcap', 'ndpi_6in4tunnel.pcap', 'zeek_ipv4_fragmented-1.pcap',
  'tcpdump_IGMP_V2.pcap', 'zeek_icmp_icmp6-mldv1.pcap', 'tcpdump_ptp_ethernet.pcap', 'tcpdump_LACP.pcap', 'zeek_tunnels_vxlan-encapsulated-http.pcap',
  'zeek_pcapng-multi-interface.pcapng', 'zeek_arp-who-has.pcap', 'zeek_vlan-qinqinq.pcap', 'tcpdump_mpls-traceroute.pcap', 'zeek_wikipedia.pcap'];

/** xorshift32: deterministic across runs and platforms. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 0x100000000;
  };
}

interface Pools { ip4: string[]; ip6: string[]; mac: string[]; port: number[]; vlan: number[]; mpls: number[] }

function collect(packets: readonly PacketInfo[]): Pools {
  const p: Pools = { ip4: ['10.0.0.1'], ip6: ['fe80::1'], mac: ['ff:ff:ff:ff:ff:ff'], port: [80], vlan: [1], mpls: [16] };
  for (const pi of packets) {
    for (let i = 0; i < pi.ipCount; i++) {
      const w = (a: Uint32Array, k: number): number => a[i * 4 + k] as number;
      if (pi.ipVersion[i] === 4) p.ip4.push(formatIpv4(w(pi.ipSrc, 3)));
      else p.ip6.push(formatIpv6(w(pi.ipSrc, 0), w(pi.ipSrc, 1), w(pi.ipSrc, 2), w(pi.ipSrc, 3)));
    }
    for (let i = 0; i < pi.ethCount; i++) p.mac.push(formatMac(pi.ethSrc[i] as number));
    for (let j = 0; j < pi.l4Count; j++) p.port.push(pi.srcPort[j] as number, pi.dstPort[j] as number);
    for (let i = 0; i < pi.vlanCount; i++) p.vlan.push(pi.vlanId[i] as number);
    for (let i = 0; i < pi.mplsCount; i++) p.mpls.push(pi.mplsLabel[i] as number);
  }
  return p;
}

function generator(r: () => number, pools: Pools): () => string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const n = (max: number): number => Math.floor(r() * (max + 1));
  const operands: (() => string)[] = [
    () => `ip == ${pick(pools.ip4)}`,
    () => `ip == ${pick(pools.ip4)}/${n(32)}`,
    () => `ip == ${pick(pools.ip4)}:${pick(pools.port)}`,
    () => `ip == ${pick(pools.ip6)}`,
    () => `ip == ${pick(pools.ip6)}/${n(128)}`,
    () => `ip == [${pick(pools.ip6)}]:${pick(pools.port)}`,
    () => `mac == ${pick(pools.mac)}`,
    () => `port == ${pick(pools.port)}`,
    () => `portrange == ${pick(pools.port)},${n(1000)}-${1000 + n(60000)},-${n(100)},${60000 + n(5535)}-`,
    () => `serverport == ${pick(pools.port)}`,
    () => `macProtocol == ${pick(['IPv4', 'IPv6', 'ARP', '"Non IP"', '0x8847', 'lldp', 'slow,ptp'])}`,
    () => `l4Protocol == ${pick(['TCP', 'UDP', 'ICMP,ICMPv6', '2', '47', 'UDP,TCP,41'])}`,
    () => `l7Protocol == ${pick(['DNS', 'HTTP,TLS'])}`,
    () => `countryCode == ${pick(['US', 'DE'])}`,
    () => `arpip == ${pick(pools.ip4)}`,
    () => `${pick(['vlan', 'outervlan', 'innervlan'])} == ${pick(['any', 'none', String(pick(pools.vlan))])}`,
    () => `${pick(['mpls', 'outerMpls', 'innerMpls'])} == ${pick(['any', 'none', String(pick(pools.mpls))])}`,
    () => `multicastGroup == ${pick(['any', pick(pools.ip4), pick(pools.ip6)])}`,
    () => `rtpPayloadType == ${pick(['PCMU', '8'])}`,
    () => `interface == ${pick(['0', '1', '0-2', '1,3-5'])}`,
    () => `link == ${n(3)}`,
    () => `ptpMsgType == ${pick(['any', String(n(15))])}`,
    () => `profinetFrameId == ${n(65535)}`,
    () => `profinetCmOpnum == ${pick(['any', 'connect'])}`,
    () => `qosIpDscp == ${n(63)}`,
    () => `qosMplsTc == ${n(7)}`,
    () => `qosVlanPcp == ${n(7)}`,
    () => `group == ${pick(['default', '"a b"'])}`,
    () => `badCRC == ${n(1)}`,
    () => `icmpType == ${pick(['0', '8', '3,11', '128', '130,131,143'])}`,
    () => `tcpFlags == ${pick(['syn', 'ack', 'syn+ack', 'fin', 'rst', 'psh+ack', 'urg'])}`,
    () => `callId == ${pick(['"x@y"', 'abc'])}`,
    () => `ipFragment == ${n(1)}`,
    () => `ipDoNotFragment == ${n(1)}`,
    () => `regexp == ${pick(['"(?i)http"', '"\\d{3}"', '"^\\x00"', '"a.c|xyz"'])}`,
    () => `mactype == ${pick(['unicast', 'broadcast', 'multicast'])}`,
    () => `slowSubtype == ${n(3)}`,
  ];
  const expr = (depth: number): string => {
    if (depth <= 0 || r() < 0.35) {
      const c = pick(operands)();
      return r() < 0.3 ? c.replace(' == ', ' != ') : c;
    }
    const k = 2 + n(2);
    const parts = Array.from({ length: k }, () => expr(depth - 1));
    return `(${parts.join(r() < 0.5 ? pick([' and ', ' && ']) : pick([' or ', ' || ']))})`;
  };
  return () => expr(3);
}

test('compiled predicate equals the reference interpreter on random expressions over corpus packets', () => {
  const decoder = new PacketDecoder();
  const packets: PacketInfo[] = [];
  for (const name of CAPTURES) {
    for (const f of fixtureFrames(name).slice(0, 150)) {
      const pi = new PacketInfo();
      decoder.decodeFrame(f.data, f.start, f.capLen, f.origLen, f.linkType, f.tsSec, f.tsNsec, f.interfaceId, pi);
      packets.push(pi);
    }
  }
  const pools = collect(packets);
  const next = generator(rng(20261124), pools);
  const empty = new FilterContext();
  const full = new FilterContext();
  Object.assign(full, { l7Protocol: 3, serverPort: 80, countrySrc: 'US', rtpPayloadType: 8, link: 1, groupDst: 'default', badCrc: 0, callId: 'x@y', profinetCmOpnum: 0 });
  let evaluations = 0, matches = 0;
  for (let e = 0; e < 400; e++) {
    const expr = next();
    const f = buildCaptureFilter(expr);
    for (const ctx of [empty, full]) {
      for (const pi of packets) {
        const a = f.predicate(pi, ctx);
        const b = interpretCaptureFilter(f.checked, pi, ctx);
        if (a !== b) assert.fail(`compiled ${a} interpreter ${b} for ${expr}`);
        evaluations++;
        if (a) matches++;
      }
    }
  }
  assert.ok(packets.length > 500, `${packets.length} packets`);
  assert.ok(evaluations > 400_000, `${evaluations} evaluations`);
  console.log(`# property: ${packets.length} packets, ${evaluations} evaluations, ${matches} matches`);
  assert.ok(matches > evaluations * 0.05 && matches < evaluations * 0.95, `${matches} of ${evaluations} matched`);
});
