/**
 * @module bench/read
 * Read one capture through openCaptureFile and nothing else: the packet source's own throughput.
 * usage: node dist/bench/read.bench.js FILE [--chunk-bytes N]
 * prints {packets, seconds, Mpps, GbitWire} as one JSON line (wire bits = sum of original lengths).
 * Compare with the plain-JS floor: node bench/peers/node-read-floor.mjs FILE
 */
import { CaptureFileError } from '../src/core/errors.js';
import { openCaptureFile } from '../src/source/index.js';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const file = args[0];
  if (file === undefined) {
    process.stderr.write('usage: node dist/bench/read.bench.js FILE [--chunk-bytes N]\n');
    process.exitCode = 2;
    return;
  }
  const chunkAt = args.indexOf('--chunk-bytes');
  const chunkBytes = chunkAt >= 0 ? Number(args[chunkAt + 1]) : undefined;
  const t0 = process.hrtime.bigint();
  const source = await openCaptureFile(file, chunkBytes === undefined ? undefined : { chunkBytes });
  let packets = 0, wireBytes = 0, check = 0, error: string | null = null;
  try {
    for await (const batch of source) {
      const n = batch.count, orig = batch.origLen, ns = batch.tsNsec;
      packets += n;
      for (let i = 0; i < n; i++) {
        wireBytes += orig[i] as number;
        check ^= ns[i] as number;
      }
    }
  } catch (err) {
    if (!(err instanceof CaptureFileError)) throw err;
    error = err.message; // a damaged file: the figures cover the packets before the damage
  } finally {
    await source.close();
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  process.stdout.write(JSON.stringify({
    file, format: source.format, packets, seconds: +seconds.toFixed(3),
    Mpps: +(packets / seconds / 1e6).toFixed(3), GbitWire: +((wireBytes * 8) / seconds / 1e9).toFixed(3), check: check & 0xff, ...(error === null ? {} : { error }),
  }) + '\n');
}

await main();
