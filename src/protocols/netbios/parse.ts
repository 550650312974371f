/**
 * @module protocols/netbios/parse
 * NetBIOS name service (RFC 1001/1002, UDP 137): the messages are DNS-shaped, so the DNS parser
 * reads the header and records; this file adds what is NetBIOS's own — the "first-level" encoding
 * of a 16-byte NetBIOS name into 32 letters A–P (the 16th byte is the service suffix), the NB
 * record's address entries (flags + IPv4), and the node-status (NBSTAT) answer's name table.
 * Bounds-checked; malformed input yields null or an empty list.
 */

export const NB_TYPE_NB = 0x20;
export const NB_TYPE_NBSTAT = 0x21;

export const NB_OPCODES: Readonly<Record<number, string>> = { 0: 'query', 5: 'registration', 6: 'release', 7: 'wack', 8: 'refresh', 9: 'refresh', 15: 'multi-homed registration' };

export function nbOpcodeName(op: number): string {
  return NB_OPCODES[op] ?? `opcode${op}`;
}

export interface NetbiosName {
  /** The name without its padding. */
  readonly name: string;
  /** The 16th byte: the service (0x00 workstation, 0x20 file server, 0x1d master browser …). */
  readonly suffix: number;
}

/** Printable name bytes (15 at most), trailing spaces and NULs trimmed. */
function nameText(bytes: ArrayLike<number>, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    const c = bytes[i] as number;
    s += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : c === 0 ? '\u0000' : '?';
  }
  // eslint-disable-next-line no-control-regex
  return s.replace(/[ \u0000]+$/, '');
}

/** Decodes the first label of a DNS-form name ("EOEBFC…AA[.scope]") into name and suffix. */
export function decodeNetbiosName(encoded: string): NetbiosName | null {
  const label = encoded.split('.', 1)[0] ?? '';
  if (label.length !== 32) return null;
  const bytes = new Array<number>(16);
  for (let i = 0; i < 16; i++) {
    const hi = label.charCodeAt(2 * i) - 0x41, lo = label.charCodeAt(2 * i + 1) - 0x41;
    if (hi < 0 || hi > 15 || lo < 0 || lo > 15) return null;
    bytes[i] = (hi << 4) | lo;
  }
  return { name: nameText(bytes, 15), suffix: bytes[15] as number };
}

/** The addresses of an NB record's RDATA: 6-byte entries of flags (group bit 0x8000) and IPv4. */
export function nbAddresses(d: Uint8Array, off: number, len: number): { address: number; group: boolean }[] {
  const out: { address: number; group: boolean }[] = [];
  const end = Math.min(off + len, d.length);
  for (let p = off; p + 6 <= end; p += 6) {
    const flags = ((d[p] as number) << 8) | (d[p + 1] as number);
    const address = (((d[p + 2] as number) << 24) | ((d[p + 3] as number) << 16) | ((d[p + 4] as number) << 8) | (d[p + 5] as number)) >>> 0;
    out.push({ address, group: (flags & 0x8000) !== 0 });
  }
  return out;
}

/** The name table of a node-status answer: a count, then 18-byte entries (15 name, suffix, flags). */
export function nbstatNames(d: Uint8Array, off: number, len: number): (NetbiosName & { group: boolean })[] {
  const out: (NetbiosName & { group: boolean })[] = [];
  const end = Math.min(off + len, d.length);
  if (off >= end) return out;
  const count = d[off] as number;
  for (let i = 0, p = off + 1; i < count && p + 18 <= end; i++, p += 18) {
    const name = nameText(d.subarray(p, p + 15), 15);
    if (name.length > 0) out.push({ name, suffix: d[p + 15] as number, group: ((d[p + 16] as number) & 0x80) !== 0 });
  }
  return out;
}

/** "NAME<1d>", as tshark writes a NetBIOS name. */
export function netbiosLabel(n: NetbiosName): string {
  return `${n.name}<${n.suffix.toString(16).padStart(2, '0')}>`;
}
