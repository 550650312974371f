// Copied from the team's shared tools (tools/node-read-floor.mjs), unchanged below these two comment lines: the plain-JS
// pcap walk every JS reader is compared with. Kept here so the benchmark runs without the shared folder.
// node-read-floor.mjs - what plain JS reaches on a classic pcap (Ethernet), single thread.
// usage: node node-read-floor.mjs FILE.pcap [--map]
//   default: read file in 16 MiB chunks (fs.readSync), walk record headers, touch Ethernet/VLAN/IPv4
//            header fields through a DataView (no per-flow state)
//   --map:   additionally accumulate packets/bytes per IPv4 source address in a Map keyed by int32
import fs from 'node:fs';

const [file, mode] = process.argv.slice(2);
if (!file) { console.error('usage: node node-read-floor.mjs FILE.pcap [--map]'); process.exit(2); }
const useMap = mode === '--map';
const CHUNK = 16 << 20;
const buf = Buffer.allocUnsafe(CHUNK + 262144 + 16)   // room for one max-size leftover record;
const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
const fd = fs.openSync(file, 'r');
const t0 = process.hrtime.bigint();

let len = fs.readSync(fd, buf, 0, 24, 0), pos = 24;
const magic = dv.getUint32(0, true);
const le = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;       // usec or nsec, file written little-endian
if (!le && dv.getUint32(0, false) !== 0xa1b2c3d4 && dv.getUint32(0, false) !== 0xa1b23c4d) throw new Error('not a classic pcap');
if (dv.getUint32(20, le) !== 1) throw new Error('link type is not Ethernet');

let packets = 0, capBytes = 0, wireBytes = 0, ipv4 = 0, other = 0, sink = 0;
const hosts = new Map();                                        // int32 src IP -> { packets, bytes }
let have = 0;                                                   // bytes in buf not yet consumed
for (;;) {
  const n = fs.readSync(fd, buf, have, CHUNK, pos); pos += n; have += n;
  let off = 0;
  while (off + 16 <= have) {
    const incl = dv.getUint32(off + 8, le), orig = dv.getUint32(off + 12, le);
    if (off + 16 + incl > have) break;                          // record continues in next chunk
    sink ^= dv.getUint32(off, le) ^ dv.getUint32(off + 4, le);  // timestamp
    const p = off + 16;
    packets++; capBytes += incl; wireBytes += orig;
    if (incl >= 14) {
      let l3 = p + 14, et = dv.getUint16(p + 12);
      if (et === 0x8100 && incl >= 18) { et = dv.getUint16(p + 16); l3 += 4; }
      if (et === 0x0800 && l3 + 20 <= p + incl) {
        const vihl = dv.getUint8(l3), totLen = dv.getUint16(l3 + 2), proto = dv.getUint8(l3 + 9);
        const src = dv.getInt32(l3 + 12), dst = dv.getInt32(l3 + 16);
        sink ^= vihl ^ totLen ^ proto ^ dst;
        ipv4++;
        if (useMap) {
          const h = hosts.get(src);
          if (h === undefined) hosts.set(src, { packets: 1, bytes: orig });
          else { h.packets++; h.bytes += orig; }
        } else sink ^= src;
      } else other++;
    }
    off += 16 + incl;
  }
  buf.copy(buf, 0, off, have); have -= off;                     // keep the partial record
  if (n === 0) break;
}
fs.closeSync(fd);
const s = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(JSON.stringify({ mode: useMap ? 'map-src-ip' : 'walk', packets, capBytes, wireBytes, ipv4, other,
  hosts: hosts.size, seconds: +s.toFixed(3), Mpps: +(packets / s / 1e6).toFixed(3),
  GbitWire: +(wireBytes * 8 / s / 1e9).toFixed(3), sink: sink & 0xff, trailing: have }));
