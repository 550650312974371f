/**
 * @module decode/packet-info
 * The one reused, monomorphic structure a decoded packet is written into. Every field is a number,
 * a boolean or a preallocated typed array; the decoder resets and fills it per packet and nothing is
 * allocated. Addresses are numbers (IPv4 uint32, IPv6 four uint32 words, MAC a 48-bit integer).
 *
 * Layer stacks: a frame may carry several Ethernet, IP and L4 headers (tunnels: VXLAN, GRE, ERSPAN,
 * IP-in-IP, MPLS pseudowires …). Each stack lists its headers outermost first. Consumers choose which
 * to analyse (the tunnel view: outer, inner or all).
 *
 * Lifetime: `data` and `payloadData` point into the source's batch buffer (or a reassembly buffer)
 * and are valid only while the current packet is processed.
 */

export const MAX_ETH_LAYERS = 4;
export const MAX_VLAN_TAGS = 8;
export const MAX_MPLS_LABELS = 8;
export const MAX_IP_LAYERS = 4;
export const MAX_L4_LAYERS = 4;

/** etherType value used for an 802.3 frame with LLC (no SNAP): LLC_BASE + DSAP. */
export const LLC_BASE = 0x10000;

export class PacketInfo {
  // ---- frame ----------------------------------------------------------------------------------
  data: Uint8Array = new Uint8Array(0);
  /** Start of the frame in `data`. */
  start = 0;
  capLen = 0;
  origLen = 0;
  tsSec = 0;
  tsNsec = 0;
  linkType = 0;
  interfaceId = 0;

  // ---- L2 -------------------------------------------------------------------------------------
  ethCount = 0;
  readonly ethSrc = new Float64Array(MAX_ETH_LAYERS);
  readonly ethDst = new Float64Array(MAX_ETH_LAYERS);
  /** Protocol carried by Ethernet header i after its VLAN tags: an EtherType, or LLC_BASE + DSAP. */
  readonly ethType = new Int32Array(MAX_ETH_LAYERS);
  /** VLAN tags of the whole frame, outermost first. */
  vlanCount = 0;
  readonly vlanId = new Int32Array(MAX_VLAN_TAGS);
  readonly vlanPcp = new Int32Array(MAX_VLAN_TAGS);
  /** Tag protocol identifier (0x8100, 0x88a8, 0x9100 …) of tag i. */
  readonly vlanTpid = new Int32Array(MAX_VLAN_TAGS);
  mplsCount = 0;
  readonly mplsLabel = new Int32Array(MAX_MPLS_LABELS);
  readonly mplsTc = new Int32Array(MAX_MPLS_LABELS);
  readonly mplsTtl = new Int32Array(MAX_MPLS_LABELS);
  /** PPPoE session id, or -1. */
  pppoeSession = -1;
  /** PPPoE discovery code (PADI 0x09 …), or -1. */
  pppoeCode = -1;

  // ---- ARP (IPv4 over Ethernet) ----------------------------------------------------------------
  isArp = false;
  /** 1 request, 2 reply, others as on the wire. */
  arpOp = 0;
  arpSenderMac = 0;
  arpSenderIp = 0;
  arpTargetMac = 0;
  arpTargetIp = 0;

  // ---- L3: IP headers, outermost first ---------------------------------------------------------
  ipCount = 0;
  /** 4 or 6. */
  readonly ipVersion = new Uint8Array(MAX_IP_LAYERS);
  /** Source address words of IP header i at [i*4 .. i*4+3]; IPv4 uses word i*4+3, the others are 0. */
  readonly ipSrc = new Uint32Array(MAX_IP_LAYERS * 4);
  readonly ipDst = new Uint32Array(MAX_IP_LAYERS * 4);
  /** Protocol after the header (after IPv6 extension headers): 6 TCP, 17 UDP, 47 GRE … */
  readonly ipProto = new Uint8Array(MAX_IP_LAYERS);
  /** TTL / hop limit. */
  readonly ipTtl = new Uint8Array(MAX_IP_LAYERS);
  /** The TOS / traffic class byte (DSCP = value >> 2). */
  readonly ipTos = new Uint8Array(MAX_IP_LAYERS);
  /** Header length including IPv6 extension headers. */
  readonly ipHeaderLen = new Int32Array(MAX_IP_LAYERS);
  /** IPv4 total length, IPv6 payload length + 40. */
  readonly ipTotalLen = new Int32Array(MAX_IP_LAYERS);
  /** Bit 0: DF, bit 1: MF, bit 2: is a fragment (MF set or offset > 0, or IPv6 fragment header). */
  readonly ipFlags = new Uint8Array(MAX_IP_LAYERS);
  /** Fragment offset in bytes. */
  readonly ipFragOffset = new Int32Array(MAX_IP_LAYERS);
  /** IPv4 identification or IPv6 fragment identification. */
  readonly ipIdent = new Uint32Array(MAX_IP_LAYERS);

  // ---- L4: TCP/UDP/SCTP/ICMP/ICMPv6/IGMP headers, outermost first -------------------------------
  l4Count = 0;
  readonly l4Proto = new Uint8Array(MAX_L4_LAYERS);
  /** Index of the IP header (in the ip* arrays) this L4 header belongs to. */
  readonly l4Ip = new Uint8Array(MAX_L4_LAYERS);
  /** Ports (0 for protocols without ports). */
  readonly srcPort = new Uint16Array(MAX_L4_LAYERS);
  readonly dstPort = new Uint16Array(MAX_L4_LAYERS);
  /**
   * 1 when the whole L4 header is present and sane; 0 when it is bogus (TCP data offset below 20 or
   * beyond the IP payload, UDP length below 8); 2 when a TCP header's options are cut by the snap
   * length. In the last two cases the ports are known; tshark counts neither in its conversations.
   */
  readonly l4Complete = new Uint8Array(MAX_L4_LAYERS);

  // ---- TCP (the innermost TCP header) ----------------------------------------------------------
  /** Flag bits as on the wire (FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10, URG 0x20, ECE 0x40, CWR 0x80, NS 0x100), -1 when no TCP. */
  tcpFlags = -1;
  tcpSeq = 0;
  tcpAck = 0;
  tcpWindow = 0;
  tcpHeaderLen = 0;
  /** Options; -1 when absent. */
  tcpMss = -1;
  tcpWindowScale = -1;
  tcpSackPermitted = false;
  tcpSackBlocks = 0;
  tcpTsVal = -1;
  tcpTsEcr = -1;

  // ---- ICMP / ICMPv6 / IGMP (innermost) --------------------------------------------------------
  icmpType = -1;
  icmpCode = -1;

  // ---- payload after the innermost decoded header ---------------------------------------------
  payloadData: Uint8Array = new Uint8Array(0);
  payloadOffset = 0;
  payloadLen = 0;

  // ---- fragment reassembly ---------------------------------------------------------------------
  /** True when this frame completed a fragmented datagram and layers above were decoded from it. */
  reassembled = false;
  /** For a completing frame: frames that made the datagram (this one included) and their orig bytes. */
  reassembledFrames = 0;
  reassembledBytes = 0;

  // ---- anomalies -------------------------------------------------------------------------------
  /** Number of anomalies raised for this packet. */
  anomalyCount = 0;
  /** Index (decode/anomalies.ts) of the first anomaly, or -1. */
  firstAnomaly = -1;
  /** True when decoding stopped early because a header was truncated or invalid. */
  malformed = false;

  /** Set every per-packet field back to "nothing decoded". Called by the decoder. */
  reset(): void {
    this.ethCount = 0;
    this.vlanCount = 0;
    this.mplsCount = 0;
    this.pppoeSession = -1;
    this.pppoeCode = -1;
    this.isArp = false;
    this.ipCount = 0;
    this.l4Count = 0;
    this.tcpFlags = -1;
    this.tcpMss = -1;
    this.tcpWindowScale = -1;
    this.tcpSackPermitted = false;
    this.tcpSackBlocks = 0;
    this.tcpTsVal = -1;
    this.tcpTsEcr = -1;
    this.icmpType = -1;
    this.icmpCode = -1;
    this.payloadLen = 0;
    this.payloadOffset = 0;
    this.reassembled = false;
    this.reassembledFrames = 0;
    this.reassembledBytes = 0;
    this.anomalyCount = 0;
    this.firstAnomaly = -1;
    this.malformed = false;
  }
}
