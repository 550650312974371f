/**
 * @module protocols/probe
 * The contract of a payload heuristic (a probe) and the one reused input object the detection
 * engine hands to every probe. A probe declares cheap preconditions as data (L4 protocol, the
 * first payload bytes it can match, a minimum length, port hints) so the engine calls it only
 * when they hold; its `match` compares bytes (no strings, no regular expressions, no allocation)
 * and answers a protocol index (from registry.ts) or 0 for "not this packet".
 *
 * Flow memory: `candidate` and `scratch` are the flow's two 16-bit words (see detect.ts). A probe
 * that needs two packets (RTP) stores its candidate protocol and a fingerprint there on the first
 * and confirms on the next.
 */

export class ProbeInput {
  /** The packet's payload is data[off, off + len); never read outside it. */
  data: Uint8Array = new Uint8Array(0);
  off = 0;
  len = 0;
  /** 6 TCP, 17 UDP, 132 SCTP. */
  l4 = 0;
  srcPort = 0;
  dstPort = 0;
  /** The server side's port (handshake, else the port heuristic) and the client's. */
  serverPort = 0;
  clientPort = 0;
  /** The packet goes from the client to the server. */
  fromClient = true;
  /** Payload packets already inspected in this direction (0 for the first). */
  dirPackets = 0;
  /** The flow's probe memory (16 bits each); written back by the engine. */
  candidate = 0;
  scratch = 0;
  /** Set by a probe that saw partial evidence: a protocol to keep as a guess if nothing better. */
  guess = 0;
}

export interface Probe {
  /** Short name for tests and diagnostics. */
  readonly name: string;
  /** L4 protocols the probe applies to. */
  readonly l4: 'tcp' | 'udp' | 'both';
  /** Shortest payload the probe can match. */
  readonly minLen: number;
  /** The first payload bytes it can match; undefined = any. */
  readonly firstBytes?: readonly number[];
  /** Run only when one of the ports is listed; undefined = any port. */
  readonly ports?: readonly number[];
  /** The protocol index recognised in this packet, or 0. */
  match(input: ProbeInput): number;
}

/** The bytes of an ASCII string (built once, at module load). */
export function ascii(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0x7f;
  return out;
}

/** data[at, at + pattern.length) equals the pattern and lies within limit. */
export function bytesAt(data: Uint8Array, at: number, limit: number, pattern: Uint8Array): boolean {
  const n = pattern.length;
  if (at + n > limit) return false;
  for (let i = 0; i < n; i++) if (data[at + i] !== pattern[i]) return false;
  return true;
}

/** Like bytesAt, ignoring ASCII letter case of the data (pattern in upper case). */
export function bytesAtNoCase(data: Uint8Array, at: number, limit: number, pattern: Uint8Array): boolean {
  const n = pattern.length;
  if (at + n > limit) return false;
  for (let i = 0; i < n; i++) {
    const b = data[at + i] as number;
    if ((b >= 0x61 && b <= 0x7a ? b - 0x20 : b) !== pattern[i]) return false;
  }
  return true;
}

/** Offset of the first occurrence of pattern in data[from, limit), or -1. */
export function indexOfBytes(data: Uint8Array, from: number, limit: number, pattern: Uint8Array): number {
  const first = pattern[0] as number, last = limit - pattern.length;
  for (let i = from; i <= last; i++) if (data[i] === first && bytesAt(data, i, limit, pattern)) return i;
  return -1;
}

/** Offset of the first CR or LF in data[from, limit), or -1. */
export function lineEnd(data: Uint8Array, from: number, limit: number): number {
  for (let i = from; i < limit; i++) {
    const b = data[i];
    if (b === 0x0d || b === 0x0a) return i;
  }
  return -1;
}

export function hasPort(input: ProbeInput, port: number): boolean {
  return input.srcPort === port || input.dstPort === port;
}

/** Every byte value from `from` to `to` inclusive (for firstBytes). */
export function byteRange(from: number, to: number): number[] {
  const out: number[] = [];
  for (let b = from; b <= to; b++) out.push(b);
  return out;
}

/** The bytes of the characters of a string (for firstBytes). */
export function charsOf(text: string): number[] {
  return Array.from(text, (c) => c.charCodeAt(0));
}
