/**
 * @module modules/qos/dscp
 * The DSCP of an IP header and the names of DiffServ code points (RFC 2474 class selectors,
 * RFC 2597 AF, RFC 3246 EF, RFC 5865 VOICE-ADMIT, RFC 8622 LE). For other modules too: the IP
 * module's per-IP QoS uses `dscpOf`.
 */
import type { PacketInfo } from '../../decode/packet-info.js';

/** DSCP (0–63) of IP header `ipLayer` of the packet (the upper six bits of TOS / traffic class); -1 when absent. */
export function dscpOf(pi: PacketInfo, ipLayer: number): number {
  return ipLayer >= 0 && ipLayer < pi.ipCount ? (pi.ipTos[ipLayer] as number) >> 2 : -1;
}

/** DSCP of the packet's outermost IP header, -1 without IP. */
export function packetDscp(pi: PacketInfo): number {
  return dscpOf(pi, 0);
}

const NAMES: Readonly<Record<number, string>> = {
  0: 'CS0', 1: 'LE', 8: 'CS1', 16: 'CS2', 24: 'CS3', 32: 'CS4', 40: 'CS5', 48: 'CS6', 56: 'CS7',
  10: 'AF11', 12: 'AF12', 14: 'AF13', 18: 'AF21', 20: 'AF22', 22: 'AF23',
  26: 'AF31', 28: 'AF32', 30: 'AF33', 34: 'AF41', 36: 'AF42', 38: 'AF43', 44: 'VOICE-ADMIT', 46: 'EF',
};

/** "EF", "AF41", "CS0" …, or "DSCP 13" for unnamed values. */
export function dscpName(dscp: number): string {
  return NAMES[dscp] ?? `DSCP ${dscp}`;
}

/** The DSCP value of a name ("ef", "AF41") or decimal text, or null. */
export function parseDscp(text: string): number | null {
  if (/^\d{1,2}$/.test(text)) {
    const v = Number(text);
    return v < 64 ? v : null;
  }
  const up = text.toUpperCase();
  for (const [v, name] of Object.entries(NAMES)) if (name === up) return Number(v);
  return null;
}

const PCP_NAMES: readonly string[] = ['BE', 'BK', 'EE', 'CA', 'VI', 'VO', 'IC', 'NC'];

/** IEEE 802.1Q traffic type of a PCP value (0 best effort … 7 network control). */
export function pcpName(pcp: number): string {
  return PCP_NAMES[pcp] ?? `PCP ${pcp}`;
}
