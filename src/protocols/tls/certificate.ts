/**
 * @module protocols/tls/certificate
 * Subject, issuer and subjectAltName DNS names of a DER certificate, through node:crypto's
 * X509Certificate wrapped so that bad input gives null (it throws on malformed DER). Bounded: a
 * certificate over 16 KiB or more than 32 names are cut. Decoding costs about 60 µs, so the packet
 * path only keeps a shared handle per distinct certificate (a cheap hash, then a byte comparison)
 * and decodes it when asked.
 */
import { X509Certificate } from 'node:crypto';

export interface CertificateInfo {
  readonly subject: string;
  readonly issuer: string;
  /** DNS names of subjectAltName. */
  readonly altNames: readonly string[];
  readonly validTo: string;
}

const MAX_DER = 16384;

/** Common name (CN) of a distinguished name as X509Certificate prints it, else the whole name. */
export function commonName(dn: string): string {
  for (const line of dn.split('\n')) if (line.startsWith('CN=')) return line.slice(3);
  return dn.replace(/\n/g, ', ');
}

export function readCertificate(der: Uint8Array): CertificateInfo | null {
  if (der.length < 16 || der.length > MAX_DER || der[0] !== 0x30) return null;
  try {
    const cert = new X509Certificate(der);
    const altNames: string[] = [];
    for (const part of (cert.subjectAltName ?? '').split(', ')) {
      if (part.startsWith('DNS:') && altNames.length < 32) altNames.push(part.slice(4));
    }
    return { subject: commonName(cert.subject), issuer: commonName(cert.issuer), altNames, validTo: cert.validTo };
  } catch {
    return null;
  }
}

/**
 * A server certificate as seen on the wire: its DER (copied) and, decoded on first use (a REST
 * answer, not the packet path), its subject and names. Handles are shared by every connection
 * that carried the same certificate.
 */
export class CertificateHandle {
  private decoded: CertificateInfo | null | undefined;
  constructor(readonly der: Uint8Array) {}

  get info(): CertificateInfo | null {
    if (this.decoded === undefined) this.decoded = readCertificate(this.der);
    return this.decoded;
  }
}

/** Handles keyed by a cheap hash of the DER, compared byte for byte (cleared when it reaches CACHE_SIZE). */
const cache = new Map<number, CertificateHandle>();
const CACHE_SIZE = 4096;
/** Bytes hashed from each end of the DER: the serial number is near the start, the signature at the end. */
const HASHED = 128;

/** FNV-1a over the length and both ends of the DER (no crypto on the packet path). */
function derHash(der: Uint8Array): number {
  let h = Math.imul(0x811c9dc5 ^ der.length, 0x01000193);
  const head = Math.min(der.length, HASHED);
  for (let i = 0; i < head; i++) h = Math.imul(h ^ (der[i] as number), 0x01000193);
  for (let i = Math.max(head, der.length - HASHED); i < der.length; i++) h = Math.imul(h ^ (der[i] as number), 0x01000193);
  return h >>> 0;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);
}

/** The shared handle of a DER certificate; null when it is too short or too long to be one. */
export function certificateHandle(der: Uint8Array): CertificateHandle | null {
  if (der.length < 16 || der.length > MAX_DER || der[0] !== 0x30) return null;
  const key = derHash(der);
  const hit = cache.get(key);
  if (hit !== undefined && sameBytes(der, hit.der)) return hit;
  const handle = new CertificateHandle(der.slice());
  if (cache.size >= CACHE_SIZE) cache.clear();
  // On a hash collision the newer certificate takes the slot.
  cache.set(key, handle);
  return handle;
}
