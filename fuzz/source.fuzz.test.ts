import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { runSourceFuzz } from './source.fuzz.js';

test('packet sources under mutated input: only CaptureFileError escapes, batches stay consistent', { timeout: 60_000 }, async () => {
  const r = await runSourceFuzz(5000, 0x5eed, 3500);
  assert.ok(r.iterations >= 200, `only ${r.iterations} iterations ran`);
  assert.ok((r.outcomes.ok ?? 0) > 0 && Object.keys(r.outcomes).length > 2, JSON.stringify(r.outcomes));
});
