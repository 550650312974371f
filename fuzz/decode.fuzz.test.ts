import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { runDecodeFuzz } from './decode.fuzz.js';

test('decoder under mutated frames: nothing escapes, no read outside the frame, stacks and caps hold', { timeout: 60_000 }, () => {
  const r = runDecodeFuzz(1_000_000, 0xdec0de, 6000);
  assert.ok(r.iterations >= 20_000, `only ${r.iterations} iterations ran`);
  assert.ok(r.decodedLayers > r.iterations, JSON.stringify(r));
  assert.ok(r.malformed > 0 && r.reassembled > 0, JSON.stringify(r));
});
