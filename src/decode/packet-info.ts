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
 * One buffer: every per-layer typed array (ethSrc, ipSrc, srcPort …) is a view, at a fixed and
 * naturally aligned offset, onto one 512-byte ArrayBuffer owned by the PacketInfo: the Float64
 * fields first, then the 32-bit, 16-bit and 8-bit ones (the element offsets are the F64_ / I32_ /
 * U32_ / U16_ / U8_ constants below). Readers use the named views exactly as before: same names,
 * same element types, same values. The fused fast path (fast-path.ts) instead loads the flat views
 * over the whole buffer (`f64`, `i32`, `u32`, `u16`, `u8`) into locals once per frame and writes at
 * constant offsets, because a store through a named view (`out.ipSrc[3] = v`) first loads that view
 * from the PacketInfo and then its length and data pointer, for each of its ~35 stores. `i32` and
 * `u32` are two views of the same words: write each field through the view of its own type. The
 * flat stores measured about 3% of `decode` (src/decode/README.md, Performance), and only once
 * the writer copies the offsets into module-local constants (fast-path.ts): used directly, each
 * imported constant is loaded from its module cell and checked at every use, which made the flat
 * stores slower than the named ones.
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

// ---- layout of the one per-packet buffer (element offsets into the flat view of that width) ----
// Each region starts where the previous one ends; 8-byte fields first keeps every view aligned.
// A hot writer copies these into module-local constants (see fast-path.ts) so that they fold.
/** Float64 elements (f64). */
export const F64_ETH_SRC = 0;
export const F64_ETH_DST = F64_ETH_SRC + MAX_ETH_LAYERS;
const F64_END = F64_ETH_DST + MAX_ETH_LAYERS;
/** 32-bit elements (i32 for the Int32Array fields, u32 for the Uint32Array ones; same indices). */
export const I32_ETH_TYPE = F64_END * 2;
export const I32_VLAN_ID = I32_ETH_TYPE + MAX_ETH_LAYERS;
export const I32_VLAN_PCP = I32_VLAN_ID + MAX_VLAN_TAGS;
export const I32_VLAN_TPID = I32_VLAN_PCP + MAX_VLAN_TAGS;
export const I32_MPLS_LABEL = I32_VLAN_TPID + MAX_VLAN_TAGS;
export const I32_MPLS_TC = I32_MPLS_LABEL + MAX_MPLS_LABELS;
export const I32_MPLS_TTL = I32_MPLS_TC + MAX_MPLS_LABELS;
export const U32_IP_SRC = I32_MPLS_TTL + MAX_MPLS_LABELS;
export const U32_IP_DST = U32_IP_SRC + MAX_IP_LAYERS * 4;
export const I32_IP_HEADER_LEN = U32_IP_DST + MAX_IP_LAYERS * 4;
export const I32_IP_TOTAL_LEN = I32_IP_HEADER_LEN + MAX_IP_LAYERS;
export const I32_IP_FRAG_OFFSET = I32_IP_TOTAL_LEN + MAX_IP_LAYERS;
export const U32_IP_IDENT = I32_IP_FRAG_OFFSET + MAX_IP_LAYERS;
const W32_END = U32_IP_IDENT + MAX_IP_LAYERS;
/** 16-bit elements (u16). */
export const U16_SRC_PORT = W32_END * 2;
export const U16_DST_PORT = U16_SRC_PORT + MAX_L4_LAYERS;
const U16_END = U16_DST_PORT + MAX_L4_LAYERS;
/** 8-bit elements (u8). */
export const U8_IP_VERSION = U16_END * 2;
export const U8_IP_PROTO = U8_IP_VERSION + MAX_IP_LAYERS;
export const U8_IP_TTL = U8_IP_PROTO + MAX_IP_LAYERS;
export const U8_IP_TOS = U8_IP_TTL + MAX_IP_LAYERS;
export const U8_IP_FLAGS = U8_IP_TOS + MAX_IP_LAYERS;
export const U8_L4_PROTO = U8_IP_FLAGS + MAX_IP_LAYERS;
export const U8_L4_IP = U8_L4_PROTO + MAX_L4_LAYERS;
export const U8_L4_COMPLETE = U8_L4_IP + MAX_L4_LAYERS;
/** Bytes of the buffer, rounded up to whole Float64 elements. */
const LAYER_BYTES = Math.ceil((U8_L4_COMPLETE + MAX_L4_LAYERS) / 8) * 8;

export class PacketInfo {
  // ---- flat views over the one per-packet buffer (for decoders; see the module comment) --------
  readonly f64 = new Float64Array(LAYER_BYTES / 8);
  readonly u32 = new Uint32Array(this.f64.buffer);
  readonly i32 = new Int32Array(this.f64.buffer);
  readonly u16 = new Uint16Array(this.f64.buffer);
  readonly u8 = new Uint8Array(this.f64.buffer);

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
  readonly ethSrc = new Float64Array(this.f64.buffer, F64_ETH_SRC * 8, MAX_ETH_LAYERS);
  readonly ethDst = new Float64Array(this.f64.buffer, F64_ETH_DST * 8, MAX_ETH_LAYERS);
  /** Protocol carried by Ethernet header i after its VLAN tags: an EtherType, or LLC_BASE + DSAP. */
  readonly ethType = new Int32Array(this.f64.buffer, I32_ETH_TYPE * 4, MAX_ETH_LAYERS);
  /** VLAN tags of the whole frame, outermost first. */
  vlanCount = 0;
  readonly vlanId = new Int32Array(this.f64.buffer, I32_VLAN_ID * 4, MAX_VLAN_TAGS);
  readonly vlanPcp = new Int32Array(this.f64.buffer, I32_VLAN_PCP * 4, MAX_VLAN_TAGS);
  /** Tag protocol identifier (0x8100, 0x88a8, 0x9100 …) of tag i. */
  readonly vlanTpid = new Int32Array(this.f64.buffer, I32_VLAN_TPID * 4, MAX_VLAN_TAGS);
  mplsCount = 0;
  readonly mplsLabel = new Int32Array(this.f64.buffer, I32_MPLS_LABEL * 4, MAX_MPLS_LABELS);
  readonly mplsTc = new Int32Array(this.f64.buffer, I32_MPLS_TC * 4, MAX_MPLS_LABELS);
  readonly mplsTtl = new Int32Array(this.f64.buffer, I32_MPLS_TTL * 4, MAX_MPLS_LABELS);
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
  readonly ipVersion = new Uint8Array(this.f64.buffer, U8_IP_VERSION, MAX_IP_LAYERS);
  /** Source address words of IP header i at [i*4 .. i*4+3]; IPv4 uses word i*4+3, the others are 0. */
  readonly ipSrc = new Uint32Array(this.f64.buffer, U32_IP_SRC * 4, MAX_IP_LAYERS * 4);
  readonly ipDst = new Uint32Array(this.f64.buffer, U32_IP_DST * 4, MAX_IP_LAYERS * 4);
  /** Protocol after the header (after IPv6 extension headers): 6 TCP, 17 UDP, 47 GRE … */
  readonly ipProto = new Uint8Array(this.f64.buffer, U8_IP_PROTO, MAX_IP_LAYERS);
  /** TTL / hop limit. */
  readonly ipTtl = new Uint8Array(this.f64.buffer, U8_IP_TTL, MAX_IP_LAYERS);
  /** The TOS / traffic class byte (DSCP = value >> 2). */
  readonly ipTos = new Uint8Array(this.f64.buffer, U8_IP_TOS, MAX_IP_LAYERS);
  /** Header length including IPv6 extension headers. */
  readonly ipHeaderLen = new Int32Array(this.f64.buffer, I32_IP_HEADER_LEN * 4, MAX_IP_LAYERS);
  /** IPv4 total length, IPv6 payload length + 40. */
  readonly ipTotalLen = new Int32Array(this.f64.buffer, I32_IP_TOTAL_LEN * 4, MAX_IP_LAYERS);
  /** Bit 0: DF, bit 1: MF, bit 2: is a fragment (MF set or offset > 0, or IPv6 fragment header). */
  readonly ipFlags = new Uint8Array(this.f64.buffer, U8_IP_FLAGS, MAX_IP_LAYERS);
  /** Fragment offset in bytes. */
  readonly ipFragOffset = new Int32Array(this.f64.buffer, I32_IP_FRAG_OFFSET * 4, MAX_IP_LAYERS);
  /** IPv4 identification or IPv6 fragment identification. */
  readonly ipIdent = new Uint32Array(this.f64.buffer, U32_IP_IDENT * 4, MAX_IP_LAYERS);

  // ---- L4: TCP/UDP/SCTP/ICMP/ICMPv6/IGMP headers, outermost first -------------------------------
  l4Count = 0;
  readonly l4Proto = new Uint8Array(this.f64.buffer, U8_L4_PROTO, MAX_L4_LAYERS);
  /** Index of the IP header (in the ip* arrays) this L4 header belongs to. */
  readonly l4Ip = new Uint8Array(this.f64.buffer, U8_L4_IP, MAX_L4_LAYERS);
  /** Ports (0 for protocols without ports). */
  readonly srcPort = new Uint16Array(this.f64.buffer, U16_SRC_PORT * 2, MAX_L4_LAYERS);
  readonly dstPort = new Uint16Array(this.f64.buffer, U16_DST_PORT * 2, MAX_L4_LAYERS);
  /**
   * 1 when the whole L4 header is present and sane; 0 when it is bogus (TCP data offset below 20 or
   * beyond the IP payload, UDP length below 8); 2 when a TCP header's options are cut by the snap
   * length. In the last two cases the ports are known; tshark counts neither in its conversations.
   */
  readonly l4Complete = new Uint8Array(this.f64.buffer, U8_L4_COMPLETE, MAX_L4_LAYERS);

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

  constructor() {
    // V8 keeps a number field as a small integer (up to 2^30) until it first holds a larger value,
    // and then changes the object's map, which deoptimises every function compiled against the old
    // one. These fields hold seconds since 1970, 32-bit unsigned TCP numbers, IPv4 addresses and
    // 48-bit MACs, so they get a large value once here, before any decoder is optimised, and then
    // their initial value back (in a pcap benchmark the first ARP frame or large TCP timestamp
    // otherwise deoptimised decodeFrame, decodeFastPath, reset and parseTcpOptions mid-run).
    const big = 2 ** 48;
    this.tsSec = this.tcpSeq = this.tcpAck = this.tcpTsVal = this.tcpTsEcr = big;
    this.arpSenderMac = this.arpSenderIp = this.arpTargetMac = this.arpTargetIp = big;
    this.tsSec = this.tcpSeq = this.tcpAck = 0;
    this.arpSenderMac = this.arpSenderIp = this.arpTargetMac = this.arpTargetIp = 0;
    this.tcpTsVal = this.tcpTsEcr = -1;
  }

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
