/**
 * @module analysis/names
 * Human names for numbers that appear in reports: link types, EtherTypes, IP protocols.
 */
import { LLC_BASE } from '../decode/packet-info.js';

const LINK_TYPES: Readonly<Record<number, string>> = {
  0: 'null', 1: 'ethernet', 9: 'ppp', 50: 'ppp-hdlc', 101: 'raw-ip', 104: 'cisco-hdlc', 108: 'loop',
  113: 'linux-sll', 228: 'ipv4', 229: 'ipv6', 276: 'linux-sll2',
};

const ETHER_TYPES: Readonly<Record<number, string>> = {
  0x0800: 'ipv4', 0x0806: 'arp', 0x86dd: 'ipv6', 0x8100: 'vlan', 0x88a8: 'qinq', 0x8847: 'mpls', 0x8848: 'mpls-multicast',
  0x8863: 'pppoe-discovery', 0x8864: 'pppoe-session', 0x88cc: 'lldp', 0x8809: 'slow-protocols', 0x88f7: 'ptp',
  0x8035: 'rarp', 0x88e5: 'macsec', 0x888e: 'eapol', 0x8892: 'profinet', 0x9000: 'loopback', 0x22f0: 'avtp',
  0x2000: 'cdp', 0x88b8: 'goose', 0x88ba: 'sv', 0x8137: 'ipx', 0x6558: 'transparent-ethernet',
};

const LLC_SAPS: Readonly<Record<number, string>> = {
  0x42: 'stp', 0xaa: 'snap', 0xe0: 'ipx', 0xf0: 'netbios', 0xfe: 'osi', 0x06: 'ip-llc', 0x04: 'sna',
};

const IP_PROTOCOLS: Readonly<Record<number, string>> = {
  0: 'hopopt', 1: 'icmp', 2: 'igmp', 4: 'ipip', 6: 'tcp', 17: 'udp', 41: 'ipv6', 43: 'ipv6-route', 44: 'ipv6-frag',
  47: 'gre', 50: 'esp', 51: 'ah', 58: 'icmpv6', 59: 'ipv6-nonxt', 60: 'ipv6-opts', 88: 'eigrp', 89: 'ospf',
  103: 'pim', 112: 'vrrp', 115: 'l2tp', 132: 'sctp', 136: 'udplite', 137: 'mpls-in-ip',
};

export function linkTypeName(linkType: number): string {
  return LINK_TYPES[linkType] ?? `linktype-${linkType}`;
}

export function etherTypeName(etherType: number): string {
  if (etherType >= LLC_BASE) {
    const sap = etherType - LLC_BASE;
    return `llc-${LLC_SAPS[sap] ?? `0x${sap.toString(16).padStart(2, '0')}`}`;
  }
  return ETHER_TYPES[etherType] ?? `0x${etherType.toString(16).padStart(4, '0')}`;
}

export function ipProtocolName(proto: number): string {
  return IP_PROTOCOLS[proto] ?? `ip-proto-${proto}`;
}
