/**
 * @module bench/analyze.bench
 * usage: node dist/bench/analyze.bench.js FILE.pcap [--runs N] [--skip peer,peer] [--mode read|decode|analyze-l2l4|analyze] [--geoip FILE|off]
 *
 * Without --mode: runs every wiremeter mode and every installed peer on FILE, each in its own
 * process, `--runs` times (default 3; the rows are interleaved, run after run, so that a burst of
 * load on a shared machine hits every row alike), and prints a table of the median run of each
 * (packets/s, Gbit/s on wire bytes, peak RSS, ratio to the plain-JS floor of the same run) with
 * the slowest and fastest rates beside it. With --mode: runs that one mode in this process and
 * prints one JSON line (used by the table run).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODES, runMode, type Mode } from './modes.js';
import { configureGeolocation } from '../src/geo/index.js';

interface Row { name: string; packets: number; seconds: number[]; wireBytes: number; peakRssMiB: number; note: string }

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');

function isMode(s: string): s is Mode {
  return (MODES as readonly string[]).includes(s);
}

async function single(mode: Mode, file: string): Promise<void> {
  const t0 = process.hrtime.bigint();
  const r = await runMode(mode, file);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ...r, seconds, peakRssMiB }) + '\n');
}

/** Run a command under GNU time; returns wall seconds and peak RSS, or null when it failed. */
function timed(cmd: string, args: readonly string[]): { seconds: number; peakRssMiB: number; stdout: string } | null {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', 'WMRSS %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const m = /WMRSS (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) {
    process.stderr.write(`  ${cmd} failed (status ${r.status ?? 'signal'}): ${r.stderr.slice(-300)}\n`);
    return null;
  }
  return { seconds, peakRssMiB: Number(m[1]) / 1024, stdout: r.stdout };
}

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

/** The middle value (the lower middle of an even count). */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
}

function table(file: string, skip: ReadonlySet<string>, runs: number): void {
  const rows = new Map<string, Row>();
  const record = (name: string, packets: number, wireBytes: number, seconds: number, peakRssMiB: number, note: string): void => {
    const row = rows.get(name);
    if (row) {
      row.seconds.push(seconds);
      row.peakRssMiB = Math.max(row.peakRssMiB, peakRssMiB);
    } else {
      rows.set(name, { name, packets, seconds: [seconds], wireBytes, peakRssMiB, note });
    }
  };
  let storeLine = '';
  const floorScript = join(repo, 'bench', 'peers', 'node-read-floor.mjs');
  // Warm the page cache first so that every run reads from memory, not from the disk.
  timed(process.execPath, [floorScript, file]);
  let packets = 0, wireBytes = 0;
  const peers: [string, string, string[]][] = [
    ['tcpdump', 'tcpdump -r FILE -w /dev/null', ['-r', file, '-w', '/dev/null']],
    ['softflowd', 'softflowd -r FILE -d', ['-r', file, '-d']],
    ['ndpiReader', 'ndpiReader -i FILE -q', ['-i', file, '-q']],
    ['tshark', 'tshark -n -q -z conv,ip -r FILE', ['-n', '-q', '-z', 'conv,ip', '-r', file]],
  ];
  for (const [cmd] of peers) if (!skip.has(cmd) && !has(cmd)) process.stderr.write(`  ${cmd} not installed: skipped\n`);
  for (let run = 0; run < runs; run++) {
    const floor = timed(process.execPath, [floorScript, file]);
    if (floor) {
      const j = JSON.parse(floor.stdout) as { packets: number; wireBytes: number; seconds: number };
      packets = j.packets;
      wireBytes = j.wireBytes;
      record(FLOOR, packets, wireBytes, j.seconds, floor.peakRssMiB, 'own timer');
    }
    for (const mode of MODES) {
      const r = timed(process.execPath, [fileURLToPath(import.meta.url), file, '--mode', mode]);
      if (!r) continue;
      const j = JSON.parse(r.stdout) as { packets: number; wireBytes: number; seconds: number; check: number; storeBytes?: number; connections?: number };
      if (packets === 0) { packets = j.packets; wireBytes = j.wireBytes; }
      if (run === 0 && j.storeBytes !== undefined && j.connections !== undefined) {
        storeLine += `store after ${mode}: ${(j.storeBytes / 2 ** 20).toFixed(1)} MiB for ${j.connections} connections = ` +
          `${(j.storeBytes / Math.max(1, j.connections)).toFixed(0)} bytes per connection (all tables and history included)\n`;
      }
      record(`wiremeter ${mode}`, j.packets, j.wireBytes, j.seconds, r.peakRssMiB, `own timer, check ${j.check}`);
    }
    for (const [cmd, label, args] of peers) {
      if (skip.has(cmd) || !has(cmd)) continue;
      const r = timed(cmd, args);
      if (r) record(label, packets, wireBytes, r.seconds, r.peakRssMiB, 'wall time of the process');
    }
  }
  const floorRow = rows.get(FLOOR);
  const floorRate = floorRow ? floorRow.packets / median(floorRow.seconds) : Number.NaN;
  process.stdout.write(`file: ${file}\npackets: ${packets}, wire bytes: ${wireBytes} (${(wireBytes / Math.max(1, packets)).toFixed(0)} B/packet)\n`);
  process.stdout.write(`runs: ${runs} per row, median shown; range = slowest..fastest Mpps\n\n`);
  process.stdout.write(storeLine + '\n');
  process.stdout.write('| run | Mpps | range | Gbit/s | peak RSS MiB | vs floor | seconds |\n|---|---:|---:|---:|---:|---:|---:|\n');
  for (const r of rows.values()) {
    const seconds = median(r.seconds), rate = r.packets / seconds;
    const slowest = r.packets / Math.max(...r.seconds), fastest = r.packets / Math.min(...r.seconds);
    process.stdout.write(`| ${r.name} | ${(rate / 1e6).toFixed(2)} | ${(slowest / 1e6).toFixed(2)}..${(fastest / 1e6).toFixed(2)} | ` +
      `${((r.wireBytes * 8) / seconds / 1e9).toFixed(2)} | ${r.peakRssMiB.toFixed(0)} | ${(rate / floorRate * 100).toFixed(0)}% | ${seconds.toFixed(2)} |\n`);
  }
}

const FLOOR = 'plain-JS header walk (floor)';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const file = argv[0];
  if (file === undefined || !existsSync(file)) {
    process.stderr.write('usage: node dist/bench/analyze.bench.js FILE.pcap [--runs N] [--skip peer,peer] [--mode read|decode|analyze-l2l4|analyze] [--geoip FILE|off]\n');
    process.exitCode = 2;
    return;
  }
  const modeAt = argv.indexOf('--mode');
  if (modeAt >= 0) {
    const mode = argv[modeAt + 1] ?? '';
    if (!isMode(mode)) throw new Error(`unknown mode ${mode}`);
    // --geoip off measures the analysis without geolocation (default: the shipped database).
    const geoAt = argv.indexOf('--geoip');
    if (geoAt >= 0) configureGeolocation(argv[geoAt + 1]);
    await single(mode, file);
    return;
  }
  const skipAt = argv.indexOf('--skip');
  const skip = new Set(skipAt >= 0 ? (argv[skipAt + 1] ?? '').split(',') : []);
  const runsAt = argv.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(argv[runsAt + 1]) : 3;
  if (!Number.isInteger(runs) || runs < 1 || runs > 50) {
    process.stderr.write(`--runs takes a whole number from 1 to 50, not ${argv[runsAt + 1] ?? '(nothing)'}\n`);
    process.exitCode = 2;
    return;
  }
  table(file, skip, runs);
}

await main();
