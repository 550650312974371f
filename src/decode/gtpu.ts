/**
 * @module decode/gtpu
 * GTP-U version 1 (3GPP TS 29.281) on its UDP port (decoder option gtpuPorts, default 2152): the
 * 8-byte header, the 4 optional bytes when E, S or PN is set, and the extension header chain; a
 * G-PDU (message type 255) carries an IPv4 or IPv6 packet (by its first nibble). Other message
 * types (echo, error indication, end marker) end decoding. The length field narrows the frame.
 */
import { anomalyIndex } from './anomalies.js';
import { Layer } from './dispatch.js';
import { ipLayerByNibble } from './link.js';
import type { PacketInfo } from './packet-info.js';
import type { DecodeState } from './state.js';

const A_TRUNCATED = anomalyIndex('gtpu.truncated');
const A_BAD_VERSION = anomalyIndex('gtpu.bad_version');

const G_PDU = 0xff;
const MAX_EXTENSIONS = 16;

export function decodeGtpU(s: DecodeState, out: PacketInfo): number {
  const d = s.d, dv = s.dv, p = s.pos;
  if (p + 8 > s.end) {
    s.raise(out, A_TRUNCATED);
    return Layer.None;
  }
  const flags = d[p] as number;
  if (flags >> 5 !== 1 || (flags & 0x10) === 0) {
    s.raise(out, A_BAD_VERSION);
    return Layer.None;
  }
  const type = d[p + 1] as number;
  s.narrow(p + 8, dv.getUint16(p + 2));
  let q = p + 8;
  if ((flags & 7) !== 0) {
    if (q + 4 > s.end) {
      s.raise(out, A_TRUNCATED);
      return Layer.None;
    }
    let ext = d[q + 3] as number;
    q += 4;
    for (let n = 0; ext !== 0; n++) {
      if (n >= MAX_EXTENSIONS || q + 1 > s.end) {
        s.raise(out, A_TRUNCATED);
        return Layer.None;
      }
      const len = (d[q] as number) << 2;
      if (len === 0 || q + len > s.end) {
        s.raise(out, A_TRUNCATED);
        return Layer.None;
      }
      ext = d[q + len - 1] as number;
      q += len;
    }
  }
  s.pos = q;
  if (type !== G_PDU) return Layer.None;
  if (q >= s.end && q < s.wireEnd) s.raise(out, A_TRUNCATED);
  return ipLayerByNibble(s);
}
