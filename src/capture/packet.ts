/**
 * @module capture/packet
 * One packet as the capture writers take it: where its bytes lie (valid during the call only; the
 * writers copy), its lengths, time and interface. A PacketBatch entry or a decoded PacketInfo
 * provides all of it.
 */
export interface CapturePacket {
  readonly data: Uint8Array;
  readonly start: number;
  readonly capLen: number;
  readonly origLen: number;
  readonly tsSec: number;
  /** Nanoseconds within the second. */
  readonly tsNsec: number;
  readonly linkType: number;
  readonly interfaceId: number;
}

/** Bytes kept of a packet under a snap length (0 or less: no limit). */
export function keptLength(capLen: number, snapLength: number): number {
  return snapLength > 0 && capLen > snapLength ? snapLength : capLen;
}
