/**
 * @module protocols/heuristics/windows
 * Windows networking and RPC: SMB1/SMB2/SMB3 over NetBIOS session or direct TCP (MS-SMB2
 * §2.2.1), the NetBIOS session service (RFC 1002 §4.3), name service (§4.2: encoded names of 32
 * letters A-P) and datagram service (§4.4), DCE/RPC connection-oriented and connectionless
 * (C706 ch. 12; PROFINET IO context management is connectionless DCE/RPC on port 34964), ONC
 * RPC calls (RFC 5531: portmapper, NFS, mountd …), Kerberos (RFC 4120 ASN.1 application tags)
 * and LDAP (RFC 4511 LDAPMessage).
 */
import { u16be, u32be, u16le } from '../../core/bytes.js';
import { protocolIndex } from '../registry.js';
import { type Probe, type ProbeInput } from '../probe.js';

const SMB = protocolIndex('smb'), SMBV1 = protocolIndex('smbv1'), NETBIOS = protocolIndex('netbios');
const DCERPC = protocolIndex('dcerpc'), PROFINET = protocolIndex('profinet-io'), SUNRPC = protocolIndex('sunrpc');
const NFS = protocolIndex('nfs'), KERBEROS = protocolIndex('kerberos'), LDAP = protocolIndex('ldap');

/** SMB header magic at offset p: 0xFF/0xFE/0xFD 'S' 'M' 'B'. 1 = SMB1, 2 = SMB2/3, 0 = none. */
function smbAt(d: Uint8Array, p: number): number {
  if (d[p + 1] !== 0x53 || d[p + 2] !== 0x4d || d[p + 3] !== 0x42) return 0;
  const m = d[p];
  return m === 0xff ? 1 : m === 0xfe || m === 0xfd ? 2 : 0;
}

export const smbProbe: Probe = {
  name: 'smb', l4: 'tcp', minLen: 8, firstBytes: [0x00],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    const v = smbAt(d, o + 4);
    if (v === 0) return 0;
    return v === 1 ? SMBV1 : SMB;
  },
};

/** NetBIOS session service packets (request, responses, retarget, keep-alive) on port 139. */
export const netbiosSessionProbe: Probe = {
  name: 'netbios-session', l4: 'tcp', minLen: 4, firstBytes: [0x00, 0x81, 0x82, 0x83, 0x84, 0x85], ports: [139],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    if (((d[o + 1] as number) & 0xfe) !== 0) return 0;
    const length = (((d[o + 1] as number) & 1) << 16) | u16be(d, o + 2);
    if (d[o] === 0x00) return length + 4 === x.len ? NETBIOS : 0;
    return length + 4 === x.len || (d[o] === 0x81 && length + 4 >= x.len) ? NETBIOS : 0;
  },
};

function isEncodedName(d: Uint8Array, p: number): boolean {
  if (d[p] !== 0x20) return false;
  for (let i = 1; i <= 32; i++) {
    const b = d[p + i] as number;
    if (b < 0x41 || b > 0x50) return false;
  }
  return true;
}

/** NetBIOS name service: a DNS-like header whose first name is a 32-letter encoded NetBIOS name. */
export const netbiosNameProbe: Probe = {
  name: 'netbios-name', l4: 'udp', minLen: 50, ports: [137],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    const qd = u16be(d, o + 4), an = u16be(d, o + 6);
    if (qd + an === 0 || qd > 4 || an > 16) return 0;
    return isEncodedName(d, o + 12) ? NETBIOS : 0;
  },
};

/** NetBIOS datagram service: message types 0x10-0x16 with a source name (SMB browser and mailslots). */
export const netbiosDatagramProbe: Probe = {
  name: 'netbios-datagram', l4: 'udp', minLen: 14, firstBytes: [0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16], ports: [138],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    const type = d[o] as number;
    if (type <= 0x12) return x.len >= 14 + 34 && isEncodedName(d, o + 14) ? NETBIOS : 0;
    return NETBIOS;
  },
};

/** DCE/RPC connection-oriented PDU header (version 5.0/5.1, a known PDU type, NDR data representation). */
export const dcerpcTcpProbe: Probe = {
  name: 'dcerpc-co', l4: 'tcp', minLen: 16, firstBytes: [0x05],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    if ((d[o + 1] as number) > 1 || (d[o + 2] as number) > 19) return 0;
    if (((d[o + 4] as number) & 0xee) !== 0 && ((d[o + 4] as number) & 0xee) !== 0x10) return 0;
    const little = ((d[o + 4] as number) & 0x10) !== 0;
    const fragLen = little ? u16le(d, o + 8) : u16be(d, o + 8);
    return fragLen >= 16 ? DCERPC : 0;
  },
};

/** PROFINET IO CM interface UUID dea00001-6c97-11d1-8271-00a02442df7d, as on the wire (little endian). */
const PNIO_UUID_LE = [0x01, 0x00, 0xa0, 0xde, 0x97, 0x6c, 0xd1, 0x11, 0x82, 0x71];
const PNIO_UUID_BE = [0xde, 0xa0, 0x00, 0x01, 0x6c, 0x97, 0x11, 0xd1, 0x82, 0x71];

function uuidAt(d: Uint8Array, p: number, u: readonly number[]): boolean {
  for (let i = 0; i < u.length; i++) if (d[p + i] !== u[i]) return false;
  return true;
}

/** DCE/RPC connectionless header (version 4, PDU type 0-10, 80 bytes). */
export const dcerpcUdpProbe: Probe = {
  name: 'dcerpc-cl', l4: 'udp', minLen: 80, firstBytes: [0x04],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    if ((d[o + 1] as number) > 10 || ((d[o + 4] as number) & 0xee) !== 0 && ((d[o + 4] as number) & 0xee) !== 0x10) return 0;
    const little = ((d[o + 4] as number) & 0x10) !== 0;
    const bodyLen = little ? u16le(d, o + 74) : u16be(d, o + 74);
    if (bodyLen + 80 > x.len) return 0;
    // The interface UUID is at offset 24.
    if (uuidAt(d, o + 24, little ? PNIO_UUID_LE : PNIO_UUID_BE)) return PROFINET;
    return DCERPC;
  },
};

const RPC_NFS_PROGRAMS = [100003, 100005, 100021, 100024, 100227];

/** ONC RPC call: xid, CALL (0), RPC version 2, a program number. TCP adds a record mark. */
function onCrpcCall(d: Uint8Array, p: number, len: number): number {
  if (len < 24 || u32be(d, p + 4) !== 0 || u32be(d, p + 8) !== 2) return 0;
  const prog = u32be(d, p + 12);
  if (prog === 100000) return SUNRPC;
  for (const n of RPC_NFS_PROGRAMS) if (prog === n) return NFS;
  return prog >= 100000 && prog < 400000 ? SUNRPC : 0;
}

export const oncRpcUdpProbe: Probe = {
  name: 'onc-rpc-udp', l4: 'udp', minLen: 24,
  match(x: ProbeInput): number {
    return x.fromClient || x.dirPackets === 0 ? onCrpcCall(x.data, x.off, x.len) : 0;
  },
};

export const oncRpcTcpProbe: Probe = {
  name: 'onc-rpc-tcp', l4: 'tcp', minLen: 28, firstBytes: [0x80],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    const mark = u32be(d, o) & 0x7fffffff;
    if (mark + 4 < x.len) return 0;
    return onCrpcCall(d, o + 4, x.len - 4);
  },
};

/** Kerberos messages: AS-REQ/REP, TGS-REQ/REP, AP-REQ/REP, KRB-ERROR (APPLICATION 10-14, 30). */
function kerberosAt(d: Uint8Array, p: number): boolean {
  const tag = d[p] as number;
  if (tag !== 0x6a && tag !== 0x6b && tag !== 0x6c && tag !== 0x6d && tag !== 0x6e && tag !== 0x6f && tag !== 0x7e) return false;
  const l = d[p + 1] as number;
  const seq = l < 0x80 ? p + 2 : p + 2 + (l & 0x7f);
  return d[seq] === 0x30;
}

export const kerberosProbe: Probe = {
  name: 'kerberos', l4: 'both', minLen: 8, ports: [88, 464],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    if (x.l4 === 17) return kerberosAt(d, o) ? KERBEROS : 0;
    return u32be(d, o) + 4 >= x.len && kerberosAt(d, o + 4) ? KERBEROS : 0;
  },
};

/** LDAPMessage: SEQUENCE { messageID INTEGER, protocolOp [APPLICATION 0-25] }. */
export const ldapProbe: Probe = {
  name: 'ldap', l4: 'both', minLen: 7, firstBytes: [0x30], ports: [389, 3268],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    const l = d[o + 1] as number;
    let p = l < 0x80 ? o + 2 : o + 2 + (l & 0x7f);
    if (l > 0x84 || d[p] !== 0x02) return 0;
    const idLen = d[p + 1] as number;
    if (idLen < 1 || idLen > 4) return 0;
    p += 2 + idLen;
    if (p >= o + x.len) return 0;
    const op = d[p] as number;
    return (op >= 0x60 && op <= 0x79) || op === 0x42 || op === 0x4a || op === 0x50 ? LDAP : 0;
  },
};

export const WINDOWS_PROBES: readonly Probe[] = [
  smbProbe, netbiosSessionProbe, netbiosNameProbe, netbiosDatagramProbe, dcerpcTcpProbe, dcerpcUdpProbe,
  kerberosProbe, ldapProbe,
];
export const RPC_PROBES: readonly Probe[] = [oncRpcTcpProbe, oncRpcUdpProbe];
