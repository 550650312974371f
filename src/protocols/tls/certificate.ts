/**
 * @module protocols/tls/certificate
 * Subject, issuer and subjectAltName DNS names of a DER certificate, through node:crypto's
 * X509Certificate wrapped so that bad input gives null (it throws on malformed DER). Bounded: a
 * certificate over 16 KiB or more than 32 names are cut.
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
