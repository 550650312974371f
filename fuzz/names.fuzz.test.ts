import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { runNamesFuzz } from './names.fuzz.js';

test('DNS, NetBIOS and DHCP parsers and modules under mutated input: nothing escapes, nothing read past the message', { timeout: 60_000 }, () => {
  const r = runNamesFuzz(1_000_000, 0xd05, 6000);
  assert.ok(r.iterations >= 20_000, `only ${r.iterations} iterations ran`);
  assert.ok(r.parsedDns > r.iterations / 4, JSON.stringify(r));
  assert.ok(r.frames >= 1000, JSON.stringify(r));
});
