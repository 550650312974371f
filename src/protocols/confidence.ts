/**
 * @module protocols/confidence
 * How sure the detection engine is of a connection's application protocol, weakest first. A
 * stronger level replaces a weaker one, never the reverse.
 * - port: the server (or client) port is the protocol's default port; no payload says so yet;
 * - guess: a payload looked like the protocol once, but the probe wants more (RTP: a second
 *   packet with the same SSRC) and the packet budget ran out first;
 * - payload: a heuristic matched the payload;
 * - dissector: the protocol's own parser read a message of it (confirmation by a dissector).
 */
export const Confidence = { None: 0, Port: 1, Guess: 2, Payload: 3, Dissector: 4 } as const;
export type ConfidenceLevel = (typeof Confidence)[keyof typeof Confidence];

export const CONFIDENCE_NAMES: readonly string[] = ['none', 'port', 'guess', 'payload', 'dissector'];

export function confidenceName(level: number): string {
  return CONFIDENCE_NAMES[level] ?? 'none';
}
