/**
 * `--geoip` through the real entry point (bin/wiremeter.js): the shipped database by default (the
 * countries in the JSON report and the text summary), a user's MaxMind DB file, off, and files that
 * are not MaxMind DBs (a clear message, exit status 1).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeMmdb } from '../../src/geo/mmdb-writer.js';
import type { CountryEntry } from '../../src/modules/location/summary.js';
import { pcapPath, repoRoot } from '../support/paths.js';

const bin = join(repoRoot, 'bin', 'wiremeter.js');

function run(...args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function countries(...extra: string[]): CountryEntry[] {
  const r = run('analyze', pcapPath('zeek_tls_chrome-34-google.pcap'), '--json', ...extra);
  assert.equal(r.status, 0, r.stderr);
  return (JSON.parse(r.stdout) as { countries: CountryEntry[] }).countries;
}

test('analyze: countries from the shipped database, a dropped-in file, or none', () => {
  assert.deepEqual(countries(), [
    { countryCode: 'US', name: 'United States', ips: 1, allTime: [23, 2750, 19, 8136] },
    { countryCode: null, name: 'no country', ips: 1, allTime: [19, 8136, 23, 2750] },
  ]);
  const text = run('analyze', pcapPath('zeek_tls_chrome-34-google.pcap'), '--top', '5');
  assert.match(text.stdout, /Top 5 countries by bytes\n.*\n {2}US +United States +1 +23 +2,750 +19 +8,136\n {2}-- +no country +1 +19/);
  const dir = mkdtempSync(join(tmpdir(), 'wm-geoip-'));
  try {
    const file = join(dir, 'GeoLite2-Country.mmdb');
    writeFileSync(file, writeMmdb([{ version: 4, words: [0, 0, 0, 0x4a7d0000], bits: 16, data: { country: { iso_code: 'SE' } } }],
      { ipVersion: 6, recordSize: 24, databaseType: 'GeoLite2-Country' }));
    assert.deepEqual(countries('--geoip', file).map((c) => c.countryCode), ['SE', null]);
    assert.deepEqual(countries('--geoip', 'off'), []);
    const bad = join(dir, 'bad.mmdb');
    writeFileSync(bad, 'not a database');
    for (const path of [bad, join(dir, 'missing.mmdb')]) {
      const r = run('analyze', pcapPath('zeek_tls_chrome-34-google.pcap'), '--geoip', path);
      assert.equal(r.status, 1);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, new RegExp(`NM_ERR_GEO_DATABASE: .*${path.replace(/[.]/g, '\\.')}`));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
