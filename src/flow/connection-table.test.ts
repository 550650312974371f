import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { guessClientIsA } from './client-side.js';
import { ConnectionTable, directionOf, entityOf } from './connection-table.js';

function addr(v4: number): Uint32Array {
  return Uint32Array.of(0, 0, 0, v4);
}

test('both directions of a conversation find the same connection', () => {
  const t = new ConnectionTable({ initialCapacity: 16 });
  const a = addr(0x0a000001), b = addr(0x0a000002);
  const f1 = t.lookup(4, 6, a, 0, 40000, b, 0, 80, 1);
  const f2 = t.lookup(4, 6, b, 0, 80, a, 0, 40000, 2);
  assert.equal(entityOf(f1), entityOf(f2));
  assert.equal(directionOf(f1), 0);
  assert.equal(directionOf(f2), 1);
  // other protocol, other ports, other version: other connections
  assert.notEqual(entityOf(t.lookup(4, 17, a, 0, 40000, b, 0, 80, 3)), entityOf(f1));
  assert.notEqual(entityOf(t.lookup(4, 6, a, 0, 40001, b, 0, 80, 3)), entityOf(f1));
  assert.notEqual(entityOf(t.lookup(6, 6, a, 0, 40000, b, 0, 80, 3)), entityOf(f1));
  assert.equal(t.created, 4);
});

test('growth keeps connections and their direction', () => {
  const t = new ConnectionTable({ initialCapacity: 16 });
  const a = addr(1), b = addr(2);
  for (let p = 1; p <= 4000; p++) t.lookup(4, 17, a, 0, p, b, 0, 53, p);
  for (let p = 1; p <= 4000; p++) {
    const f = t.lookup(4, 17, b, 0, 53, a, 0, p, 0);
    assert.equal(entityOf(f), p - 1);
    assert.equal(directionOf(f), 1);
  }
});

test('restart replaces the indexed connection and keeps the old one listed', () => {
  const t = new ConnectionTable({ initialCapacity: 16 });
  const a = addr(1), b = addr(2);
  const old = t.lookup(4, 6, a, 0, 1000, b, 0, 80, 1);
  const fresh = t.restart(entityOf(old), 1, 5);
  assert.equal(entityOf(fresh), 1);
  // the packet that restarted went B→A of the old one, so it is A→B of the new one
  assert.equal(t.portA[1], 80);
  const again = t.lookup(4, 6, a, 0, 1000, b, 0, 80, 6);
  assert.equal(entityOf(again), 1);
  assert.equal(directionOf(again), 1);
  assert.equal(t.created, 2);
});

test('client heuristic: the well-known port is the server', () => {
  assert.equal(guessClientIsA(53000, 53), 1);
  assert.equal(guessClientIsA(53, 53000), 0);
  assert.equal(guessClientIsA(5060, 50000), 0);
  assert.equal(guessClientIsA(123, 123), 1);
  assert.equal(guessClientIsA(50000, 50001), 1);
});
