/**
 * @module api/live-slot.test
 * Link numbers of live interfaces: chosen groups first, the rest paired in order.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { linkNumbers } from './live-slot.js';

test('interfaces pair in order when no link is chosen', () => {
  assert.deepEqual(linkNumbers(['a', 'b', 'c', 'd', 'e']), [0, 0, 1, 1, 2]);
});

test('chosen links come first; the others pair in order after them', () => {
  assert.deepEqual(linkNumbers(['a', 'b', 'c', 'd'], [['d', 'a']]), [0, 1, 1, 0]);
  assert.deepEqual(linkNumbers(['a', 'b'], [['b'], ['a']]), [1, 0]);
  assert.deepEqual(linkNumbers(['a', 'b', 'c'], [['a', 'b', 'c']]), [0, 0, 0]);
});

test('a link naming an unknown interface, or one interface twice, is refused', () => {
  assert.throws(() => linkNumbers(['a'], [['x']]), /not one of the interfaces/);
  assert.throws(() => linkNumbers(['a', 'b'], [['a'], ['a', 'b']]), /in two links/);
});
