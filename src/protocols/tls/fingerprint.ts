/**
 * @module protocols/tls/fingerprint
 * Client fingerprints of a ClientHello: JA3 (Salesforce: "version,ciphers,extensions,groups,
 * point formats" in decimal, GREASE removed, and its MD5) and JA4 (FoxIO's JA4 spec: a readable
 * prefix of transport, version, SNI kind, counts and ALPN, then truncated SHA-256 of the sorted
 * ciphers and of the sorted extensions with the signature algorithms).
 */
import { createHash } from 'node:crypto';
import { Ext, isGrease, type ClientHello } from './parse.js';

const noGrease = (list: readonly number[]): number[] => list.filter((v) => !isGrease(v));

/** The JA3 canonical string. */
export function ja3String(ch: ClientHello): string {
  return [
    String(ch.legacyVersion),
    noGrease(ch.ciphers).join('-'),
    noGrease(ch.extensions).join('-'),
    noGrease(ch.groups).join('-'),
    ch.pointFormats.join('-'),
  ].join(',');
}

export function ja3(ch: ClientHello): string {
  return createHash('md5').update(ja3String(ch)).digest('hex');
}

function jaVersion(v: number): string {
  switch (v) {
    case 0x0304: return '13';
    case 0x0303: return '12';
    case 0x0302: return '11';
    case 0x0301: return '10';
    case 0x0300: return 's3';
    case 0x0002: return 's2';
    case 0xfeff: return 'd1';
    case 0xfefd: return 'd2';
    case 0xfefc: return 'd3';
    default: return '00';
  }
}

const hex4 = (v: number): string => v.toString(16).padStart(4, '0');
const sha12 = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 12);
const twoDigits = (n: number): string => String(Math.min(n, 99)).padStart(2, '0');

function isAlnum(c: string): boolean {
  return /^[0-9A-Za-z]$/.test(c);
}

/** JA4's ALPN part: first and last character of the first ALPN value ('00' when none). */
function alpnChars(alpn: string | undefined): string {
  if (alpn === undefined || alpn.length === 0) return '00';
  const first = alpn[0] as string, last = alpn[alpn.length - 1] as string;
  if (isAlnum(first) && isAlnum(last)) return first + last;
  const h = Buffer.from(alpn, 'latin1').toString('hex');
  return (h[0] as string) + (h[h.length - 1] as string);
}

/** JA4 of a ClientHello seen over TCP ('t') or QUIC ('q'). */
export function ja4(ch: ClientHello, transport: 't' | 'q'): string {
  let version = 0;
  for (const v of ch.supportedVersions) if (!isGrease(v) && v > version) version = v;
  if (version === 0) version = ch.legacyVersion;
  const sni = ch.sni === null ? 'i' : 'd';
  const ciphers = noGrease(ch.ciphers), extensions = noGrease(ch.extensions);
  const prefix = `${transport}${jaVersion(version)}${sni}${twoDigits(ciphers.length)}${twoDigits(extensions.length)}${alpnChars(ch.alpn[0])}`;
  const cipherHash = ciphers.length === 0 ? '000000000000' : sha12(ciphers.map(hex4).sort().join(','));
  const extList = extensions.filter((e) => e !== Ext.ServerName && e !== Ext.Alpn).map(hex4).sort().join(',');
  const sigs = noGrease(ch.signatureAlgorithms).map(hex4).join(',');
  const extHash = extList.length === 0 ? '000000000000' : sha12(sigs.length === 0 ? extList : `${extList}_${sigs}`);
  return `${prefix}_${cipherHash}_${extHash}`;
}
