/**
 * @module bench/analyze.bench
 * usage: node dist/bench/analyze.bench.js FILE.pcap [--skip peer,peer] [--mode read|decode|analyze-l2l4|analyze] [--geoip FILE|off]
 *
 * Without --mode: runs every wiremeter mode and every installed peer on FILE, each in its own
 * process, and prints a table (packets/s, Gbit/s on wire bytes, peak RSS, ratio to the plain-JS
 * floor). With --mode: runs that one mode in this process and prints one JSON line (used by the
 * table run).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODES, runMode, type Mode } from './modes.js';
import { configureGeolocation } from '../src/geo/index.js';

interface Row { name: string; packets: number; seconds: number; wireBytes: number; peakRssMiB: number; note: string }

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

function table(file: string, skip: ReadonlySet<string>): void {
  const rows: Row[] = [];
  let storeLine = '';
  // Warm the page cache first so that every run reads from memory, not from the disk.
  timed(process.execPath, [join(repo, 'bench', 'peers', 'node-read-floor.mjs'), file]);
  const floor = timed(process.execPath, [join(repo, 'bench', 'peers', 'node-read-floor.mjs'), file]);
  let packets = 0, wireBytes = 0;
  if (floor) {
    const j = JSON.parse(floor.stdout) as { packets: number; wireBytes: number; seconds: number };
    packets = j.packets;
    wireBytes = j.wireBytes;
    rows.push({ name: 'plain-JS header walk (floor)', packets, seconds: j.seconds, wireBytes, peakRssMiB: floor.peakRssMiB, note: 'own timer' });
  }
  for (const mode of MODES) {
    const r = timed(process.execPath, [fileURLToPath(import.meta.url), file, '--mode', mode]);
    if (!r) continue;
    const j = JSON.parse(r.stdout) as { packets: number; wireBytes: number; seconds: number; check: number; storeBytes?: number; connections?: number };
    if (packets === 0) { packets = j.packets; wireBytes = j.wireBytes; }
    if (j.storeBytes !== undefined && j.connections !== undefined) {
      storeLine += `store after ${mode}: ${(j.storeBytes / 2 ** 20).toFixed(1)} MiB for ${j.connections} connections = ` +
        `${(j.storeBytes / Math.max(1, j.connections)).toFixed(0)} bytes per connection (all tables and history included)\n`;
    }
    rows.push({ name: `wiremeter ${mode}`, packets: j.packets, seconds: j.seconds, wireBytes: j.wireBytes, peakRssMiB: r.peakRssMiB, note: `own timer, check ${j.check}` });
  }
  const peers: [string, string, string[]][] = [
    ['tcpdump', 'tcpdump -r FILE -w /dev/null', ['-r', file, '-w', '/dev/null']],
    ['softflowd', 'softflowd -r FILE -d', ['-r', file, '-d']],
    ['ndpiReader', 'ndpiReader -i FILE -q', ['-i', file, '-q']],
    ['tshark', 'tshark -n -q -z conv,ip -r FILE', ['-n', '-q', '-z', 'conv,ip', '-r', file]],
  ];
  for (const [cmd, label, args] of peers) {
    if (skip.has(cmd)) continue;
    if (!has(cmd)) { process.stderr.write(`  ${cmd} not installed: skipped\n`); continue; }
    const r = timed(cmd, args);
    if (r) rows.push({ name: label, packets, seconds: r.seconds, wireBytes, peakRssMiB: r.peakRssMiB, note: 'wall time of the process' });
  }
  const floorRate = rows[0] && floor ? rows[0].packets / rows[0].seconds : Number.NaN;
  process.stdout.write(`file: ${file}\npackets: ${packets}, wire bytes: ${wireBytes} (${(wireBytes / Math.max(1, packets)).toFixed(0)} B/packet)\n\n`);
  process.stdout.write(storeLine + '\n');
  process.stdout.write('| run | Mpps | Gbit/s | peak RSS MiB | vs floor | seconds |\n|---|---:|---:|---:|---:|---:|\n');
  for (const r of rows) {
    const rate = r.packets / r.seconds;
    process.stdout.write(`| ${r.name} | ${(rate / 1e6).toFixed(2)} | ${((r.wireBytes * 8) / r.seconds / 1e9).toFixed(2)} | ${r.peakRssMiB.toFixed(0)} | ${(rate / floorRate * 100).toFixed(0)}% | ${r.seconds.toFixed(2)} |\n`);
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const file = argv[0];
  if (file === undefined || !existsSync(file)) {
    process.stderr.write('usage: node dist/bench/analyze.bench.js FILE.pcap [--skip peer,peer] [--mode read|decode|analyze-l2l4|analyze] [--geoip FILE|off]\n');
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
  table(file, skip);
}

await main();
