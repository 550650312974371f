/**
 * @module protocols/heuristics/remote-access
 * Remote shells and desktops: SSH (RFC 4253 §4.2 identification string), Telnet (RFC 854 option
 * negotiation), RDP (TPKT + X.224 Connection Request, MS-RDPBCGR §2.2.1.1), VNC (RFB 3.x version
 * string, RFC 6143), X11 (connection setup byte order and version 11), Radmin (its 4-byte marker
 * and length framing on port 4899), TeamViewer (its 0x17 0x24 / 0x11 0x30 framing on port 5938).
 */
import { u16be, u32be } from '../../core/bytes.js';
import { protocolIndex } from '../registry.js';
import { ascii, bytesAt, indexOfBytes, type Probe, type ProbeInput } from '../probe.js';

const SSH = protocolIndex('ssh'), TELNET = protocolIndex('telnet'), RDP = protocolIndex('rdp');
const VNC = protocolIndex('vnc'), X11 = protocolIndex('x11'), RADMIN = protocolIndex('radmin');
const TEAMVIEWER = protocolIndex('teamviewer');

const SSH_ID = ascii('SSH-'), RFB = ascii('RFB 00'), COOKIE = ascii('Cookie: mstshash=');

export const sshProbe: Probe = {
  name: 'ssh', l4: 'tcp', minLen: 8, firstBytes: [0x53],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    if (!bytesAt(d, o, o + x.len, SSH_ID)) return 0;
    const major = d[o + 4];
    return (major === 0x32 || major === 0x31) && d[o + 5] === 0x2e ? SSH : 0;
  },
};

export const telnetProbe: Probe = {
  name: 'telnet', l4: 'tcp', minLen: 3, firstBytes: [0xff],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    const cmd = d[o + 1] as number;
    if (cmd < 0xfa || cmd === 0xff) return 0;
    // Every IAC sequence of the packet must be well formed (commands 240-254).
    const limit = o + x.len;
    for (let i = o; i < limit && i < o + 32;) {
      if (d[i] !== 0xff) return i > o ? TELNET : 0;
      const c = d[i + 1];
      if (c === undefined || i + 1 >= limit || c < 0xf0 || c === 0xff) return 0;
      i += c >= 0xfb ? 3 : 2;
    }
    return TELNET;
  },
};

/** TPKT (RFC 1006) header with a plausible length; X.224 PDU code at offset 5. */
export function isTpkt(d: Uint8Array, o: number, len: number): boolean {
  if (d[o] !== 3 || d[o + 1] !== 0 || len < 7) return false;
  const tpktLen = u16be(d, o + 2);
  return tpktLen >= 7 && tpktLen <= len + 65535 && (d[o + 4] as number) + 5 <= tpktLen;
}

export const rdpProbe: Probe = {
  name: 'rdp', l4: 'tcp', minLen: 11, firstBytes: [0x03],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    if (!isTpkt(d, o, x.len) || u16be(d, o + 2) !== x.len) return 0;
    const code = d[o + 5];
    if (code !== 0xe0 && code !== 0xd0) return 0;
    if (indexOfBytes(d, o + 11, o + x.len, COOKIE) >= 0) return RDP;
    // RDP_NEG_REQ / RDP_NEG_RSP at the end of the PDU: type 1/2/3, flags, length 8.
    const neg = o + x.len - 8;
    if (neg >= o + 11 && (d[neg] === 1 || d[neg] === 2 || d[neg] === 3) && d[neg + 2] === 8 && d[neg + 3] === 0) return RDP;
    return x.serverPort === 3389 ? RDP : 0;
  },
};

export const vncProbe: Probe = {
  name: 'vnc', l4: 'tcp', minLen: 12, firstBytes: [0x52],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    return bytesAt(d, o, o + x.len, RFB) && d[o + 7] === 0x2e && d[o + 11] === 0x0a ? VNC : 0;
  },
};

export const x11Probe: Probe = {
  name: 'x11', l4: 'tcp', minLen: 12, firstBytes: [0x6c, 0x42],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    if (!x.fromClient || x.dirPackets !== 0 || d[o + 1] !== 0) return 0;
    const little = d[o] === 0x6c;
    const major = little ? (d[o + 2] as number) | ((d[o + 3] as number) << 8) : u16be(d, o + 2);
    return major === 11 ? X11 : 0;
  },
};

/** Radmin frames: 01 00 00 00, a length byte N, and N + 9 bytes in all. */
export const radminProbe: Probe = {
  name: 'radmin', l4: 'tcp', minLen: 10, firstBytes: [0x01], ports: [4899],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    if (u32be(d, o) !== 0x01000000) return 0;
    return (d[o + 4] as number) + 9 === x.len && d[o + 5] === 0 && d[o + 6] === 0 ? RADMIN : 0;
  },
};

export const teamviewerProbe: Probe = {
  name: 'teamviewer', l4: 'both', minLen: 4, firstBytes: [0x17, 0x11], ports: [5938],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    return (d[o] === 0x17 && d[o + 1] === 0x24) || (d[o] === 0x11 && d[o + 1] === 0x30) ? TEAMVIEWER : 0;
  },
};

export const REMOTE_ACCESS_PROBES: readonly Probe[] = [sshProbe, telnetProbe, vncProbe, x11Probe, radminProbe, teamviewerProbe];
export const RDP_PROBES: readonly Probe[] = [rdpProbe];
