/** The serve banner: URL, the login of each start (generated, env, later starts), the curl line. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { serveBanner, type BannerInfo } from './serve-banner.js';

const base: BannerInfo = {
  url: 'https://127.0.0.1:8443', dataDir: '/d', tls: { fingerprint256: 'AA:BB', generated: true },
  initialAdmin: undefined, pcap: 'x.pcap', memoryBudgetMiB: 512,
};

test('first start: the generated password appears in the login and curl lines', () => {
  const text = serveBanner({ ...base, initialAdmin: { user: 'admin', password: 's3cret', generated: true } });
  assert.match(text, /serving https:\/\/127\.0\.0\.1:8443\/API \(data in \/d\)/);
  assert.match(text, /Open +https:\/\/127\.0\.0\.1:8443\/ +\(the web UI; self-signed certificate/);
  assert.match(text, /Log in +user admin, password s3cret\n.*shown only this once/);
  assert.match(text, /curl -k -u admin:s3cret 'https:\/\/127\.0\.0\.1:8443\/API\/stats\/modules\/ip\/ips_paged/);
  assert.match(text, /analysing x\.pcap into slot 0 \(memory budget 512 MiB\)/);
});

test('WIREMETER_ADMIN_PASSWORD and later starts never print a password', () => {
  const env = serveBanner({ ...base, initialAdmin: { user: 'admin', password: 'from-env', generated: false } });
  assert.doesNotMatch(env, /from-env/);
  assert.match(env, /WIREMETER_ADMIN_PASSWORD/);
  const later = serveBanner(base);
  assert.match(later, /printed on the first start/);
  assert.match(later, /\/d\/wiremeter\.db/);
  assert.match(later, /admin:PASSWORD/);
});

test('live interfaces: from the command line, from the settings, and settings the command line overrides', () => {
  const cli = serveBanner({ ...base, pcap: undefined, interfaces: ['eth0'], liveOrigin: 'command line', overriddenInterfaces: ['eth1', 'eth2'] });
  assert.match(cli, /analysing live traffic of eth0 into slot 0 \(memory budget 512 MiB\)\n/);
  assert.match(cli, /saved interface settings \(eth1, eth2\) are not used: --interface wins/);
  const saved = serveBanner({ ...base, pcap: undefined, interfaces: ['eth1', 'eth2'], liveOrigin: 'settings' });
  assert.match(saved, /analysing live traffic of eth1, eth2 into slot 0 \(memory budget 512 MiB\) from the saved interface settings/);
  assert.doesNotMatch(saved, /not used/);
});
