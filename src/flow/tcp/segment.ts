/**
 * @module flow/tcp/segment
 * The TCP segment length of the innermost TCP header of a decoded packet as it was on the wire: the
 * IP payload length (IP total length minus the IP header and IPv6 extension headers) minus the TCP
 * header. A snap length that cut the frame does not shorten it (sequence numbers count wire bytes);
 * an IP total length beyond the frame is cut to the frame (as tshark does); a datagram completed by
 * reassembly uses the reassembled payload.
 */
import type { PacketInfo } from '../../decode/packet-info.js';

const TCP = 6;

/** Wire length of the TCP payload of `pi`'s innermost TCP header, or 0 when it cannot be known. */
export function tcpSegmentLength(pi: PacketInfo): number {
  if (pi.reassembled) return pi.payloadLen;
  let j = pi.l4Count - 1;
  while (j >= 0 && pi.l4Proto[j] !== TCP) j--;
  if (j < 0) return 0;
  const ip = pi.l4Ip[j] as number;
  let len = (pi.ipTotalLen[ip] as number) - (pi.ipHeaderLen[ip] as number) - pi.tcpHeaderLen;
  // An IP total length beyond the frame: the segment ends with the frame.
  const inFrame = pi.start + pi.origLen - pi.payloadOffset;
  if (pi.l4Complete[j] === 1 && inFrame >= 0 && inFrame < len) len = inFrame;
  return len > 0 ? len : 0;
}
