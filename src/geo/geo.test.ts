/**
 * The country database: the shipped DB-IP Lite file on known addresses (what that file says),
 * special-purpose ranges, IPv4-mapped IPv6, a hand-made MaxMind-layout file for the drop-in path
 * (24-, 28- and 32-bit records, IPv4 and IPv6 trees), and damaged files.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatIpv4, formatIpv6, parseIpv4, parseIpv6 } from '../core/addresses.js';
import { ErrorCode } from '../core/errors.js';
import { CountryDatabase, countryTextOf, GeoDatabaseError } from './country-db.js';
import { isReservedIpv4, isReservedIpv6 } from './reserved.js';
import { countryName, formatCountryCode, NO_COUNTRY, parseCountryCode } from './country-code.js';
import { configureGeolocation, countryCodeOf, countryOf, geoDatabase, geoDatabaseProblem, SHIPPED_ATTRIBUTION, shippedDatabasePath } from './index.js';
import { writeMmdb, type MmdbPrefix } from './mmdb-writer.js';

/** [version, words] of an address text. */
function addr(text: string): [4 | 6, [number, number, number, number]] {
  const v4 = parseIpv4(text);
  if (v4 !== null) return [4, [0, 0, 0, v4]];
  const v6 = parseIpv6(text);
  assert.ok(v6, text);
  return [6, v6];
}

function country(db: CountryDatabase, text: string): string | null {
  const [v, w] = addr(text);
  return formatCountryCode(db.lookup(v, ...w));
}

test('country codes pack into 16 bits', () => {
  assert.equal(parseCountryCode('US'), 0x5553);
  assert.equal(parseCountryCode('de'), parseCountryCode('DE'));
  assert.equal(formatCountryCode(parseCountryCode('DE')), 'DE');
  for (const bad of ['', 'U', 'USA', '1A', 'Ü1']) assert.equal(parseCountryCode(bad), NO_COUNTRY, bad);
  assert.equal(formatCountryCode(NO_COUNTRY), null);
  assert.equal(formatCountryCode(0xffff), null);
  assert.equal(countryName(parseCountryCode('DE')), 'Germany');
  assert.equal(countryName(NO_COUNTRY), null);
});

test('the shipped DB-IP Lite file: known public addresses', () => {
  const db = CountryDatabase.open(shippedDatabasePath(), SHIPPED_ATTRIBUTION);
  assert.equal(db.info.type, 'country ipvAll');
  assert.ok(db.info.buildEpoch > 1.7e9);
  // What the shipped file says (checked with mmdb-lib's own text lookup below).
  const expected: [string, string][] = [['8.8.8.8', 'US'], ['1.1.1.1', 'AU'], ['91.198.174.192', 'NL'], ['2620:0:862:ed1a::1', 'US'],
    ['2001:4860:4860::8888', 'CA'], ['::ffff:8.8.8.8', 'US']];
  for (const [ip, cc] of expected) assert.equal(country(db, ip), cc, ip);
});

test('the tree walk agrees with mmdb-lib on many addresses of the shipped file', async () => {
  const { Reader } = await import('mmdb-lib');
  const { readFileSync } = await import('node:fs');
  const reader = new Reader<Record<string, unknown>>(readFileSync(shippedDatabasePath()));
  const db = CountryDatabase.open(shippedDatabasePath());
  let seed = 12345, located = 0, compared = 0;
  const rnd = (): number => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed; };
  for (let i = 0; i < 3000; i++) {
    const v4 = i % 3 !== 0;
    const w: [number, number, number, number] = v4 ? [0, 0, 0, rnd()] : [(0x20000000 | (rnd() >>> 4)) >>> 0, rnd(), rnd(), rnd()];
    const text = v4 ? formatIpv4(w[3]) : formatIpv6(...w);
    const mine = formatCountryCode(db.lookup(v4 ? 4 : 6, ...w));
    if (mine !== null) located++;
    if (v4 ? isReservedIpv4(w[3]) : isReservedIpv6(w[0], w[1], w[2])) continue;
    assert.equal(mine, countryTextOf(reader.get(text)), text);
    compared++;
  }
  assert.ok(located > 1500 && compared > 2500, `located ${located}, compared ${compared}`);
});

test('special-purpose addresses have no country', () => {
  const db = CountryDatabase.open(shippedDatabasePath());
  for (const ip of ['10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '127.0.0.1', '169.254.1.1', '100.64.0.1', '0.0.0.0',
    '224.0.0.251', '239.255.255.250', '255.255.255.255', '192.0.2.1', '198.51.100.7', '203.0.113.9', '198.18.0.1',
    '::1', '::', 'fe80::1', 'fd00::1', 'ff02::fb', '2001:db8::1', '::ffff:10.0.0.1']) {
    assert.equal(country(db, ip), null, ip);
  }
  // Just outside the private ranges.
  assert.notEqual(country(db, '172.32.0.1'), null);
  assert.notEqual(country(db, '11.0.0.1'), null);
});

test('a MaxMind-layout file dropped in: both trees, every record size', () => {
  const prefixes: MmdbPrefix[] = [
    { version: 4, words: [0, 0, 0, addr('8.8.8.0')[1][3]], bits: 24, data: { country: { iso_code: 'DE', geoname_id: 2921044 } } },
    { version: 4, words: [0, 0, 0, addr('1.0.0.0')[1][3]], bits: 8, data: { registered_country: { iso_code: 'JP' } } },
    { version: 4, words: [0, 0, 0, addr('2.0.0.0')[1][3]], bits: 8, data: { continent: { code: 'EU' } } },
    { version: 6, words: addr('2a00::')[1], bits: 12, data: { country: { iso_code: 'fr' } } },
  ];
  const dir = mkdtempSync(join(tmpdir(), 'wm-geo-'));
  try {
    for (const recordSize of [24, 28, 32] as const) {
      for (const ipVersion of [4, 6] as const) {
        const path = join(dir, `t${recordSize}-${ipVersion}.mmdb`);
        writeFileSync(path, writeMmdb(ipVersion === 4 ? prefixes.filter((p) => p.version === 4) : prefixes, { ipVersion, recordSize, databaseType: 'Test-Country' }));
        const db = CountryDatabase.open(path);
        const what = `${recordSize}/${ipVersion}`;
        assert.equal(db.info.type, 'Test-Country');
        assert.equal(db.info.attribution, null);
        assert.equal(country(db, '8.8.8.8'), 'DE', what);
        assert.equal(country(db, '8.8.9.8'), null, what);
        assert.equal(country(db, '1.200.3.4'), 'JP', what);
        assert.equal(country(db, '2.3.4.5'), null, what); // a record without a country
        assert.equal(country(db, '::ffff:8.8.8.1'), 'DE', what);
        assert.equal(country(db, '2a01:1::1'), ipVersion === 6 ? 'FR' : null, what);
        assert.equal(country(db, '2a10::1'), null, what);
      }
    }
    // Through the process-wide choice, as `--geoip FILE` sets it.
    const path = join(dir, 't24-6.mmdb');
    configureGeolocation(path);
    assert.equal(geoDatabase()?.info.path, path);
    const [v, w] = addr('8.8.8.8');
    assert.equal(countryOf(v, w), 'DE');
    assert.equal(countryCodeOf(v, Uint32Array.from([9, ...w]), 1), parseCountryCode('DE'));
    configureGeolocation('off');
    assert.equal(geoDatabase(), null);
    assert.equal(countryOf(v, w), null);
    assert.match(geoDatabaseProblem() ?? '', /off/);
  } finally {
    configureGeolocation(undefined);
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(countryOf(...addr('8.8.8.8')), 'US');
  assert.equal(geoDatabaseProblem(), null);
});

test('missing, empty, truncated and foreign files are refused with a typed error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wm-geo-'));
  try {
    const good = writeMmdb([{ version: 4, words: [0, 0, 0, 0x08080800], bits: 24, data: { country: { iso_code: 'DE' } } }],
      { ipVersion: 6, recordSize: 24, databaseType: 'Test' });
    const cases: [string, Buffer | null][] = [['missing.mmdb', null], ['empty.mmdb', Buffer.alloc(0)], ['text.mmdb', Buffer.from('hello world\n')],
      ['tree-cut.mmdb', Buffer.concat([good.subarray(0, 10), good.subarray(good.length - 200)])]];
    for (const [name, bytes] of cases) {
      const path = join(dir, name);
      if (bytes) writeFileSync(path, bytes);
      assert.throws(() => { configureGeolocation(path); }, (e: unknown) => e instanceof GeoDatabaseError && e.code === ErrorCode.GeoDatabase && e.message.includes(path), name);
    }
    // Every truncation of a good file either is refused or answers without throwing.
    for (let cut = 0; cut < good.length; cut++) {
      let db: CountryDatabase | null = null;
      try { db = new CountryDatabase(good.subarray(0, cut), 'cut', null); } catch (e) { assert.ok(e instanceof GeoDatabaseError); }
      if (db) assert.doesNotThrow(() => { db.lookup(4, 0, 0, 0, 0x08080808); });
    }
  } finally {
    configureGeolocation(undefined);
    rmSync(dir, { recursive: true, force: true });
  }
});
