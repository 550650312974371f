/**
 * @module protocols/quic/session
 * One QUIC connection's client Initial packets: each datagram's coalesced packets are parsed, the
 * Initial ones decrypted with the keys of the client's first Destination Connection ID, their
 * CRYPTO frames reassembled (CryptoBuffer), and the ClientHello read with the TLS parser once it is
 * complete: SNI, ALPN, offered versions, JA3 and JA4 ('q'). `done` once the hello is read or after
 * `maxDatagrams` client datagrams without it.
 */
import { ja3, ja4 } from '../tls/fingerprint.js';
import type { Fingerprint } from '../tls/fingerprint-book.js';
import { HandshakeType, parseClientHello, splitHandshakes, type ClientHello } from '../tls/parse.js';
import { CryptoBuffer, walkFrames } from './frames.js';
import { DecryptStatus, decryptInitial, parseLongHeader, type KeyCache } from './initial.js';

export class QuicSession {
  version = 0;
  clientHello: ClientHello | null = null;
  /** Facts of TLS over TCP that QUIC Initials do not give (the ServerHello is in the server's Initial; not read). */
  readonly serverHello = null;
  readonly certificate = null;
  readonly handshakeUs = -1;
  readonly responseUs = -1;
  /** The owner's bookkeeping (modules/ssl/tables.ts). */
  reported = 0;
  /** The client's fingerprint, set by the owner's tables (shared facts; strings made when read). */
  fingerprint: Fingerprint | null = null;

  /** JA3 of the ClientHello ('' before it), made when read. */
  get ja3(): string {
    return this.fingerprint?.ja3 ?? (this.clientHello === null ? '' : ja3(this.clientHello));
  }

  /** JA4 of the ClientHello ('' before it), made when read. */
  get ja4(): string {
    return this.fingerprint?.ja4 ?? (this.clientHello === null ? '' : ja4(this.clientHello, 'q'));
  }
  decrypted = 0;
  failed = 0;
  malformed = false;
  done = false;
  private dcid: Uint8Array | null = null;
  private crypto: CryptoBuffer | null = null;
  private datagrams = 0;
  private readonly keys: KeyCache = {};

  constructor(private readonly maxDatagrams = 8) {}

  /** One client datagram's UDP payload d[off, off + len). */
  fromClient(d: Uint8Array, off: number, len: number): void {
    if (this.done) return;
    const end = off + len;
    let p = off, guard = 0;
    while (p < end && guard++ < 8) {
      const h = parseLongHeader(d, p, end);
      if (h === null) break;
      if (this.version === 0) this.version = h.version;
      if (h.isInitial) {
        this.dcid ??= h.dcid.slice();
        const r = decryptInitial(d, p, end, 'client', this.dcid, this.keys);
        if (r.status === DecryptStatus.Ok) {
          this.decrypted++;
          const buf = (this.crypto ??= new CryptoBuffer());
          if (!walkFrames(r.payload, (o, data) => { buf.add(o, data); })) this.malformed = true;
        } else {
          this.failed++;
        }
      }
      p = h.end;
    }
    this.readHello();
    if (this.clientHello !== null || ++this.datagrams >= this.maxDatagrams) this.done = true;
  }

  private readHello(): void {
    const c = this.crypto;
    if (c === null || this.clientHello !== null) return;
    const ready = c.ready();
    const msg = splitHandshakes(ready, 1)[0];
    if (msg === undefined) return;
    if (msg.type !== HandshakeType.ClientHello) {
      this.malformed = true;
      this.done = true;
      return;
    }
    this.clientHello = parseClientHello(ready, msg.off, msg.len);
    if (this.clientHello === null) {
      this.malformed = true;
      this.done = true;
      return;
    }
    this.crypto = null;
  }
}
