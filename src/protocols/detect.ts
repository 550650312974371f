/**
 * @module protocols/detect
 * The detection engine (DPI). Per connection it keeps 8 bytes in typed arrays indexed by the
 * connection's entity id (attach it with `connections.listen(detector)`):
 *   proto (u16)      the best protocol so far (registry index, 0 = unknown)
 *   state (u8)       confidence level (bits 0-2), port guess done (bit 3), finished (bit 4)
 *   counts (u8)      payload packets inspected from side A (low nibble) and from side B (high)
 *   candidate (u16)  a probe's pending candidate (see probe.ts)
 *   scratch (u16)    a probe's 16 bits of flow memory
 * Three sources of evidence stay apart, as in Zeek: the port tables of registry.ts (a `port`
 * guess, taken once per connection), the ordered payload probes of heuristics/ (a `payload`
 * match, which ends inspection), and `confirm` from a dissector (`dissector`). Probes run only on
 * the first `packetBudget` payload packets of each direction, selected by L4 protocol and first
 * payload byte through a 256-entry dispatch table, then by length and port hints. Nothing here
 * allocates per packet.
 */
import type { EntityListener } from '../store/entity-table.js';
import { resized } from '../store/resize.js';
import { Confidence } from './confidence.js';
import { PROBES } from './heuristics/index.js';
import { ProbeInput, type Probe } from './probe.js';
import { IP_PROTOCOLS, OVER_TLS, TCP_PORTS, UDP_PORTS, protocolIndex } from './registry.js';

const LEVEL = 0x07, PORT_DONE = 0x08, FINISHED = 0x10;
const TCP = 6, UDP = 17;
const TLS = protocolIndex('tls');

export interface DetectorOptions {
  /** Payload packets inspected per direction before the best guess is kept (1 … 15). */
  readonly packetBudget: number;
}

export const DETECTOR_DEFAULTS: DetectorOptions = { packetBudget: 8 };

/** For each first payload byte, the probes to try in order. */
function dispatchTable(probes: readonly Probe[], l4: 'tcp' | 'udp'): Probe[][] {
  const table: Probe[][] = Array.from({ length: 256 }, () => []);
  for (const probe of probes) {
    if (probe.l4 !== 'both' && probe.l4 !== l4) continue;
    const bytes = probe.firstBytes ?? null;
    for (let b = 0; b < 256; b++) if (bytes === null || bytes.includes(b)) (table[b] as Probe[]).push(probe);
  }
  return table;
}

const TCP_DISPATCH = dispatchTable(PROBES, 'tcp');
const UDP_DISPATCH = dispatchTable(PROBES, 'udp');

/** The protocol of a port pair from the port tables: server port first. 0 when none. */
export function portGuess(l4: number, serverPort: number, clientPort: number): number {
  const table = l4 === TCP ? TCP_PORTS : l4 === UDP ? UDP_PORTS : null;
  if (table === null) return 0;
  return (table[serverPort] as number) || (table[clientPort] as number);
}

/** TLS on a port that names a TLS-wrapped protocol (IMAPS on 993 …) is that protocol. */
function refineTls(serverPort: number, clientPort: number): number {
  const s = TCP_PORTS[serverPort] as number;
  if (s !== 0 && OVER_TLS[s] === 1) return s;
  const c = TCP_PORTS[clientPort] as number;
  if (c !== 0 && OVER_TLS[c] === 1) return c;
  return TLS;
}

export class ProtocolDetector implements EntityListener {
  static readonly BYTES_PER_FLOW = 8;
  proto = new Uint16Array(0);
  state = new Uint8Array(0);
  counts = new Uint8Array(0);
  candidate = new Uint16Array(0);
  scratch = new Uint16Array(0);
  /** Payload packets handed to probes, and probe calls (for benchmarks and tests). */
  inspectedPackets = 0;
  probeCalls = 0;
  private readonly budget: number;
  private readonly input = new ProbeInput();

  constructor(options?: Partial<DetectorOptions>) {
    const budget = options?.packetBudget ?? DETECTOR_DEFAULTS.packetBudget;
    this.budget = Math.max(1, Math.min(15, Math.floor(budget)));
  }

  resize(capacity: number): void {
    this.proto = resized(this.proto, capacity);
    this.state = resized(this.state, capacity);
    this.counts = resized(this.counts, capacity);
    this.candidate = resized(this.candidate, capacity);
    this.scratch = resized(this.scratch, capacity);
  }

  reset(e: number): void {
    this.proto[e] = 0;
    this.state[e] = 0;
    this.counts[e] = 0;
    this.candidate[e] = 0;
    this.scratch[e] = 0;
  }

  evicted(): void {
    // reset() clears a reused id.
  }

  /** The connection's protocol (registry index; 0 = unknown). */
  protocolOf(e: number): number {
    return this.proto[e] as number;
  }

  /** The connection's confidence level (see confidence.ts). */
  confidenceOf(e: number): number {
    return (this.state[e] as number) & LEVEL;
  }

  /** true once the engine stopped inspecting the connection (matched, or budget spent). */
  isFinished(e: number): boolean {
    return ((this.state[e] as number) & FINISHED) !== 0;
  }

  /** A dissector read a message of `protocol` on connection e: the strongest evidence. */
  confirm(e: number, protocol: number): void {
    this.proto[e] = protocol;
    this.state[e] = ((this.state[e] as number) & PORT_DONE) | FINISHED | Confidence.Dissector;
  }

  /**
   * One frame of connection e: `l4` its L4 protocol, `fromA` its direction, `aIsClient` the
   * connection's roles, portA/portB the connection's ports, and the payload data[off, off+len).
   */
  inspect(e: number, l4: number, fromA: boolean, aIsClient: boolean, portA: number, portB: number,
    data: Uint8Array, off: number, len: number): void {
    let st = this.state[e] as number;
    if ((st & FINISHED) !== 0) return;
    const serverPort = aIsClient ? portB : portA, clientPort = aIsClient ? portA : portB;
    if ((st & PORT_DONE) === 0) {
      st |= PORT_DONE;
      if (l4 !== TCP && l4 !== UDP) {
        const ip = IP_PROTOCOLS[l4] as number;
        if (ip !== 0) {
          this.proto[e] = ip;
          this.state[e] = PORT_DONE | FINISHED | Confidence.Payload;
          return;
        }
      }
      const guess = portGuess(l4, serverPort, clientPort);
      if (guess !== 0 && (st & LEVEL) < Confidence.Port) {
        this.proto[e] = guess;
        st = (st & ~LEVEL) | Confidence.Port;
      }
      this.state[e] = st;
    }
    if (len <= 0 || (l4 !== TCP && l4 !== UDP)) return;
    const counts = this.counts[e] as number;
    const dirCount = fromA ? counts & 0x0f : counts >>> 4;
    const budget = this.budget;
    if (dirCount >= budget) return;
    const next = fromA ? (counts & 0xf0) | (dirCount + 1) : (counts & 0x0f) | ((dirCount + 1) << 4);
    this.counts[e] = next;
    this.inspectedPackets++;

    const input = this.input;
    input.data = data;
    input.off = off;
    input.len = len;
    input.l4 = l4;
    input.srcPort = fromA ? portA : portB;
    input.dstPort = fromA ? portB : portA;
    input.serverPort = serverPort;
    input.clientPort = clientPort;
    input.fromClient = fromA === aIsClient;
    input.dirPackets = dirCount;
    input.candidate = this.candidate[e] as number;
    input.scratch = this.scratch[e] as number;
    input.guess = 0;
    const list = (l4 === TCP ? TCP_DISPATCH : UDP_DISPATCH)[data[off] as number] as Probe[];
    let found = 0;
    for (let i = 0; i < list.length; i++) {
      const probe = list[i] as Probe;
      if (len < probe.minLen) continue;
      const ports = probe.ports;
      if (ports !== undefined && !portListed(ports, input.srcPort, input.dstPort)) continue;
      this.probeCalls++;
      found = probe.match(input);
      if (found !== 0) break;
    }
    this.candidate[e] = input.candidate;
    this.scratch[e] = input.scratch;
    if (found !== 0) {
      this.proto[e] = found === TLS ? refineTls(serverPort, clientPort) : found;
      this.state[e] = ((this.state[e] as number) & PORT_DONE) | FINISHED | Confidence.Payload;
      return;
    }
    st = this.state[e] as number;
    if (input.guess !== 0 && (st & LEVEL) < Confidence.Guess) {
      this.proto[e] = input.guess;
      this.state[e] = (st & ~LEVEL) | Confidence.Guess;
    }
    if ((next & 0x0f) >= budget && next >>> 4 >= budget) this.state[e] = (this.state[e] as number) | FINISHED;
  }
}

function portListed(ports: readonly number[], a: number, b: number): boolean {
  for (let i = 0; i < ports.length; i++) {
    const p = ports[i];
    if (p === a || p === b) return true;
  }
  return false;
}
