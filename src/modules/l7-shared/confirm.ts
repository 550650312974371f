/**
 * @module modules/l7-shared/confirm
 * What a dissector tells the detection engine once it has read a connection's first message: the
 * protocol is confirmed (confidence "dissector"), and a server name (TLS/QUIC SNI, HTTP Host) that
 * belongs to a named service (protocols/services) names the connection after it. A more specific
 * protocol the engine already found stays: TLS on a TLS-wrapped protocol's port (IMAPS …), or an
 * HTTP-based protocol matched on payload (SSDP …).
 */
import { Confidence } from '../../protocols/confidence.js';
import type { ProtocolDetector } from '../../protocols/detect.js';
import { OVER_TLS, protocolIndex } from '../../protocols/registry.js';
import { serviceOf } from '../../protocols/services/index.js';

export const TLS = protocolIndex('tls');
export const HTTP = protocolIndex('http');
export const QUIC = protocolIndex('quic');

/** Confirms connection c as `generic` (tls, http or quic) or a more specific protocol; answers the index confirmed. */
export function confirmProtocol(detector: ProtocolDetector | undefined, c: number, generic: number, name: string | null): number {
  if (detector === undefined) return generic;
  const cur = detector.proto[c] as number;
  let final = generic;
  if (generic === TLS && cur !== 0 && OVER_TLS[cur] === 1) final = cur;
  else if (generic === HTTP && cur !== 0 && cur !== HTTP && detector.confidenceOf(c) >= Confidence.Payload) final = cur;
  if (name !== null && (final === TLS || final === HTTP || final === QUIC)) {
    const service = serviceOf(name);
    if (service !== 0) final = service;
  }
  detector.confirm(c, final);
  return final;
}
