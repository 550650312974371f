/**
 * The location module over real HTTPS: `wiremeter serve --pcap zeek_wikipedia.pcap` (the shipped
 * database) and `--geoip FILE` (a user's MaxMind DB file), answered to the real curl with Basic
 * auth; without credentials 401. A `--geoip` file that is not a MaxMind DB stops serve with status 1
 * before it listens.
 */
import { strict as assert } from 'node:assert';
import { execFile, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { writeMmdb } from '../../src/geo/mmdb-writer.js';
import { pcapPath, repoRoot } from '../support/paths.js';

const run = promisify(execFile);
const bin = join(repoRoot, 'bin', 'wiremeter.js');
const USER = 'admin:geo-test-password';

async function curl(url: string, path: string, user: string | null = USER): Promise<{ code: number; body: Record<string, unknown> }> {
  const auth = user === null ? [] : ['-u', user];
  const r = await run('curl', ['--silent', '-k', ...auth, '-w', '\n%{http_code}', url + path], { maxBuffer: 16 << 20 });
  const at = r.stdout.lastIndexOf('\n');
  return { code: Number(r.stdout.slice(at + 1)), body: JSON.parse(r.stdout.slice(0, at)) as Record<string, unknown> };
}

/** Runs `serve` with the extra arguments on zeek_wikipedia.pcap, hands its URL to `check` once the analysis is done. */
async function serving(extra: readonly string[], check: (url: string) => Promise<void>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wm-geo-serve-'));
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--data-dir', dataDir, '--memory-budget', '128', '--pcap', pcapPath('zeek_wikipedia.pcap'), ...extra],
    { env: { ...process.env, WIREMETER_ADMIN_PASSWORD: 'geo-test-password' } });
  try {
    let out = '';
    child.stdout.setEncoding('utf8');
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => { reject(new Error(`no banner: ${out}`)); }, 60_000);
      child.stdout.on('data', (d: string) => {
        out += d;
        const m = /serving (https:\/\/\S+)\/API/.exec(out);
        if (m?.[1] !== undefined) { clearTimeout(timer); resolve(m[1]); }
      });
      child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`serve exited (${String(code)}): ${out}`)); });
    });
    for (let i = 0; i < 300 && (await curl(url, '/API/stats/processing')).body.state === 'analysing'; i++) await sleep(100);
    await check(url);
  } finally {
    const exited = once(child, 'exit');
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

test('serve: location module, IP and connection countries from the shipped database', { timeout: 120_000 }, async () => {
  await serving([], async (url) => {
    const top = await curl(url, '/API/stats/modules/location');
    assert.equal(top.code, 200);
    assert.deepEqual([top.body.countries, top.body.locatedIps, top.body.unlocatedIps], [2, 13, 6]);
    assert.equal((top.body.database as { attribution: string }).attribution, 'IP Geolocation by DB-IP (https://db-ip.com), licensed under CC BY 4.0');
    const list = await curl(url, '/API/stats/modules/location/countries?sort=bytes&reverse=true&count=1');
    assert.deepEqual((list.body.displayedItems as { key: string; ips: number }[]).map((r) => [r.key, r.ips]), [['US', 12]]);
    const us = await curl(url, '/API/stats/modules/location/countries/US?skiphistorydata=true');
    assert.deepEqual(us.body.allTime, [114, 23388, 120, 24005]);
    const ips = await curl(url, '/API/stats/modules/location/countries/CA/ips');
    assert.deepEqual((ips.body.displayedItems as { ip: string }[]).map((r) => r.ip), ['173.192.163.128']);
    assert.equal((await curl(url, '/API/stats/modules/ip/ips/208.80.152.3')).body.countryCode, 'US');
    const conns = await curl(url, '/API/stats/modules/ip/ips/208.80.152.3/connections?count=100');
    const rows = conns.body.displayedItems as { server: string; serverCountry: string | null; clientCountry: string | null }[];
    assert.ok(rows.length > 0);
    for (const c of rows) assert.deepEqual([c.clientCountry, c.serverCountry], ['US', 'US']);
    // Table filters on the added columns (the README's examples).
    const ca = await curl(url, `/API/stats/modules/ip/ips_paged?filter=${encodeURIComponent('(countryCode=CA)')}`);
    assert.deepEqual((ca.body.displayedItems as { ip: string }[]).map((r) => r.ip), ['173.192.163.128']);
    const filtered = async (f: string): Promise<{ clientCountry: string | null; serverCountry: string | null }[]> => {
      const r = await curl(url, `/API/stats/modules/connections/connections_paged?count=100&filter=${encodeURIComponent(f)}`);
      assert.equal(r.code, 200, JSON.stringify(r.body));
      return r.body.displayedItems as { clientCountry: string | null; serverCountry: string | null }[];
    };
    const usUs = await filtered('(serverCountry=US and clientCountry=US)');
    const notUs = await filtered('(clientCountry!=US)');
    assert.ok(usUs.length > 0 && notUs.length > 0);
    for (const c of usUs) assert.deepEqual([c.clientCountry, c.serverCountry], ['US', 'US']);
    for (const c of notUs) assert.notEqual(c.clientCountry, 'US');
    assert.equal((await curl(url, '/API/stats/modules/location/countries/XX')).code, 404);
    assert.equal((await curl(url, '/API/stats/modules/location/countries/U$')).code, 400);
    assert.equal((await curl(url, '/API/stats/modules/location', null)).code, 401);
  });
});

test('serve --geoip FILE uses a user\'s MaxMind DB; a file that is none stops serve', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wm-geo-file-'));
  try {
    const file = join(dir, 'GeoLite2-Country.mmdb');
    writeFileSync(file, writeMmdb([{ version: 4, words: [0, 0, 0, 0xd0509800], bits: 22, data: { country: { iso_code: 'NL' } } }],
      { ipVersion: 6, recordSize: 24, databaseType: 'GeoLite2-Country' }));
    await serving(['--geoip', file], async (url) => {
      const list = await curl(url, '/API/stats/modules/location/countries');
      assert.deepEqual((list.body.displayedItems as { key: string }[]).map((r) => r.key).sort(), ['NL', 'none']);
      assert.equal((await curl(url, '/API/stats/modules/ip/ips/208.80.152.3')).body.countryCode, 'NL');
    });
    const bad = join(dir, 'bad.mmdb');
    writeFileSync(bad, 'plain text');
    const r = spawnSync(process.execPath, [bin, 'serve', '--port', '0', '--data-dir', dir, '--geoip', bad], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /NM_ERR_GEO_DATABASE: .*bad\.mmdb is not a MaxMind DB/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
