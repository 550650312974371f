/**
 * Capture benchmark: how fast a capture of the past is served from a capture file (the re-read of
 * capture/file-replay.ts: read, decode, core analysis, DPI when the filter needs it, filter,
 * pcapng writer), with a consumer that takes the output at once. Run on demand, never in tests:
 *
 *   npx tsc -p . && node dist/bench/capture.bench.js [CAPTURE] [EXPRESSION]
 *
 * CAPTURE defaults to /tmp/bench-5M.pcap when present, else a corpus capture; EXPRESSION to a
 * typical one. Prints packets/s over the file, packets captured and output bytes, peak RSS.
 */
import { existsSync } from 'node:fs';
import { CaptureTap } from '../src/capture/capture-tap.js';
import { openForReplay, replayIntoTap } from '../src/capture/file-replay.js';
import { pcapPath } from '../test/support/paths.js';

async function main(): Promise<void> {
  const path = process.argv[2] ?? (existsSync('/tmp/bench-5M.pcap') ? '/tmp/bench-5M.pcap' : pcapPath('pcapplusplus_many-protocols.pcap'));
  const expression = process.argv[3] ?? 'l4Protocol == TCP and (port == 80 or port == 443)';
  const tap = new CaptureTap({ expression, format: 'pcapng' });
  let bytes = 0;
  const drain = setInterval(() => { for (const c of tap.take()) bytes += c.length; }, 1);
  const t0 = process.hrtime.bigint();
  await replayIntoTap(await openForReplay(path), tap);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  clearInterval(drain);
  for (const c of tap.take()) bytes += c.length;
  const { captured, dropped, ignored } = tap.counters;
  const packets = captured + dropped + ignored;
  console.log(`capture from file: ${path}, '${expression}'`);
  console.log(`${packets} packets in ${seconds.toFixed(2)} s = ${(packets / seconds / 1e6).toFixed(3)} Mpps; captured ${captured} (${(bytes / 2 ** 20).toFixed(1)} MiB out), dropped ${dropped}; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}

await main();
