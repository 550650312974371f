/**
 * @module protocols/quic/keys
 * Initial packet protection keys (RFC 9001 §5.2, RFC 9369 §3.3.1 for QUIC v2): HKDF-Extract of
 * the client's Destination Connection ID with the version's salt, then HKDF-Expand-Label (RFC 8446
 * §7.1) for the client or server secret and its key, IV and header-protection key. SHA-256 and
 * AES-128 only (what Initial packets use), with node:crypto.
 */
import { createHmac } from 'node:crypto';

export const QuicVersion = { V1: 0x00000001, V2: 0x6b3343cf } as const;

const SALT_V1 = Buffer.from('38762cf7f55934b34d179ae6a4c80cadccbb7f0a', 'hex');
const SALT_V2 = Buffer.from('0dede3def700a6db819381be6e269dcbf9bd2ed9', 'hex');
/** Drafts 29 to 32 share one salt. */
const SALT_D29 = Buffer.from('afbfec289993d24c9e9786f19c6111e04390a899', 'hex');

export interface InitialKeys {
  readonly key: Buffer;
  readonly iv: Buffer;
  readonly hp: Buffer;
}

/** The salt of a version whose Initial protection wiremeter knows, else null. */
export function initialSalt(version: number): Buffer | null {
  if (version === QuicVersion.V1) return SALT_V1;
  if (version === QuicVersion.V2) return SALT_V2;
  if (version >= 0xff00001d && version <= 0xff000020) return SALT_D29;
  return null;
}

/** A readable name of a QUIC version. */
export function quicVersionName(version: number): string {
  if (version === QuicVersion.V1) return 'QUICv1';
  if (version === QuicVersion.V2) return 'QUICv2';
  if ((version >>> 8) === 0xff0000) return `draft-${version & 0xff}`;
  return `0x${version.toString(16).padStart(8, '0')}`;
}

export function hkdfExtract(salt: Uint8Array, ikm: Uint8Array): Buffer {
  return createHmac('sha256', salt).update(ikm).digest();
}

/** The HkdfLabel blocks (RFC 8446 §7.1) by length and label, built once: a handful of labels exist. */
const labelInfo = new Map<string, Buffer>();

function expandInfo(label: string, length: number): Buffer {
  const k = `${length} ${label}`;
  let info = labelInfo.get(k);
  if (info === undefined) {
    const full = Buffer.from(`tls13 ${label}`, 'latin1');
    info = Buffer.alloc(2 + 1 + full.length + 1 + 1);
    info.writeUInt16BE(length, 0);
    info[2] = full.length;
    full.copy(info, 3);
    info[3 + full.length] = 0; // empty context
    info[4 + full.length] = 1; // HKDF-Expand counter
    if (labelInfo.size < 64) labelInfo.set(k, info);
  }
  return info;
}

/** HKDF-Expand-Label with an empty context, for lengths up to 32 bytes (one HMAC block). */
export function hkdfExpandLabel(secret: Uint8Array, label: string, length: number): Buffer {
  return createHmac('sha256', secret).update(expandInfo(label, length)).digest().subarray(0, length);
}

/** The Initial keys of one side (client: "client in") for a version and the client's DCID. */
export function initialKeys(version: number, dcid: Uint8Array, side: 'client' | 'server'): InitialKeys | null {
  const salt = initialSalt(version);
  if (salt === null) return null;
  const secret = hkdfExpandLabel(hkdfExtract(salt, dcid), side === 'client' ? 'client in' : 'server in', 32);
  const v2 = version === QuicVersion.V2;
  return {
    key: hkdfExpandLabel(secret, v2 ? 'quicv2 key' : 'quic key', 16),
    iv: hkdfExpandLabel(secret, v2 ? 'quicv2 iv' : 'quic iv', 12),
    hp: hkdfExpandLabel(secret, v2 ? 'quicv2 hp' : 'quic hp', 16),
  };
}
