/**
 * @module protocols/heuristics/industrial
 * Industrial and building automation: Modbus/TCP (MBAP header: protocol id 0, length), IEC
 * 60870-5-104 (APCI start byte 0x68 and a valid I/S/U control field), S7comm (TPKT + COTP, S7
 * protocol id 0x32; or COTP connection set-up on port 102), DNP3 (link start 0x05 0x64), OPC UA
 * binary (message type, chunk type, little-endian size), BACnet/IP (BVLC type 0x81, function,
 * length), EtherNet/IP (encapsulation command and length), KNXnet/IP (header 0x06 0x10).
 */
import { u16be, u16le, u32le } from '../../core/bytes.js';
import { protocolIndex } from '../registry.js';
import { type Probe, type ProbeInput } from '../probe.js';
import { isTpkt } from './remote-access.js';

const MODBUS = protocolIndex('modbus'), IEC104 = protocolIndex('iec60870'), S7 = protocolIndex('s7comm');
const DNP3 = protocolIndex('dnp3'), OPCUA = protocolIndex('opcua'), BACNET = protocolIndex('bacnet');
const ENIP = protocolIndex('ethernetip'), KNX = protocolIndex('knx');

export const modbusProbe: Probe = {
  name: 'modbus', l4: 'tcp', minLen: 8, ports: [502],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    if (d[o + 2] !== 0 || d[o + 3] !== 0) return 0;
    const length = u16be(d, o + 4);
    const fc = (d[o + 7] as number) & 0x7f;
    return length >= 2 && length + 6 <= x.len + 260 && length <= 254 && fc >= 1 && fc <= 127 ? MODBUS : 0;
  },
};

function iec104Control(b: number): boolean {
  if ((b & 1) === 0) return true; // I-format
  if ((b & 3) === 1) return b === 1; // S-format
  return b === 0x07 || b === 0x0b || b === 0x13 || b === 0x23 || b === 0x43 || b === 0x83; // U-format
}

export const iec104Probe: Probe = {
  name: 'iec104', l4: 'tcp', minLen: 6, firstBytes: [0x68],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    const apduLen = d[o + 1] as number;
    if (apduLen < 4 || apduLen + 2 > x.len) return 0;
    if (!iec104Control(d[o + 2] as number)) return 0;
    // Every APDU of the segment must start with 0x68.
    let p = o;
    const end = o + x.len;
    while (p < end) {
      if (d[p] !== 0x68) return 0;
      p += 2 + (d[p + 1] as number);
    }
    return p === end ? IEC104 : 0;
  },
};

export const s7commProbe: Probe = {
  name: 's7comm', l4: 'tcp', minLen: 8, firstBytes: [0x03],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    if (!isTpkt(d, o, x.len)) return 0;
    const code = (d[o + 5] as number) & 0xf0;
    if (code === 0xf0) {
      const s7 = o + 5 + (d[o + 4] as number);
      const id = d[s7];
      return id === 0x32 || id === 0x72 ? S7 : 0;
    }
    return (code === 0xe0 || code === 0xd0) && (x.serverPort === 102 || x.clientPort === 102) ? S7 : 0;
  },
};

export const dnp3Probe: Probe = {
  name: 'dnp3', l4: 'both', minLen: 10, firstBytes: [0x05],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    return d[o + 1] === 0x64 && (d[o + 2] as number) >= 5 ? DNP3 : 0;
  },
};

const OPC_TYPES = [0x48454c, 0x41434b, 0x4f504e, 0x4d5347, 0x434c4f, 0x455252, 0x524845]; // HEL ACK OPN MSG CLO ERR RHE

export const opcuaProbe: Probe = {
  name: 'opcua', l4: 'tcp', minLen: 8, firstBytes: [0x48, 0x41, 0x4f, 0x4d, 0x43, 0x45, 0x52],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    const t = ((d[o] as number) << 16) | ((d[o + 1] as number) << 8) | (d[o + 2] as number);
    if (!OPC_TYPES.includes(t)) return 0;
    const chunk = d[o + 3];
    if (chunk !== 0x46 && chunk !== 0x43 && chunk !== 0x41) return 0;
    const size = u32le(d, o + 4);
    return size >= 8 && size <= 0x1000000 && (size === x.len || size > x.len || x.len - size >= 8) ? OPCUA : 0;
  },
};

export const bacnetProbe: Probe = {
  name: 'bacnet', l4: 'udp', minLen: 4, firstBytes: [0x81],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    return (d[o + 1] as number) <= 0x0c && u16be(d, o + 2) === x.len ? BACNET : 0;
  },
};

const ENIP_COMMANDS = [0x0001, 0x0004, 0x0063, 0x0064, 0x0065, 0x0066, 0x006f, 0x0070, 0x0072, 0x0073];

export const ethernetIpProbe: Probe = {
  name: 'ethernetip', l4: 'both', minLen: 24, firstBytes: [0x01, 0x04, 0x63, 0x64, 0x65, 0x66, 0x6f, 0x70, 0x72, 0x73],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    const command = u16le(d, o);
    if (!ENIP_COMMANDS.includes(command)) return 0;
    const length = u16le(d, o + 2);
    if (length + 24 !== x.len && !(x.l4 === 6 && length + 24 > x.len)) return 0;
    return x.serverPort === 44818 || x.serverPort === 2222 || length + 24 === x.len ? ENIP : 0;
  },
};

export const knxProbe: Probe = {
  name: 'knx', l4: 'both', minLen: 6, firstBytes: [0x06],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    return d[o + 1] === 0x10 && (d[o + 2] as number) >= 2 && (d[o + 2] as number) <= 0x09 && u16be(d, o + 4) === x.len ? KNX : 0;
  },
};

export const INDUSTRIAL_PROBES: readonly Probe[] = [
  modbusProbe, iec104Probe, s7commProbe, dnp3Probe, opcuaProbe, bacnetProbe, ethernetIpProbe, knxProbe,
];
