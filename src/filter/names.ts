/**
 * @module filter/names
 * Names the capture filter accepts for numeric values: MAC protocols (analysis/names.ts EtherType
 * and LLC names, plus `IP`, `SLOW`, `Non IP`), IP protocols (`TCP`, `ICMPv6` …), RTP payload types
 * (RFC 3551 static types), PROFINET CM operations, destination MAC types. All case-insensitive.
 */
import { etherTypeName, ipProtocolName } from '../analysis/names.js';
import { LLC_BASE } from '../decode/packet-info.js';

/** macProtocol value meaning "the frame carries no IP header". */
export const NON_IP = 0x20000;

let etherTypes: Map<string, number> | null = null;

export function macProtocolByName(text: string): number | null {
  if (etherTypes === null) {
    etherTypes = new Map();
    for (let v = 0; v <= 0xffff; v++) {
      const n = etherTypeName(v);
      if (!n.startsWith('0x')) etherTypes.set(n, v);
    }
    for (let v = LLC_BASE; v <= LLC_BASE + 0xff; v++) {
      const n = etherTypeName(v);
      if (!n.includes('0x')) etherTypes.set(n, v);
    }
    etherTypes.set('ip', 0x0800).set('slow', 0x8809).set('non ip', NON_IP).set('nonip', NON_IP).set('non-ip', NON_IP);
  }
  return etherTypes.get(text.trim().toLowerCase()) ?? null;
}

let ipProtocols: Map<string, number> | null = null;

export function ipProtocolByName(text: string): number | null {
  if (ipProtocols === null) {
    ipProtocols = new Map();
    for (let v = 0; v < 256; v++) {
      const n = ipProtocolName(v);
      if (!n.startsWith('ip-proto')) ipProtocols.set(n, v);
    }
  }
  return ipProtocols.get(text.trim().toLowerCase()) ?? null;
}

const RTP_TYPES: Readonly<Record<string, number>> = {
  pcmu: 0, gsm: 3, g723: 4, dvi4: 5, lpc: 7, pcma: 8, g722: 9, l16: 10, qcelp: 12, cn: 13, mpa: 14,
  g728: 15, g729: 18, celb: 25, jpeg: 26, nv: 28, h261: 31, mpv: 32, mp2t: 33, h263: 34,
};

export function rtpPayloadTypeByName(text: string): number | null {
  return RTP_TYPES[text.trim().toLowerCase()] ?? null;
}

const CM_OPNUMS: Readonly<Record<string, number>> = { connect: 0, release: 1, read: 2, write: 3, control: 4, 'read implicit': 5, readimplicit: 5 };

export function profinetCmOpnumByName(text: string): number | null {
  return CM_OPNUMS[text.trim().toLowerCase()] ?? null;
}

export const MAC_TYPES = ['unicast', 'broadcast', 'multicast'] as const;

export function macTypeByName(text: string): number | null {
  const i = (MAC_TYPES as readonly string[]).indexOf(text.trim().toLowerCase());
  return i < 0 ? null : i;
}
