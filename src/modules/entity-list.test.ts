/**
 * entityListView's shortcuts give the same rows as summing the history: an interval holding every
 * entity's life reads the all-time counters; the last second is summed per shown row. Checked on a real
 * capture against the per-IP figures (`ip/ips/:ip`, which always sums the history).
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { analyzeFile } from '../analysis/analyze-file.js';
import { pcapPath } from '../../test/support/paths.js';
import { livesInside } from './entity-list.js';
import type { StatsQuery } from './resource.js';
import type { IpModule } from './ip/index.js';
import type { EntityTable } from '../store/entity-table.js';

test('interval covering every life = all-time counters = summed history; partial intervals still sum the history', async () => {
  const result = await analyzeFile(pcapPath('pcapplusplus_many-protocols.pcap'));
  const ip = result.analyzer.module('ip') as IpModule;
  const root = ip.resource();
  const paged = root.kind === 'object' ? root.children?.find((c) => c.name === 'ips_paged') : undefined;
  assert.ok(paged?.kind === 'list');
  const probe = paged.open({ startSec: undefined, endSec: undefined, timespan: undefined, values: 10, skipHistory: true });
  const first = Math.min(...Array.from({ length: probe.size }, (_, r) => probe.number(r, 10)));
  const last = Math.max(...Array.from({ length: probe.size }, (_, r) => probe.number(r, 11)));
  const all: StatsQuery = { startSec: first, endSec: last + 1, timespan: undefined, values: 10, skipHistory: true };
  const part: StatsQuery = { ...all, startSec: first + Math.floor((last - first) / 2) };
  for (const q of [all, part]) {
    const view = paged.open(q);
    assert.ok(view.size > 50);
    let nonZero = 0;
    for (let r = 0; r < view.size; r++) {
      const row = view.json(r);
      const ips = root.kind === 'object' ? root.children?.find((c) => c.name === 'ips') : undefined;
      const one = ips !== undefined && ips.kind !== 'param' ? ips.children?.find((c) => c.name === ':ip') : undefined;
      assert.ok(one?.kind === 'param');
      const single = one.resolve(row.ip as string);
      assert.ok('kind' in single && single.kind === 'object');
      const s = single.get(q);
      const name = JSON.stringify(row.ip);
      assert.deepEqual(row.interval, s.interval, `${name} interval`);
      assert.deepEqual(row.lastSecond, s.lastSecond, `${name} last second`);
      const [, rxBytes = 0, , txBytes = 0] = s.interval as number[];
      assert.equal(view.number(r, 1), rxBytes + txBytes);
      if (rxBytes + txBytes > 0) nonZero++;
    }
    assert.ok(nonZero > view.size / 2);
  }
});

test('livesInside: true only when every entity was first and last seen inside [start, end)', () => {
  const table = {
    firstSeenUs: Float64Array.from([10e6, 12e6, 15e6]),
    lastSeenUs: Float64Array.from([11e6, 14e6, 19e6]),
  } as unknown as EntityTable;
  const ids = Int32Array.from([0, 1, 2]);
  assert.equal(livesInside(table, ids, 10, 20), true);
  assert.equal(livesInside(table, ids, 11, 20), false);
  assert.equal(livesInside(table, ids, 10, 19), false);
  assert.equal(livesInside(table, Int32Array.from([1]), 12, 15), true);
  assert.equal(livesInside(table, new Int32Array(0), 0, 1), true);
});
