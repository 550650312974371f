/**
 * @module core/addresses
 * Addresses stay numbers on the hot path: an IPv4 address is a uint32, an IPv6 address four uint32
 * words (most significant first), a MAC one exact 48-bit integer. These functions turn them into text
 * (and back) only when a human needs to read them. IPv6 text follows RFC 5952 (lower case, longest
 * run of two or more zero groups compressed, leftmost on a tie), the form tshark prints.
 */

export function formatIpv4(addr: number): string {
  return `${(addr >>> 24) & 255}.${(addr >>> 16) & 255}.${(addr >>> 8) & 255}.${addr & 255}`;
}

export function formatIpv6(w0: number, w1: number, w2: number, w3: number): string {
  const g = [w0 >>> 16, w0 & 0xffff, w1 >>> 16, w1 & 0xffff, w2 >>> 16, w2 & 0xffff, w3 >>> 16, w3 & 0xffff];
  let bestStart = -1, bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  if (bestLen < 2) return g.map((x) => x.toString(16)).join(':');
  const head = g.slice(0, bestStart).map((x) => x.toString(16)).join(':');
  const tail = g.slice(bestStart + bestLen).map((x) => x.toString(16)).join(':');
  return `${head}::${tail}`;
}

const HEX = '0123456789abcdef';

/** MAC as lower-case colon-separated hex (tshark's form). */
export function formatMac(mac: number): string {
  let out = '';
  for (let shift = 40; shift >= 0; shift -= 8) {
    const b = Math.floor(mac / 2 ** shift) & 255;
    out += (shift === 40 ? '' : ':') + (HEX[b >> 4] ?? '') + (HEX[b & 15] ?? '');
  }
  return out;
}

/** Parse dotted-quad IPv4 text; null when it is not one. */
export function parseIpv4(text: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return null;
  let v = 0;
  for (let i = 1; i <= 4; i++) {
    const o = Number(m[i]);
    if (o > 255) return null;
    v = v * 256 + o;
  }
  return v >>> 0;
}

/** Parse IPv6 text (with optional embedded IPv4 tail) into four words; null when invalid. */
export function parseIpv6(text: string): [number, number, number, number] | null {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return null;
  let s = text;
  const groups: number[] = [];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  let tailV4: number | null = null;
  if (v4?.[1] !== undefined) {
    tailV4 = parseIpv4(v4[1]);
    if (tailV4 === null) return null;
    s = s.slice(0, s.length - v4[1].length) + '0:0';
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    for (const h of part.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(h)) return null;
      out.push(parseInt(h, 16));
    }
    return out;
  };
  const a = parse(halves[0] ?? '');
  const b = halves.length === 2 ? parse(halves[1] ?? '') : [];
  if (a === null || b === null) return null;
  if (halves.length === 2) {
    if (a.length + b.length > 7) return null;
    groups.push(...a, ...new Array<number>(8 - a.length - b.length).fill(0), ...b);
  } else {
    if (a.length !== 8) return null;
    groups.push(...a);
  }
  const w = (i: number): number => (((groups[i] ?? 0) << 16) | (groups[i + 1] ?? 0)) >>> 0;
  const words: [number, number, number, number] = [w(0), w(2), w(4), w(6)];
  if (tailV4 !== null) words[3] = tailV4;
  return words;
}

/** Parse `aa:bb:cc:dd:ee:ff` (or with `-`) into a 48-bit number; null when invalid. */
export function parseMac(text: string): number | null {
  const m = /^([0-9a-fA-F]{2})[:-]([0-9a-fA-F]{2})[:-]([0-9a-fA-F]{2})[:-]([0-9a-fA-F]{2})[:-]([0-9a-fA-F]{2})[:-]([0-9a-fA-F]{2})$/.exec(text);
  if (!m) return null;
  let v = 0;
  for (let i = 1; i <= 6; i++) v = v * 256 + parseInt(m[i] ?? '0', 16);
  return v;
}

/** An IPv4 or IPv6 address in the IP table's layout: IPv4 in words[3], IPv6 most significant first. */
export interface IpAddressWords {
  readonly version: 4 | 6;
  readonly words: Uint32Array;
}

/** Parses an IPv4 or IPv6 address (IPv6 optionally in brackets); null when it is neither. */
export function parseIpAddress(text: string): IpAddressWords | null {
  const words = new Uint32Array(4);
  const v4 = parseIpv4(text);
  if (v4 !== null) {
    words[3] = v4;
    return { version: 4, words };
  }
  const v6 = parseIpv6(text.replace(/^\[|\]$/g, ''));
  if (v6 === null) return null;
  words.set(v6);
  return { version: 6, words };
}

/** The canonical text of parsed address words. */
export function formatIpAddress(a: IpAddressWords): string {
  const w = a.words;
  return a.version === 4 ? formatIpv4(w[3] as number) : formatIpv6(w[0] as number, w[1] as number, w[2] as number, w[3] as number);
}
