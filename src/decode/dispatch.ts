/**
 * @module decode/dispatch
 * Which decoder handles the bytes that follow a header, as data: small integer layer codes and
 * lookup tables keyed by EtherType, IP protocol, PPP protocol, GRE protocol and link type. The UDP
 * port table depends on the decoder options and is built per PacketDecoder (see udpPortTable).
 * A protocol decoder never names its successor; it looks its next-protocol field up here.
 * Adding a protocol = a layer code, one table line, one case in the dispatcher (index.ts).
 */

/** Layer codes (what to decode next). 0 means stop. */
export const Layer = {
  None: 0,
  // link-layer entries
  Null: 1,
  Loop: 2,
  Sll: 3,
  Sll2: 4,
  IpByVersion: 5,
  PppHdlc: 6,
  Ppp: 7,
  CiscoHdlc: 8,
  // L2
  Ethernet: 10,
  Llc: 11,
  Vlan: 12,
  Mpls: 13,
  PppoeDiscovery: 14,
  PppoeSession: 15,
  Arp: 16,
  // L3
  Ipv4: 20,
  Ipv6: 21,
  Ah: 22,
  // L4
  Tcp: 30,
  Udp: 31,
  Icmp: 32,
  Icmpv6: 33,
  Sctp: 34,
  Igmp: 35,
  // tunnels
  Gre: 40,
  ErspanII: 41,
  ErspanIII: 42,
  Vxlan: 43,
  Geneve: 44,
  GtpU: 45,
} as const;
export type Layer = (typeof Layer)[keyof typeof Layer];

export const EtherType = {
  Ipv4: 0x0800,
  Arp: 0x0806,
  Ipv6: 0x86dd,
  Vlan: 0x8100,
  QinQ: 0x88a8,
  QinQOld: 0x9100,
  QinQOld2: 0x9200,
  Mpls: 0x8847,
  MplsMulticast: 0x8848,
  PppoeDiscovery: 0x8863,
  PppoeSession: 0x8864,
  TransparentEthernet: 0x6558,
  ErspanII: 0x88be,
  ErspanIII: 0x22eb,
  Ppp: 0x880b,
} as const;

export const IpProto = {
  HopByHop: 0,
  Icmp: 1,
  Igmp: 2,
  IpInIp: 4,
  Tcp: 6,
  Udp: 17,
  Ipv6: 41,
  Routing: 43,
  Fragment: 44,
  Gre: 47,
  Esp: 50,
  Ah: 51,
  Icmpv6: 58,
  NoNext: 59,
  DestinationOptions: 60,
  Mobility: 135,
  Hip: 139,
  Shim6: 140,
  Sctp: 132,
  MplsInIp: 137,
} as const;

/** EtherType -> layer, for Ethernet, VLAN, SLL, Cisco HDLC, SNAP (OUI 0), Geneve. */
export const ETHER_TYPE_LAYER = new Uint8Array(65536);
ETHER_TYPE_LAYER[EtherType.Ipv4] = Layer.Ipv4;
ETHER_TYPE_LAYER[EtherType.Ipv6] = Layer.Ipv6;
ETHER_TYPE_LAYER[EtherType.Arp] = Layer.Arp;
ETHER_TYPE_LAYER[EtherType.Vlan] = Layer.Vlan;
ETHER_TYPE_LAYER[EtherType.QinQ] = Layer.Vlan;
ETHER_TYPE_LAYER[EtherType.QinQOld] = Layer.Vlan;
ETHER_TYPE_LAYER[EtherType.QinQOld2] = Layer.Vlan;
ETHER_TYPE_LAYER[EtherType.Mpls] = Layer.Mpls;
ETHER_TYPE_LAYER[EtherType.MplsMulticast] = Layer.Mpls;
ETHER_TYPE_LAYER[EtherType.PppoeDiscovery] = Layer.PppoeDiscovery;
ETHER_TYPE_LAYER[EtherType.PppoeSession] = Layer.PppoeSession;

/**
 * GRE protocol type -> layer: what tshark's gre.proto table decodes (a VLAN tag or PPPoE carried
 * straight in GRE is not among them: tshark shows it as data and counts nothing inside).
 */
export const GRE_PROTO_LAYER = new Uint8Array(65536);
GRE_PROTO_LAYER[EtherType.Ipv4] = Layer.Ipv4;
GRE_PROTO_LAYER[EtherType.Ipv6] = Layer.Ipv6;
GRE_PROTO_LAYER[EtherType.Arp] = Layer.Arp;
GRE_PROTO_LAYER[EtherType.Mpls] = Layer.Mpls;
GRE_PROTO_LAYER[EtherType.MplsMulticast] = Layer.Mpls;
GRE_PROTO_LAYER[EtherType.TransparentEthernet] = Layer.Ethernet;
GRE_PROTO_LAYER[EtherType.ErspanII] = Layer.ErspanII;
GRE_PROTO_LAYER[EtherType.ErspanIII] = Layer.ErspanIII;
GRE_PROTO_LAYER[EtherType.Ppp] = Layer.PppHdlc;

/** Geneve protocol type -> layer (EtherTypes, 0x6558 = Ethernet). */
export const GENEVE_PROTO_LAYER = Uint8Array.from(ETHER_TYPE_LAYER);
GENEVE_PROTO_LAYER[EtherType.TransparentEthernet] = Layer.Ethernet;

/** IP protocol (IPv4 protocol, IPv6 next header after extension headers) -> layer. */
export const IP_PROTO_LAYER = new Uint8Array(256);
IP_PROTO_LAYER[IpProto.Icmp] = Layer.Icmp;
IP_PROTO_LAYER[IpProto.Igmp] = Layer.Igmp;
IP_PROTO_LAYER[IpProto.IpInIp] = Layer.Ipv4;
IP_PROTO_LAYER[IpProto.Tcp] = Layer.Tcp;
IP_PROTO_LAYER[IpProto.Udp] = Layer.Udp;
IP_PROTO_LAYER[IpProto.Ipv6] = Layer.Ipv6;
IP_PROTO_LAYER[IpProto.Gre] = Layer.Gre;
IP_PROTO_LAYER[IpProto.Ah] = Layer.Ah;
IP_PROTO_LAYER[IpProto.Icmpv6] = Layer.Icmpv6;
IP_PROTO_LAYER[IpProto.Sctp] = Layer.Sctp;
IP_PROTO_LAYER[IpProto.MplsInIp] = Layer.Mpls;

/** IPv6 next-header values walked as extension headers (1) inside the IPv6 decoder. */
export const IPV6_EXTENSION = new Uint8Array(256);
IPV6_EXTENSION[IpProto.HopByHop] = 1;
IPV6_EXTENSION[IpProto.Routing] = 1;
IPV6_EXTENSION[IpProto.Fragment] = 1;
IPV6_EXTENSION[IpProto.Ah] = 1;
IPV6_EXTENSION[IpProto.DestinationOptions] = 1;
IPV6_EXTENSION[IpProto.Mobility] = 1;
IPV6_EXTENSION[IpProto.Hip] = 1;
IPV6_EXTENSION[IpProto.Shim6] = 1;

/** PPP protocol -> layer (PPP links, PPPoE session, PPTP GRE). */
export const PPP_PROTO_LAYER = new Uint8Array(65536);
PPP_PROTO_LAYER[0x0021] = Layer.Ipv4;
PPP_PROTO_LAYER[0x0057] = Layer.Ipv6;
PPP_PROTO_LAYER[0x0281] = Layer.Mpls;
PPP_PROTO_LAYER[0x0283] = Layer.Mpls;

/** Link types (tcpdump.org LINKTYPE_ values, plus the DLT_RAW aliases 12 and 14) -> entry layer. */
export const LINK_TYPE_SLOTS = 512;
export const LINK_TYPE_LAYER = new Uint8Array(LINK_TYPE_SLOTS);
LINK_TYPE_LAYER[0] = Layer.Null;
LINK_TYPE_LAYER[1] = Layer.Ethernet;
LINK_TYPE_LAYER[9] = Layer.PppHdlc; // PPP: address/control bytes optional
LINK_TYPE_LAYER[12] = Layer.IpByVersion;
LINK_TYPE_LAYER[14] = Layer.IpByVersion;
LINK_TYPE_LAYER[50] = Layer.PppHdlc; // PPP in HDLC-like framing (or Cisco HDLC, see link.ts)
LINK_TYPE_LAYER[101] = Layer.IpByVersion;
LINK_TYPE_LAYER[104] = Layer.CiscoHdlc;
LINK_TYPE_LAYER[108] = Layer.Loop;
LINK_TYPE_LAYER[113] = Layer.Sll;
LINK_TYPE_LAYER[228] = Layer.Ipv4;
LINK_TYPE_LAYER[229] = Layer.Ipv6;
LINK_TYPE_LAYER[276] = Layer.Sll2;

/** Build the UDP port -> tunnel layer table from the decoder options. */
export function udpPortTable(vxlanPorts: readonly number[], genevePorts: readonly number[], gtpuPorts: readonly number[]): Uint8Array {
  const t = new Uint8Array(65536);
  const put = (ports: readonly number[], layer: number): void => {
    for (const p of ports) if (Number.isInteger(p) && p > 0 && p < 65536) t[p] = layer;
  };
  put(vxlanPorts, Layer.Vxlan);
  put(genevePorts, Layer.Geneve);
  put(gtpuPorts, Layer.GtpU);
  return t;
}
