/**
 * @module protocols/tls/session
 * One TLS connection's handshake, read from the collected stream prefix of each direction
 * (protocols/tcp-stream): the ClientHello (SNI, ALPN, offered versions, JA3/JA4), the ServerHello
 * (negotiated version, cipher, ALPN), the server certificate of TLS ≤ 1.2, and times: handshake
 * time (ClientHello → the client's first encrypted record: its Finished in TLS 1.3, its first data
 * record in 1.2) and first-data response time (the client's first encrypted record → the server's
 * first encrypted record after it). `done` tells the owner to stop collecting.
 */
import { certificateHandle, type CertificateHandle } from './certificate.js';
import { ja3, ja4 } from './fingerprint.js';
import type { Fingerprint } from './fingerprint-book.js';
import {
  HandshakeType, parseCertificateList, parseClientHello, parseServerHello, scanRecords, splitHandshakes,
  type ClientHello, type ServerHello,
} from './parse.js';

const TLS13 = 0x0304;

export class TlsSession {
  clientHello: ClientHello | null = null;
  serverHello: ServerHello | null = null;
  certificate: CertificateHandle | null = null;
  /** The client's fingerprint, set by the owner's tables (shared facts; strings made when read). */
  fingerprint: Fingerprint | null = null;
  clientHelloUs = -1;
  clientDataUs = -1;
  serverDataUs = -1;
  /** The stream is not TLS, or a handshake message did not parse. */
  malformed = false;
  done = false;
  /** Bits of what the owner already counted (its own bookkeeping; see modules/ssl/tables.ts). */
  reported = 0;
  /** Client stream bytes scanned so far, and how many of them the owner dropped (whole records read). */
  private clientScanned = 0;
  private clientBase = 0;
  private serverScanned = 0;
  private serverRecordsDone = false;
  /** Payload bytes the server sent so far (the owner adds each segment's length). */
  serverBytes = 0;
  /** serverBytes when the client's first encrypted record arrived. */
  private serverMark = 0;

  /** The server's bytes are still needed (its handshake records are not all read). */
  get wantsServerBytes(): boolean {
    return !this.done && !this.serverRecordsDone;
  }

  /** The client's bytes are still needed (no ClientHello, or no encrypted record yet). */
  get wantsClientBytes(): boolean {
    return !this.done && (this.clientHello === null || this.clientDataUs < 0);
  }

  /** JA3 of the ClientHello ('' before it), made when read. */
  get ja3(): string {
    return this.fingerprint?.ja3 ?? (this.clientHello === null ? '' : ja3(this.clientHello));
  }

  /** JA4 of the ClientHello ('' before it), made when read. */
  get ja4(): string {
    return this.fingerprint?.ja4 ?? (this.clientHello === null ? '' : ja4(this.clientHello, 't'));
  }

  /** Handshake time in µs, -1 when not known. */
  get handshakeUs(): number {
    return this.clientHelloUs >= 0 && this.clientDataUs >= 0 ? this.clientDataUs - this.clientHelloUs : -1;
  }

  /** First-data response time in µs, -1 when not known. */
  get responseUs(): number {
    return this.clientDataUs >= 0 && this.serverDataUs >= 0 ? this.serverDataUs - this.clientDataUs : -1;
  }

  /**
   * New bytes of the client's stream at time tsUs: `stream` is every byte after those dropped so
   * far. Answers how many leading bytes the owner may drop now: once the ClientHello is read,
   * only record boundaries matter, so whole records walked are not needed again.
   */
  fromClient(stream: Uint8Array, tsUs: number, full: boolean): number {
    if (this.done || this.clientBase + stream.length === this.clientScanned || (this.clientHello !== null && this.clientDataUs >= 0)) return 0;
    this.clientScanned = this.clientBase + stream.length;
    const scan = scanRecords(stream, this.clientHello === null);
    if (scan.malformed && this.clientHello === null) this.malformed = true;
    if (this.clientHello === null) {
      const msg = splitHandshakes(scan.handshake, 1)[0];
      if (msg !== undefined) {
        if (msg.type === HandshakeType.ClientHello) {
          this.clientHello = parseClientHello(scan.handshake, msg.off, msg.len);
          if (this.clientHello !== null) this.clientHelloUs = tsUs;
        }
        if (this.clientHello === null) this.malformed = true;
      } else if (full) {
        this.malformed = true;
      }
    }
    if (scan.firstAppData >= 0 && this.clientDataUs < 0) {
      this.clientDataUs = tsUs;
      this.serverMark = this.serverBytes;
    }
    const done = this.checkDone(full);
    const drop = this.clientHello !== null && !done ? scan.end : 0;
    this.clientBase += drop;
    return drop;
  }

  /** New bytes of the server's stream (all of it so far) at time tsUs. */
  fromServer(stream: Uint8Array, tsUs: number, full: boolean): void {
    if (this.done || stream.length === this.serverScanned) return;
    this.serverScanned = stream.length;
    if (!this.serverRecordsDone) {
      const scan = scanRecords(stream);
      for (const msg of splitHandshakes(scan.handshake)) {
        if (msg.type === HandshakeType.ServerHello && this.serverHello === null) {
          this.serverHello = parseServerHello(scan.handshake, msg.off, msg.len);
          if (this.serverHello === null) this.malformed = true;
        } else if (msg.type === HandshakeType.Certificate && this.certificate === null) {
          const first = parseCertificateList(scan.handshake, msg.off, msg.len, 1)[0];
          if (first !== undefined) this.certificate = certificateHandle(first);
        }
      }
      if (scan.sawChangeCipherSpec || scan.firstAppData >= 0 || scan.malformed || full) this.serverRecordsDone = true;
      // Everything wanted is read: the ServerHello, and the certificate unless TLS 1.3 encrypts it.
      const sh = this.serverHello;
      if (sh !== null && (this.certificate !== null || sh.version >= TLS13)) this.serverRecordsDone = true;
    }
    this.serverActivity(tsUs, full);
  }

  /** The server sent payload at tsUs (serverBytes already counts it): its first data after the client's. */
  serverActivity(tsUs: number, full = false): void {
    if (this.done) return;
    if (this.clientDataUs >= 0 && this.serverDataUs < 0 && this.serverBytes > this.serverMark) this.serverDataUs = tsUs;
    this.checkDone(full);
  }

  /** Sets and answers `done`. */
  private checkDone(full: boolean): boolean {
    if (this.malformed || full) return (this.done = true);
    return (this.done = this.clientHello !== null && this.serverHello !== null && this.serverRecordsDone && this.serverDataUs >= 0);
  }
}
