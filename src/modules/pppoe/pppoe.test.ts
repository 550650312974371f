import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { pcapPath } from '../../../test/support/paths.js';
import { getObject, listRows, runCapture } from '../l2-shared/testing.js';
import { createPppoeModule } from './index.js';

test('discovery and one session of a PPPoE capture', async () => {
  const a = await runCapture(pcapPath('zeek_pppoe.pcap'), [createPppoeModule]);
  const root = a.module('pppoe')?.resource();
  assert.ok(root);
  const totals = getObject(root, '');
  assert.deepEqual(totals.discovery, { PADI: 1, PADO: 1, PADR: 1, PADS: 1 });
  const sessions = listRows(root, 'sessions');
  assert.equal(sessions.length, 1);
  const s = sessions[0];
  assert.ok(s);
  assert.match(JSON.stringify(s.macA).replaceAll('"', ''), /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
  const all = s.allTime as number[];
  assert.ok((all[0] as number) > 0 && (all[2] as number) > 0, 'traffic both ways');
  const one = getObject(root, `sessions/${JSON.stringify(s.session)}`);
  assert.deepEqual(one.allTime, all);
  assert.equal(listRows(root, 'discovery').length, 4);
});
