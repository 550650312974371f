/**
 * @module flow/client-side
 * Which side of a connection is the client when the TCP handshake does not say (UDP, SCTP, ICMP,
 * TCP joined mid-stream): the side whose port is the lower well-known/registered port is the server
 * (port < 1024 beats any port; otherwise a port below 49152 beats an ephemeral one); when both or
 * neither qualify, the first sender (side A) is the client. Returns 1 when A is the client.
 */
export function guessClientIsA(portA: number, portB: number): number {
  const rankA = portRank(portA), rankB = portRank(portB);
  if (rankA !== rankB) return rankA > rankB ? 0 : 1;
  return 1;
}

/** 2: system port (1..1023), 1: registered (1024..49151), 0: dynamic/ephemeral or 0. */
function portRank(port: number): number {
  if (port > 0 && port < 1024) return 2;
  if (port >= 1024 && port < 49152) return 1;
  return 0;
}
