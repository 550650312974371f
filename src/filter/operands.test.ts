/**
 * Unit tests of every capture filter operand on hand-made frames (decode/test-frames.ts builders):
 * each operand matches what it should and not what it should not, through the compiled predicate
 * and the reference interpreter alike; context operands match nothing until the context says.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { PacketDecoder, PacketInfo } from '../decode/index.js';
import { eth, frame, ipv4, ipv6, IP6_A, tcp, udp, bytes, MAC_A, MAC_B, type TestFrame } from '../decode/test-frames.js';
import { findProtocol } from '../protocols/registry.js';
import { buildCaptureFilter, FilterContext, interpretCaptureFilter } from './index.js';

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
const IP4 = 0x0800, IP6 = 0x86dd;
const decoder = new PacketDecoder();

function decode(f: TestFrame, interfaceId = 0): PacketInfo {
  const pi = new PacketInfo();
  decoder.decodeFrame(f.data, f.start, f.capLen, f.origLen, f.linkType, f.tsSec, f.tsNsec, interfaceId, pi);
  return pi;
}

/** Whether `expr` matches the frame; asserts the compiled predicate and the interpreter agree. */
function m(expr: string, f: TestFrame | PacketInfo, ctx = new FilterContext()): boolean {
  const pi = f instanceof PacketInfo ? f : decode(f);
  const flt = buildCaptureFilter(expr);
  const a = flt.predicate(pi, ctx);
  assert.equal(interpretCaptureFilter(flt.checked, pi, ctx), a, `compiled and interpreter differ on ${expr}`);
  return a;
}

const vlanTag = (id: number, pcp = 0): number[] => [0x81, 0x00, (pcp << 5) | (id >> 8), id & 255];
const web = frame(eth(IP4, ipv4(6, tcp(40000, 80, ascii('GET / HTTP/1.1\r\nHost: Allegro\r\n'), { flags: 0x18 }), { src: 0x0a000001, dst: 0xc0a80105, df: true, tos: 46 << 2 })));
const syn = frame(eth(IP4, ipv4(6, tcp(40000, 443, [], { flags: 0x02 }))));
const synAck = frame(eth(IP4, ipv4(6, tcp(443, 40000, [], { flags: 0x12 }))));
const dns6 = frame(eth(IP6, ipv6(17, udp(5353, 53, ascii('abc')), { dst: '2a02810a13401292' + '1c6be58d6ebc6cd2' })));
const ping = frame(eth(IP4, ipv4(1, [8, 0, 0, 0, 0, 1, 0, 1])));
const frag = frame(eth(IP4, ipv4(17, udp(1, 2, ascii('x')), { mf: true, ident: 77 })));

test('ip: address, CIDR, abbreviated CIDR, port, IPv6, bracketed IPv6 with port', () => {
  assert.equal(m('ip == 10.0.0.1', web), true);
  assert.equal(m('ip == 192.168.1.5', web), true);
  assert.equal(m('ip == 10.0.0.2', web), false);
  assert.equal(m('ip == 10.0/16', web), true);
  assert.equal(m('ip == 10.1/16', web), false);
  assert.equal(m('ip == 192.168.0.0/16', web), true);
  assert.equal(m('ip == 0.0.0.0/0', web), true);
  assert.equal(m('ip == 10.0.0.1:40000', web), true);
  assert.equal(m('ip == 10.0.0.1:80', web), false, 'port on the other side');
  assert.equal(m('ip == 192.168.1.5:80 and ip == 10.0.0.1:40000', web), true);
  assert.equal(m('ip == 2a02:810a:1340:1292:1c6b:e58d:6ebc:6cd2', dns6), true);
  assert.equal(m('ip == [2a02:810a:1340:1292:1c6b:e58d:6ebc:6cd2]:53', dns6), true);
  assert.equal(m('ip == [2a02:810a:1340:1292:1c6b:e58d:6ebc:6cd2]:5353', dns6), false);
  assert.equal(m('ip == 2a02:810a::/32', dns6), true);
  assert.equal(m('ip == 2001:db8::1', dns6), true, IP6_A);
  assert.equal(m('ip == 2001:db9::/32', dns6), false);
  assert.equal(m('ip == ff02::1:3', dns6), false);
  assert.equal(m('ip == 10.0.0.1', dns6), false);
  assert.equal(m('ip != 10.0.0.1', web), false);
});

test('mac, mactype, macProtocol', () => {
  assert.equal(m(`mac == 00:00:0a:0a:0a:0a`, web), true, String(MAC_A));
  assert.equal(m(`mac == 00-00-0B-0B-0B-0B`, web), true, String(MAC_B));
  assert.equal(m('mac == 12:34:56:78:90:ab', web), false);
  assert.equal(m('mactype == unicast', web), true);
  const bcast = frame(eth(0x0806, '0001080006040001' + '000000000001' + 'c0a80101' + '000000000000' + 'c0a80102', 0xffffffffffff));
  assert.equal(m('mactype == broadcast', bcast), true);
  assert.equal(m('mactype == multicast', frame(eth(0x88cc, '0000', 0x0180c200000e))), true);
  assert.equal(m('macProtocol == IPv4', web), true);
  assert.equal(m('macProtocol == 0x0800', web), true);
  assert.equal(m('macProtocol == 2048', web), true);
  assert.equal(m('macProtocol == IPv6,ARP', web), false);
  assert.equal(m('macProtocol == ARP', bcast), true);
  assert.equal(m('macProtocol == "Non IP"', bcast), true);
  assert.equal(m('macProtocol == "Non IP"', web), false);
  assert.equal(m('arpip == 192.168.1.2', bcast), true);
  assert.equal(m('arpip == 192.168.1.0/24', bcast), true);
  assert.equal(m('arpip == 192.168.1.3', bcast), false);
  assert.equal(m('arpip == 10.0.0.1', web), false);
});

test('port, portrange, serverport, l4Protocol', () => {
  assert.equal(m('port == 80', web), true);
  assert.equal(m('port == 40000', web), true);
  assert.equal(m('port == 81', web), false);
  assert.equal(m('portrange == 80,100-120,-10,65000-', web), true);
  assert.equal(m('portrange == 100-120,-10,65000-', web), false);
  assert.equal(m('portrange == 39000-', web), true);
  assert.equal(m('portrange == -10', frame(eth(IP4, ipv4(17, udp(5, 6000, ''))))), true);
  assert.equal(m('serverport == 80', web), true, 'lower port');
  assert.equal(m('serverport == 40000', web), false);
  assert.equal(m('serverport == 443', syn), true, 'SYN: destination');
  assert.equal(m('serverport == 443', synAck), true, 'SYN+ACK: source');
  const ctx = new FilterContext();
  ctx.serverPort = 40000;
  assert.equal(m('serverport == 40000', web, ctx), true, 'the connection table wins');
  assert.equal(m('l4Protocol == TCP', web), true);
  assert.equal(m('l4Protocol == tcp', web), true);
  assert.equal(m('l4Protocol == 6', web), true);
  assert.equal(m('l4Protocol == ICMP,ICMPv6', web), false);
  assert.equal(m('l4Protocol == ICMP,ICMPv6', ping), true);
  assert.equal(m('l4Protocol == UDP', dns6), true);
  assert.equal(m('port == 1', ping), false);
});

test('vlan, outervlan, innervlan, qosVlanPcp', () => {
  const q = frame(bytes(eth(0x8100, []).subarray(0, 12), vlanTag(100, 5), vlanTag(200, 1), [8, 0], ipv4(6, tcp(1, 2))));
  const one = frame(bytes(eth(0x8100, []).subarray(0, 12), vlanTag(7, 3), [8, 0], ipv4(6, tcp(1, 2))));
  assert.equal(m('vlan == 100', q), true);
  assert.equal(m('vlan == 200', q), true);
  assert.equal(m('vlan == 300', q), false);
  assert.equal(m('vlan == any', q), true);
  assert.equal(m('vlan == none', q), false);
  assert.equal(m('vlan == none', web), true);
  assert.equal(m('vlan == any', web), false);
  assert.equal(m('outervlan == 100', q), true);
  assert.equal(m('outervlan == 200', q), false);
  assert.equal(m('innervlan == 200', q), true);
  assert.equal(m('innervlan == 100', q), false);
  assert.equal(m('innervlan == none', one), true);
  assert.equal(m('innervlan == any', q), true);
  assert.equal(m('outervlan == ANY', one), true);
  assert.equal(m('qosVlanPcp == 5', q), true);
  assert.equal(m('qosVlanPcp == 1', q), false);
  assert.equal(m('qosVlanPcp == 3', one), true);
});

test('mpls, outerMpls, innerMpls, qosMplsTc', () => {
  const lse = (label: number, tc: number, bos: boolean): number[] => [label >> 12, (label >> 4) & 255, ((label & 15) << 4) | (tc << 1) | (bos ? 1 : 0), 64];
  const f = frame(bytes(eth(0x8847, []).subarray(0, 14), lse(1000, 3, false), lse(2000, 1, true), ipv4(17, udp(1, 2, ''))));
  assert.equal(m('mpls == 1000', f), true);
  assert.equal(m('mpls == 2000', f), true);
  assert.equal(m('outerMpls == 2000', f), false);
  assert.equal(m('innerMpls == 2000', f), true);
  assert.equal(m('innerMpls == 1000', f), false);
  assert.equal(m('mpls == none', f), false);
  assert.equal(m('mpls == none', web), true);
  assert.equal(m('outermpls == any', f), true);
  assert.equal(m('qosMplsTc == 3', f), true);
  assert.equal(m('qosMplsTc == 1', f), false);
});

test('qosIpDscp, ipFragment, ipDoNotFragment, icmpType, tcpFlags', () => {
  assert.equal(m('qosIpDscp == 46', web), true);
  assert.equal(m('qosIpDscp == 0', web), false);
  assert.equal(m('qosIpDscp == 0', syn), true);
  assert.equal(m('ipFragment == 1', frag), true);
  assert.equal(m('ipFragment == 0', frag), false);
  assert.equal(m('ipFragment == 0', web), true);
  assert.equal(m('ipFragment == 1', frame(eth(IP4, ipv4(17, 'abcd', { fragOffset: 16 })))), true);
  assert.equal(m('ipDoNotFragment == 1', web), true);
  assert.equal(m('ipDoNotFragment == 1', syn), false);
  assert.equal(m('ipDoNotFragment == 0', syn), true);
  assert.equal(m('icmpType == 8', ping), true);
  assert.equal(m('icmpType == 0', ping), false);
  assert.equal(m('icmpType == 8', web), false);
  assert.equal(m('icmpType == 128', frame(eth(IP6, ipv6(58, [128, 0, 0, 0, 0, 1, 0, 1])))), true);
  assert.equal(m('tcpFlags == syn', syn), true);
  assert.equal(m('tcpFlags == syn+ack', syn), false);
  assert.equal(m('tcpFlags == syn+ack', synAck), true);
  assert.equal(m('tcpFlags == SYN + ACK'.replace(/ /g, ''), synAck), true);
  assert.equal(m('tcpFlags == psh+ack', web), true);
  assert.equal(m('tcpFlags == fin', web), false);
  assert.equal(m('tcpFlags == rst', frame(eth(IP4, ipv4(6, tcp(1, 2, [], { flags: 0x04 }))))), true);
  assert.equal(m('tcpFlags == urg', frame(eth(IP4, ipv4(6, tcp(1, 2, [], { flags: 0x20 }))))), true);
  assert.equal(m('tcpFlags == syn', ping), false);
});

test('regexp: payload, (?i), != , non-IP frames after the Ethernet header', () => {
  assert.equal(m('regexp == "allegr[o,a]|HTTP"', web), true);
  assert.equal(m('regexp == "allegro"', web), false, 'case-sensitive');
  assert.equal(m('regexp == "(?i)allegro"', web), true);
  assert.equal(m('regexp != "(?i)allegro"', web), false);
  assert.equal(m('regexp == "^GET /"', web), true, 'anchored at the L7 payload');
  assert.equal(m("regexp == 'Host: \\w+'", web), true);
  assert.equal(m('regexp == "\\d\\.\\d"', web), true);
  const lldp = frame(eth(0x88cc, bytes('0207', ascii('chassis'))));
  assert.equal(m('regexp == "chassis"', lldp), true);
  assert.equal(m('regexp == "^\\x02\\x07"', lldp), true, 'starts after the Ethernet header');
  assert.equal(m('regexp == “HTTP” and port == 80', web), true, 'typographic quotes');
});

test('multicastGroup, ptpMsgType, profinetFrameId, slowSubtype, interface', () => {
  const igmp = frame(eth(IP4, ipv4(2, [0x16, 0, 0, 0, 239, 1, 2, 3], { dst: 0xef010203 }), 0x01005e010203));
  assert.equal(m('multicastGroup == 239.1.2.3', igmp), true);
  assert.equal(m('multicastGroup == 239.1.2.4', igmp), false);
  assert.equal(m('multicastGroup == any', igmp), true);
  assert.equal(m('multicastGroup == any', web), false);
  const query = frame(eth(IP4, ipv4(2, [0x11, 0, 0, 0, 239, 9, 9, 9], { dst: 0xe0000001 })));
  assert.equal(m('multicastGroup == 239.9.9.9', query), true, 'group field of a group-specific query');
  const mld = frame(eth(IP6, ipv6(58, bytes([131, 0, 0, 0, 0, 0, 0, 0], 'ff020000000000000000000000010003'), { dst: 'ff020000000000000000000000010003' })));
  assert.equal(m('multicastGroup == ff02::1:3', mld), true);
  // IGMPv3 report to 224.0.0.22 with two records: 239.1.1.1 (one source) and 239.2.2.2.
  const v3 = frame(eth(IP4, ipv4(2, [0x22, 0, 0, 0, 0, 0, 0, 2, 1, 0, 0, 1, 239, 1, 1, 1, 10, 0, 0, 9, 2, 0, 0, 0, 239, 2, 2, 2], { dst: 0xe0000016 })));
  assert.equal(m('multicastGroup == 239.2.2.2', v3), true, 'second record');
  assert.equal(m('multicastGroup == 239.1.1.1', v3), true);
  assert.equal(m('multicastGroup == 10.0.0.9', v3), false, 'a source is not a group');
  assert.equal(m('multicastGroup == 224.0.0.22', v3), true, 'destination');
  const mld2 = frame(eth(IP6, ipv6(58, bytes([143, 0, 0, 0, 0, 0, 0, 1, 4, 0, 0, 0], 'ff050000000000000000000000010003'), { dst: 'ff020000000000000000000000000016' })));
  assert.equal(m('multicastGroup == ff05::1:3', mld2), true, 'MLDv2 record');
  assert.equal(m('multicastGroup == ff05::1:4', mld2), false);
  const ptp = frame(eth(0x88f7, [0x0b, 0x02, 0, 44]));
  assert.equal(m('ptpMsgType == 11', ptp), true);
  assert.equal(m('ptpMsgType == 0', ptp), false);
  assert.equal(m('ptpMsgType == any', ptp), true);
  assert.equal(m('ptpMsgType == any', web), false);
  assert.equal(m('ptpMsgType == 1', frame(eth(IP4, ipv4(17, udp(319, 319, [0x01, 0x02]))))), true);
  const pn = frame(eth(0x8892, [0xfe, 0xfe, 5, 0]));
  assert.equal(m('profinetFrameId == 0xfefe', pn), true);
  assert.equal(m('profinetFrameId == 65278', pn), true);
  assert.equal(m('profinetFrameId == 0x8000-0xbfff'.replace('0x8000-0xbfff', '32768-49151'), pn), false);
  const lacp = frame(eth(0x8809, [1, 1]));
  assert.equal(m('slowSubtype == 1', lacp), true);
  assert.equal(m('macProtocol == SLOW', lacp), true);
  assert.equal(m('slowSubtype == 2', lacp), false);
  assert.equal(m('interface == 1,3-5', decode(web, 4)), true);
  assert.equal(m('interface == 1,3-5', decode(web, 2)), false);
  assert.equal(m('interface == 0', web), true);
});

test('context operands match nothing until the context knows, then match what it says', () => {
  const ctx = new FilterContext();
  const pending = ['l7Protocol == DNS', 'dpiProtocol == DNS', 'countryCode == US', 'rtpPayloadType == PCMU', 'link == 1',
    'group == "my group"', 'badCRC == 1', 'badCRC == 0', 'callId == "abc@host"', 'profinetCmOpnum == any', 'profinetCmOpnum == connect'];
  for (const e of pending) assert.equal(m(e, web, ctx), false, e);
  assert.equal(m('l7Protocol != DNS', web, ctx), true, '!= is the negation of ==');
  ctx.l7Protocol = findProtocol('DNS')?.index ?? -2;
  ctx.countryDst = 'US';
  ctx.rtpPayloadType = 0;
  ctx.link = 1;
  ctx.groupSrc = 'my group';
  ctx.badCrc = 0;
  ctx.callId = 'abc@host';
  ctx.profinetCmOpnum = 0;
  for (const e of pending.filter((x) => x !== 'badCRC == 1')) assert.equal(m(e, web, ctx), true, e);
  assert.equal(m('badCRC == 1', web, ctx), false);
  assert.equal(m('l7Protocol == HTTP,TLS', web, ctx), false);
  assert.equal(m('countryCode == us', web, ctx), true, 'country codes ignore case');
});
