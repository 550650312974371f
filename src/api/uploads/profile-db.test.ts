import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseSettings, ProfileDb, ProfileError } from './profile-db.js';

test('settings: known keys and values only', () => {
  assert.deepEqual(parseSettings({ tunnelView: 'inner', detailLevel: 'reduced' }), { tunnelView: 'inner', detailLevel: 'reduced' });
  assert.deepEqual(parseSettings({}), {});
  assert.throws(() => parseSettings({ tunnelView: 'sideways' }), (e: unknown) => e instanceof ProfileError && e.parameter === 'tunnelView');
  assert.throws(() => parseSettings({ colour: 'red' }), /unknown setting 'colour'/);
  assert.throws(() => parseSettings([]), /must be an object/);
  assert.throws(() => parseSettings({ vlanHandling: 3 }), /vlanHandling must be one of separate, ignore/);
});

test('profiles persist in the data directory\'s database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wm-profiles-'));
  try {
    const db = new ProfileDb(dir);
    db.put('outer', { tunnelView: 'outer' });
    db.put('outer', { tunnelView: 'outer', packetLengthAccounting: 'captured' });
    assert.throws(() => db.put('bad name!', {}), /profile name/);
    db.close();
    const again = new ProfileDb(dir);
    assert.deepEqual(again.list().map((p) => [p.name, p.settings]), [['outer', { tunnelView: 'outer', packetLengthAccounting: 'captured' }]]);
    assert.equal(again.get('nope'), undefined);
    again.delete('outer');
    assert.throws(() => { again.delete('outer'); }, (e: unknown) => e instanceof ProfileError && e.statusCode === 404);
    again.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
