/**
 * `wiremeter serve --pcap FILE` and `scripts/start` end to end: the real entry points analyse a
 * corpus capture, serve it over HTTPS on a free port, print the URL and the login, answer the
 * appliance's curl examples (real curl, Basic auth) and stop on SIGTERM.
 */
import { strict as assert } from 'node:assert';
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { analyzeFile } from '../../src/analysis/analyze-file.js';
import { buildReport } from '../../src/analysis/report.js';
import { pcapPath, repoRoot } from '../support/paths.js';

const run = promisify(execFile);

interface Started {
  readonly child: ChildProcessWithoutNullStreams;
  readonly url: string;
  readonly banner: string;
}

/** Spawns `command` and resolves once its banner (ending with the Stop line) is complete. */
async function startAndWaitForBanner(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<Started> {
  const child = spawn(command, args, { cwd: repoRoot, env: { ...process.env, ...env } });
  let out = '', err = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => { err += d; });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => { reject(new Error(`no banner within 60 s: ${out}${err}`)); }, 60_000);
    child.stdout.on('data', (d: string) => {
      out += d;
      const m = /serving (https:\/\/\S+)\/API/.exec(out);
      if (m?.[1] && /\n {2}Stop +Ctrl\+C\n/.test(out)) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`exited early (${String(code)}): ${out}${err}`)); });
  });
  return { child, url, banner: out };
}

/** SIGTERM, then the exit code; a server that has not exited after 15 s is killed (-1: a failure, never a hang). */
async function stop(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = once(child, 'exit') as Promise<[number | null, string | null]>;
  child.kill('SIGTERM');
  const killer = setTimeout(() => { child.kill('SIGKILL'); }, 15_000);
  const [code, signal] = await exited;
  clearTimeout(killer);
  return signal === 'SIGKILL' ? -1 : code;
}

async function curlJson(url: string, user: string, path: string): Promise<Record<string, unknown>> {
  return JSON.parse((await run('curl', ['--silent', '--show-error', '-k', '-u', user, url + path])).stdout) as Record<string, unknown>;
}

/** Polls /API/stats/processing until the analysis has ended. */
async function waitForAnalysis(url: string, user: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 300; i++) {
    const p = await curlJson(url, user, '/API/stats/processing');
    if (p.state !== 'analysing') return p;
    await sleep(100);
  }
  throw new Error('analysis did not end');
}

/** The curl examples of the appliance's REST API page, on the bundled sample, against `analyze`. */
async function specExamples(url: string, user: string): Promise<void> {
  const report = buildReport(await analyzeFile(pcapPath('pcapplusplus_many-protocols.pcap')));
  const busiest = report.ips[0];
  assert.ok(busiest);
  const text = async (path: string, ...extra: string[]): Promise<string> => (await run('curl', ['--silent', '-k', '-u', user, ...extra, url + path], { maxBuffer: 16 << 20 })).stdout;
  // IP statistics, and jq .lastSecond[1] + .lastSecond[3]
  const ip = JSON.parse(await text(`/API/stats/modules/ip/ips/${busiest.ip}`)) as { allTime: number[]; lastSecond: number[]; interval: number[] };
  assert.deepEqual(ip.allTime, busiest.allTime);
  assert.deepEqual(ip.interval, ip.lastSecond);
  // MAC broadcast
  const mac = JSON.parse(await text('/API/stats/modules/mac/macs/ff:ff:ff:ff:ff:ff')) as { allTime: number[] };
  assert.deepEqual(mac.allTime, report.macs.find((m) => m.mac === 'ff:ff:ff:ff:ff:ff')?.allTime);
  // The IP with the most traffic (sort=bytes: bps of a finished capture's last second is mostly 0)
  const top = JSON.parse(await text('/API/stats/modules/ip/ips_paged?sort=bytes&reverse=true&page=0&count=1')) as { displayedItems: { ip: string }[]; totalCount: number };
  assert.equal(top.displayedItems[0]?.ip, busiest.ip);
  assert.equal(top.totalCount, report.counts.ips);
  const byBps = JSON.parse(await text('/API/stats/modules/ip/ips_paged?sort=bps&reverse=true&page=0&count=1')) as { displayedItems: unknown[] };
  assert.equal(byBps.displayedItems.length, 1);
  // Peers, count at most 100 (the page's 9999 is answered 400 naming count)
  const peers = JSON.parse(await text(`/API/stats/modules/ip/ips/${busiest.ip}/peers?sort=bytes&reverse=true&page=0&count=100&timespan=60&values=100`)) as { displayedItems: { ip: string }[] };
  assert.ok(peers.displayedItems.length > 1);
  assert.equal(await text(`/API/stats/modules/ip/ips/${busiest.ip}/peers?count=9999`, '-o', '/dev/null', '-w', '%{http_code}'), '400');
  // CSV of the IP table and of the connection table (the appliance's path, and ours)
  assert.equal((await text('/API/stats/modules/ip/ips_paged?csv=true')).split('\r\n').length, report.counts.ips + 2);
  const connections = await text('/API/stats/modules/ip/globalConnections/csv?csv=true');
  assert.match(connections, /^packets,bytes,.*,client,clientPort,server,serverPort,/);
  assert.equal(connections.split('\r\n').length, report.counts.connections + 2);
  assert.equal(await text('/API/stats/modules/connections/connections_paged?csv=true'), connections);
  // OPTIONS
  assert.deepEqual(JSON.parse(await text('/API/stats/modules/ip/ips', '-X', 'OPTIONS')), { subResources: [':ip'] });
  assert.ok((JSON.parse(await text('/API/stats/modules', '-X', 'OPTIONS')) as { subResources: string[] }).subResources.includes('mac'));
}

test('serve --pcap serves the capture’s modules and stops on SIGTERM', { timeout: 180_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'wm-serve-'));
  const { child, url, banner } = await startAndWaitForBanner(process.execPath, [join(repoRoot, 'bin', 'wiremeter.js'), 'serve', '--port', '0', '--data-dir', dataDir, '--memory-budget', '128', '--pcap', pcapPath('zeek_icmp_dot1q.pcap')], { WIREMETER_ADMIN_PASSWORD: 'cli-test-password' });
  try {
    assert.match(banner, /WIREMETER_ADMIN_PASSWORD/);
    assert.doesNotMatch(banner, /cli-test-password/);
    const user = 'admin:cli-test-password';
    assert.equal((await waitForAnalysis(url, user)).state, 'done');
    const ip = (await curlJson(url, user, '/API/stats/modules/ip/ips/192.168.123.1')) as { allTime: number[] };
    assert.deepEqual(ip.allTime, [5, 590, 4, 472]);
    const mac = (await curlJson(url, user, '/API/stats/modules/mac/macs/ff:ff:ff:ff:ff:ff')) as { allTime: number[] };
    assert.deepEqual(mac.allTime, [4, 256, 0, 0]);
    const top = (await curlJson(url, user, '/API/stats/modules/ip/ips_paged?sort=bps&reverse=true&page=0&count=1')) as { displayedItems: unknown[]; totalCount: number };
    assert.equal(top.displayedItems.length, 1);
    const csv = (await run('curl', ['--silent', '-k', '-u', user, `${url}/API/stats/modules/ip/ips_paged?csv=true`])).stdout;
    assert.equal(csv.split('\r\n').length, top.totalCount + 2);
    assert.equal((await curlJson(url, user, '/API/system/storage')).memoryBudgetBytes, 128 * 2 ** 20);
    assert.equal(await stop(child), 0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('scripts/start serves the bundled sample, prints the URL and the generated password once', { timeout: 300_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'wm-start-'));
  // The suite has already built the checkout: the script skips scripts/setup.
  const env = { WIREMETER_SKIP_SETUP: '1', WIREMETER_DATA_DIR: dataDir, WIREMETER_ADMIN_PASSWORD: '' };
  try {
    const first = await startAndWaitForBanner(join(repoRoot, 'scripts', 'start'), ['--port', '0'], env);
    let password: string;
    try {
      assert.match(first.banner, new RegExp(`data in ${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`));
      assert.match(first.banner, /analysing \S*pcapplusplus_many-protocols\.pcap into slot 0/);
      const m = /Log in +user admin, password (\S+)\n/.exec(first.banner);
      assert.ok(m?.[1], first.banner);
      password = m[1];
      assert.match(first.banner, new RegExp(`curl -k -u admin:${password} '${first.url}/API/stats/modules/ip/ips_paged`));
      const processing = await waitForAnalysis(first.url, `admin:${password}`);
      assert.equal(processing.state, 'done');
      assert.equal(processing.packets, 4709);
      await specExamples(first.url, `admin:${password}`);
      const denied = await run('curl', ['--silent', '-k', '-o', '/dev/null', '-w', '%{http_code}', first.url + '/API/stats/load']);
      assert.equal(denied.stdout, '401');
    } finally {
      assert.equal(await stop(first.child), 0);
    }
    // A second start with the same data directory prints no password, and the first one still works.
    const second = await startAndWaitForBanner(join(repoRoot, 'scripts', 'start'), [pcapPath('zeek_icmp_dot1q.pcap'), '--port', '0'], env);
    try {
      assert.doesNotMatch(second.banner, new RegExp(password));
      assert.match(second.banner, /printed on the first start/);
      assert.equal((await waitForAnalysis(second.url, `admin:${password}`)).file, 'zeek_icmp_dot1q.pcap');
    } finally {
      assert.equal(await stop(second.child), 0);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
