/**
 * @module flow/tcp/tcp-bits
 * Bit and index constants shared by the TCP metrics columns and the sequence analysis.
 */

/** TCP flag bits as in PacketInfo.tcpFlags. */
export const TcpFlag = { Fin: 0x01, Syn: 0x02, Rst: 0x04, Psh: 0x08, Ack: 0x10 } as const;

/** Per-direction state bits (column `dirFlags`). */
export const DirBit = {
  /** `window` holds the last raw window of this direction. */
  WindowKnown: 0x01,
  /** The last segment of this direction was a keep-alive / a zero-window probe. */
  LastKeepAlive: 0x02,
  LastZeroWindowProbe: 0x04,
  /** A SYN (or SYN/ACK) of this direction was seen, and whether it carried the window-scale option. */
  SynSeen: 0x08,
  WsOption: 0x10,
} as const;

/** Per-connection state bits (column `connFlags`). */
export const ConnBit = {
  ClientKnown: 0x01,
  ClientIsA: 0x02,
  /** A SYN without ACK was seen; its (latest) time is in `synTs`. */
  SynSeen: 0x04,
  /** A SYN/ACK answered the latest SYN; its time is in `synAckTs`. */
  SynAckSeen: 0x08,
  /** The first ACK without SYN after a SYN was seen: the handshake measurement is over. */
  FirstAckSeen: 0x10,
  /** Data has been seen; the last data segment came from side B. */
  HasData: 0x20,
  LastDataFromB: 0x40,
  /** tshark-compatible first RTT is known (`firstRttUs`). */
  FirstRttKnown: 0x80,
} as const;

/** How a connection ended. `Timeout` is set by the caller (setTermination). */
export const Termination = { Open: 0, Fin: 1, Rst: 2, Timeout: 3 } as const;
export type Termination = (typeof Termination)[keyof typeof Termination];

/** Indices of the four saturating flag counters per direction. */
export const FlagCount = { Syn: 0, SynAck: 1, Fin: 2, Rst: 3 } as const;

/** What the sequence analysis made of a segment (bits). */
export const SegmentKind = {
  Retransmission: 0x01,
  Fast: 0x02,
  Spurious: 0x04,
  OutOfOrder: 0x08,
  /** Keep-alive or zero-window probe: payload that is not application data. */
  NotData: 0x10,
} as const;
