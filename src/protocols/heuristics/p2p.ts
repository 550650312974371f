/**
 * @module protocols/heuristics/p2p
 * Peer to peer: BitTorrent (the 0x13 "BitTorrent protocol" handshake, BEP 3; DHT bencoded
 * queries and replies, BEP 5), eDonkey (0xE3/0xC5 marker and a little-endian length), Gnutella
 * ("GNUTELLA CONNECT"), Bitcoin (network magic 0xF9BEB4D9 and an ASCII command).
 */
import { u32le } from '../../core/bytes.js';
import { protocolIndex } from '../registry.js';
import { ascii, bytesAt, type Probe, type ProbeInput } from '../probe.js';

const BITTORRENT = protocolIndex('bittorrent'), EDONKEY = protocolIndex('edonkey');
const GNUTELLA = protocolIndex('gnutella'), BITCOIN = protocolIndex('bitcoin');

const BT = ascii('\x13BitTorrent protocol'), DHT = ascii('d1:'), GNUTELLA_HELLO = ascii('GNUTELLA CONNECT');
const BTC_MAGIC = [0xf9, 0xbe, 0xb4, 0xd9];

export const bittorrentProbe: Probe = {
  name: 'bittorrent', l4: 'both', minLen: 8, firstBytes: [0x13, 0x64],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off, limit = o + x.len;
    if (d[o] === 0x13) return x.l4 === 6 && bytesAt(d, o, limit, BT) ? BITTORRENT : 0;
    if (x.l4 !== 17 || !bytesAt(d, o, limit, DHT)) return 0;
    const k = d[o + 3];
    return (k === 0x61 || k === 0x72 || k === 0x65) && d[o + 4] === 0x64 && d[limit - 1] === 0x65 ? BITTORRENT : 0;
  },
};

export const edonkeyProbe: Probe = {
  name: 'edonkey', l4: 'tcp', minLen: 6, firstBytes: [0xe3, 0xc5, 0xd4],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    return u32le(d, o + 1) + 5 === x.len && (d[o + 5] === 0x01 || d[o + 5] === 0x4c || x.serverPort === 4662) ? EDONKEY : 0;
  },
};

export const gnutellaProbe: Probe = {
  name: 'gnutella', l4: 'tcp', minLen: 16, firstBytes: [0x47],
  match(x: ProbeInput): number {
    return bytesAt(x.data, x.off, x.off + x.len, GNUTELLA_HELLO) ? GNUTELLA : 0;
  },
};

export const bitcoinProbe: Probe = {
  name: 'bitcoin', l4: 'tcp', minLen: 24, firstBytes: [0xf9],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    for (let i = 0; i < 4; i++) if (d[o + i] !== BTC_MAGIC[i]) return 0;
    const c = d[o + 4] as number;
    return c >= 0x61 && c <= 0x7a ? BITCOIN : 0;
  },
};

export const P2P_PROBES: readonly Probe[] = [bittorrentProbe, edonkeyProbe, gnutellaProbe, bitcoinProbe];
