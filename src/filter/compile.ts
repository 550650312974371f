/**
 * @module filter/compile
 * Compile a checked capture filter into a predicate `(pi, ctx) => boolean` over the decoded packet.
 * Everything that can be is precomputed: CIDR masks and networks (signed int32 so the comparison
 * needs no `>>> 0`), port and number sets as bitsets, flag masks. Evaluating allocates nothing,
 * except the regexp operand (a Buffer view per evaluation; see regexp.ts). `!=` is the negation
 * of `==`; `and`/`or` short-circuit left to right. Operand meanings are in README.md; interpret.ts
 * is the slow, obvious reading of the same meanings the property test compares against.
 */
import type { PacketInfo } from '../decode/packet-info.js';
import type { CheckedNode, CheckedTest } from './check.js';
import type { FilterContext } from './context.js';
import { NON_IP } from './names.js';
import {
  groupFieldOffset, guessServerPort, isIgmpOrMld, reportHasGroup, profinetFrameId, ptpMessageType, regexpData, regexpEnd, regexpStart, slowSubtype,
} from './packet-facts.js';
import type { IpValue, SetValue } from './values.js';

export type CapturePredicate = (pi: PacketInfo, ctx: FilterContext) => boolean;

const NEVER: CapturePredicate = () => false;

/** A membership test for a set of numbers: a bitset up to 2^17 values, else the ranges. */
function setTest(set: SetValue): (v: number) => boolean {
  const r = set.ranges;
  if (r.length === 1) {
    const lo = (r[0] as readonly [number, number])[0], hi = (r[0] as readonly [number, number])[1];
    return lo === hi ? (v) => v === lo : (v) => v >= lo && v <= hi;
  }
  const max = r.length === 0 ? 0 : (r[r.length - 1] as readonly [number, number])[1];
  if (max < 1 << 17) {
    const bits = new Uint32Array((max >> 5) + 1);
    for (const [lo, hi] of r) for (let v = lo; v <= hi; v++) bits[v >> 5] = (bits[v >> 5] as number) | (1 << (v & 31));
    return (v) => v >= 0 && v <= max && ((bits[v >> 5] as number) & (1 << (v & 31))) !== 0;
  }
  return (v) => {
    for (let i = 0; i < r.length; i++) {
      const x = r[i] as readonly [number, number];
      if (v >= x[0] && v <= x[1]) return true;
    }
    return false;
  };
}

function maskOf(bits: number): number {
  return bits <= 0 ? 0 : bits >= 32 ? -1 : (0xffffffff << (32 - bits)) | 0;
}

/** Whether IP header i's source (side 0) or destination (side 1) is in the value's network. */
function ipSideTest(v: IpValue): (pi: PacketInfo, i: number, side: number) => boolean {
  if (!v.v6) {
    const m = maskOf(v.prefix), net = v.words[3] | 0;
    return (pi, i, side) => pi.ipVersion[i] === 4 && (((side === 0 ? pi.ipSrc : pi.ipDst)[i * 4 + 3] as number) & m) === net;
  }
  const m0 = maskOf(v.prefix), m1 = maskOf(v.prefix - 32), m2 = maskOf(v.prefix - 64), m3 = maskOf(v.prefix - 96);
  const n0 = v.words[0] | 0, n1 = v.words[1] | 0, n2 = v.words[2] | 0, n3 = v.words[3] | 0;
  return (pi, i, side) => {
    if (pi.ipVersion[i] !== 6) return false;
    const a = side === 0 ? pi.ipSrc : pi.ipDst, b = i * 4;
    return ((a[b] as number) & m0) === n0 && ((a[b + 1] as number) & m1) === n1 && ((a[b + 2] as number) & m2) === n2 && ((a[b + 3] as number) & m3) === n3;
  };
}

function compileIp(v: IpValue): CapturePredicate {
  const side = ipSideTest(v);
  const port = v.port;
  if (port < 0 && !v.v6) {
    // The common case, written out: one masked compare per address, no inner call.
    const m = maskOf(v.prefix), net = v.words[3] | 0;
    return (pi) => {
      const ver = pi.ipVersion, src = pi.ipSrc, dst = pi.ipDst;
      for (let i = 0, k = 3; i < pi.ipCount; i++, k += 4) {
        if (ver[i] === 4 && ((((src[k] as number) & m) === net) || (((dst[k] as number) & m) === net))) return true;
      }
      return false;
    };
  }
  if (port < 0) {
    return (pi) => {
      for (let i = 0; i < pi.ipCount; i++) if (side(pi, i, 0) || side(pi, i, 1)) return true;
      return false;
    };
  }
  return (pi) => {
    for (let j = 0; j < pi.l4Count; j++) {
      const i = pi.l4Ip[j] as number;
      if ((pi.srcPort[j] === port && side(pi, i, 0)) || (pi.dstPort[j] === port && side(pi, i, 1))) return true;
    }
    return false;
  };
}

/** VLAN / MPLS style: any entry (from index `first`), `none`, `any`. */
function compileTags(set: SetValue, count: (pi: PacketInfo) => number, value: (pi: PacketInfo, i: number) => number, first: number, onlyFirst: boolean): CapturePredicate {
  if (set.any) return (pi) => count(pi) > first;
  if (set.none) return (pi) => count(pi) <= first;
  const has = setTest(set);
  const end = (pi: PacketInfo): number => (onlyFirst ? Math.min(count(pi), 1) : count(pi));
  return (pi) => {
    const n = end(pi);
    for (let i = first; i < n; i++) if (has(value(pi, i))) return true;
    return false;
  };
}

function compileL4Ports(set: SetValue): CapturePredicate {
  const first = set.ranges[0];
  if (set.ranges.length === 1 && first !== undefined && first[0] === first[1]) {
    const port = first[0];
    return (pi) => {
      for (let j = 0; j < pi.l4Count; j++) {
        const p = pi.l4Proto[j];
        if ((p === 6 || p === 17) && (pi.srcPort[j] === port || pi.dstPort[j] === port)) return true;
      }
      return false;
    };
  }
  const has = setTest(set);
  return (pi) => {
    for (let j = 0; j < pi.l4Count; j++) {
      const p = pi.l4Proto[j];
      if ((p === 6 || p === 17) && (has(pi.srcPort[j] as number) || has(pi.dstPort[j] as number))) return true;
    }
    return false;
  };
}

function compileMulticastGroup(t: CheckedTest): CapturePredicate {
  const v = t.value;
  if (v.type === 'set') return isIgmpOrMld;
  if (v.type !== 'ip') return NEVER;
  const side = ipSideTest(v);
  const w = v.words;
  const full = v.prefix === (v.v6 ? 128 : 32);
  return (pi) => {
    if (!isIgmpOrMld(pi)) return false;
    const ip = pi.l4Ip[pi.l4Count - 1] as number;
    if (side(pi, ip, 1)) return true;
    const off = groupFieldOffset(pi);
    if (off < 0) return full && reportHasGroup(pi, v.v6, w);
    const d = pi.payloadData;
    const word = (k: number): number => (((d[off + k] as number) << 24) | ((d[off + k + 1] as number) << 16) | ((d[off + k + 2] as number) << 8) | (d[off + k + 3] as number)) >>> 0;
    if (pi.l4Proto[pi.l4Count - 1] === 2) return !v.v6 && v.prefix === 32 && off + 4 <= d.length && word(0) === w[3];
    return v.v6 && v.prefix === 128 && off + 16 <= d.length && word(0) === w[0] && word(4) === w[1] && word(8) === w[2] && word(12) === w[3];
  };
}

/** The `==` meaning of one comparison. */
function compileTest(t: CheckedTest): CapturePredicate {
  const v = t.value;
  const set: SetValue = v.type === 'set' ? v : { type: 'set', ranges: [], any: false, none: false };
  const has = setTest(set);
  switch (t.operand.name) {
    case 'ip': return v.type === 'ip' ? compileIp(v) : NEVER;
    case 'mac': {
      if (v.type !== 'mac') return NEVER;
      const mac = v.mac;
      return (pi) => {
        for (let i = 0; i < pi.ethCount; i++) if (pi.ethSrc[i] === mac || pi.ethDst[i] === mac) return true;
        return false;
      };
    }
    case 'port':
    case 'portrange': return compileL4Ports(set);
    case 'serverport': return (pi, ctx) => has(guessServerPort(pi, ctx.serverPort));
    case 'macProtocol': {
      const nonIp = set.ranges.some(([lo, hi]) => lo <= NON_IP && NON_IP <= hi);
      return (pi) => {
        if (nonIp && pi.ipCount === 0) return true;
        for (let i = 0; i < pi.ethCount; i++) if (has(pi.ethType[i] as number)) return true;
        return false;
      };
    }
    case 'l4Protocol': return (pi) => {
      for (let i = 0; i < pi.ipCount; i++) if (has(pi.ipProto[i] as number)) return true;
      return false;
    };
    case 'l7Protocol': return (_pi, ctx) => ctx.l7Protocol >= 0 && has(ctx.l7Protocol);
    case 'countryCode': {
      const c = v.type === 'text' ? v.text : '';
      return (_pi, ctx) => ctx.countrySrc === c || ctx.countryDst === c;
    }
    case 'arpip': {
      if (v.type !== 'ip') return NEVER;
      const m = maskOf(v.prefix), net = v.words[3] | 0;
      return (pi) => pi.isArp && (((pi.arpSenderIp | 0) & m) === net || ((pi.arpTargetIp | 0) & m) === net);
    }
    case 'vlan': return compileTags(set, (pi) => pi.vlanCount, (pi, i) => pi.vlanId[i] as number, 0, false);
    case 'outervlan': return compileTags(set, (pi) => pi.vlanCount, (pi, i) => pi.vlanId[i] as number, 0, true);
    case 'innervlan': return compileTags(set, (pi) => pi.vlanCount, (pi, i) => pi.vlanId[i] as number, 1, false);
    case 'mpls': return compileTags(set, (pi) => pi.mplsCount, (pi, i) => pi.mplsLabel[i] as number, 0, false);
    case 'outerMpls': return compileTags(set, (pi) => pi.mplsCount, (pi, i) => pi.mplsLabel[i] as number, 0, true);
    case 'innerMpls': return compileTags(set, (pi) => pi.mplsCount, (pi, i) => pi.mplsLabel[i] as number, 1, false);
    case 'multicastGroup': return compileMulticastGroup(t);
    case 'rtpPayloadType': return (_pi, ctx) => ctx.rtpPayloadType >= 0 && has(ctx.rtpPayloadType);
    case 'interface': return (pi) => has(pi.interfaceId);
    case 'link': return (_pi, ctx) => ctx.link >= 0 && has(ctx.link);
    case 'ptpMsgType': return set.any ? (pi) => ptpMessageType(pi) >= 0 : (pi) => has(ptpMessageType(pi));
    case 'profinetFrameId': return (pi) => has(profinetFrameId(pi));
    case 'profinetCmOpnum': return set.any ? (_pi, ctx) => ctx.profinetCmOpnum >= 0 : (_pi, ctx) => ctx.profinetCmOpnum >= 0 && has(ctx.profinetCmOpnum);
    case 'qosIpDscp': return (pi) => pi.ipCount > 0 && has((pi.ipTos[0] as number) >> 2);
    case 'qosMplsTc': return (pi) => pi.mplsCount > 0 && has(pi.mplsTc[0] as number);
    case 'qosVlanPcp': return (pi) => pi.vlanCount > 0 && has(pi.vlanPcp[0] as number);
    case 'group': {
      const g = v.type === 'text' ? v.text : '';
      return (_pi, ctx) => ctx.groupSrc === g || ctx.groupDst === g;
    }
    case 'badCRC': return (_pi, ctx) => ctx.badCrc >= 0 && has(ctx.badCrc);
    case 'icmpType': return (pi) => {
      if (pi.icmpType < 0 || !has(pi.icmpType)) return false;
      for (let j = 0; j < pi.l4Count; j++) if (pi.l4Proto[j] === 1 || pi.l4Proto[j] === 58) return true;
      return false;
    };
    case 'tcpFlags': {
      const mask = v.type === 'flags' ? v.mask : 0;
      return (pi) => pi.tcpFlags >= 0 && (pi.tcpFlags & mask) === mask;
    }
    case 'callId': {
      const c = v.type === 'text' ? v.text : '';
      return (_pi, ctx) => ctx.callId !== '' && ctx.callId === c;
    }
    case 'ipFragment': {
      const want = has(1);
      return (pi) => {
        for (let i = 0; i < pi.ipCount; i++) if (pi.ipVersion[i] === 4 && ((pi.ipFlags[i] as number) & 4) !== 0) return want;
        return !want;
      };
    }
    case 'ipDoNotFragment': {
      const want = has(1);
      return (pi) => {
        for (let i = 0; i < pi.ipCount; i++) if (pi.ipVersion[i] === 4 && ((pi.ipFlags[i] as number) & 1) !== 0) return want;
        return !want;
      };
    }
    case 'regexp': {
      if (v.type !== 'regexp') return NEVER;
      const test = v.test;
      return (pi) => test(regexpData(pi), regexpStart(pi), regexpEnd(pi));
    }
    case 'mactype': return (pi) => {
      if (pi.ethCount === 0) return false;
      const d = pi.ethDst[0] as number;
      return has(d === 0xffffffffffff ? 1 : Math.floor(d / 2 ** 40) & 1 ? 2 : 0);
    };
    case 'slowSubtype': return (pi) => has(slowSubtype(pi));
  }
}

/** Compile the checked tree into one predicate. */
export function compileCaptureFilter(node: CheckedNode): CapturePredicate {
  if (node.kind === 'test') {
    const p = compileTest(node);
    return node.negate ? (pi, ctx) => !p(pi, ctx) : p;
  }
  const ps = node.children.map(compileCaptureFilter);
  const n = ps.length;
  if (n === 2) {
    const a = ps[0] as CapturePredicate, b = ps[1] as CapturePredicate;
    return node.kind === 'and' ? (pi, ctx) => a(pi, ctx) && b(pi, ctx) : (pi, ctx) => a(pi, ctx) || b(pi, ctx);
  }
  if (node.kind === 'and') {
    return (pi, ctx) => {
      for (let i = 0; i < n; i++) if (!(ps[i] as CapturePredicate)(pi, ctx)) return false;
      return true;
    };
  }
  return (pi, ctx) => {
    for (let i = 0; i < n; i++) if ((ps[i] as CapturePredicate)(pi, ctx)) return true;
    return false;
  };
}
