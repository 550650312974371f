/**
 * `wiremeter serve --pcap FILE` end to end: the real entry point analyses a corpus capture,
 * serves it over HTTPS, answers the appliance's curl examples (real curl), and stops on SIGTERM.
 */
import { strict as assert } from 'node:assert';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { pcapPath, repoRoot } from '../support/paths.js';

const run = promisify(execFile);

test('serve --pcap serves the capture’s modules and stops on SIGTERM', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'wm-serve-'));
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'wiremeter.js'), 'serve', '--port', '0', '--data-dir', dataDir, '--pcap', pcapPath('zeek_icmp_dot1q.pcap')], {
    env: { ...process.env, WIREMETER_ADMIN_PASSWORD: 'cli-test-password' },
  });
  try {
    let out = '';
    child.stdout.setEncoding('utf8');
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: string) => {
        out += d;
        const m = /serving (https:\/\/\S+)\/API/.exec(out);
        if (m?.[1] && out.includes('WIREMETER_ADMIN_PASSWORD\n')) resolve(m[1]);
      });
      child.once('exit', () => { reject(new Error(`exited early: ${out}`)); });
    });
    assert.match(out, /WIREMETER_ADMIN_PASSWORD/);
    const curl = async (path: string): Promise<unknown> => JSON.parse((await run('curl', ['--silent', '-k', '-u', 'admin:cli-test-password', url + path])).stdout) as unknown;
    const ip = (await curl('/API/stats/modules/ip/ips/192.168.123.1')) as { allTime: number[] };
    assert.deepEqual(ip.allTime, [5, 590, 4, 472]);
    const mac = (await curl('/API/stats/modules/mac/macs/ff:ff:ff:ff:ff:ff')) as { allTime: number[] };
    assert.deepEqual(mac.allTime, [4, 256, 0, 0]);
    const top = (await curl('/API/stats/modules/ip/ips_paged?sort=bps&reverse=true&page=0&count=1')) as { displayedItems: unknown[]; totalCount: number };
    assert.equal(top.displayedItems.length, 1);
    const csv = (await run('curl', ['--silent', '-k', '-u', 'admin:cli-test-password', `${url}/API/stats/modules/ip/ips_paged?csv=true`])).stdout;
    assert.equal(csv.split('\r\n').length, top.totalCount + 2);
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});
