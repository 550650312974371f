/**
 * @module protocols/tls/parse
 * Pure TLS handshake parsing (RFC 8446, RFC 5246) over Uint8Array + offsets: the record layer
 * (handshake bytes gathered across records), handshake messages, ClientHello and ServerHello with
 * the extensions wiremeter reports (server_name, ALPN, supported_versions, supported_groups,
 * ec_point_formats, signature_algorithms) and the Certificate message of TLS ≤ 1.2. Every read is
 * bounds-checked; malformed input gives null or a status, never an exception.
 */

export const ContentType = { ChangeCipherSpec: 20, Alert: 21, Handshake: 22, ApplicationData: 23 } as const;
export const HandshakeType = { ClientHello: 1, ServerHello: 2, Certificate: 11 } as const;
export const Ext = {
  ServerName: 0, SupportedGroups: 10, EcPointFormats: 11, SignatureAlgorithms: 13, Alpn: 16, SupportedVersions: 43,
} as const;

/** Most handshake bytes gathered from one direction's records (a certificate chain fits). */
export const MAX_HANDSHAKE_BYTES = 16384;
/** Most names or list entries kept from one extension. */
const MAX_LIST = 64;

export interface ClientHello {
  /** The legacy_version field (0x0303 for TLS 1.2 and 1.3). */
  readonly legacyVersion: number;
  readonly ciphers: readonly number[];
  /** Extension types in the order sent. */
  readonly extensions: readonly number[];
  readonly sni: string | null;
  readonly alpn: readonly string[];
  /** supported_versions, in the order sent (empty when absent). */
  readonly supportedVersions: readonly number[];
  readonly groups: readonly number[];
  readonly pointFormats: readonly number[];
  readonly signatureAlgorithms: readonly number[];
}

export interface ServerHello {
  readonly legacyVersion: number;
  readonly cipher: number;
  readonly extensions: readonly number[];
  /** supported_versions' selected version, else the legacy version. */
  readonly version: number;
  readonly alpn: string | null;
}

/** What the records of one direction hold so far. */
export interface RecordScan {
  /** Handshake-protocol bytes concatenated across records (bounded by MAX_HANDSHAKE_BYTES). */
  readonly handshake: Uint8Array;
  /** Stream offset of the end of the first application-data record header, -1 if none yet. */
  readonly firstAppData: number;
  readonly sawChangeCipherSpec: boolean;
  /** The bytes are not TLS records. */
  readonly malformed: boolean;
  /** Offset just past the last whole record walked. */
  readonly end: number;
}

/** GREASE values (RFC 8701): 0x0a0a, 0x1a1a … 0xfafa. */
export function isGrease(v: number): boolean {
  return (v & 0x0f0f) === 0x0a0a && (v >>> 8) === (v & 0xff);
}

const u16 = (b: Uint8Array, o: number): number => ((b[o] as number) << 8) | (b[o + 1] as number);
const u24 = (b: Uint8Array, o: number): number => ((b[o] as number) << 16) | ((b[o + 1] as number) << 8) | (b[o + 2] as number);

const NO_BYTES = new Uint8Array(0);

/**
 * Walks whole records of a direction's stream; handshake fragments are concatenated (unless
 * `gather` is false: a reader that only wants record types and boundaries).
 */
export function scanRecords(stream: Uint8Array, gather = true): RecordScan {
  const parts: Uint8Array[] = [];
  let total = 0, off = 0, firstAppData = -1, ccs = false, malformed = false;
  while (off + 5 <= stream.length) {
    const type = stream[off] as number, major = stream[off + 1] as number, len = u16(stream, off + 3);
    if (type < 20 || type > 24 || major !== 3 || len > 18432) {
      malformed = true;
      break;
    }
    if (off + 5 + len > stream.length) break;
    if (gather && type === ContentType.Handshake && firstAppData < 0 && !ccs) {
      const take = Math.min(len, MAX_HANDSHAKE_BYTES - total);
      if (take > 0) {
        parts.push(stream.subarray(off + 5, off + 5 + take));
        total += take;
      }
    } else if (type === ContentType.ChangeCipherSpec) {
      ccs = true;
    } else if (type === ContentType.ApplicationData && firstAppData < 0) {
      firstAppData = off + 5;
    }
    off += 5 + len;
  }
  // One record (the common case) is its own handshake bytes: a view, no copy.
  let handshake = parts.length === 1 ? parts[0] as Uint8Array : NO_BYTES;
  if (parts.length > 1) {
    handshake = new Uint8Array(total);
    let at = 0;
    for (const p of parts) {
      handshake.set(p, at);
      at += p.length;
    }
  }
  return { handshake, firstAppData, sawChangeCipherSpec: ccs, malformed, end: off };
}

export interface HandshakeMessage {
  readonly type: number;
  /** The body is bytes[off, off + len). */
  readonly off: number;
  readonly len: number;
}

/** The complete handshake messages at the start of `bytes` (a partial last one is left out). */
export function splitHandshakes(bytes: Uint8Array, limit = 16): HandshakeMessage[] {
  const out: HandshakeMessage[] = [];
  let off = 0;
  while (off + 4 <= bytes.length && out.length < limit) {
    const len = u24(bytes, off + 1);
    if (off + 4 + len > bytes.length) break;
    out.push({ type: bytes[off] as number, off: off + 4, len });
    off += 4 + len;
  }
  return out;
}

function ascii(b: Uint8Array, off: number, len: number): string {
  let s = '';
  for (let i = 0; i < len; i++) {
    const c = b[off + i] as number;
    s += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '?';
  }
  return s;
}

function u16List(b: Uint8Array, off: number, len: number): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < len && out.length < 512; i += 2) out.push(u16(b, off + i));
  return out;
}

/** server_name: the first host_name entry. */
function parseSni(b: Uint8Array, off: number, len: number): string | null {
  if (len < 2) return null;
  const listLen = Math.min(u16(b, off), len - 2);
  let p = off + 2;
  const end = p + listLen;
  while (p + 3 <= end) {
    const type = b[p] as number, nameLen = u16(b, p + 1);
    if (p + 3 + nameLen > end) return null;
    if (type === 0 && nameLen > 0 && nameLen <= 255) return ascii(b, p + 3, nameLen);
    p += 3 + nameLen;
  }
  return null;
}

function parseAlpn(b: Uint8Array, off: number, len: number): string[] {
  const out: string[] = [];
  if (len < 2) return out;
  const end = off + 2 + Math.min(u16(b, off), len - 2);
  let p = off + 2;
  while (p < end && out.length < MAX_LIST) {
    const n = b[p] as number;
    if (p + 1 + n > end) break;
    out.push(ascii(b, p + 1, n));
    p += 1 + n;
  }
  return out;
}

type ExtensionVisitor = (type: number, off: number, len: number) => void;

/** Calls visit for each extension of the block at b[off, end); false when malformed. */
function walkExtensions(b: Uint8Array, off: number, end: number, visit: ExtensionVisitor): boolean {
  if (off === end) return true;
  if (off + 2 > end) return false;
  const total = u16(b, off);
  let p = off + 2;
  if (p + total > end) return false;
  const stop = p + total;
  let count = 0;
  while (p + 4 <= stop && count++ < 128) {
    const type = u16(b, p), len = u16(b, p + 2);
    if (p + 4 + len > stop) return false;
    visit(type, p + 4, len);
    p += 4 + len;
  }
  return true;
}

/** A ClientHello body (after the 4-byte handshake header): b[off, off + len). */
export function parseClientHello(b: Uint8Array, off: number, len: number): ClientHello | null {
  const end = off + len;
  if (len < 38 || end > b.length) return null;
  const legacyVersion = u16(b, off);
  let p = off + 34;
  const sid = b[p] as number;
  p += 1 + sid;
  if (sid > 32 || p + 2 > end) return null;
  const cipherLen = u16(b, p);
  p += 2;
  if ((cipherLen & 1) !== 0 || p + cipherLen > end) return null;
  const ciphers = u16List(b, p, cipherLen);
  p += cipherLen;
  if (p + 1 > end) return null;
  const comp = b[p] as number;
  p += 1 + comp;
  if (p > end) return null;
  const extensions: number[] = [];
  let sni: string | null = null;
  let alpn: string[] = [], supportedVersions: number[] = [], groups: number[] = [], pointFormats: number[] = [], sigAlgs: number[] = [];
  const ok = walkExtensions(b, p, end, (type, eo, el) => {
    extensions.push(type);
    switch (type) {
      case Ext.ServerName: sni = parseSni(b, eo, el); break;
      case Ext.Alpn: alpn = parseAlpn(b, eo, el); break;
      case Ext.SupportedVersions: if (el >= 1) supportedVersions = u16List(b, eo + 1, Math.min(b[eo] as number, el - 1)); break;
      case Ext.SupportedGroups: if (el >= 2) groups = u16List(b, eo + 2, Math.min(u16(b, eo), el - 2)); break;
      case Ext.EcPointFormats: if (el >= 1) pointFormats = Array.from(b.subarray(eo + 1, eo + 1 + Math.min(b[eo] as number, el - 1))); break;
      case Ext.SignatureAlgorithms: if (el >= 2) sigAlgs = u16List(b, eo + 2, Math.min(u16(b, eo), el - 2)); break;
      default: break;
    }
  });
  if (!ok) return null;
  return { legacyVersion, ciphers, extensions, sni, alpn, supportedVersions, groups, pointFormats, signatureAlgorithms: sigAlgs };
}

/** A ServerHello body: b[off, off + len). */
export function parseServerHello(b: Uint8Array, off: number, len: number): ServerHello | null {
  const end = off + len;
  if (len < 38 || end > b.length) return null;
  const legacyVersion = u16(b, off);
  let p = off + 34;
  const sid = b[p] as number;
  p += 1 + sid;
  if (sid > 32 || p + 3 > end) return null;
  const cipher = u16(b, p);
  p += 3;
  const extensions: number[] = [];
  let version = legacyVersion;
  let alpn: string | null = null;
  const ok = walkExtensions(b, p, end, (type, eo, el) => {
    extensions.push(type);
    if (type === Ext.SupportedVersions && el >= 2) version = u16(b, eo);
    else if (type === Ext.Alpn) alpn = parseAlpn(b, eo, el)[0] ?? null;
  });
  if (!ok) return null;
  return { legacyVersion, cipher, extensions, version, alpn };
}

/** The DER certificates of a TLS ≤ 1.2 Certificate body (views; at most `limit`). */
export function parseCertificateList(b: Uint8Array, off: number, len: number, limit = 8): Uint8Array[] {
  const out: Uint8Array[] = [];
  if (len < 3) return out;
  const end = Math.min(off + len, off + 3 + u24(b, off), b.length);
  let p = off + 3;
  while (p + 3 <= end && out.length < limit) {
    const n = u24(b, p);
    if (n === 0 || p + 3 + n > end) break;
    out.push(b.subarray(p + 3, p + 3 + n));
    p += 3 + n;
  }
  return out;
}

/** A TLS version number as people write it. */
export function versionName(v: number): string {
  switch (v) {
    case 0x0300: return 'SSL 3.0';
    case 0x0301: return 'TLS 1.0';
    case 0x0302: return 'TLS 1.1';
    case 0x0303: return 'TLS 1.2';
    case 0x0304: return 'TLS 1.3';
    case 0xfeff: return 'DTLS 1.0';
    case 0xfefd: return 'DTLS 1.2';
    case 0xfefc: return 'DTLS 1.3';
    default: return (v >>> 8) === 0x7f ? `TLS 1.3 draft ${v & 0xff}` : `0x${v.toString(16).padStart(4, '0')}`;
  }
}

/**
 * A ClientHello without the lists only fingerprints need (ciphers, extensions, groups, point
 * formats, signature algorithms): what a connection keeps once JA3/JA4 are computed.
 */
export function slimClientHello(ch: ClientHello): ClientHello {
  return { ...ch, ciphers: [], extensions: [], groups: [], pointFormats: [], signatureAlgorithms: [] };
}

/** The highest non-GREASE version a ClientHello offers (supported_versions, else legacy). */
export function offeredMaxVersion(ch: ClientHello): number {
  let max = 0;
  for (const v of ch.supportedVersions) if (!isGrease(v) && v > max && v <= 0x0304) max = v;
  return max === 0 ? ch.legacyVersion : max;
}
