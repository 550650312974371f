/**
 * @module decode/anomalies
 * The registry of named traffic anomalies ("weirds"): things wrong with a packet that the decoder
 * counts instead of throwing. Ids are `<proto>.<snake_case>` and are a public API (they appear in
 * `analyze` output and later in the REST API). The numeric index of an anomaly is its position in
 * ANOMALIES and is assigned here, at load time; never rely on it outside the process.
 *
 * Conventions:
 * - `<proto>.truncated`: the fixed part of the header is not all present in the captured bytes
 *   (cut by the snap length, or the packet itself is too short). The header does not enter its
 *   layer stack and decoding stops.
 * - `<proto>.bad_*`: a field is impossible (a length smaller than the header, a wrong version).
 *   The header does not enter its stack (except TCP/UDP, see packet-info.ts l4Complete) and
 *   decoding stops.
 * - Anomalies with `malformed: false` are noted but decoding goes on (a length that exceeds the
 *   frame is clamped to the bytes present, as tshark does), or they are limits of the decoder.
 */

export type AnomalySeverity = 'info' | 'warning' | 'error';

export interface AnomalyDef {
  readonly id: string;
  readonly severity: AnomalySeverity;
  readonly description: string;
  /** True when the anomaly made the decoder stop (the packet is counted as malformed). */
  readonly malformed: boolean;
}

export const ANOMALIES = [
  { id: 'frame.unknown_link_type', severity: 'warning', description: 'Link type the decoder does not understand', malformed: false },
  { id: 'frame.decoder_error', severity: 'error', description: 'The decoder failed on this frame (a bug: please report it with the frame)', malformed: true },
  { id: 'frame.too_many_layers', severity: 'warning', description: 'More Ethernet, IP or L4 headers than PacketInfo holds; the rest was not decoded', malformed: false },
  { id: 'tunnel.too_deep', severity: 'warning', description: 'More nested tunnels than the decoder option maxTunnelDepth allows; the rest was not decoded', malformed: false },

  { id: 'null.truncated', severity: 'warning', description: 'BSD loopback/null header (4 bytes) not captured', malformed: true },
  { id: 'null.unknown_family', severity: 'info', description: 'BSD loopback/null address family is neither IPv4 nor IPv6', malformed: false },
  { id: 'sll.truncated', severity: 'warning', description: 'Linux cooked (SLL) header (16 bytes) not captured', malformed: true },
  { id: 'sll2.truncated', severity: 'warning', description: 'Linux cooked v2 (SLL2) header (20 bytes) not captured', malformed: true },
  { id: 'chdlc.truncated', severity: 'warning', description: 'Cisco HDLC header (4 bytes) not captured', malformed: true },
  { id: 'ppp.truncated', severity: 'warning', description: 'PPP protocol field not captured', malformed: true },
  { id: 'raw.truncated', severity: 'warning', description: 'Raw IP frame with no bytes captured', malformed: true },
  { id: 'raw.bad_version', severity: 'error', description: 'Raw IP frame whose first nibble is neither 4 nor 6', malformed: true },

  { id: 'eth.truncated', severity: 'warning', description: 'Ethernet header (14 bytes) not captured', malformed: true },
  { id: 'llc.truncated', severity: 'warning', description: '802.2 LLC or SNAP header not captured', malformed: true },
  { id: 'vlan.truncated', severity: 'warning', description: '802.1Q/802.1ad tag (4 bytes) not captured', malformed: true },
  { id: 'vlan.too_many_tags', severity: 'warning', description: 'More VLAN tags than PacketInfo holds (MAX_VLAN_TAGS); the rest was not decoded', malformed: false },
  { id: 'mpls.truncated', severity: 'warning', description: 'MPLS label stack entry (4 bytes) not captured', malformed: true },
  { id: 'mpls.too_many_labels', severity: 'warning', description: 'More MPLS labels than PacketInfo holds (MAX_MPLS_LABELS); the rest was not decoded', malformed: false },
  { id: 'pppoe.truncated', severity: 'warning', description: 'PPPoE header (6 bytes, plus the PPP protocol in session stage) not captured', malformed: true },
  { id: 'pppoe.bad_length', severity: 'info', description: 'PPPoE length field exceeds the frame; the bytes present were decoded', malformed: false },
  { id: 'arp.truncated', severity: 'warning', description: 'ARP message (28 bytes for IPv4 over Ethernet) not captured', malformed: true },

  { id: 'ipv4.truncated', severity: 'warning', description: 'IPv4 header (20 bytes plus options) not captured', malformed: true },
  { id: 'ipv4.bad_version', severity: 'error', description: 'IPv4 expected but the version field is neither 4 nor 6 (6 is decoded as IPv6, as tshark does)', malformed: true },
  { id: 'ipv4.bad_header_length', severity: 'error', description: 'IPv4 header length below 20 bytes', malformed: true },
  { id: 'ipv4.total_length_too_small', severity: 'error', description: 'IPv4 total length smaller than the header length (tshark: "Bogus IP length")', malformed: true },
  { id: 'ipv4.total_length_exceeds_frame', severity: 'warning', description: 'IPv4 total length exceeds the frame; the bytes present were decoded', malformed: false },
  { id: 'ipv4.zero_total_length', severity: 'info', description: 'IPv4 total length 0 (TCP segmentation offload); the rest of the frame was taken as the datagram', malformed: false },
  { id: 'ah.truncated', severity: 'warning', description: 'IP Authentication Header not captured', malformed: true },
  { id: 'ah.bad_length', severity: 'error', description: 'IP Authentication Header length exceeds the datagram', malformed: true },

  { id: 'ipv6.truncated', severity: 'warning', description: 'IPv6 header (40 bytes) not captured', malformed: true },
  { id: 'ipv6.bad_version', severity: 'error', description: 'IPv6 expected but the version field is not 6', malformed: true },
  { id: 'ipv6.payload_length_exceeds_frame', severity: 'warning', description: 'IPv6 payload length exceeds the frame; the bytes present were decoded', malformed: false },
  { id: 'ipv6.zero_payload_length', severity: 'info', description: 'IPv6 payload length 0 (jumbogram or segmentation offload); the rest of the frame was taken as the payload', malformed: false },
  { id: 'ipv6.truncated_extension_header', severity: 'warning', description: 'IPv6 extension header not captured', malformed: true },
  { id: 'ipv6.bad_extension_header', severity: 'error', description: 'IPv6 extension header longer than the payload', malformed: true },
  { id: 'ipv6.too_many_extension_headers', severity: 'warning', description: 'More IPv6 extension headers than the decoder walks (16)', malformed: true },

  { id: 'ip.fragment_overlap', severity: 'info', description: 'IP fragment overlaps data already received; the first data received was kept', malformed: false },
  { id: 'ip.fragment_too_large', severity: 'warning', description: 'IP fragment ends beyond the largest possible datagram; it was dropped', malformed: false },
  { id: 'ip.fragment_inconsistent', severity: 'warning', description: 'IP fragment contradicts the datagram length known from the last fragment; it was dropped', malformed: false },
  { id: 'ip.too_many_fragments', severity: 'warning', description: 'Datagram split into more pieces than the reassembler tracks; the datagram was dropped', malformed: false },
  { id: 'ip.reassembly_overflow', severity: 'warning', description: 'Reassembly memory cap or max datagrams in progress reached; the oldest datagram was dropped', malformed: false },
  { id: 'ip.reassembly_timeout', severity: 'info', description: 'A fragmented datagram did not complete within the reassembly timeout (packet time); it was dropped', malformed: false },

  { id: 'tcp.truncated', severity: 'warning', description: 'TCP fixed header (20 bytes) not captured', malformed: true },
  { id: 'tcp.bad_data_offset', severity: 'error', description: 'TCP data offset below 20 bytes (tshark: "Bogus TCP header length")', malformed: true },
  { id: 'tcp.header_exceeds_payload', severity: 'error', description: 'TCP data offset exceeds the IP payload', malformed: true },
  { id: 'tcp.truncated_header', severity: 'warning', description: 'TCP options cut by the snap length (ports and flags known)', malformed: true },
  { id: 'tcp.bad_option', severity: 'info', description: 'TCP option with an impossible length; option parsing stopped', malformed: false },
  { id: 'udp.truncated', severity: 'warning', description: 'UDP header (8 bytes) not captured', malformed: true },
  { id: 'udp.bad_length', severity: 'error', description: 'UDP length field below 8', malformed: true },
  { id: 'udp.length_exceeds_payload', severity: 'warning', description: 'UDP length field exceeds the IP payload; the bytes present were decoded', malformed: false },
  { id: 'icmp.truncated', severity: 'warning', description: 'ICMP header (4 bytes) not captured', malformed: true },
  { id: 'icmpv6.truncated', severity: 'warning', description: 'ICMPv6 header (4 bytes) not captured', malformed: true },
  { id: 'igmp.truncated', severity: 'warning', description: 'IGMP header (8 bytes) not captured', malformed: true },
  { id: 'sctp.truncated', severity: 'warning', description: 'SCTP common header (12 bytes) not captured', malformed: true },

  { id: 'gre.truncated', severity: 'warning', description: 'GRE header (with its optional fields) not captured', malformed: true },
  { id: 'gre.bad_version', severity: 'error', description: 'GRE version other than 0, or version 1 (PPTP) without key or not carrying PPP', malformed: true },
  { id: 'erspan.truncated', severity: 'warning', description: 'ERSPAN header not captured', malformed: true },
  { id: 'erspan.unknown_frame_type', severity: 'info', description: 'ERSPAN type III frame type other than Ethernet (0); not decoded, as in tshark', malformed: false },
  { id: 'vxlan.truncated', severity: 'warning', description: 'VXLAN header (8 bytes) not captured', malformed: true },
  { id: 'geneve.truncated', severity: 'warning', description: 'Geneve header (8 bytes plus options) not captured', malformed: true },
  { id: 'geneve.bad_version', severity: 'error', description: 'Geneve version other than 0', malformed: true },
  { id: 'gtpu.truncated', severity: 'warning', description: 'GTP-U header (with its optional fields and extension headers) not captured', malformed: true },
  { id: 'gtpu.bad_version', severity: 'error', description: 'GTP-U version other than 1 or protocol type not GTP', malformed: true },
] as const satisfies readonly AnomalyDef[];

export type AnomalyId = (typeof ANOMALIES)[number]['id'];

const INDEX = new Map<string, number>(ANOMALIES.map((a, i) => [a.id, i]));

/** Numeric index of an anomaly id, for hot-path counting. */
export function anomalyIndex(id: AnomalyId): number {
  const i = INDEX.get(id);
  if (i === undefined) throw new Error(`unknown anomaly ${id}`);
  return i;
}

export const ANOMALY_COUNT = ANOMALIES.length;

/** 1 at index i when anomaly i is a malformed one (hot-path lookup). */
export const ANOMALY_IS_MALFORMED: Uint8Array = Uint8Array.from(ANOMALIES, (a) => (a.malformed ? 1 : 0));
