/**
 * The location module on corpus captures with public addresses: countries with their traffic and
 * IPs, one country's object and IP list, the country on IP rows and connection rows, the memory the
 * per-IP columns declare, a user's MaxMind-layout file dropped in, and geolocation off.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pcapPath } from '../../../test/support/paths.js';
import { configureGeolocation } from '../../geo/index.js';
import { writeMmdb } from '../../geo/mmdb-writer.js';
import { IpTable } from '../../store/ip-table.js';
import { createConnectionsModule } from '../connections/index.js';
import { createIpModule } from '../ip/index.js';
import { getObject, listRows, moduleOf, resolveStatus, runCapture } from '../l2-shared/testing.js';
import { createLocationModule } from './index.js';
import { IpCountryColumn } from './ip-country.js';

const MODULES = [createIpModule, createConnectionsModule, createLocationModule];

test('zeek_wikipedia: traffic and IPs per country', async () => {
  const a = await runCapture(pcapPath('zeek_wikipedia.pcap'), MODULES);
  const root = moduleOf(a, 'location').resource();
  const top = getObject(root, '');
  assert.equal(top.countries, 2);
  assert.deepEqual([top.locatedIps, top.unlocatedIps], [13, 6]);
  assert.deepEqual(top.database, { source: 'shipped', type: 'country ipvAll', buildEpoch: (top.database as { buildEpoch: number }).buildEpoch,
    attribution: 'IP Geolocation by DB-IP (https://db-ip.com), licensed under CC BY 4.0' });
  // [rxPackets, rxBytes, txPackets, txBytes]: tshark's endpoints of each country's IPs added up (see test/golden/location.test.ts).
  const rows = listRows(root, 'countries').map((r) => [r.key, r.countryCode, r.name, r.ips, ...(r.allTime as number[])]);
  assert.deepEqual(rows.sort(), [
    ['CA', 'CA', 'Canada', 1, 0, 0, 1, 62],
    ['US', 'US', 'United States', 12, 114, 23388, 120, 24005],
    ['none', null, 'no country (private, reserved or unknown)', 6, 12, 1272, 5, 593],
  ].sort());
  const us = getObject(root, 'countries/us');
  assert.deepEqual(us.allTime, [114, 23388, 120, 24005]);
  // The history of the country adds up to its all-time counters.
  const sums = [0, 0, 0, 0];
  for (const point of (us.history as { points: number[][] }).points) for (let k = 0; k < 4; k++) sums[k] = (sums[k] as number) + (point[k + 1] ?? 0);
  assert.deepEqual(sums, us.allTime);
  const usIps = listRows(root, 'countries/US/ips').map((r) => r.ip);
  assert.equal(usIps.length, 12);
  assert.ok(usIps.includes('208.80.152.3') && usIps.includes('141.142.220.118'));
  assert.deepEqual(listRows(root, 'countries/none/ips').map((r) => r.ip).sort(),
    ['224.0.0.251', '224.0.0.252', 'fe80::217:f2ff:fed7:cf65', 'fe80::3074:17d5:2052:c324', 'ff02::1:3', 'ff02::fb']);
  assert.equal(resolveStatus(root, 'countries/DE'), 'notFound');
  assert.equal(resolveStatus(root, 'countries/USA'), 'badRequest');
  assert.equal(resolveStatus(root, 'countries/1x'), 'badRequest');
});

test('the country on IP rows and connection rows', async () => {
  const a = await runCapture(pcapPath('zeek_tls_chrome-34-google.pcap'), MODULES);
  const ip = moduleOf(a, 'ip').resource();
  const byIp = new Map(listRows(ip, 'ips_paged').map((r) => [r.ip, [r.countryCode, r.countryName]]));
  assert.deepEqual(byIp.get('74.125.239.152'), ['US', 'United States']);
  assert.deepEqual(byIp.get('192.168.4.149'), [null, null]);
  assert.equal(getObject(ip, 'ips/74.125.239.152').countryCode, 'US');
  const conns = listRows(moduleOf(a, 'connections').resource(), 'connections_paged');
  assert.ok(conns.length > 0);
  for (const c of conns) assert.deepEqual([c.client, c.clientCountry, c.serverCountry], ['192.168.4.149', null, 'US']);
  const loc = moduleOf(a, 'location').resource();
  assert.deepEqual(listRows(loc, 'countries').map((r) => [r.key, ...(r.allTime as number[])]).sort(),
    [['US', 23, 2750, 19, 8136], ['none', 19, 8136, 23, 2750]].sort());
});

test('the per-IP columns are declared to the memory budget and follow id reuse', () => {
  const ips = new IpTable();
  const before = ips.bytesPerEntity();
  const col = new IpCountryColumn(ips, null);
  assert.equal(ips.bytesPerEntity() - before, 2);
  const e = ips.upsert(4, Uint32Array.of(0, 0, 0, 0x08080808), 0, 1);
  assert.equal(col.of(e), 0);
});

test('a dropped-in MaxMind file, and geolocation off', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wm-loc-'));
  try {
    const path = join(dir, 'mine.mmdb');
    // 208.80.152.0/22 (Wikimedia) → DE in MaxMind's layout; nothing else.
    writeFileSync(path, writeMmdb([{ version: 4, words: [0, 0, 0, 0xd0509800], bits: 22, data: { country: { iso_code: 'DE' } } }],
      { ipVersion: 6, recordSize: 28, databaseType: 'GeoLite2-Country' }));
    configureGeolocation(path);
    const a = await runCapture(pcapPath('zeek_wikipedia.pcap'), MODULES);
    const root = moduleOf(a, 'location').resource();
    const top = getObject(root, '');
    assert.deepEqual(top.database, { source: 'file', type: 'GeoLite2-Country', buildEpoch: 1_700_000_000, attribution: null });
    assert.deepEqual(listRows(root, 'countries/DE/ips').map((r) => r.ip).sort(), ['208.80.152.118', '208.80.152.2', '208.80.152.3']);
    configureGeolocation('off');
    const off = await runCapture(pcapPath('zeek_wikipedia.pcap'), MODULES);
    const offRoot = moduleOf(off, 'location').resource();
    assert.deepEqual(getObject(offRoot, ''), { countries: 0, locatedIps: 0, unlocatedIps: 0, database: null, problem: 'geolocation is off (--geoip off)' });
    assert.equal(listRows(offRoot, 'countries').length, 0);
    assert.equal(getObject(moduleOf(off, 'ip').resource(), 'ips/208.80.152.3').countryCode, null);
  } finally {
    configureGeolocation(undefined);
    rmSync(dir, { recursive: true, force: true });
  }
});
