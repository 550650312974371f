/**
 * @module analysis/tunnel-view
 * Which headers of a tunnelled packet (VXLAN, GRE, ERSPAN, IP-in-IP, MPLS pseudowire …) are analysed:
 * - `all`   every Ethernet, IP and L4 header counts (a tunnelled frame counts for the outer and the
 *           inner addresses), the way Wireshark's statistics count; the default;
 * - `outer` only the outermost Ethernet / IP header and the L4 header carried directly by it;
 * - `inner` only the innermost Ethernet / IP header and the L4 header carried by it.
 */
export const TUNNEL_VIEWS = ['all', 'outer', 'inner'] as const;
export type TunnelView = (typeof TUNNEL_VIEWS)[number];

export function isTunnelView(v: string): v is TunnelView {
  return (TUNNEL_VIEWS as readonly string[]).includes(v);
}
