/**
 * @module protocols/heuristics/network-services
 * Infrastructure protocols over UDP (and DNS over TCP): DNS (RFC 1035 §4.1: header and a
 * well-formed first question), mDNS and LLMNR by port, DHCP (RFC 2131: BOOTP with the magic
 * cookie), DHCPv6 (RFC 8415 message types), NTP (RFC 5905: version and mode), SNMP (RFC 3416:
 * BER SEQUENCE, version, community), Syslog (RFC 5424/3164: "<PRI>"), STUN (RFC 8489: magic
 * cookie), TFTP (RFC 1350), IKE (RFC 7296 header), WireGuard (message sizes), RADIUS (RFC 2865).
 */
import { u16be, u32be } from '../../core/bytes.js';
import { protocolIndex } from '../registry.js';
import { byteRange, type Probe, type ProbeInput } from '../probe.js';

const DNS = protocolIndex('dns'), MDNS = protocolIndex('mdns'), LLMNR = protocolIndex('llmnr');
const DHCP = protocolIndex('dhcp'), DHCPV6 = protocolIndex('dhcpv6'), NTP = protocolIndex('ntp');
const SNMP = protocolIndex('snmp'), SYSLOG = protocolIndex('syslog'), STUN = protocolIndex('stun');
const TFTP = protocolIndex('tftp'), IPSEC = protocolIndex('ipsec'), WIREGUARD = protocolIndex('wireguard');
const RADIUS = protocolIndex('radius');

/** A DNS message at p (len bytes): sane header and a first question whose labels end in the data. */
export function isDnsMessage(d: Uint8Array, p: number, len: number): boolean {
  if (len < 12) return false;
  const flags = u16be(d, p + 2), opcode = (flags >>> 11) & 0x0f;
  if (opcode > 6 || opcode === 3) return false;
  const qd = u16be(d, p + 4), an = u16be(d, p + 6), ns = u16be(d, p + 8), ar = u16be(d, p + 10);
  if (qd > 8 || an > 256 || ns > 256 || ar > 256) return false;
  if (qd === 0) return ((flags & 0x8000) !== 0 && an + ns + ar > 0) || opcode === 5;
  let i = p + 12;
  const end = p + len;
  for (let labels = 0; labels < 128; labels++) {
    if (i >= end) return false;
    const l = d[i] as number;
    if (l === 0) return i + 5 <= end;
    if ((l & 0xc0) === 0xc0) return i + 6 <= end;
    if (l > 63) return false;
    i += 1 + l;
  }
  return false;
}

export const dnsProbe: Probe = {
  name: 'dns', l4: 'both', minLen: 12, ports: [53, 5353, 5355],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    const ok = x.l4 === 17 ? isDnsMessage(d, o, x.len) : u16be(d, o) + 2 >= x.len && isDnsMessage(d, o + 2, x.len - 2);
    if (!ok) return 0;
    if (x.serverPort === 53 || x.clientPort === 53) return DNS;
    if (x.serverPort === 5353 || x.clientPort === 5353) return MDNS;
    return LLMNR;
  },
};

export const dhcpProbe: Probe = {
  name: 'dhcp', l4: 'udp', minLen: 240, firstBytes: [1, 2],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    return d[o + 2] !== undefined && (d[o + 2] as number) <= 20 && u32be(d, o + 236) === 0x63825363 ? DHCP : 0;
  },
};

export const dhcpv6Probe: Probe = {
  name: 'dhcpv6', l4: 'udp', minLen: 4, firstBytes: byteRange(1, 13), ports: [546, 547],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off, type = d[o] as number;
    if (type === 12 || type === 13) return x.len >= 34 ? DHCPV6 : 0; // relay: hop count, link, peer
    // Options follow the 4-byte header: code (1-143) and length within the datagram.
    if (x.len === 4) return DHCPV6;
    if (x.len < 8) return 0;
    const code = u16be(d, o + 4), len = u16be(d, o + 6);
    return code > 0 && code < 256 && 8 + len <= x.len ? DHCPV6 : 0;
  },
};

export const ntpProbe: Probe = {
  name: 'ntp', l4: 'udp', minLen: 48, ports: [123],
  match(x: ProbeInput): number {
    const b = x.data[x.off] as number, version = (b >>> 3) & 7, mode = b & 7;
    return version >= 1 && version <= 4 && mode >= 1 && mode <= 5 ? NTP : 0;
  },
};

/** SNMP: SEQUENCE { version INTEGER (0, 1, 3), community OCTET STRING | v3 header SEQUENCE … }. */
export const snmpProbe: Probe = {
  name: 'snmp', l4: 'udp', minLen: 16, firstBytes: [0x30],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    const l = d[o + 1] as number;
    if (l > 0x83) return 0;
    const p = l < 0x80 ? o + 2 : o + 2 + (l & 0x7f);
    if (d[p] !== 0x02 || d[p + 1] !== 0x01) return 0;
    const v = d[p + 2];
    if (v === 0 || v === 1) return d[p + 3] === 0x04 ? SNMP : 0;
    return v === 3 && d[p + 3] === 0x30 ? SNMP : 0;
  },
};

/** Syslog: "<PRI>" with PRI 0-191, then a version digit, a month letter, a digit or a space. */
export const syslogProbe: Probe = {
  name: 'syslog', l4: 'both', minLen: 5, firstBytes: [0x3c],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    let i = o + 1, pri = 0;
    for (; i < o + 4; i++) {
      const b = d[i] as number;
      if (b < 0x30 || b > 0x39) break;
      pri = pri * 10 + b - 0x30;
    }
    if (i === o + 1 || d[i] !== 0x3e || pri > 191 || i + 1 >= o + x.len) return 0;
    const next = d[i + 1] as number;
    const plausible = next === 0x20 || (next >= 0x30 && next <= 0x39) || (next >= 0x41 && next <= 0x5a) || (next >= 0x61 && next <= 0x7a) || next === 0x2a || next === 0x25;
    if (!plausible) return 0;
    return x.l4 === 17 || x.fromClient ? SYSLOG : 0;
  },
};

export const stunProbe: Probe = {
  name: 'stun', l4: 'both', minLen: 20, firstBytes: [0x00, 0x01],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    const msgLen = u16be(d, o + 2);
    if ((msgLen & 3) !== 0) return 0;
    if (u32be(d, o + 4) === 0x2112a442) return msgLen + 20 <= x.len ? STUN : 0;
    // RFC 3489 (no cookie): a binding request/response of exactly the announced length on a STUN port.
    const type = u16be(d, o);
    const classic = type === 0x0001 || type === 0x0101 || type === 0x0111;
    return classic && msgLen + 20 === x.len && (x.serverPort === 3478 || x.serverPort === 3479) ? STUN : 0;
  },
};

/** TFTP read/write request: opcode 1/2, a file name, then mode "octet"/"netascii"/"mail". */
export const tftpProbe: Probe = {
  name: 'tftp', l4: 'udp', minLen: 9, firstBytes: [0x00], ports: [69],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off, end = o + x.len;
    const op = d[o + 1] as number;
    if (op === 3 || op === 4 || op === 5) return x.len >= 4 ? TFTP : 0;
    if (op !== 1 && op !== 2) return 0;
    let i = o + 2;
    while (i < end && d[i] !== 0) i++;
    if (i === o + 2 || i + 5 >= end) return 0;
    const m = (d[i + 1] as number) | 0x20;
    return m === 0x6f || m === 0x6e || m === 0x6d ? TFTP : 0;
  },
};

/** IKEv1/IKEv2 header (on port 4500 after the non-ESP marker). */
export const ikeProbe: Probe = {
  name: 'ike', l4: 'udp', minLen: 28, ports: [500, 4500],
  match(x: ProbeInput): number {
    const d = x.data;
    let o = x.off, len = x.len;
    if (u32be(d, o) === 0 && (x.srcPort === 4500 || x.dstPort === 4500)) {
      o += 4;
      len -= 4;
      if (len < 28) return 0;
    }
    const version = d[o + 17] as number, exchange = d[o + 18] as number;
    if (version !== 0x10 && version !== 0x20) return 0;
    if (!((exchange >= 1 && exchange <= 5) || (exchange >= 32 && exchange <= 43))) return 0;
    return u32be(d, o + 24) === len ? IPSEC : 0;
  },
};

/** WireGuard handshake initiation (148 bytes), response (92), cookie reply (64). */
export const wireguardProbe: Probe = {
  name: 'wireguard', l4: 'udp', minLen: 32, firstBytes: [1, 2, 3, 4],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    if (d[o + 1] !== 0 || d[o + 2] !== 0 || d[o + 3] !== 0) return 0;
    const t = d[o] as number, n = x.len;
    if ((t === 1 && n === 148) || (t === 2 && n === 92) || (t === 3 && n === 64)) return WIREGUARD;
    return t === 4 && (n & 15) === 0 && (x.srcPort === 51820 || x.dstPort === 51820) ? WIREGUARD : 0;
  },
};

export const radiusProbe: Probe = {
  name: 'radius', l4: 'udp', minLen: 20, firstBytes: [1, 2, 3, 4, 5, 11, 12, 13, 40, 41, 42, 43, 44, 45], ports: [1812, 1813, 1645, 1646, 3799],
  match(x: ProbeInput): number {
    return u16be(x.data, x.off + 2) === x.len ? RADIUS : 0;
  },
};

export const NETWORK_SERVICE_PROBES: readonly Probe[] = [
  dnsProbe, dhcpProbe, dhcpv6Probe, ntpProbe, snmpProbe, syslogProbe, stunProbe, tftpProbe, ikeProbe, wireguardProbe, radiusProbe,
];
