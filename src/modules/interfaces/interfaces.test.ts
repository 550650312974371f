import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { pcapPath } from '../../../test/support/paths.js';
import { getObject, listRows, runCapture } from '../l2-shared/testing.js';
import { createInterfacesModule } from './index.js';

test('packets and bytes per pcapng interface, drops 0, per-second history', async () => {
  const a = await runCapture(pcapPath('zeek_pcapng-multi-interface.pcapng'), [createInterfacesModule]);
  const root = a.module('interfaces')?.resource();
  assert.ok(root);
  const rows = listRows(root, 'list');
  assert.ok(rows.length >= 2, 'several interfaces');
  const packets = rows.reduce((n, r) => n + ((r.allTime as number[])[0] as number), 0);
  assert.equal(packets, a.core.packets);
  const bytes = rows.reduce((n, r) => n + ((r.allTime as number[])[1] as number), 0);
  assert.equal(bytes, a.core.bytes);
  const one = getObject(root, `list/${JSON.stringify(rows[0]?.id)}`);
  assert.equal(one.drops, 0);
  const history = one.history as { timespan: number; points: number[][] };
  assert.ok(history.timespan >= 1 && history.points.length > 0);
  assert.equal((getObject(root, '').interfaces as unknown[]).length, rows.length);
});
