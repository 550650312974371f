/**
 * @module bench/pcap-generator
 * usage: node dist/bench/pcap-generator.js SOURCE.pcap BYTES > out.pcap   (or | curl -T - …)
 *
 * Writes a pcap of BYTES bytes (suffixes k, M, G for KiB, MiB, GiB) to stdout without any file of
 * that size: the first 64 MiB of SOURCE's records (a classic little-endian µs pcap) are repeated,
 * each round's timestamps shifted by the span of the template plus one second, so the time keeps
 * rising. Ends on a record boundary at or below BYTES. Used by upload.bench.ts for the 10 GiB
 * memory measurement.
 */
import { openSync, readSync, closeSync } from 'node:fs';

const TEMPLATE_BYTES = 64 * 2 ** 20;

export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([kMG]?)$/.exec(text);
  if (m === null) throw new Error(`'${text}' is not a size (e.g. 10G)`);
  const unit = m[2] === 'k' ? 2 ** 10 : m[2] === 'M' ? 2 ** 20 : m[2] === 'G' ? 2 ** 30 : 1;
  return Math.floor(Number(m[1]) * unit);
}

/** The global header and whole records of the first `limit` bytes of a µs little-endian pcap. */
export function readTemplate(path: string, limit = TEMPLATE_BYTES): { header: Buffer; records: Buffer; firstSec: number; lastSec: number } {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(limit + 24);
    const n = readSync(fd, buf, 0, buf.length, 0);
    if (n < 24 || buf.readUInt32LE(0) !== 0xa1b2c3d4) throw new Error(`${path} is not a little-endian microsecond pcap`);
    let off = 24, firstSec = -1, lastSec = 0;
    while (off + 16 <= n) {
      const incl = buf.readUInt32LE(off + 8);
      if (off + 16 + incl > n) break;
      const sec = buf.readUInt32LE(off);
      if (firstSec < 0) firstSec = sec;
      lastSec = sec;
      off += 16 + incl;
    }
    return { header: Buffer.from(buf.subarray(0, 24)), records: Buffer.from(buf.subarray(24, off)), firstSec, lastSec };
  } finally {
    closeSync(fd);
  }
}

async function main(): Promise<void> {
  const [source, sizeText] = process.argv.slice(2);
  if (source === undefined || sizeText === undefined) {
    process.stderr.write('usage: node dist/bench/pcap-generator.js SOURCE.pcap BYTES(k|M|G)\n');
    process.exit(2);
  }
  const total = parseSize(sizeText);
  const t = readTemplate(source);
  const span = t.lastSec - t.firstSec + 1;
  const out = process.stdout;
  const write = (b: Buffer): Promise<void> => new Promise((resolve, reject) => { out.write(b, (err) => { if (err) reject(err); else resolve(); }); });
  await write(t.header);
  let written = 24;
  const round = Buffer.alloc(t.records.length);
  for (let r = 0; written < total; r++) {
    t.records.copy(round);
    let off = 0, end = round.length;
    while (off + 16 <= round.length) {
      const incl = round.readUInt32LE(off + 8);
      if (written + off + 16 + incl > total) {
        end = off;
        break;
      }
      round.writeUInt32LE(round.readUInt32LE(off) + r * span, off);
      off += 16 + incl;
    }
    if (end === 0) break;
    await write(end === round.length ? round : round.subarray(0, end));
    written += end;
    if (end < round.length) break;
  }
}

if (process.argv[1]?.endsWith('pcap-generator.js') === true) {
  main().catch((err: unknown) => {
    // A closed pipe (the reader stopped) ends the generator quietly.
    if ((err as NodeJS.ErrnoException).code !== 'EPIPE') {
      process.stderr.write(`${String(err)}\n`);
      process.exit(1);
    }
  });
}
