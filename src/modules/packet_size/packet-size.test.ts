import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { bytes, frame } from '../../decode/test-frames.js';
import { getObject, listRows, runFrames } from '../l2-shared/testing.js';
import { BUCKET_NAMES, bucketOf } from './buckets.js';
import { createPacketSizeModule } from './index.js';

test('bucket edges', () => {
  const edges: [number, string][] = [[60, '0-64'], [64, '0-64'], [65, '65-127'], [127, '65-127'], [128, '128-255'],
    [1023, '512-1023'], [1024, '1024-1517'], [1517, '1024-1517'], [1518, '1518'], [1519, '1519+'], [9000, '1519+']];
  for (const [len, name] of edges) assert.equal(BUCKET_NAMES[bucketOf(len)], name, String(len));
});

test('frames by wire length, with totals and one bucket', () => {
  const f = (len: number): ReturnType<typeof frame> => frame(bytes(new Uint8Array(60)), 1, len);
  const a = runFrames([f(60), f(64), f(100), f(1518), f(1600)], [createPacketSizeModule]);
  const root = a.module('packet_size')?.resource();
  assert.ok(root);
  const rows = new Map(listRows(root, 'sizes').map((r) => [r.bucket, r.allTime]));
  assert.deepEqual(rows.get('0-64'), [2, 124, 0, 0]);
  assert.deepEqual(rows.get('65-127'), [1, 100, 0, 0]);
  assert.deepEqual(rows.get('1518'), [1, 1518, 0, 0]);
  assert.deepEqual(rows.get('1519+'), [1, 1600, 0, 0]);
  const total = getObject(root, '');
  assert.deepEqual([total.packets, total.minFrame, total.maxFrame], [5, 60, 1600]);
  assert.deepEqual(getObject(root, 'sizes/1519+').allTime, [1, 1600, 0, 0]);
});
