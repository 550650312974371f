import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { runL7Fuzz } from './l7.fuzz.js';

test('L7 parsers (TLS, QUIC, HTTP) under mutated real inputs: nothing escapes', { timeout: 60_000 }, () => {
  const r = runL7Fuzz(20_000, 0x17, 8000);
  assert.ok(r.iterations >= 2_000, `only ${r.iterations} iterations ran`);
  assert.ok(r.helloParsed > 0 && r.httpRequests > 0, JSON.stringify(r));
});
