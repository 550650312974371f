/**
 * @module protocols/tls/fingerprint-book
 * Client fingerprints kept as facts, named when asked. A Fingerprint holds the ClientHello fields
 * JA3 and JA4 read (and the transport) and makes its JA3/JA4 strings — and their MD5/SHA-256 —
 * only when a REST answer reads them, once. The FingerprintBook interns equal fingerprints (a
 * numeric hash of the fields without their GREASE values, then a field-by-field comparison, so a
 * hash collision never merges two different fingerprints), so thousands of handshakes from the same few client stacks share a
 * handful of entries and the packet path does no string or crypto work. The book is bounded; past
 * its cap a fingerprint is simply not shared.
 */
import { ja3, ja4 } from './fingerprint.js';
import { isGrease, offeredMaxVersion, type ClientHello } from './parse.js';

export type Transport = 't' | 'q';

export class Fingerprint {
  private ja3Text: string | null = null;
  private ja4Text: string | null = null;
  /** The highest non-GREASE version offered (supported_versions, else legacy). */
  readonly offeredMax: number;

  constructor(readonly hello: ClientHello, readonly transport: Transport) {
    this.offeredMax = offeredMaxVersion(hello);
  }

  get ja3(): string {
    return this.ja3Text ??= ja3(this.hello);
  }

  get ja4(): string {
    return this.ja4Text ??= ja4(this.hello, this.transport);
  }

  /** Calls f with every cipher suite offered, GREASE left out. */
  eachCipher(f: (cipher: number) => void): void {
    for (const c of this.hello.ciphers) if (!isGrease(c)) f(c);
  }
}

const FNV_OFFSET = 0x811c9dc5, FNV_PRIME = 0x01000193;

function mix(h: number, v: number): number {
  return Math.imul(h ^ v, FNV_PRIME);
}

/** Mixes the list's values, GREASE left out (random per hello; nothing derived reads it). */
function mixList(h: number, list: readonly number[]): number {
  let n = 0;
  for (let i = 0; i < list.length; i++) {
    const v = list[i] as number;
    if (isGrease(v)) continue;
    h = mix(h, v);
    n++;
  }
  return mix(h, n);
}

/** The lists hold the same values in the same order, GREASE left out. */
function sameList(a: readonly number[], b: readonly number[]): boolean {
  let i = 0, j = 0;
  for (;;) {
    while (i < a.length && isGrease(a[i] as number)) i++;
    while (j < b.length && isGrease(b[j] as number)) j++;
    if (i === a.length || j === b.length) return i === a.length && j === b.length;
    if (a[i] !== b[j]) return false;
    i++;
    j++;
  }
}

/** The hash of what JA3/JA4 read from a ClientHello sent over transport. */
export function fingerprintHash(ch: ClientHello, transport: Transport): number {
  let h = mix(FNV_OFFSET, transport === 't' ? 1 : 2);
  h = mix(h, ch.legacyVersion);
  h = mix(h, ch.sni === null ? 0 : 1);
  const alpn = ch.alpn[0];
  if (alpn === undefined) h = mix(h, 0x10000);
  else for (let i = 0; i < alpn.length; i++) h = mix(h, alpn.charCodeAt(i));
  h = mixList(h, ch.ciphers);
  h = mixList(h, ch.extensions);
  h = mixList(h, ch.groups);
  h = mixList(h, ch.pointFormats);
  h = mixList(h, ch.signatureAlgorithms);
  h = mixList(h, ch.supportedVersions);
  return h >>> 0;
}

/** The ClientHellos give the same JA3, JA4 and offered versions and ciphers (GREASE values aside). */
export function sameFingerprint(a: ClientHello, b: ClientHello): boolean {
  return a.legacyVersion === b.legacyVersion && (a.sni === null) === (b.sni === null) && a.alpn[0] === b.alpn[0]
    && sameList(a.ciphers, b.ciphers) && sameList(a.extensions, b.extensions) && sameList(a.groups, b.groups)
    && sameList(a.pointFormats, b.pointFormats) && sameList(a.signatureAlgorithms, b.signatureAlgorithms)
    && sameList(a.supportedVersions, b.supportedVersions);
}

export class FingerprintBook {
  private readonly byHash = new Map<number, Fingerprint>();
  constructor(private readonly cap = 4096) {}

  get size(): number {
    return this.byHash.size;
  }

  /** The shared Fingerprint of ch (a new one the first time, or an unshared one past the cap or on a collision). */
  intern(ch: ClientHello, transport: Transport): Fingerprint {
    const h = fingerprintHash(ch, transport);
    const had = this.byHash.get(h);
    if (had !== undefined) return had.transport === transport && sameFingerprint(had.hello, ch) ? had : new Fingerprint(ch, transport);
    const fp = new Fingerprint(ch, transport);
    if (this.byHash.size < this.cap) this.byHash.set(h, fp);
    return fp;
  }
}
