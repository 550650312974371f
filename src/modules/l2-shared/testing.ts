/**
 * @module modules/l2-shared/testing
 * Test support for the L2 modules: run frames or a corpus capture through the real Analyzer with a
 * chosen module set, and walk a module's resource tree as the API layer does.
 */
import { PacketDecoder } from '../../decode/index.js';
import { PacketInfo } from '../../decode/packet-info.js';
import type { TestFrame } from '../../decode/test-frames.js';
import { analyzeFile } from '../../analysis/analyze-file.js';
import { Analyzer } from '../../pipeline/analyzer.js';
import type { ModuleFactory, MeasurementModule } from '../module.js';
import type { JsonObject, Resource, StatsQuery } from '../resource.js';
import type { TunnelView } from '../../analysis/tunnel-view.js';

/** No interval, with history. */
export const QUERY: StatsQuery = { startSec: undefined, endSec: undefined, timespan: undefined, values: 60, skipHistory: false };

/** Decodes and analyses frames with only the given modules. */
export function runFrames(frames: readonly TestFrame[], modules: readonly ModuleFactory[], tunnelView: TunnelView = 'all'): Analyzer {
  const analyzer = new Analyzer({ modules, tunnelView });
  const decoder = new PacketDecoder();
  const pi = new PacketInfo();
  for (const f of frames) {
    decoder.decodeFrame(f.data, f.start, f.capLen, f.origLen, f.linkType, f.tsSec, f.tsNsec, f.interfaceId, pi);
    analyzer.add(pi);
  }
  analyzer.finish();
  return analyzer;
}

/** Analyses a corpus capture (test/fixtures/pcaps) with only the given modules. */
export async function runCapture(path: string, modules: readonly ModuleFactory[]): Promise<Analyzer> {
  const result = await analyzeFile(path, { tunnelView: 'all', analyzer: { modules } });
  return result.analyzer;
}

export function moduleOf(analyzer: Analyzer, name: string): MeasurementModule {
  const m = analyzer.module(name);
  if (!m) throw new Error(`module ${name} not running`);
  return m;
}

/** The resource at a path below a root ("macs/00:11:22:33:44:55/peers"), resolving parameters. */
export function walk(root: Resource, path: string): Resource {
  let cur = root;
  for (const part of path.split('/').filter((p) => p !== '')) {
    if (cur.kind === 'param') throw new Error(`cannot descend below parameter ${cur.name}`);
    const children = cur.children ?? [];
    const named = children.find((c) => c.kind !== 'param' && c.name === part);
    if (named) {
      cur = named;
      continue;
    }
    const param = children.find((c) => c.kind === 'param');
    if (param?.kind !== 'param') throw new Error(`no child ${part} under ${cur.name}`);
    const r = param.resolve(part);
    if ('badRequest' in r) throw new Error(`400 ${r.badRequest}`);
    if ('notFound' in r) throw new Error(`404 ${r.notFound}`);
    cur = r;
  }
  return cur;
}

/** GET of an object resource. */
export function getObject(root: Resource, path: string, q: StatsQuery = QUERY): JsonObject {
  const r = walk(root, path);
  if (r.kind !== 'object') throw new Error(`${path} is not an object resource`);
  return r.get(q);
}

/** Every row of a list resource as JSON (no paging). */
export function listRows(root: Resource, path: string, q: StatsQuery = QUERY): JsonObject[] {
  const r = walk(root, path);
  if (r.kind !== 'list') throw new Error(`${path} is not a list resource`);
  const view = r.open(q);
  const rows: JsonObject[] = [];
  for (let i = 0; i < view.size; i++) rows.push(view.json(i));
  return rows;
}

/** What a resolved parameter answers: 'ok', 'badRequest' or 'notFound'. */
export function resolveStatus(root: Resource, path: string): 'ok' | 'badRequest' | 'notFound' {
  try {
    walk(root, path);
    return 'ok';
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    if (msg.startsWith('400')) return 'badRequest';
    if (msg.startsWith('404')) return 'notFound';
    throw err;
  }
}
