/**
 * Writes a pcap in which `count` distinct IPv4 addresses (10.0.0.0 upwards) each send one UDP packet
 * to 192.168.0.1:53 over one second per 10,000 packets: the store then holds `count` + 1 IPs, the load
 * behind the web UI's page-time figure for the IP table (test/e2e). Uses the project's pcap writer.
 *
 *   node dist/bench/million-ips-pcap.js OUT.pcap [count=1000000]
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { PcapWriter } from '../src/capture/pcap-writer.js';

const FRAME_BYTES = 14 + 20 + 8 + 18;
const T0 = 1_700_000_000;

/** One Ethernet/IPv4/UDP frame template; the source address and checksum change per packet. */
function template(): Uint8Array {
  const f = new Uint8Array(FRAME_BYTES);
  f.set([0x02, 0, 0, 0, 0, 0x01, 0x02, 0, 0, 0, 0, 0x02, 0x08, 0x00], 0);
  const ip = 14;
  f.set([0x45, 0, 0, 20 + 8 + 18, 0, 0, 0x40, 0, 64, 17, 0, 0], ip);
  f.set([192, 168, 0, 1], ip + 16);
  const udp = ip + 20;
  f.set([0x30, 0x39, 0, 53, 0, 8 + 18, 0, 0], udp);
  return f;
}

function ipChecksum(f: Uint8Array, off: number): number {
  let sum = 0;
  for (let i = 0; i < 20; i += 2) if (i !== 10) sum += ((f[off + i] ?? 0) << 8) | (f[off + i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

export function writeMillionIpsPcap(path: string, count = 1_000_000): void {
  const fd = openSync(path, 'w');
  try {
    const writer = new PcapWriter((chunk) => { writeSync(fd, chunk); }, { linkType: 1 });
    const f = template();
    const packet = { data: f, start: 0, capLen: FRAME_BYTES, origLen: FRAME_BYTES, tsSec: T0, tsNsec: 0, linkType: 1, interfaceId: 0 };
    for (let i = 0; i < count; i++) {
      const src = (10 << 24) + i;
      f[26] = src >>> 24; f[27] = (src >>> 16) & 0xff; f[28] = (src >>> 8) & 0xff; f[29] = src & 0xff;
      f[18] = (i >>> 8) & 0xff; f[19] = i & 0xff;
      const c = ipChecksum(f, 14);
      f[24] = c >>> 8; f[25] = c & 0xff;
      packet.tsSec = T0 + Math.floor(i / 10_000);
      packet.tsNsec = (i % 10_000) * 100_000;
      writer.write(packet);
    }
    writer.flush();
  } finally {
    closeSync(fd);
  }
}

if (process.argv[1]?.endsWith('million-ips-pcap.js') === true) {
  const out = process.argv[2];
  if (out === undefined) {
    process.stderr.write('usage: node dist/bench/million-ips-pcap.js OUT.pcap [count]\n');
    process.exit(2);
  }
  const count = Number(process.argv[3] ?? 1_000_000);
  writeMillionIpsPcap(out, count);
  process.stdout.write(`wrote ${out}: ${count} packets from ${count} distinct IPv4 sources\n`);
}
