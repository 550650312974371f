/**
 * @module test/golden/tcp-rules
 * Where the TCP engine's figures legitimately differ from tshark's tcp.analysis, as code (the same
 * rules are written up in src/flow/tcp/README.md):
 *
 * T1  Handshake time: wiremeter reports SYN → ACK of the SYN/ACK only for a whole 3-way handshake
 *     (a SYN, a SYN/ACK from the other side answering the latest SYN, then the stream's first
 *     ACK-without-SYN from the SYN's sender); -1 otherwise. tshark's tcp.analysis.initial_rtt is the
 *     time from the latest SYN to the first ACK-without-SYN in either direction, with or without a
 *     SYN/ACK. Where the handshake is whole the two are the same number.
 * T2  Times are whole microseconds (packet time floored to µs, as everywhere in wiremeter). On a
 *     nanosecond capture the difference of two floored times is within 1 µs of tshark's exact
 *     nanosecond difference; on a microsecond capture it is exact.
 * T3  Timestamps with a fraction of a second of 1 s or more (corrupt µs/ns fields): wiremeter's
 *     pcap reader carries the excess into the seconds (src/source/README.md); tshark does not, and
 *     wraps it. Packet times then differ, so time figures of such captures are not compared (their
 *     counts still are).
 */
import type { TcpStreamRef } from './tcp-reference.js';

/** T2: |ours * 1000 - tshark's ns| must be below this (so µs captures must agree exactly). */
export const HANDSHAKE_TOLERANCE_NS = 1000;

/** T1: tshark's iRTT in ns where the stream shows a whole handshake, else null (ours must be -1). */
export function expectedHandshakeNs(s: TcpStreamRef): number | null {
  return s.handshake.complete ? s.initial_rtt_ns : null;
}

/** T3: time figures are compared only when the reader carried no timestamp fraction over. */
export function timesComparable(fractionOverflows: number): boolean {
  return fractionOverflows === 0;
}
