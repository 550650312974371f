/**
 * @module bench/module-cost.bench
 * Where the analysis time goes, module by module. usage:
 *
 *   node dist/bench/module-cost.bench.js FILE.pcap [--packets 200000] [--reps 5] [--only CONFIG]
 *
 * Loads the first `--packets` packets of FILE into memory, then for each configuration (in its own
 * process) feeds them `--reps` times through a fresh Analyzer, each repetition 20 seconds of packet
 * time after the previous one, and reports nanoseconds per packet over the repetitions after the
 * first two (JIT warm, every entity already created, and the store's working set small enough to
 * stay in the CPU caches). The configurations: read + decode only; the core alone (no module); the
 * core with each L2–L4 module alone; every L2–L4 module; every module. The cost of one module is its
 * row minus the core's row. What this leaves out, by design: entity creation, table growth and cache
 * misses on a store larger than the caches; the streaming benchmark (analyze.bench) has them.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PacketDecoder } from '../src/decode/index.js';
import { PacketInfo } from '../src/decode/packet-info.js';
import type { ModuleFactory } from '../src/modules/module.js';
import { L2_L4_MODULES, MODULES } from '../src/modules/registry.js';
import { Analyzer } from '../src/pipeline/analyzer.js';
import { openCaptureFile } from '../src/source/index.js';
import type { PacketBatch } from '../src/source/types.js';

/** Seconds of packet time between repetitions (more than the 10-second rounds of the bench capture). */
const REP_SHIFT_SEC = 20;
const WARM_REPS = 2;

interface Options { file: string; packets: number; reps: number; only: string | undefined }

/** A batch copied out of the reader's reused buffers. */
function copyBatch(b: PacketBatch, count: number): PacketBatch {
  return {
    data: new Uint8Array(b.data), count,
    offset: b.offset.slice(0, count), capLen: b.capLen.slice(0, count), origLen: b.origLen.slice(0, count),
    tsSec: b.tsSec.slice(0, count), tsNsec: b.tsNsec.slice(0, count), linkType: b.linkType.slice(0, count),
    interfaceId: b.interfaceId.slice(0, count),
  };
}

async function load(file: string, limit: number): Promise<PacketBatch[]> {
  const source = await openCaptureFile(file);
  const out: PacketBatch[] = [];
  let n = 0;
  try {
    for await (const b of source) {
      const take = Math.min(b.count, limit - n);
      out.push(copyBatch(b, take));
      n += take;
      if (n >= limit) break;
    }
  } finally {
    await source.close();
  }
  return out;
}

/** The configurations by name: null = read and decode only. */
function configurations(): Map<string, readonly ModuleFactory[] | null> {
  const configs = new Map<string, readonly ModuleFactory[] | null>([['decode', null], ['core', []]]);
  const probe = new Analyzer({ modules: L2_L4_MODULES });
  probe.modules.forEach((m, i) => { configs.set(`core+${m.name}`, [L2_L4_MODULES[i] as ModuleFactory]); });
  configs.set('l2l4', L2_L4_MODULES);
  configs.set('all', MODULES);
  return configs;
}

async function measure(o: Options, name: string, modules: readonly ModuleFactory[] | null): Promise<void> {
  const batches = await load(o.file, o.packets);
  const decoder = new PacketDecoder(), pi = new PacketInfo();
  const analyzer = modules === null ? null : new Analyzer({ tunnelView: 'all', modules });
  let packets = 0, check = 0, t0 = process.hrtime.bigint();
  for (let rep = 0; rep < o.reps; rep++) {
    if (rep === WARM_REPS) {
      t0 = process.hrtime.bigint();
      packets = 0;
    }
    const shift = rep * REP_SHIFT_SEC;
    for (const b of batches) {
      for (let i = 0; i < b.count; i++) {
        decoder.decode(b, i, pi);
        pi.tsSec += shift;
        if (analyzer) analyzer.add(pi);
        else check += pi.ipCount;
      }
      packets += b.count;
    }
  }
  const ns = Number(process.hrtime.bigint() - t0) / Math.max(1, packets);
  analyzer?.finish();
  process.stdout.write(JSON.stringify({ name, nsPerPacket: ns, packets, check }) + '\n');
}

function parse(argv: readonly string[]): Options {
  const file = argv[0];
  const num = (flag: string, dflt: number): number => {
    const at = argv.indexOf(flag);
    if (at < 0) return dflt;
    const v = Number(argv[at + 1]);
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${flag} takes a whole number above 0`);
    return v;
  };
  if (file === undefined || file.startsWith('--')) throw new RangeError('usage: module-cost.bench.js FILE.pcap [--packets N] [--reps N] [--only CONFIG]');
  const onlyAt = argv.indexOf('--only');
  return { file, packets: num('--packets', 200_000), reps: Math.max(WARM_REPS + 1, num('--reps', 5)), only: onlyAt >= 0 ? argv[onlyAt + 1] : undefined };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const o = parse(argv);
  const configs = configurations();
  if (o.only !== undefined) {
    const modules = configs.get(o.only);
    if (modules === undefined) throw new RangeError(`unknown configuration ${o.only}: one of ${[...configs.keys()].join(', ')}`);
    await measure(o, o.only, modules);
    return;
  }
  process.stdout.write(`file: ${o.file}, first ${o.packets} packets, ${o.reps} repetitions (the first ${WARM_REPS} not timed)\n\n`);
  process.stdout.write('| configuration | ns per packet | minus core |\n|---|---:|---:|\n');
  let core = Number.NaN;
  for (const name of configs.keys()) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...argv, '--only', name], { encoding: 'utf8' });
    if (r.status !== 0) {
      process.stderr.write(`${name} failed: ${r.stderr.slice(-300)}\n`);
      continue;
    }
    const j = JSON.parse(r.stdout) as { nsPerPacket: number };
    if (name === 'core') core = j.nsPerPacket;
    const delta = name === 'decode' || name === 'core' ? '' : (j.nsPerPacket - core).toFixed(0);
    process.stdout.write(`| ${name} | ${j.nsPerPacket.toFixed(0)} | ${delta} |\n`);
  }
}

await main();
