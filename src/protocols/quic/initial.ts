/**
 * @module protocols/quic/initial
 * Long-header parsing and Initial packet decryption (RFC 9000 §17.2, RFC 9001 §5): header
 * protection removed with AES-128-ECB over the 16-byte sample, the payload opened with
 * AES-128-GCM (nonce = IV xor packet number, the header as associated data). Several packets may
 * be coalesced in one datagram; each is returned with its plaintext frames. Bounds-checked: bad
 * input gives a status, never an exception past this module.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { QuicVersion, initialKeys, initialSalt, type InitialKeys } from './keys.js';

export interface LongHeader {
  readonly version: number;
  /** Packet type bits (Initial is 0 in v1 and drafts, 1 in v2). */
  readonly type: number;
  readonly dcid: Uint8Array;
  readonly scid: Uint8Array;
  /** Offset of the (protected) packet number in the datagram. */
  readonly pnOffset: number;
  /** End of this packet in the datagram (pnOffset + Length). */
  readonly end: number;
  readonly isInitial: boolean;
}

/** A QUIC variable-length integer at b[off]: [value, size], or null past `end`. */
export function readVarint(b: Uint8Array, off: number, end: number): [number, number] | null {
  if (off >= end) return null;
  const first = b[off] as number, size = 1 << (first >>> 6);
  if (off + size > end) return null;
  let v = first & 0x3f;
  for (let i = 1; i < size; i++) v = v * 256 + (b[off + i] as number);
  return [v, size];
}

/** The long header of the packet at d[off, end), or null (short header, truncated, version 0). */
export function parseLongHeader(d: Uint8Array, off: number, end: number): LongHeader | null {
  if (off + 7 > end) return null;
  const first = d[off] as number;
  if ((first & 0x80) === 0) return null;
  const version = (((d[off + 1] as number) << 24) | ((d[off + 2] as number) << 16) | ((d[off + 3] as number) << 8) | (d[off + 4] as number)) >>> 0;
  if (version === 0) return null; // version negotiation
  let p = off + 5;
  const dl = d[p] as number;
  if (dl > 20 || p + 1 + dl + 1 > end) return null;
  const dcid = d.subarray(p + 1, p + 1 + dl);
  p += 1 + dl;
  const sl = d[p] as number;
  if (sl > 20 || p + 1 + sl > end) return null;
  const scid = d.subarray(p + 1, p + 1 + sl);
  p += 1 + sl;
  const type = (first >>> 4) & 0x03;
  const isInitial = version === QuicVersion.V2 ? type === 1 : type === 0;
  if (type === 3 && version !== QuicVersion.V2) return null; // Retry: no Length
  if (version === QuicVersion.V2 && type === 0) return null; // v2 Retry
  if (isInitial) {
    const token = readVarint(d, p, end);
    if (token === null || p + token[1] + token[0] > end) return null;
    p += token[1] + token[0];
  }
  const length = readVarint(d, p, end);
  if (length === null) return null;
  p += length[1];
  if (p + length[0] > end || length[0] < 20) return null;
  return { version, type, dcid, scid, pnOffset: p, end: p + length[0], isInitial };
}

export const DecryptStatus = { Ok: 0, NotInitial: 1, UnknownVersion: 2, Malformed: 3, AuthFailed: 4 } as const;

export interface DecryptedInitial {
  readonly status: number;
  readonly header: LongHeader | null;
  readonly packetNumber: number;
  /** Plaintext frames (empty unless status is Ok). */
  readonly payload: Uint8Array;
}

const EMPTY = new Uint8Array(0);

/** The header-protection mask: AES-128-ECB of the sample (RFC 9001 §5.4.3). */
export function headerMask(hp: Uint8Array, sample: Uint8Array): Buffer {
  const c = createCipheriv('aes-128-ecb', hp, null);
  c.setAutoPadding(false);
  return c.update(sample);
}

/**
 * Decrypts the Initial packet at d[off, end) with the keys of `side` derived from `dcid` (the
 * client's first Destination Connection ID; the packet's own DCID when null).
 */
export function decryptInitial(d: Uint8Array, off: number, end: number, side: 'client' | 'server', dcid: Uint8Array | null,
  cache?: KeyCache): DecryptedInitial {
  const h = parseLongHeader(d, off, end);
  if (h === null) return { status: DecryptStatus.Malformed, header: null, packetNumber: -1, payload: EMPTY };
  if (!h.isInitial) return { status: DecryptStatus.NotInitial, header: h, packetNumber: -1, payload: EMPTY };
  if (initialSalt(h.version) === null) return { status: DecryptStatus.UnknownVersion, header: h, packetNumber: -1, payload: EMPTY };
  const cid = dcid ?? (side === 'client' ? h.dcid : h.scid);
  let keys: InitialKeys;
  if (cache?.keys !== undefined && cache.version === h.version && cache.cid === cid) {
    keys = cache.keys;
  } else {
    keys = initialKeys(h.version, cid, side) as InitialKeys;
    if (cache !== undefined) {
      cache.keys = keys;
      cache.version = h.version;
      cache.cid = cid;
    }
  }
  return openPacket(d, off, h, keys);
}

/** The last keys derived for a connection (the HKDF steps cost more than the decryption). */
export interface KeyCache {
  keys?: InitialKeys;
  version?: number;
  /** The connection ID object the keys were derived from (compared by identity). */
  cid?: Uint8Array;
}

function openPacket(d: Uint8Array, off: number, h: LongHeader, keys: InitialKeys): DecryptedInitial {
  const pn = h.pnOffset;
  if (pn + 4 + 16 > h.end) return { status: DecryptStatus.Malformed, header: h, packetNumber: -1, payload: EMPTY };
  const mask = headerMask(keys.hp, d.subarray(pn + 4, pn + 20));
  const first = (d[off] as number) ^ ((mask[0] as number) & 0x0f);
  const pnLen = (first & 0x03) + 1;
  if (pn + pnLen + 16 > h.end) return { status: DecryptStatus.Malformed, header: h, packetNumber: -1, payload: EMPTY };
  const header = Buffer.from(d.subarray(off, pn + pnLen));
  header[0] = first;
  let packetNumber = 0;
  for (let i = 0; i < pnLen; i++) {
    const b = (d[pn + i] as number) ^ (mask[1 + i] as number);
    header[pn - off + i] = b;
    packetNumber = packetNumber * 256 + b;
  }
  const nonce = Buffer.from(keys.iv);
  for (let i = 0; i < 4; i++) nonce[11 - i] = (nonce[11 - i] as number) ^ ((packetNumber >>> (8 * i)) & 0xff);
  const body = d.subarray(pn + pnLen, h.end - 16), tag = d.subarray(h.end - 16, h.end);
  try {
    const dec = createDecipheriv('aes-128-gcm', keys.key, nonce);
    dec.setAAD(header);
    dec.setAuthTag(tag);
    const plain = Buffer.concat([dec.update(body), dec.final()]);
    return { status: DecryptStatus.Ok, header: h, packetNumber, payload: new Uint8Array(plain.buffer, plain.byteOffset, plain.byteLength) };
  } catch {
    return { status: DecryptStatus.AuthFailed, header: h, packetNumber, payload: EMPTY };
  }
}
