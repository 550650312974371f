/**
 * Decode-only benchmark: read every record of a classic pcap and decode it, compared in the same run
 * with the plain-JS pcap header walk (the "floor", /work/shared/tools/node-read-floor.mjs or any
 * script given with --floor). Run on demand, never in tests:
 *
 *   npx tsc -p . && node dist/src/decode/decode.bench.js BIG.pcap [--floor PATH] [--rounds N] [--source]
 *
 * Modes, each timed `rounds` times (best kept): `walk` (the inline pcap walker alone), `decode` (the
 * same walker + PacketDecoder.decodeFrame per record), and with --source `source` (openCaptureFile
 * from src/source + PacketDecoder.decode per packet). The floor runs in its own process.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readSync } from 'node:fs';
import { PacketDecoder } from './index.js';
import { PacketInfo } from './packet-info.js';

interface Result { packets: number; seconds: number; check: number; fastPath?: number }

const CHUNK = 16 << 20;

/**
 * Walk the records of a little-endian µs classic pcap, like the floor (16 MiB reads, DataView record
 * headers); with a decoder, decode every record. Written out (no callback) so that nothing but the
 * decoder differs between the two modes.
 */
function walk(file: string, decoder: PacketDecoder | null): Result {
  const buf = Buffer.allocUnsafe(CHUNK + 262144 + 16);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const pi = new PacketInfo();
  const fd = openSync(file, 'r');
  const t0 = process.hrtime.bigint();
  readSync(fd, buf, 0, 24, 0);
  if (dv.getUint32(0, true) !== 0xa1b2c3d4 || dv.getUint32(20, true) !== 1) throw new Error('need a little-endian µs Ethernet pcap');
  let pos = 24, have = 0, packets = 0, check = 0;
  for (;;) {
    const n = readSync(fd, buf, have, CHUNK, pos);
    pos += n;
    have += n;
    let off = 0;
    while (off + 16 <= have) {
      const incl = dv.getUint32(off + 8, true), orig = dv.getUint32(off + 12, true);
      if (off + 16 + incl > have) break;
      if (decoder === null) {
        check ^= dv.getUint32(off, true) ^ dv.getUint32(off + 4, true) ^ buf[off + 16 + 12] as number;
      } else {
        decoder.decodeFrame(buf, off + 16, incl, orig, 1, dv.getUint32(off, true), dv.getUint32(off + 4, true) * 1000, 0, pi);
        check += pi.ipCount + pi.l4Count;
      }
      packets++;
      off += 16 + incl;
    }
    buf.copy(buf, 0, off, have);
    have -= off;
    if (n === 0) break;
  }
  closeSync(fd);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return decoder === null ? { packets, seconds, check } : { packets, seconds, check, fastPath: decoder.fastPathPackets };
}

function runWalk(file: string): Result {
  return walk(file, null);
}

function runDecode(file: string): Result {
  return walk(file, new PacketDecoder());
}

async function runSource(file: string): Promise<Result> {
  const { openCaptureFile } = await import('../source/index.js');
  const t0 = process.hrtime.bigint();
  const source = await openCaptureFile(file);
  const decoder = new PacketDecoder();
  const pi = new PacketInfo();
  let packets = 0, check = 0;
  try {
    for await (const batch of source) {
      for (let i = 0; i < batch.count; i++) {
        decoder.decode(batch, i, pi);
        check += pi.ipCount + pi.l4Count;
      }
      packets += batch.count;
    }
  } finally {
    await source.close();
  }
  return { packets, seconds: Number(process.hrtime.bigint() - t0) / 1e9, check };
}

function runFloor(script: string, file: string): Result {
  const text = execFileSync(process.execPath, [script, file], { encoding: 'utf8' });
  const j = JSON.parse(text) as { packets: number; seconds: number; sink: number };
  return { packets: j.packets, seconds: j.seconds, check: j.sink };
}

function mpps(r: Result): string {
  return (r.packets / r.seconds / 1e6).toFixed(3);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  if (file === undefined) {
    console.error('usage: node dist/src/decode/decode.bench.js FILE.pcap [--floor PATH] [--rounds N] [--source]');
    process.exit(2);
  }
  const flag = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const floorScript = flag('--floor') ?? '/work/shared/tools/node-read-floor.mjs';
  const rounds = Number(flag('--rounds') ?? '3');
  const best: Record<string, Result> = {};
  const keep = (name: string, r: Result): void => {
    const b = best[name];
    if (b === undefined || r.seconds < b.seconds) best[name] = r;
  };
  for (let k = 0; k < rounds; k++) {
    keep('floor', runFloor(floorScript, file));
    keep('walk', runWalk(file));
    keep('decode', runDecode(file));
    if (args.includes('--source')) keep('source', await runSource(file));
  }
  const floor = best.floor;
  for (const [name, r] of Object.entries(best)) {
    const ratio = floor === undefined ? '' : `  ${((r.packets / r.seconds) / (floor.packets / floor.seconds) * 100).toFixed(0)}% of floor`;
    const fast = r.fastPath === undefined ? '' : `  fast path ${(r.fastPath / r.packets * 100).toFixed(1)}%`;
    console.log(`${name.padEnd(7)} ${String(r.packets).padStart(9)} packets  ${r.seconds.toFixed(3)} s  ${mpps(r)} Mpps${ratio}${fast}  (check ${r.check})`);
  }
}

await main();
