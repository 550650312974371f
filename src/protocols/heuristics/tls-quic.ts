/**
 * @module protocols/heuristics/tls-quic
 * Encrypted transports. TLS (RFC 8446 §5.1): a record header, content type 20-23, version 3.x,
 * a plausible length; application data records count too, so a connection joined mid-stream is
 * still TLS (the engine then names IMAPS, LDAPS … by port). SSLv2-framed ClientHellos as well.
 * DTLS (RFC 9147): the same header with version 0xfeXX. QUIC (RFC 9000 §17.2, RFC 9369): a long
 * header with a known version (v1, v2, drafts, Google T0xx/Q0xx, Facebook mvfst), and Google
 * QUIC's public header with a "Q0" version.
 */
import { u16be, u32be } from '../../core/bytes.js';
import { protocolIndex } from '../registry.js';
import { byteRange, type Probe, type ProbeInput } from '../probe.js';

const TLS = protocolIndex('tls'), DTLS = protocolIndex('dtls'), QUIC = protocolIndex('quic');

export const tlsProbe: Probe = {
  name: 'tls', l4: 'tcp', minLen: 5, firstBytes: [0x14, 0x15, 0x16, 0x17],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    if (d[o + 1] !== 3 || (d[o + 2] as number) > 4) return 0;
    const recLen = u16be(d, o + 3);
    if (recLen === 0 || recLen > 18432) return 0;
    if (d[o] === 0x16 && x.len >= 6) {
      const hs = d[o + 5] as number;
      if (hs !== 1 && hs !== 2 && hs !== 11 && hs !== 12 && hs !== 14 && hs !== 16 && hs !== 4 && hs !== 8) return 0;
    }
    return TLS;
  },
};

/** An SSLv2-framed ClientHello (2-byte header with the high bit, message type 1, version 2 or 3.x). */
export const sslv2Probe: Probe = {
  name: 'sslv2', l4: 'tcp', minLen: 11, firstBytes: byteRange(0x80, 0x81),
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    const recLen = ((d[o] as number) & 0x7f) * 256 + (d[o + 1] as number);
    if (recLen + 2 !== x.len || d[o + 2] !== 1) return 0;
    const major = d[o + 3] as number, minor = d[o + 4] as number;
    return (major === 3 && minor <= 4) || (major === 0 && minor === 2) ? TLS : 0;
  },
};

export const dtlsProbe: Probe = {
  name: 'dtls', l4: 'udp', minLen: 13, firstBytes: [0x14, 0x15, 0x16, 0x17],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    if (d[o + 1] !== 0xfe) return 0;
    const minor = d[o + 2] as number;
    if (minor !== 0xff && minor !== 0xfd && minor !== 0xfc) return 0;
    const recLen = u16be(d, o + 11);
    return recLen > 0 && recLen + 13 <= x.len ? DTLS : 0;
  },
};

function knownQuicVersion(v: number): boolean {
  if (v === 1 || v === 0x6b3343cf) return true; // v1, v2
  if (v >>> 8 === 0xff0000) return (v & 0xff) >= 0x1b && (v & 0xff) <= 0x22; // drafts 27-34
  if ((v & 0xffff0000) >>> 0 === 0x51300000 || (v & 0xffff0000) >>> 0 === 0x54300000) return true; // Q0xx, T0xx
  if (v >>> 4 === 0xfaceb00) return true; // mvfst
  return (v & 0x0f0f0f0f) === 0x0a0a0a0a; // version greasing (RFC 9000 §15)
}

export const quicProbe: Probe = {
  name: 'quic', l4: 'udp', minLen: 7, firstBytes: byteRange(0xc0, 0xff),
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    const v = u32be(d, o + 1);
    if (v === 0) return x.len >= 7 && !x.fromClient ? QUIC : 0; // version negotiation
    if (!knownQuicVersion(v)) return 0;
    const dcidLen = d[o + 5] as number;
    return dcidLen <= 20 && 6 + dcidLen < x.len ? QUIC : 0;
  },
};

/** Google QUIC public header (flags with the version bit, an 8-byte CID, version "Q0dd"). */
export const gquicProbe: Probe = {
  name: 'gquic', l4: 'udp', minLen: 13, firstBytes: byteRange(0x01, 0x7f).filter((b) => (b & 0x09) === 0x09),
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    return d[o + 9] === 0x51 && d[o + 10] === 0x30 && isDigit(d[o + 11]) && isDigit(d[o + 12]) ? QUIC : 0;
  },
};

function isDigit(b: number | undefined): boolean {
  return b !== undefined && b >= 0x30 && b <= 0x39;
}

export const TLS_QUIC_PROBES: readonly Probe[] = [tlsProbe, sslv2Probe, dtlsProbe, quicProbe, gquicProbe];
