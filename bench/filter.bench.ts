/**
 * Capture filter benchmark: the cost of evaluating a compiled capture filter per packet, for a
 * typical expression and for a regexp, on packets decoded beforehand (so decoding is not timed).
 * Run on demand, never in tests:
 *
 *   npx tsc -p . && node dist/bench/filter.bench.js [CAPTURE] [--packets N] [--rounds R]
 *
 * CAPTURE defaults to /tmp/bench-5M.pcap when present, else a corpus capture. The first N packets
 * (default 50,000) are copied and decoded into their own PacketInfo; each expression then runs
 * R rounds (default 20) over them and the best round gives ns per packet and the share matched.
 * Those PacketInfos are spread over memory (cold caches); the pipeline reuses one hot PacketInfo,
 * so a second figure decodes every frame into one PacketInfo and reports (decode + filter) minus
 * decode alone, best round each.
 */
import { existsSync } from 'node:fs';
import { PacketDecoder, PacketInfo } from '../src/decode/index.js';
import { buildCaptureFilter, FilterContext } from '../src/filter/index.js';
import { openCaptureFile } from '../src/source/index.js';
import { pcapPath } from '../test/support/paths.js';

const EXPRESSIONS: readonly [string, string][] = [
  ['typical', 'ip == 10.0/8 and (port == 80 or port == 443 or portrange == 8000-8100) and tcpFlags != rst'],
  ['ip only', 'ip == 192.168.1.1'],
  ['vlan/l4', 'vlan == none and l4Protocol == TCP,UDP'],
  ['regexp', 'regexp == "(?i)(http/1\\.[01]|host: [a-z0-9.-]+)"'],
  ['regexp+port', 'port == 80 and regexp == "(?i)user-agent"'],
];

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

interface Frame { readonly bytes: Uint8Array; readonly origLen: number; readonly linkType: number }

async function load(path: string, max: number): Promise<{ infos: PacketInfo[]; frames: Frame[] }> {
  const decoder = new PacketDecoder();
  const out: PacketInfo[] = [];
  const frames: Frame[] = [];
  const source = await openCaptureFile(path);
  try {
    for await (const b of source) {
      for (let i = 0; i < b.count && out.length < max; i++) {
        const start = b.offset[i] as number, len = b.capLen[i] as number;
        const copy = b.data.slice(start, start + len);
        const pi = new PacketInfo();
        decoder.decodeFrame(copy, 0, len, b.origLen[i] as number, b.linkType[i] as number, b.tsSec[i] as number, b.tsNsec[i] as number, b.interfaceId[i] as number, pi);
        out.push(pi);
        frames.push({ bytes: copy, origLen: b.origLen[i] as number, linkType: b.linkType[i] as number });
      }
      if (out.length >= max) break;
    }
  } finally {
    await source.close();
  }
  return { infos: out, frames };
}

/** Best-of-rounds ns per frame of decoding every frame into one PacketInfo, then evaluating `p` (or nothing). */
function hot(frames: readonly Frame[], rounds: number, p: ((pi: PacketInfo, ctx: FilterContext) => boolean) | null, ctx: FilterContext): number {
  const decoder = new PacketDecoder({ ipReassembly: false });
  const pi = new PacketInfo();
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    let m = 0;
    const t0 = process.hrtime.bigint();
    for (const f of frames) {
      decoder.decodeFrame(f.bytes, 0, f.bytes.length, f.origLen, f.linkType, 0, 0, 0, pi);
      if (p?.(pi, ctx) === true) m++;
    }
    const ns = Number(process.hrtime.bigint() - t0) + (m & 0);
    if (ns < best) best = ns;
  }
  return best / frames.length;
}

async function main(): Promise<void> {
  const arg = process.argv[2];
  const path = arg !== undefined && !arg.startsWith('--') ? arg : existsSync('/tmp/bench-5M.pcap') ? '/tmp/bench-5M.pcap' : pcapPath('pcapplusplus_many-protocols.pcap');
  const { infos: packets, frames } = await load(path, option('--packets', 50_000));
  const rounds = option('--rounds', 20);
  const ctx = new FilterContext();
  console.log(`capture filter benchmark: ${packets.length} packets of ${path}, best of ${rounds} rounds`);
  const decodeOnly = hot(frames, rounds, null, ctx);
  console.log(`decode alone ${decodeOnly.toFixed(1)} ns/packet (hot PacketInfo)`);
  for (const [label, expr] of EXPRESSIONS) {
    const p = buildCaptureFilter(expr).predicate;
    let best = Infinity, matched = 0;
    for (let r = 0; r < rounds; r++) {
      let m = 0;
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < packets.length; i++) if (p(packets[i] as PacketInfo, ctx)) m++;
      const ns = Number(process.hrtime.bigint() - t0);
      if (ns < best) best = ns;
      matched = m;
    }
    const inPipeline = hot(frames, rounds, p, ctx) - decodeOnly;
    console.log(`${label.padEnd(12)} ${(best / packets.length).toFixed(1).padStart(8)} ns/packet cold  ${inPipeline.toFixed(1).padStart(7)} ns/packet hot  ${(100 * matched / packets.length).toFixed(1).padStart(5)}% matched  ${expr}`);
  }
}

await main();
