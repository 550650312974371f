import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { bytes, eth, frame, ipv4, udp } from '../../decode/test-frames.js';
import { pcapPath } from '../../../test/support/paths.js';
import { getObject, listRows, resolveStatus, runCapture, runFrames } from '../l2-shared/testing.js';
import { createMplsModule } from './index.js';

test('top labels of a capture', async () => {
  const a = await runCapture(pcapPath('zeek_mixed-vlan-mpls.pcap'), [createMplsModule]);
  const root = a.module('mpls')?.resource();
  assert.ok(root);
  const labels = listRows(root, 'labels').map((r) => [r.label, (r.allTime as number[])[0]]);
  assert.equal(labels.length, 1);
  assert.equal(labels[0]?.[1], 11);
  assert.equal(getObject(root, '').labelledFrames, 11);
});

test('a two-label stack counts under its top label and under the pair', () => {
  // label 100 (not bottom), label 200 (bottom of stack), then IPv4
  const stack = bytes('00064040', '000c8140');
  const f = frame(eth(0x8847, bytes(stack, ipv4(17, udp(1, 2, [0])))));
  const a = runFrames([f, f], [createMplsModule]);
  const root = a.module('mpls')?.resource();
  assert.ok(root);
  assert.deepEqual(getObject(root, 'labels/100').allTime, [2, 2 * f.origLen, 0, 0]);
  assert.deepEqual(getObject(root, 'stacks/100-200').allTime, [2, 2 * f.origLen, 0, 0]);
  assert.deepEqual(listRows(root, 'stacks').map((r) => r.stack), ['100/200']);
  assert.equal(resolveStatus(root, 'labels/200'), 'notFound');
  assert.equal(resolveStatus(root, 'labels/9999999'), 'badRequest');
});
