/**
 * @module protocols/tls/certificate
 * Subject, issuer and subjectAltName DNS names of a DER certificate, through node:crypto's
 * X509Certificate wrapped so that bad input gives null (it throws on malformed DER). Bounded: a
 * certificate over 16 KiB or more than 32 names are cut. Decoding costs about 60 µs, so answers are
 * cached by the certificate's SHA-1 (servers send the same certificate on every connection).
 */
import { X509Certificate, createHash } from 'node:crypto';

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

/** Certificates decoded, keyed by SHA-1 of the DER (cleared when it reaches CACHE_SIZE). */
const cache = new Map<string, CertificateInfo | null>();
const CACHE_SIZE = 4096;

/** readCertificate through the cache. */
export function readCertificateCached(der: Uint8Array): CertificateInfo | null {
  if (der.length < 16 || der.length > MAX_DER) return null;
  const key = createHash('sha1').update(der).digest('base64');
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const info = readCertificate(der);
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(key, info);
  return info;
}
