import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { runMmdbFuzz } from './mmdb.fuzz.js';

test('geolocation database files under mutation: only GeoDatabaseError escapes, lookups never throw', { timeout: 60_000 }, () => {
  const r = runMmdbFuzz(20_000, 0x6e0, 3000);
  assert.ok(r.iterations >= 500, `only ${r.iterations} iterations ran`);
  assert.ok((r.outcomes.ok ?? 0) > 0 && (r.outcomes.NM_ERR_GEO_DATABASE ?? 0) > 0, JSON.stringify(r.outcomes));
});
