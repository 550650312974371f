/**
 * @module test/support/pcap-frames
 * The frames of a classic little- or big-endian pcap file as views, for tests that need one
 * packet's bytes (a ClientHello, a QUIC Initial) without running the pipeline.
 */
import { readFileSync } from 'node:fs';
import { pcapPath } from './paths.js';

export function pcapFrames(name: string): Uint8Array[] {
  const buf = readFileSync(pcapPath(name));
  const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = dv.getUint32(0, true);
  const le = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  const out: Uint8Array[] = [];
  let off = 24;
  while (off + 16 <= bytes.length) {
    const incl = dv.getUint32(off + 8, le);
    if (off + 16 + incl > bytes.length) break;
    out.push(bytes.subarray(off + 16, off + 16 + incl));
    off += 16 + incl;
  }
  return out;
}
