/**
 * @module filter/values
 * Parsers of capture filter values into the checked values the compiler and the interpreter read:
 * IP addresses with prefix and port, MAC addresses, numeric sets (single numbers, comma lists,
 * ranges with open ends, names, `any`/`none`), TCP flag sets. Errors are FilterSyntaxError at the
 * value's position (plus the offset of the bad part inside it) naming what was expected.
 */
import { parseIpv4, parseIpv6, parseMac } from '../core/addresses.js';
import { FilterSyntaxError } from './syntax-error.js';

/** An IPv4 (words[3]) or IPv6 address with a prefix length and an optional port (-1: none). */
export interface IpValue {
  readonly type: 'ip';
  readonly v6: boolean;
  readonly words: readonly [number, number, number, number];
  readonly prefix: number;
  readonly port: number;
}

export interface MacValue { readonly type: 'mac'; readonly mac: number }

/** A set of numbers as sorted, merged inclusive ranges, plus the keywords `any` and `none`. */
export interface SetValue {
  readonly type: 'set';
  readonly ranges: readonly (readonly [number, number])[];
  readonly any: boolean;
  readonly none: boolean;
}

export interface FlagsValue { readonly type: 'flags'; readonly mask: number }
export interface TextValue { readonly type: 'text'; readonly text: string }

export type CheckedValue = IpValue | MacValue | SetValue | FlagsValue | TextValue | RegexpValue;

/** A compiled regular expression (regexp.ts fills `test`). */
export interface RegexpValue {
  readonly type: 'regexp';
  readonly source: string;
  /** Whether the pattern occurs in bytes [start, end) of `data`. */
  readonly test: (data: Uint8Array, start: number, end: number) => boolean;
}

/** Where a value sits in the expression, for errors. */
export interface ValueSite { readonly text: string; readonly pos: number }

function fail(site: ValueSite, reason: string, expected: readonly string[], offset = 0): FilterSyntaxError {
  return new FilterSyntaxError(reason, site.pos + offset, expected);
}

const IP_EXPECTED = ['an IPv4 address (10.0.0.1, 10.0/16, 10.0.0.1:80)', 'an IPv6 address (fe80::1, 2001:db8::/32, [fe80::1]:123)'];

/** `10.0.0.1`, `10.0/16`, `10.0.0.1:1234`, `10.0.0.0/8:53`, `ff02::1:3`, `2001:db8::/32`, `[2a02::1]:123`, `[2001:db8::/32]:80`. */
export function parseIpValue(site: ValueSite): IpValue {
  let text = site.text;
  let port = -1;
  let v6 = false;
  const bracket = /^\[([^\]]*)\](?::(\d{1,5}))?$/.exec(text);
  if (bracket) {
    text = bracket[1] ?? '';
    v6 = true;
    if (bracket[2] !== undefined) port = Number(bracket[2]);
  } else if (text.includes('[') || text.includes(']')) {
    throw fail(site, `'${site.text}' is not an IP address`, IP_EXPECTED);
  } else if (!text.includes('::') && (text.match(/:/g) ?? []).length >= 2) {
    v6 = true;
  } else if (text.includes('::')) {
    v6 = true;
  } else {
    const m = /^(.*):(\d{1,5})$/.exec(text);
    if (m) {
      text = m[1] ?? '';
      port = Number(m[2]);
    }
  }
  if (port > 65535) throw fail(site, `port ${port} is out of range`, ['a port 0-65535']);
  const slash = text.indexOf('/');
  const addrText = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? '' : text.slice(slash + 1);
  const maxPrefix = v6 ? 128 : 32;
  let prefix = maxPrefix;
  if (slash >= 0) {
    if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > maxPrefix) {
      throw fail(site, `bad prefix length '${prefixText}'`, [`a prefix length 0-${maxPrefix}`], site.text.indexOf('/') + 1);
    }
    prefix = Number(prefixText);
  }
  if (v6) {
    const w = parseIpv6(addrText);
    if (w === null) throw fail(site, `'${addrText}' is not an IPv6 address`, IP_EXPECTED);
    return { type: 'ip', v6, words: maskWords(w, prefix), prefix, port };
  }
  // IPv4, possibly abbreviated with a prefix: 10.0/16 = 10.0.0.0/16.
  const parts = addrText.split('.');
  if (parts.length < 4 && slash >= 0) while (parts.length < 4) parts.push('0');
  const a = parseIpv4(parts.join('.'));
  if (a === null) throw fail(site, `'${addrText}' is not an IPv4 address`, IP_EXPECTED);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return { type: 'ip', v6, words: [0, 0, 0, (a & mask) >>> 0], prefix, port };
}

function maskWords(w: readonly [number, number, number, number], prefix: number): [number, number, number, number] {
  const out: [number, number, number, number] = [0, 0, 0, 0];
  for (let i = 0; i < 4; i++) {
    const bits = Math.max(0, Math.min(32, prefix - i * 32));
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    out[i] = ((w[i] as number) & mask) >>> 0;
  }
  return out;
}

export function parseMacValue(site: ValueSite): MacValue {
  const mac = parseMac(site.text);
  if (mac === null) throw fail(site, `'${site.text}' is not a MAC address`, ['a MAC address (12:34:56:78:90:ab)']);
  return { type: 'mac', mac };
}

/** How a numeric set operand reads its value. */
export interface SetSpec {
  readonly min: number;
  readonly max: number;
  /** Comma lists allowed. */
  readonly list: boolean;
  /** `a-b`, `-b`, `a-` ranges allowed. */
  readonly ranges: boolean;
  /** Keywords allowed besides numbers. */
  readonly keywords: readonly ('any' | 'none')[];
  /** Names besides numbers (case-insensitive); null when the text names nothing. */
  readonly name?: (text: string) => number | null;
  /** What a name would be, for errors (e.g. 'a protocol name (TCP, UDP …)'). */
  readonly nameHint?: string;
  /** Numbers may be written in hex (0x…). */
  readonly hex?: boolean;
}

function parseNumber(text: string, spec: SetSpec): number | null {
  if (/^\d{1,10}$/.test(text)) return Number(text);
  if (spec.hex === true && /^0x[0-9a-f]{1,8}$/i.test(text)) return parseInt(text.slice(2), 16);
  return null;
}

function setExpected(spec: SetSpec): string[] {
  const out = [`a number ${spec.min}-${spec.max}`];
  if (spec.nameHint !== undefined) out.push(spec.nameHint);
  if (spec.ranges) out.push('a range (a-b, -b, a-)');
  for (const k of spec.keywords) out.push(`'${k}'`);
  return out;
}

/** A number, a name, `any`/`none`, or (when allowed) a comma list of numbers, names and ranges. */
export function parseSetValue(site: ValueSite, spec: SetSpec): SetValue {
  const lower = site.text.trim().toLowerCase();
  for (const k of spec.keywords) if (lower === k) return { type: 'set', ranges: [], any: k === 'any', none: k === 'none' };
  const items = spec.list ? site.text.split(',') : [site.text];
  const ranges: [number, number][] = [];
  let offset = 0;
  for (const raw of items) {
    const item = raw.trim();
    const bad = (why: string): FilterSyntaxError => fail(site, why, setExpected(spec), offset);
    if (item === '') throw bad(`empty list item in '${site.text}'`);
    const dash = spec.ranges ? /^(\d*)-(\d*)$/.exec(item) : null;
    if (dash && (dash[1] !== '' || dash[2] !== '')) {
      const lo = dash[1] === '' ? spec.min : Number(dash[1]);
      const hi = dash[2] === '' ? spec.max : Number(dash[2]);
      if (lo < spec.min || hi > spec.max || lo > hi) throw bad(`bad range '${item}'`);
      ranges.push([lo, hi]);
    } else {
      let v = parseNumber(item, spec);
      if (v === null && spec.name) v = spec.name(item);
      if (v === null) throw bad(`'${item}' is not ${spec.nameHint ?? 'a number'}`);
      if (v < spec.min || v > spec.max) throw bad(`${item} is out of range ${spec.min}-${spec.max}`);
      ranges.push([v, v]);
    }
    offset += raw.length + 1;
  }
  return { type: 'set', ranges: mergeRanges(ranges), any: false, none: false };
}

function mergeRanges(ranges: [number, number][]): [number, number][] {
  ranges.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** TCP flag bits (PacketInfo.tcpFlags). */
export const TCP_FLAG_BITS: Readonly<Record<string, number>> = { fin: 0x01, syn: 0x02, rst: 0x04, psh: 0x08, ack: 0x10, urg: 0x20 };

/** `syn`, `syn+ack`: all the named flags must be set. */
export function parseFlagsValue(site: ValueSite): FlagsValue {
  let mask = 0;
  let offset = 0;
  for (const raw of site.text.split('+')) {
    const bit = TCP_FLAG_BITS[raw.trim().toLowerCase()];
    if (bit === undefined) throw fail(site, `'${raw}' is not a TCP flag`, Object.keys(TCP_FLAG_BITS).map((f) => `'${f}'`), offset);
    mask |= bit;
    offset += raw.length + 1;
  }
  return { type: 'flags', mask };
}

/** Whether `v` is in the set's ranges (linear; the compiler precomputes faster forms). */
export function inRanges(set: SetValue, v: number): boolean {
  for (const [lo, hi] of set.ranges) if (v >= lo && v <= hi) return true;
  return false;
}
