/**
 * @module protocols/dns/parse
 * DNS message parsing (RFC 1035; the same wire format carries mDNS, RFC 6762, and LLMNR, RFC 4795)
 * straight from a Uint8Array and offsets: the header into a reusable DnsMessage of numbers, names
 * skipped or read on demand, resource records walked one at a time into a reusable DnsRecord.
 * Nothing here allocates except readName/readRdataName (a string, made only when a caller stores a
 * name). Every read is bounds-checked against the message; compression pointers must point
 * backwards (before the pointer itself) and at most MAX_JUMPS are followed, so a pointer loop or a
 * label bomb ends in a failure, never a hang. Failures are return values (a DnsStatus or -1),
 * never exceptions.
 */
import { formatIpv6 } from '../../core/addresses.js';

export const DNS_HEADER_LEN = 12;
/** Longest name on the wire (RFC 1035 2.3.4), and the cap on a decoded name's characters. */
export const MAX_NAME_WIRE = 255;
/** Most compression pointers followed while reading one name. */
export const MAX_JUMPS = 64;

export const enum DnsStatus {
  Ok = 0,
  /** Shorter than the 12-byte header. */
  Short = 1,
  /** A question's name or fixed fields run past the end or are malformed. */
  BadQuestion = 2,
}

/** Record types with a name. */
export const DNS_TYPES: Readonly<Record<number, string>> = {
  1: 'A', 2: 'NS', 5: 'CNAME', 6: 'SOA', 12: 'PTR', 13: 'HINFO', 15: 'MX', 16: 'TXT', 28: 'AAAA', 33: 'SRV',
  35: 'NAPTR', 39: 'DNAME', 41: 'OPT', 43: 'DS', 46: 'RRSIG', 47: 'NSEC', 48: 'DNSKEY', 50: 'NSEC3', 64: 'SVCB',
  65: 'HTTPS', 99: 'SPF', 251: 'IXFR', 252: 'AXFR', 255: 'ANY', 257: 'CAA',
};

/** Reply codes with a name (RFC 1035, 2136, 6895). */
export const DNS_RCODES: Readonly<Record<number, string>> = {
  0: 'NoError', 1: 'FormErr', 2: 'ServFail', 3: 'NXDomain', 4: 'NotImp', 5: 'Refused', 6: 'YXDomain', 7: 'YXRRSet',
  8: 'NXRRSet', 9: 'NotAuth', 10: 'NotZone',
};

export function dnsTypeName(t: number): string {
  return DNS_TYPES[t] ?? `TYPE${t}`;
}

export function dnsRcodeName(r: number): string {
  return DNS_RCODES[r] ?? `RCODE${r}`;
}

/** The header and the first question of one message; reused from message to message. */
export class DnsMessage {
  /** Message bounds in `data`: [base, end). Name pointers are relative to base. */
  base = 0;
  end = 0;
  id = 0;
  flags = 0;
  /** 1 = response. */
  qr = 0;
  opcode = 0;
  rcode = 0;
  /** Truncated (TC bit). */
  tc = 0;
  qdCount = 0;
  anCount = 0;
  nsCount = 0;
  arCount = 0;
  /** Offset of the first question's name, -1 when there is no question. */
  questionOff = -1;
  /** Type and class of the first question (0 when none). */
  qtype = 0;
  qclass = 0;
  /** Offset after the question section (where the answers start). */
  answersOff = 0;
}

/** One resource record; reused. */
export class DnsRecord {
  nameOff = 0;
  type = 0;
  klass = 0;
  ttl = 0;
  rdataOff = 0;
  rdataLen = 0;
}

/**
 * Parses the header and walks the questions of the message in data[off, off + len). Returns Ok,
 * or why not (the message's fields read so far stay in `m`).
 */
export function parseDnsMessage(data: Uint8Array, off: number, len: number, m: DnsMessage): DnsStatus {
  const end = Math.min(off + len, data.length);
  m.base = off;
  m.end = end;
  m.questionOff = -1;
  m.qtype = 0;
  m.qclass = 0;
  if (off < 0 || end - off < DNS_HEADER_LEN) return DnsStatus.Short;
  const d = data;
  m.id = ((d[off] as number) << 8) | (d[off + 1] as number);
  const flags = ((d[off + 2] as number) << 8) | (d[off + 3] as number);
  m.flags = flags;
  m.qr = flags >>> 15;
  m.opcode = (flags >>> 11) & 0xf;
  m.tc = (flags >>> 9) & 1;
  m.rcode = flags & 0xf;
  m.qdCount = ((d[off + 4] as number) << 8) | (d[off + 5] as number);
  m.anCount = ((d[off + 6] as number) << 8) | (d[off + 7] as number);
  m.nsCount = ((d[off + 8] as number) << 8) | (d[off + 9] as number);
  m.arCount = ((d[off + 10] as number) << 8) | (d[off + 11] as number);
  let p = off + DNS_HEADER_LEN;
  for (let i = 0; i < m.qdCount; i++) {
    const after = skipName(d, p, end);
    if (after < 0 || after + 4 > end) return DnsStatus.BadQuestion;
    if (i === 0) {
      m.questionOff = p;
      m.qtype = ((d[after] as number) << 8) | (d[after + 1] as number);
      m.qclass = ((d[after + 2] as number) << 8) | (d[after + 3] as number);
    }
    p = after + 4;
  }
  m.answersOff = p;
  return DnsStatus.Ok;
}

/**
 * The offset just after the name at `off` (without following pointers: a pointer ends it), or -1
 * when it runs past `end`, uses a reserved label type or is longer than 255 bytes.
 */
export function skipName(d: Uint8Array, off: number, end: number): number {
  let p = off, wire = 0;
  for (;;) {
    if (p >= end) return -1;
    const b = d[p] as number;
    if (b === 0) return p + 1;
    const kind = b & 0xc0;
    if (kind === 0xc0) return p + 2 <= end ? p + 2 : -1;
    if (kind !== 0) return -1;
    wire += b + 1;
    if (wire > MAX_NAME_WIRE) return -1;
    p += b + 1;
  }
}

/**
 * Walks the name at `off`, following pointers only backwards (each before where the current run
 * of labels started) and at most MAX_JUMPS of them. Without `out`, returns the number of labels;
 * with `out`, writes the dotted name's bytes there and returns their length. -1 when malformed.
 */
function walkName(d: Uint8Array, base: number, end: number, off: number, out: Uint8Array | null): number {
  let p = off, jumps = 0, n = 0, wire = 0, floor = off;
  for (;;) {
    if (p < base || p >= end) return -1;
    const b = d[p] as number;
    if (b === 0) return n;
    const kind = b & 0xc0;
    if (kind === 0xc0) {
      if (p + 1 >= end) return -1;
      const target = base + (((b & 0x3f) << 8) | (d[p + 1] as number));
      // Only backwards, before where this name (or the last jump) started: ends any loop.
      if (target >= floor || ++jumps > MAX_JUMPS) return -1;
      floor = target;
      p = target;
      continue;
    }
    if (kind !== 0) return -1;
    if (p + 1 + b > end) return -1;
    wire += b + 1;
    if (wire > MAX_NAME_WIRE) return -1;
    if (out !== null) {
      if (n > 0) out[n++] = 0x2e;
      for (let i = 0; i < b; i++) out[n++] = d[p + 1 + i] as number;
    } else n++;
    p += b + 1;
  }
}

const nameBytes = new Uint8Array(MAX_NAME_WIRE + 1);
const utf8 = new TextDecoder('utf-8');

/**
 * Writes the dotted name at `off` into `out` (at least 256 bytes, no string made); returns its
 * length (0 for the root), or -1 when malformed.
 */
export function nameBytesAt(d: Uint8Array, base: number, end: number, off: number, out: Uint8Array): number {
  return walkName(d, base, end, off, out);
}

/** Text of `n` dotted-name bytes: "<Root>" for none (as tshark writes it), ASCII directly, else UTF-8. */
export function nameText(bytes: Uint8Array, n: number): string {
  if (n === 0) return '<Root>';
  const v = bytes.subarray(0, n);
  for (let i = 0; i < n; i++) if ((v[i] as number) >= 0x80) return utf8.decode(v);
  return String.fromCharCode.apply(null, v as unknown as number[]);
}

/**
 * The name at `off` as text ("<Root>" for the root), or null when malformed. Label bytes are read
 * as UTF-8 (mDNS names are UTF-8; DNS names are ASCII).
 */
export function readName(d: Uint8Array, base: number, end: number, off: number): string | null {
  const n = walkName(d, base, end, off, nameBytes);
  return n < 0 ? null : nameText(nameBytes, n);
}

/** Whether the name at `off` is well formed (pointers included), without making a string. */
export function nameIsValid(d: Uint8Array, base: number, end: number, off: number): boolean {
  return walkName(d, base, end, off, null) >= 0;
}

/**
 * Reads the resource record at `off` into `rr`; returns the offset of the next one, or -1 when
 * the record runs past the message.
 */
export function readRecord(d: Uint8Array, m: DnsMessage, off: number, rr: DnsRecord): number {
  const end = m.end;
  const after = skipName(d, off, end);
  if (after < 0 || after + 10 > end) return -1;
  rr.nameOff = off;
  rr.type = ((d[after] as number) << 8) | (d[after + 1] as number);
  rr.klass = ((d[after + 2] as number) << 8) | (d[after + 3] as number);
  rr.ttl = (((d[after + 4] as number) << 24) | ((d[after + 5] as number) << 16) | ((d[after + 6] as number) << 8) | (d[after + 7] as number)) >>> 0;
  rr.rdataLen = ((d[after + 8] as number) << 8) | (d[after + 9] as number);
  rr.rdataOff = after + 10;
  const next = rr.rdataOff + rr.rdataLen;
  return next <= end ? next : -1;
}

/** Every question name of the message (strings: for storing and for tests). Malformed names are skipped. */
export function questionNames(d: Uint8Array, m: DnsMessage): string[] {
  const out: string[] = [];
  let p = m.questionOff;
  if (p < 0) return out;
  for (let i = 0; i < m.qdCount; i++) {
    const name = readName(d, m.base, m.end, p);
    if (name !== null) out.push(name);
    const after = skipName(d, p, m.end);
    if (after < 0) break;
    p = after + 4;
  }
  return out;
}

/** One answer of interest: owner name and what it resolves to (an address or another name). */
export interface DnsAnswer {
  readonly name: string;
  readonly type: number;
  readonly ttl: number;
  /** Dotted IPv4, IPv6 text, or the target name (CNAME, PTR, NS, …). */
  readonly data: string;
  /** 0 answer, 1 authority, 2 additional section. */
  readonly section: number;
}

/** Target name types: the RDATA starts with a name. */
const NAME_RDATA = new Set([2, 5, 12, 39]);

/**
 * The records of the answer, authority and additional sections that carry an address (A, AAAA)
 * or a name (CNAME, PTR, NS, DNAME), as strings. Malformed records end the walk. Called only for
 * responses that are stored.
 */
export function answerRecords(d: Uint8Array, m: DnsMessage, limit = 64): DnsAnswer[] {
  const out: DnsAnswer[] = [];
  const rr = new DnsRecord();
  let p = m.answersOff;
  const total = m.anCount + m.nsCount + m.arCount;
  for (let i = 0; i < total && out.length < limit; i++) {
    const next = readRecord(d, m, p, rr);
    if (next < 0) break;
    let data: string | null = null;
    if (rr.type === 1 && rr.rdataLen === 4) {
      const o = rr.rdataOff;
      data = `${d[o] as number}.${d[o + 1] as number}.${d[o + 2] as number}.${d[o + 3] as number}`;
    } else if (rr.type === 28 && rr.rdataLen === 16) {
      data = formatIpv6Bytes(d, rr.rdataOff);
    } else if (NAME_RDATA.has(rr.type)) {
      data = readName(d, m.base, m.end, rr.rdataOff);
    }
    if (data !== null) {
      const name = readName(d, m.base, m.end, rr.nameOff);
      const section = i < m.anCount ? 0 : i < m.anCount + m.nsCount ? 1 : 2;
      if (name !== null) out.push({ name, type: rr.type, ttl: rr.ttl, data, section });
    }
    p = next;
  }
  return out;
}

/** RFC 5952 text of 16 address bytes (as the IP table writes addresses). */
export function formatIpv6Bytes(d: Uint8Array, o: number): string {
  const word = (k: number): number => (((d[o + k] as number) << 24) | ((d[o + k + 1] as number) << 16) | ((d[o + k + 2] as number) << 8) | (d[o + k + 3] as number)) >>> 0;
  return formatIpv6(word(0), word(4), word(8), word(12));
}
