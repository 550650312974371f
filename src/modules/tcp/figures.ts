/**
 * @module modules/tcp/figures
 * The TCP figures the module keeps with history: globally (GLOBAL, per second and all-time) and
 * per IP (PER_IP, touched only by handshakes and retransmissions, so it costs little).
 */

/** Global TCP figures, in this order in the global history. */
export const GLOBAL = [
  'segments', 'payloadBytes', 'handshakes', 'handshakeSumUs', 'retransPackets', 'retransBytes', 'fastRetrans',
  'spuriousRetrans', 'outOfOrder', 'dupAcks', 'missedBytes', 'zeroWindow', 'syn', 'synAck', 'fin', 'rst',
  'responses', 'responseSumUs',
] as const;
export const G = Object.fromEntries(GLOBAL.map((n, i) => [n, i])) as Record<(typeof GLOBAL)[number], number>;

/** Per-IP TCP figures with history. */
export const PER_IP = ['handshakesAsClient', 'handshakeSumUsAsClient', 'handshakesAsServer', 'handshakeSumUsAsServer',
  'retransPackets', 'retransBytes'] as const;
export const P = Object.fromEntries(PER_IP.map((n, i) => [n, i])) as Record<(typeof PER_IP)[number], number>;

/** Milliseconds with µs precision, for the API. */
export function ms(us: number): number {
  return Math.round(us) / 1000;
}
