/**
 * @module modules/icmp/icmp-names
 * Names of ICMP (RFC 792 and successors) and ICMPv6 (RFC 4443, 4861, 3810) message types.
 */
const V4: Record<number, string> = {
  0: 'Echo Reply', 3: 'Destination Unreachable', 4: 'Source Quench', 5: 'Redirect', 8: 'Echo Request',
  9: 'Router Advertisement', 10: 'Router Solicitation', 11: 'Time Exceeded', 12: 'Parameter Problem',
  13: 'Timestamp', 14: 'Timestamp Reply', 17: 'Address Mask Request', 18: 'Address Mask Reply',
};
const V6: Record<number, string> = {
  1: 'Destination Unreachable', 2: 'Packet Too Big', 3: 'Time Exceeded', 4: 'Parameter Problem',
  128: 'Echo Request', 129: 'Echo Reply', 130: 'Multicast Listener Query', 131: 'Multicast Listener Report',
  132: 'Multicast Listener Done', 133: 'Router Solicitation', 134: 'Router Advertisement',
  135: 'Neighbor Solicitation', 136: 'Neighbor Advertisement', 137: 'Redirect', 143: 'Multicast Listener Report v2',
};

export function icmpTypeName(version: number, type: number): string {
  return (version === 6 ? V6[type] : V4[type]) ?? `type ${type}`;
}
