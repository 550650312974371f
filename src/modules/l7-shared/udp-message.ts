/**
 * @module modules/l7-shared/udp-message
 * The frame test of the UDP message dissectors (DHCP, NetBIOS): the frame belongs to a tracked
 * connection, and the connection's L4 header is its innermost one, UDP, with a payload.
 */
import type { PacketInfo } from '../../decode/packet-info.js';
import type { PacketRefs } from '../../pipeline/packet-refs.js';

const UDP = 17;

/** The connection's L4 header index when the frame carries a UDP message of it, else -1. */
export function udpMessageLayer(pi: PacketInfo, refs: PacketRefs): number {
  const l4 = refs.connL4;
  if (refs.conn < 0 || pi.payloadLen === 0 || l4 !== pi.l4Count - 1 || pi.l4Proto[l4] !== UDP) return -1;
  return l4;
}
