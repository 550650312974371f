/**
 * @module protocols/test-classify
 * Test support: runs the detection engine on payloads given as hex (bytes copied from corpus
 * captures with `tshark -T fields -e tcp.payload -e udp.payload`) for one fresh connection, and
 * names the result.
 */
import { confidenceName } from './confidence.js';
import { ProtocolDetector } from './detect.js';
import { protocolInfo } from './registry.js';

export interface TestPacket {
  readonly hex: string;
  /** true: server → client (default client → server). */
  readonly fromServer?: boolean;
}

export interface TestFlow {
  readonly l4: 'tcp' | 'udp';
  readonly clientPort: number;
  readonly serverPort: number;
  readonly packets: readonly TestPacket[];
  readonly budget?: number;
}

export function fromHex(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

/** The protocol id and confidence the engine reaches on the flow's packets. */
export function classify(flow: TestFlow): { id: string; confidence: string } {
  const d = new ProtocolDetector(flow.budget === undefined ? undefined : { packetBudget: flow.budget });
  d.resize(16);
  d.reset(3);
  const l4 = flow.l4 === 'tcp' ? 6 : 17;
  for (const p of flow.packets) {
    // Place the payload after some header bytes, as a frame would hold it.
    const bytes = fromHex(p.hex), frame = new Uint8Array(bytes.length + 42);
    frame.set(bytes, 42);
    d.inspect(3, l4, p.fromServer !== true, true, flow.clientPort, flow.serverPort, frame, 42, bytes.length);
  }
  return { id: protocolInfo(d.protocolOf(3)).id, confidence: confidenceName(d.confidenceOf(3)) };
}
