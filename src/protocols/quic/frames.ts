/**
 * @module protocols/quic/frames
 * The CRYPTO frames of a decrypted Initial payload (RFC 9000 §19.6), skipping PADDING, PING, ACK
 * and CONNECTION_CLOSE; any other frame type ends the walk (Initial packets carry no others). And
 * `CryptoBuffer`, which reassembles CRYPTO data by offset across packets and datagrams into the
 * first bytes of the handshake stream (bounded).
 */
import { readVarint } from './initial.js';

/** Calls onCrypto(offset, data view) for each CRYPTO frame; false when a frame is malformed. */
export function walkFrames(p: Uint8Array, onCrypto: (offset: number, data: Uint8Array) => void): boolean {
  let i = 0;
  const end = p.length;
  while (i < end) {
    const type = p[i] as number;
    if (type === 0x00 || type === 0x01) { i++; continue; }
    if (type === 0x02 || type === 0x03) {
      i++;
      const fields: (readonly [number, number] | null)[] = [];
      for (let k = 0; k < 4; k++) {
        const v = readVarint(p, i, end);
        if (v === null) return false;
        fields.push(v);
        i += v[1];
      }
      const count = (fields[2] as readonly [number, number])[0];
      if (count > 256) return false;
      for (let r = 0; r < count * 2; r++) {
        const v = readVarint(p, i, end);
        if (v === null) return false;
        i += v[1];
      }
      if (type === 0x03) {
        for (let k = 0; k < 3; k++) {
          const v = readVarint(p, i, end);
          if (v === null) return false;
          i += v[1];
        }
      }
      continue;
    }
    if (type === 0x06) {
      const o = readVarint(p, i + 1, end);
      if (o === null) return false;
      const l = readVarint(p, i + 1 + o[1], end);
      if (l === null) return false;
      const start = i + 1 + o[1] + l[1];
      if (start + l[0] > end) return false;
      onCrypto(o[0], p.subarray(start, start + l[0]));
      i = start + l[0];
      continue;
    }
    if (type === 0x1c || type === 0x1d) return true;
    return false;
  }
  return true;
}

/** The first `cap` bytes of a CRYPTO stream, filled by offset; `contiguous` bytes are ready. */
export class CryptoBuffer {
  readonly bytes: Uint8Array;
  private readonly filled: Uint8Array;
  contiguous = 0;
  constructor(cap = 8192) {
    this.bytes = new Uint8Array(cap);
    this.filled = new Uint8Array(cap);
  }

  add(offset: number, data: Uint8Array): void {
    const cap = this.bytes.length;
    if (offset >= cap) return;
    const n = Math.min(data.length, cap - offset);
    this.bytes.set(data.subarray(0, n), offset);
    this.filled.fill(1, offset, offset + n);
    let c = this.contiguous;
    while (c < cap && this.filled[c] === 1) c++;
    this.contiguous = c;
  }

  /** The ready bytes (a view). */
  ready(): Uint8Array {
    return this.bytes.subarray(0, this.contiguous);
  }
}
