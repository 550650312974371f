/**
 * @module modules/mac_protocols/protocol-names
 * A MAC protocol value (PacketInfo.ethType) as the API shows it and as a path element names it:
 * kind "ethertype" for Ethernet II types and SNAP protocol ids, "llc" for plain 802.2 LLC (by DSAP).
 */
import { etherTypeName } from '../../analysis/names.js';
import { LLC_BASE } from '../../decode/packet-info.js';
import type { JsonObject } from '../resource.js';

export interface ProtocolFields extends JsonObject {
  readonly protocol: string;
  readonly kind: 'llc' | 'ethertype';
  readonly value: number;
  readonly hex: string;
}

export function protocolFields(value: number): ProtocolFields {
  const llc = value >= LLC_BASE;
  return {
    protocol: etherTypeName(value),
    kind: llc ? 'llc' : 'ethertype',
    value: llc ? value - LLC_BASE : value,
    hex: llc ? `0x${(value - LLC_BASE).toString(16).padStart(2, '0')}` : `0x${value.toString(16).padStart(4, '0')}`,
  };
}

/**
 * A path element: a name ("ipv4", "llc-stp"), an EtherType in hex ("0x0800") or decimal, or
 * "llc-0x42". Returns the ethType value, or null when the text names nothing.
 */
export function parseProtocol(text: string, known: Iterable<number>): number | null {
  const t = text.toLowerCase();
  let m = /^llc-0x([0-9a-f]{1,2})$/.exec(t);
  if (m) return LLC_BASE + parseInt(m[1] ?? '0', 16);
  m = /^0x([0-9a-f]{1,4})$/.exec(t);
  if (m) return parseInt(m[1] ?? '0', 16);
  if (/^\d{1,5}$/.test(t)) {
    const v = Number(t);
    return v <= 0xffff ? v : null;
  }
  for (const v of known) if (etherTypeName(v) === t) return v;
  return null;
}
