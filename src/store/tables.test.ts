import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { IpTable } from './ip-table.js';
import { MacTable } from './mac-table.js';

test('IpTable keeps v4 and v6 apart, grows, and keeps every entry findable', () => {
  const t = new IpTable({ initialCapacity: 16 });
  const w = new Uint32Array(4);
  const ids = new Map<number, number>();
  for (let i = 0; i < 5000; i++) {
    w[3] = 0x0a000000 + i;
    ids.set(i, t.upsert(4, w, 0, 1));
  }
  assert.equal(t.created, 5000);
  for (let i = 0; i < 5000; i++) {
    w[3] = 0x0a000000 + i;
    assert.equal(t.upsert(4, w, 0, 2), ids.get(i));
  }
  w[3] = 0x0a000000;
  const v6 = t.upsert(6, w, 0, 3);
  assert.notEqual(v6, ids.get(0));
  assert.equal(t.format(v6), '::a00:0');
  assert.equal(t.format(ids.get(1) ?? -1), '10.0.0.1');
  assert.equal(t.lastSeenUs[ids.get(1) ?? 0], 2);
  assert.equal(t.firstSeenUs[ids.get(1) ?? 0], 1);
});

test('IpTable at its cap counts instead of storing', () => {
  const t = new IpTable({ initialCapacity: 16, maxEntries: 100 });
  const w = new Uint32Array(4);
  let refused = 0;
  for (let i = 0; i < 150; i++) {
    w[3] = i;
    if (t.upsert(4, w, 0, 0) < 0) refused++;
  }
  assert.equal(t.created, 100);
  assert.equal(refused, 50);
  assert.equal(t.untracked, 50);
});

test('MacTable finds every MAC after growth', () => {
  const t = new MacTable({ initialCapacity: 16 });
  for (let i = 0; i < 3000; i++) t.upsert(0x0200_0000_0000 + i * 7919, 0);
  assert.equal(t.created, 3000);
  for (let i = 0; i < 3000; i++) assert.equal(t.macOf(t.upsert(0x0200_0000_0000 + i * 7919, 0)), 0x0200_0000_0000 + i * 7919);
  assert.equal(t.format(0), '02:00:00:00:00:00');
});
