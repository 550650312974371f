/**
 * @module filter/operands
 * The operands of the capture filter language (spec: Capture module, "Using expert filters"): the
 * canonical name, aliases, how the value is read, and whether the data it needs exists yet
 * ('packet': read from the decoded packet; 'context': from FilterContext, which the pipeline fills
 * as the modules that know it appear — until then `==` matches nothing). compile.ts and
 * interpret.ts give each operand its meaning; check.ts resolves names and values with this table.
 */
import { findProtocol, PROTOCOLS } from '../protocols/registry.js';
import {
  ipProtocolByName, macProtocolByName, macTypeByName, NON_IP, profinetCmOpnumByName, rtpPayloadTypeByName,
} from './names.js';
import type { SetSpec } from './values.js';

export type OperandName =
  | 'ip' | 'mac' | 'port' | 'portrange' | 'serverport' | 'macProtocol' | 'l4Protocol' | 'l7Protocol'
  | 'countryCode' | 'arpip' | 'vlan' | 'outervlan' | 'innervlan' | 'multicastGroup' | 'rtpPayloadType'
  | 'interface' | 'link' | 'ptpMsgType' | 'profinetFrameId' | 'profinetCmOpnum' | 'mpls' | 'outerMpls'
  | 'innerMpls' | 'qosIpDscp' | 'qosMplsTc' | 'qosVlanPcp' | 'group' | 'badCRC' | 'icmpType' | 'tcpFlags'
  | 'callId' | 'ipFragment' | 'ipDoNotFragment' | 'regexp' | 'mactype' | 'slowSubtype';

export type OperandValueSpec =
  | { readonly kind: 'ip'; readonly v4Only?: boolean; readonly noPort?: boolean; readonly any?: boolean }
  | { readonly kind: 'mac' }
  | { readonly kind: 'set'; readonly set: SetSpec }
  | { readonly kind: 'flags' }
  | { readonly kind: 'text'; readonly pattern?: RegExp; readonly hint: string }
  | { readonly kind: 'regexp' };

export interface OperandSpec {
  readonly name: OperandName;
  readonly aliases: readonly string[];
  readonly value: OperandValueSpec;
  readonly source: 'packet' | 'context';
  /** One line for `filter explain` and the README. */
  readonly help: string;
}

const num = (min: number, max: number, extra: Partial<SetSpec> = {}): OperandValueSpec =>
  ({ kind: 'set', set: { min, max, list: false, ranges: false, keywords: [], ...extra } });
const tag = (max: number): OperandValueSpec => num(0, max, { keywords: ['any', 'none'] });
const bool = num(0, 1);

const l7ByName = (t: string): number | null => findProtocol(t.trim())?.index ?? null;

export const OPERANDS: readonly OperandSpec[] = [
  { name: 'ip', aliases: [], value: { kind: 'ip' }, source: 'packet', help: 'source or destination address of any IP header (prefix, :port, [IPv6]:port)' },
  { name: 'mac', aliases: [], value: { kind: 'mac' }, source: 'packet', help: 'source or destination MAC of any Ethernet header' },
  { name: 'port', aliases: [], value: num(0, 65535), source: 'packet', help: 'source or destination port of any TCP or UDP header' },
  { name: 'portrange', aliases: [], value: num(0, 65535, { list: true, ranges: true }), source: 'packet', help: 'TCP/UDP port in a list of ports and ranges (80,100-120,-10,65000-)' },
  { name: 'serverport', aliases: [], value: num(0, 65535), source: 'packet', help: "the server's port (connection table; else SYN direction, else the lower port)" },
  { name: 'macProtocol', aliases: [], value: num(0, NON_IP, { list: true, hex: true, name: macProtocolByName, nameHint: 'a MAC protocol (IPv4, ARP, "Non IP" …)' }), source: 'packet', help: 'protocol of any Ethernet header (EtherType/LLC), or "Non IP"' },
  { name: 'l4Protocol', aliases: [], value: num(0, 255, { list: true, name: ipProtocolByName, nameHint: 'an IP protocol (TCP, UDP, ICMP, ICMPv6 …)' }), source: 'packet', help: 'protocol carried by any IP header (after IPv6 extension headers)' },
  { name: 'l7Protocol', aliases: ['dpiProtocol'], value: num(0, PROTOCOLS.length - 1, { list: true, name: l7ByName, nameHint: 'a layer-7 protocol name (DNS, HTTP, TLS …)' }), source: 'context', help: "the flow's layer-7 protocol (DPI); packets before classification do not match" },
  { name: 'countryCode', aliases: [], value: { kind: 'text', pattern: /^[A-Za-z]{2}$/, hint: 'a two-letter country code (US)' }, source: 'context', help: 'country of the source or destination IP (geolocation)' },
  { name: 'arpip', aliases: [], value: { kind: 'ip', v4Only: true, noPort: true }, source: 'packet', help: 'sender or target IPv4 address of an ARP packet' },
  { name: 'vlan', aliases: [], value: tag(4095), source: 'packet', help: 'id of any VLAN tag; none = untagged, any = tagged' },
  { name: 'outervlan', aliases: [], value: tag(4095), source: 'packet', help: 'id of the outermost VLAN tag; none / any' },
  { name: 'innervlan', aliases: [], value: tag(4095), source: 'packet', help: 'id of a VLAN tag inside the outermost one; none / any' },
  { name: 'multicastGroup', aliases: [], value: { kind: 'ip', noPort: true, any: true }, source: 'packet', help: 'IGMP/MLD packets about a multicast group (group field or destination), or any' },
  { name: 'rtpPayloadType', aliases: [], value: num(0, 127, { list: true, name: rtpPayloadTypeByName, nameHint: 'an RTP payload type (PCMU, PCMA, MP2T …)' }), source: 'context', help: 'payload type of an RTP packet' },
  { name: 'interface', aliases: [], value: num(0, 65535, { list: true, ranges: true }), source: 'packet', help: 'capture interface number (pcapng interface id; 0 for pcap)' },
  { name: 'link', aliases: [], value: num(0, 65535), source: 'context', help: 'link (interface pair) number' },
  { name: 'ptpMsgType', aliases: [], value: num(0, 15, { keywords: ['any'] }), source: 'packet', help: 'PTP message type (Ethernet 0x88f7 or UDP 319/320), or any' },
  { name: 'profinetFrameId', aliases: [], value: num(0, 65535, { hex: true, list: true, ranges: true }), source: 'packet', help: 'PROFINET RT frame id (EtherType 0x8892)' },
  { name: 'profinetCmOpnum', aliases: [], value: num(0, 65535, { keywords: ['any'], name: profinetCmOpnumByName, nameHint: 'connect, release, read, write, control, "read implicit"' }), source: 'context', help: 'PROFINET CM operation number, or any' },
  { name: 'mpls', aliases: [], value: tag(0xfffff), source: 'packet', help: 'label of any MPLS stack entry; none / any' },
  { name: 'outerMpls', aliases: [], value: tag(0xfffff), source: 'packet', help: 'label of the outermost MPLS entry; none / any' },
  { name: 'innerMpls', aliases: [], value: tag(0xfffff), source: 'packet', help: 'label of an MPLS entry below the outermost; none / any' },
  { name: 'qosIpDscp', aliases: [], value: num(0, 63, { list: true, ranges: true }), source: 'packet', help: 'DSCP of the outermost IP header' },
  { name: 'qosMplsTc', aliases: [], value: num(0, 7, { list: true, ranges: true }), source: 'packet', help: 'traffic class of the outermost MPLS entry' },
  { name: 'qosVlanPcp', aliases: [], value: num(0, 7, { list: true, ranges: true }), source: 'packet', help: 'priority code point of the outermost VLAN tag' },
  { name: 'group', aliases: [], value: { kind: 'text', hint: 'a group name or default' }, source: 'context', help: 'configured group of the source or destination' },
  { name: 'badCRC', aliases: [], value: bool, source: 'context', help: '1 frames with a bad CRC, 0 good frames (unknown for pcap files)' },
  { name: 'icmpType', aliases: [], value: num(0, 255, { list: true, ranges: true }), source: 'packet', help: 'type of an ICMP or ICMPv6 message' },
  { name: 'tcpFlags', aliases: [], value: { kind: 'flags' }, source: 'packet', help: 'TCP flags that must all be set (syn+ack)' },
  { name: 'callId', aliases: [], value: { kind: 'text', hint: 'a SIP Call-ID' }, source: 'context', help: 'SIP Call-ID of the packet' },
  { name: 'ipFragment', aliases: [], value: bool, source: 'packet', help: '1 IPv4 fragments (MF set or offset > 0), 0 the others' },
  { name: 'ipDoNotFragment', aliases: [], value: bool, source: 'packet', help: '1 IPv4 packets with DF set, 0 the others' },
  { name: 'regexp', aliases: [], value: { kind: 'regexp' }, source: 'packet', help: 'RE2 pattern on the L7 payload (non-IP: the frame after the Ethernet header)' },
  { name: 'mactype', aliases: [], value: num(0, 2, { name: macTypeByName, nameHint: 'unicast, broadcast or multicast' }), source: 'packet', help: 'type of the destination MAC' },
  { name: 'slowSubtype', aliases: [], value: num(0, 255, { list: true }), source: 'packet', help: 'subtype of a slow-protocols frame (1 LACP, 2 marker, 3 OAM)' },
];

const byName = new Map<string, OperandSpec>();
for (const o of OPERANDS) for (const n of [o.name, ...o.aliases]) byName.set(n.toLowerCase(), o);

/** The operand named `name` (case-insensitive), if any. */
export function findOperand(name: string): OperandSpec | undefined {
  return byName.get(name.toLowerCase());
}
