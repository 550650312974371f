/**
 * On every corpus capture, for every entity of the core tables: the history summed over all time
 * equals the all-time counters, and the last second equals the final second of the capture. This
 * holds whatever the capture's time gaps (several corpus captures jump by years), and with frame
 * batching on.
 */
import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { analyzeFile } from '../../src/analysis/analyze-file.js';
import type { EntityTable } from '../../src/store/entity-table.js';
import { pcapsDir, pcapPath } from '../support/paths.js';

const captures = readdirSync(pcapsDir).filter((f) => /\.(pcap|pcapng)$/.test(f)).sort();

function mismatches(table: EntityTable): string[] {
  const out: string[] = [];
  const sum = new Float64Array(4);
  for (let e = 0; e < table.idBound; e++) {
    if (table.alive[e] === 0) continue;
    sum.fill(0);
    table.history.sumRange(e, 0, 2 ** 32, sum);
    const all = Array.from(table.counters.subarray(e * 4, e * 4 + 4));
    if (all.some((v, k) => v !== sum[k])) out.push(`${table.name} ${e}: allTime ${all.join('/')} history ${Array.from(sum).join('/')}`);
  }
  return out;
}

for (const file of captures) {
  test(`history sums to the all-time counters: ${file}`, async () => {
    const { analyzer } = await analyzeFile(pcapPath(file));
    const core = analyzer.core;
    const bad = [core.macs, core.ips, core.connections].flatMap(mismatches);
    assert.deepEqual(bad.slice(0, 5), []);
  });
}
