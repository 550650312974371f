/**
 * @module bench/l7.bench
 * The cost of the L7 dissector modules (ssl, quic, http): the full analysis of one capture with
 * every module, or (`--without-l7`) without those three, in this process. Prints packets per
 * wall-clock second and per CPU second (user + system; steadier on a shared machine) and, with
 * the dissectors, their summaries. Run each variant in its own process:
 *   node dist/bench/l7.bench.js FILE --without-l7; node dist/bench/l7.bench.js FILE
 */
import { PacketDecoder } from '../src/decode/index.js';
import { PacketInfo } from '../src/decode/packet-info.js';
import { createHttpModule } from '../src/modules/http/index.js';
import { createQuicModule } from '../src/modules/quic/index.js';
import type { ModuleFactory } from '../src/modules/module.js';
import { MODULES } from '../src/modules/registry.js';
import type { ObjectResource, StatsQuery } from '../src/modules/resource.js';
import { createSslModule } from '../src/modules/ssl/index.js';
import { Analyzer } from '../src/pipeline/analyzer.js';
import { openCaptureFile } from '../src/source/index.js';

const L7: readonly ModuleFactory[] = [createSslModule, createQuicModule, createHttpModule];
const Q: StatsQuery = { startSec: undefined, endSec: undefined, timespan: undefined, values: 10, skipHistory: true };

async function main(args: readonly string[]): Promise<void> {
  const file = args.find((a) => !a.startsWith('--'));
  if (file === undefined) throw new Error('usage: l7.bench.js FILE [--without-l7]');
  const withL7 = !args.includes('--without-l7');
  const analyzer = new Analyzer({ tunnelView: 'all', modules: withL7 ? MODULES : MODULES.filter((m) => !L7.includes(m)) });
  const source = await openCaptureFile(file);
  const decoder = new PacketDecoder(), pi = new PacketInfo();
  let packets = 0;
  const t0 = process.hrtime.bigint(), c0 = process.cpuUsage();
  try {
    for await (const batch of source) {
      for (let i = 0; i < batch.count; i++) {
        decoder.decode(batch, i, pi);
        analyzer.add(pi);
        packets++;
      }
    }
  } finally {
    await source.close();
  }
  analyzer.finish();
  const wall = Number(process.hrtime.bigint() - t0) / 1e9, cu = process.cpuUsage(c0), cpu = (cu.user + cu.system) / 1e6;
  process.stdout.write(`${withL7 ? 'with ssl, quic, http' : 'without ssl, quic, http'}: ${packets} packets, ${(packets / wall / 1e6).toFixed(3)} Mpps wall, ${(packets / cpu / 1e6).toFixed(3)} Mpps per CPU second\n`);
  if (withL7) {
    for (const name of ['ssl', 'quic', 'http']) {
      const root = analyzer.module(name)?.resource() as ObjectResource | undefined;
      if (root !== undefined) process.stdout.write(`${name} ${JSON.stringify(root.get(Q))}\n`);
    }
  }
}

await main(process.argv.slice(2));
