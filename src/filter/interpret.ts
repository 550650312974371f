/**
 * @module filter/interpret
 * The reference interpreter of the capture filter: the same meanings as compile.ts read the slow,
 * obvious way — collect the packet's values for the operand into a list, then ask whether any is
 * in the value (ranges scanned linearly, networks compared bit by bit on text-free BigInts). It
 * allocates freely; it exists so the property test can check the compiled predicate against it.
 */
import type { PacketInfo } from '../decode/packet-info.js';
import type { CheckedNode, CheckedTest } from './check.js';
import type { FilterContext } from './context.js';
import { NON_IP } from './names.js';
import {
  groupFieldOffset, guessServerPort, isIgmpOrMld, reportGroupsHex, profinetFrameId, ptpMessageType, regexpData, regexpEnd, regexpStart, slowSubtype,
} from './packet-facts.js';
import { inRanges, type IpValue, type SetValue } from './values.js';

function big(words: ArrayLike<number>, at: number): bigint {
  let x = 0n;
  for (let k = 0; k < 4; k++) x = (x << 32n) | BigInt(words[at + k] as number);
  return x;
}

/** Whether address `a` (a 128-bit value; IPv4 in the low 32 bits) is in the value's network. */
function inNetwork(v: IpValue, a: bigint): boolean {
  const width = v.v6 ? 128n : 32n;
  const shift = width - BigInt(v.prefix);
  return a >> shift === big(v.words, 0) >> shift;
}

/** [version, source, destination, ip index] of every IP header. */
function addresses(pi: PacketInfo): [number, bigint, bigint][] {
  const out: [number, bigint, bigint][] = [];
  for (let i = 0; i < pi.ipCount; i++) out.push([pi.ipVersion[i] as number, big(pi.ipSrc, i * 4), big(pi.ipDst, i * 4)]);
  return out;
}

function any<T>(xs: readonly T[], f: (x: T) => boolean): boolean {
  return xs.some(f);
}

function list(n: number, f: (i: number) => number, from = 0): number[] {
  const out: number[] = [];
  for (let i = from; i < n; i++) out.push(f(i));
  return out;
}

function tags(set: SetValue, values: number[]): boolean {
  if (set.any) return values.length > 0;
  if (set.none) return values.length === 0;
  return any(values, (x) => inRanges(set, x));
}

function ipTest(v: IpValue, pi: PacketInfo): boolean {
  const ver = v.v6 ? 6 : 4;
  const ips = addresses(pi);
  if (v.port < 0) return any(ips, ([version, s, d]) => version === ver && (inNetwork(v, s) || inNetwork(v, d)));
  for (let j = 0; j < pi.l4Count; j++) {
    const ip = ips[pi.l4Ip[j] as number];
    if (ip?.[0] !== ver) continue;
    if (pi.srcPort[j] === v.port && inNetwork(v, ip[1])) return true;
    if (pi.dstPort[j] === v.port && inNetwork(v, ip[2])) return true;
  }
  return false;
}

function evalTest(t: CheckedTest, pi: PacketInfo, ctx: FilterContext): boolean {
  const v = t.value;
  const set: SetValue = v.type === 'set' ? v : { type: 'set', ranges: [], any: false, none: false };
  const inSet = (x: number): boolean => inRanges(set, x);
  const l4 = list(pi.l4Count, (j) => j);
  switch (t.operand.name) {
    case 'ip': return v.type === 'ip' && ipTest(v, pi);
    case 'mac': return v.type === 'mac' && list(pi.ethCount, (i) => i).some((i) => pi.ethSrc[i] === v.mac || pi.ethDst[i] === v.mac);
    case 'port':
    case 'portrange': return l4.filter((j) => pi.l4Proto[j] === 6 || pi.l4Proto[j] === 17)
      .flatMap((j) => [pi.srcPort[j] as number, pi.dstPort[j] as number]).some(inSet);
    case 'serverport': return inSet(guessServerPort(pi, ctx.serverPort));
    case 'macProtocol': return (inSet(NON_IP) && pi.ipCount === 0) || list(pi.ethCount, (i) => pi.ethType[i] as number).some(inSet);
    case 'l4Protocol': return list(pi.ipCount, (i) => pi.ipProto[i] as number).some(inSet);
    case 'l7Protocol': return ctx.l7Protocol !== -1 && inSet(ctx.l7Protocol);
    case 'countryCode': return v.type === 'text' && [ctx.countrySrc, ctx.countryDst].includes(v.text);
    case 'arpip': return v.type === 'ip' && pi.isArp && [pi.arpSenderIp, pi.arpTargetIp].some((a) => inNetwork(v, BigInt(a >>> 0)));
    case 'vlan': return tags(set, list(pi.vlanCount, (i) => pi.vlanId[i] as number));
    case 'outervlan': return tags(set, list(Math.min(1, pi.vlanCount), (i) => pi.vlanId[i] as number));
    case 'innervlan': return tags(set, list(pi.vlanCount, (i) => pi.vlanId[i] as number, 1));
    case 'mpls': return tags(set, list(pi.mplsCount, (i) => pi.mplsLabel[i] as number));
    case 'outerMpls': return tags(set, list(Math.min(1, pi.mplsCount), (i) => pi.mplsLabel[i] as number));
    case 'innerMpls': return tags(set, list(pi.mplsCount, (i) => pi.mplsLabel[i] as number, 1));
    case 'multicastGroup': {
      if (!isIgmpOrMld(pi)) return false;
      if (v.type === 'set') return true;
      if (v.type !== 'ip') return false;
      const ip = addresses(pi)[pi.l4Ip[pi.l4Count - 1] as number];
      if (ip?.[0] === (v.v6 ? 6 : 4) && inNetwork(v, ip[2])) return true;
      const want = big(v.words, 0).toString(16).padStart(v.v6 ? 32 : 8, '0');
      if (v.prefix === (v.v6 ? 128 : 32) && reportGroupsHex(pi).filter((g) => g.length === want.length).includes(want)) return true;
      const off = groupFieldOffset(pi);
      const igmp = pi.l4Proto[pi.l4Count - 1] === 2;
      const len = igmp ? 4 : 16;
      if (off < 0 || off + len > pi.payloadData.length || igmp === v.v6 || v.prefix !== (v.v6 ? 128 : 32)) return false;
      let g = 0n;
      for (let k = 0; k < len; k++) g = (g << 8n) | BigInt(pi.payloadData[off + k] as number);
      return g === big(v.words, 0);
    }
    case 'rtpPayloadType': return ctx.rtpPayloadType !== -1 && inSet(ctx.rtpPayloadType);
    case 'interface': return inSet(pi.interfaceId);
    case 'link': return ctx.link !== -1 && inSet(ctx.link);
    case 'ptpMsgType': return set.any ? ptpMessageType(pi) !== -1 : inSet(ptpMessageType(pi));
    case 'profinetFrameId': return inSet(profinetFrameId(pi));
    case 'profinetCmOpnum': return ctx.profinetCmOpnum !== -1 && (set.any || inSet(ctx.profinetCmOpnum));
    case 'qosIpDscp': return pi.ipCount > 0 && inSet(Math.floor((pi.ipTos[0] as number) / 4));
    case 'qosMplsTc': return pi.mplsCount > 0 && inSet(pi.mplsTc[0] as number);
    case 'qosVlanPcp': return pi.vlanCount > 0 && inSet(pi.vlanPcp[0] as number);
    case 'group': return v.type === 'text' && [ctx.groupSrc, ctx.groupDst].includes(v.text);
    case 'badCRC': return ctx.badCrc !== -1 && inSet(ctx.badCrc);
    case 'icmpType': return pi.icmpType !== -1 && inSet(pi.icmpType) && l4.some((j) => [1, 58].includes(pi.l4Proto[j] as number));
    case 'tcpFlags': {
      if (v.type !== 'flags' || pi.tcpFlags === -1) return false;
      return [0x01, 0x02, 0x04, 0x08, 0x10, 0x20].every((bit) => (v.mask & bit) === 0 || (pi.tcpFlags & bit) !== 0);
    }
    case 'callId': return v.type === 'text' && ctx.callId !== '' && ctx.callId === v.text;
    case 'ipFragment': {
      const frag = list(pi.ipCount, (i) => i).some((i) => pi.ipVersion[i] === 4 && (pi.ipFlags[i] as number) & 4);
      return inSet(frag ? 1 : 0);
    }
    case 'ipDoNotFragment': {
      const df = list(pi.ipCount, (i) => i).some((i) => pi.ipVersion[i] === 4 && (pi.ipFlags[i] as number) & 1);
      return inSet(df ? 1 : 0);
    }
    case 'regexp': return v.type === 'regexp' && v.test(regexpData(pi), regexpStart(pi), regexpEnd(pi));
    case 'mactype': {
      if (pi.ethCount === 0) return false;
      const dst = (pi.ethDst[0] as number).toString(16).padStart(12, '0');
      const kind = dst === 'ffffffffffff' ? 1 : parseInt(dst.slice(0, 2), 16) % 2 === 1 ? 2 : 0;
      return inSet(kind);
    }
    case 'slowSubtype': return inSet(slowSubtype(pi));
  }
}

/** Evaluate the checked tree on one packet. */
export function interpretCaptureFilter(node: CheckedNode, pi: PacketInfo, ctx: FilterContext): boolean {
  if (node.kind === 'test') return evalTest(node, pi, ctx) !== node.negate;
  return node.kind === 'and'
    ? node.children.every((c) => interpretCaptureFilter(c, pi, ctx))
    : node.children.some((c) => interpretCaptureFilter(c, pi, ctx));
}
