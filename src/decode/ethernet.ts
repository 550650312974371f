/**
 * @module decode/ethernet
 * Ethernet II and IEEE 802.3 with 802.2 LLC / SNAP.
 *
 * Ethernet header i enters the eth* stack when its 14 bytes are captured. ethType[i] is the protocol
 * after the header's VLAN tags: an EtherType, LLC_BASE + DSAP for plain LLC, or the SNAP protocol id
 * for SNAP (decoding goes on only for SNAP OUI 00-00-00, where the protocol id is an EtherType).
 * An 802.3 length field narrows the frame, so padding is excluded from the payload.
 */
import { anomalyIndex } from './anomalies.js';
import { ETHER_TYPE_LAYER, Layer } from './dispatch.js';
import { LLC_BASE, MAX_ETH_LAYERS, type PacketInfo } from './packet-info.js';
import type { DecodeState } from './state.js';

const A_ETH_TRUNCATED = anomalyIndex('eth.truncated');
const A_LLC_TRUNCATED = anomalyIndex('llc.truncated');
const A_TOO_MANY_LAYERS = anomalyIndex('frame.too_many_layers');

/** Largest 802.3 length value; larger type fields (from 0x0600) are EtherTypes. */
const MAX_8023_LENGTH = 1500;
const SNAP_SAP = 0xaa;
const LLC_UI = 0x03;

/** The 48-bit MAC address at p, as one exact integer. */
export function macAt(dv: DataView, p: number): number {
  return dv.getUint16(p) * 0x100000000 + dv.getUint32(p + 2);
}

/** Next layer for the type field of an Ethernet header or VLAN tag (EtherType or 802.3 length). */
export function nextAfterEthernetType(s: DecodeState, type: number): number {
  s.etherType = type;
  if (type <= MAX_8023_LENGTH) {
    s.narrow(s.pos, type);
    return Layer.Llc;
  }
  return ETHER_TYPE_LAYER[type] as number;
}

export function decodeEthernet(s: DecodeState, out: PacketInfo): number {
  const dv = s.dv, p = s.pos;
  if (p + 14 > s.end) {
    s.raise(out, A_ETH_TRUNCATED);
    return Layer.None;
  }
  const i = out.ethCount;
  if (i >= MAX_ETH_LAYERS) {
    s.raise(out, A_TOO_MANY_LAYERS);
    return Layer.None;
  }
  out.ethDst[i] = macAt(dv, p);
  out.ethSrc[i] = macAt(dv, p + 6);
  const type = dv.getUint16(p + 12);
  out.ethType[i] = type;
  out.ethCount = i + 1;
  s.ethOpen = i;
  s.pos = p + 14;
  return nextAfterEthernetType(s, type);
}

/** 802.2 LLC (and SNAP) after an 802.3 length field. */
export function decodeLlc(s: DecodeState, out: PacketInfo): number {
  const d = s.d, dv = s.dv, p = s.pos;
  if (p + 3 > s.end) {
    s.raise(out, A_LLC_TRUNCATED);
    return Layer.None;
  }
  const dsap = d[p] as number, ssap = d[p + 1] as number, control = d[p + 2] as number;
  const e = s.ethOpen;
  if (dsap === SNAP_SAP && ssap === SNAP_SAP && control === LLC_UI) {
    if (p + 8 > s.end) {
      if (e >= 0) out.ethType[e] = LLC_BASE + dsap;
      s.raise(out, A_LLC_TRUNCATED);
      return Layer.None;
    }
    const oui = dv.getUint32(p + 2) & 0xffffff, pid = dv.getUint16(p + 6);
    if (e >= 0) out.ethType[e] = pid;
    s.pos = p + 8;
    if (oui !== 0) return Layer.None;
    s.etherType = pid;
    return ETHER_TYPE_LAYER[pid] as number;
  }
  if (e >= 0) out.ethType[e] = LLC_BASE + dsap;
  // U-format PDUs have a 1-byte control field, I- and S-format a 2-byte one.
  const len = (control & 3) === 3 ? 3 : 4;
  if (p + len > s.end) {
    s.raise(out, A_LLC_TRUNCATED);
    return Layer.None;
  }
  s.pos = p + len;
  return Layer.None;
}
