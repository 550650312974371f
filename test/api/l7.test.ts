/**
 * The README's HTTP, TLS and QUIC curl examples, run with the real curl against the real HTTPS
 * server serving the real modules of an analysed capture: the bundled sample
 * (pcapplusplus_many-protocols.pcap: TLS and HTTP) and a QUIC capture in a second slot. Values are
 * tshark 4.0.17's (`-Y http.request` 167 requests, `-Y http.response` 153 responses, 32 of them
 * from 212.199.202.53; 11 SNI names; `api.cirrus-ci.com` over QUIC).
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { analyzeFile } from '../../src/analysis/analyze-file.js';
import { SlotRegistry } from '../../src/api/module-registry.js';
import { createServer } from '../../src/api/server.js';
import { pcapPath } from '../support/paths.js';

const run = promisify(execFile);
const PASSWORD = 'l7-test-password';

interface Rows { displayedItems: Record<string, unknown>[]; totalCount: number }

test('README HTTP, TLS and QUIC examples with real curl', { timeout: 120_000 }, async () => {
  const sample = await analyzeFile(pcapPath('pcapplusplus_many-protocols.pcap'));
  const quic = await analyzeFile(pcapPath('zeek_quic_chromium-115.0.5790.110-api-cirrus-com.pcap'));
  const slots = new SlotRegistry();
  for (const m of sample.analyzer.modules) slots.slot(0).modules.register(m.resource());
  const second = slots.add(1, 'quic.pcap');
  for (const m of quic.analyzer.modules) second.modules.register(m.resource());
  const dataDir = mkdtempSync(join(tmpdir(), 'wm-l7-'));
  const server = await createServer({ port: 0, adminPassword: PASSWORD, deviceName: 'wm-l7', slots, dataDir, logLevel: 'silent' });
  const get = async <T>(path: string): Promise<T> =>
    JSON.parse((await run('curl', ['--silent', '--show-error', '-k', '-u', `admin:${PASSWORD}`, server.url + path], { maxBuffer: 16 << 20 })).stdout) as T;
  try {
    // TLS
    const servers = await get<Rows>('/API/stats/modules/ssl/servers?sort=hellos&reverse=true&count=5');
    assert.equal(servers.totalCount, 11);
    const names = await get<Rows>('/API/stats/modules/ssl/names?sort=count&reverse=true&count=10');
    assert.equal(names.totalCount, 11);
    assert.equal(names.displayedItems[0]?.name, 'img.cybersear.ch');
    const google = await get<Record<string, unknown>>('/API/stats/modules/ip/ips/173.194.78.104/sslServer');
    assert.deepEqual(google.sni, [{ name: 'www.google.com', count: 1 }]);
    assert.deepEqual(google.versions, [{ name: 'TLS 1.2', count: 1 }]);
    const infos = await get<Record<string, unknown>>('/API/stats/modules/ip/ips/10.0.0.1/sslInfos');
    assert.equal(infos.hellos, 20);
    // IP rows carry the name a server is asked for; a plain filter finds the address by it.
    const byName = await get<Rows>('/API/stats/modules/ip/ips_paged?filter=www.google.com');
    assert.deepEqual(byName.displayedItems.map((r) => [r.ip, r.tlsServerName]), [['173.194.78.104', 'www.google.com']]);
    const conns = await get<Rows>('/API/stats/modules/connections/connections_paged?sort=tlsSni&reverse=true&count=3');
    assert.equal((conns.displayedItems[0]?.tls as Record<string, unknown>).sni, 'www.gstatic.com');
    // HTTP
    const http = await get<Record<string, unknown>>('/API/stats/modules/http');
    assert.deepEqual([http.requests, http.responses], [167, 153]);
    const top = await get<Rows>('/API/stats/modules/http/servers?sort=responses&reverse=true&count=5');
    assert.deepEqual([top.displayedItems[0]?.ip, top.displayedItems[0]?.responses], ['212.199.202.53', 32]);
    const hosts = await get<Rows>('/API/stats/modules/http/hosts?sort=count&reverse=true&count=10');
    assert.equal(hosts.totalCount, 43);
    const one = await get<Record<string, unknown>>('/API/stats/modules/ip/ips/212.199.202.53/httpServer');
    assert.equal(one.responses, 32);
    // QUIC (slot 1)
    const q = await get<Rows>('/API/stats/modules/quic/servers?mm-id=wm-l7:1');
    assert.equal(q.displayedItems[0]?.sni, 'api.cirrus-ci.com');
    const qs = await get<Record<string, unknown>>(`/API/stats/modules/ip/ips/${String(q.displayedItems[0].ip)}/quicServer?mm-id=wm-l7:1`);
    assert.deepEqual(qs.quicVersions, [{ name: 'QUICv1', count: 1 }]);
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
