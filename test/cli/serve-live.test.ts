/**
 * `wiremeter serve --interface lo` end to end: the real entry point captures the loopback interface
 * (tcpdump child), serves it in slot 0, counts the packets of a curl made for the purpose, and on
 * SIGTERM exits 0 with its tcpdump child gone. `--pcap` with `--interface` is a usage error. Skips,
 * saying why, where capturing is not permitted (not root) or tcpdump is missing.
 */
import { strict as assert } from 'node:assert';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { pcapPath, repoRoot } from '../support/paths.js';

const run = promisify(execFile);
type Json = Record<string, unknown>;

async function why(): Promise<string | null> {
  if (process.getuid?.() !== 0) return 'capturing needs root here';
  try {
    await run('which', ['tcpdump']);
  } catch {
    return 'tcpdump is not installed (scripts/setup installs it)';
  }
  return null;
}

test('--pcap and --interface exclude each other', async () => {
  const r = await run('node', ['bin/wiremeter.js', 'serve', '--pcap', pcapPath('ndpi_6in4tunnel.pcap'), '--interface', 'lo'], { cwd: repoRoot }).catch((e: unknown) => e as { code: number; stderr: string });
  assert.equal((r as { code: number }).code, 2);
  assert.match((r as { stderr: string }).stderr, /--pcap and --interface both analyse into slot 0/);
});

test('serve --interface lo: live statistics of the loopback, SIGTERM stops tcpdump too', async (t) => {
  const reason = await why();
  if (reason !== null) {
    t.skip(reason);
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'wm-serve-live-'));
  const child = spawn('node', ['bin/wiremeter.js', 'serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir, '--interface', 'lo', '--memory-budget', '256'], {
    cwd: repoRoot, env: { ...process.env, WIREMETER_ADMIN_PASSWORD: 'serve-live-password' },
  });
  try {
    let out = '';
    child.stdout.setEncoding('utf8');
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: string) => {
        out += d;
        const m = /serving (https:\/\/\S+)\/API/.exec(out);
        if (m?.[1] !== undefined && out.includes('Stop')) resolve(m[1]);
      });
      child.once('exit', () => { reject(new Error(`exited early: ${out}`)); });
    });
    assert.match(out, /analysing live traffic of lo into slot 0/);
    const curl = async (path: string): Promise<Json> => JSON.parse((await run('curl', ['--silent', '-k', '-u', 'admin:serve-live-password', url + path])).stdout) as Json;
    // The requests themselves are loopback traffic: wait until some of them have been counted.
    let p: Json = {};
    for (let i = 0; i < 50; i++) {
      p = await curl('/API/stats/processing');
      if (typeof p.packets === 'number' && p.packets > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(p.state, 'analysing');
    assert.ok((p.packets as number) > 0);
    const ifs = (p.source as Json).interfaces as Json[];
    const first = ifs[0] as Json;
    assert.equal(first.name, 'lo');
    assert.equal(first.running, true);
    const pid = first.pid as number;
    const exited = once(child, 'exit') as Promise<[number | null]>;
    child.kill('SIGTERM');
    const [code] = await exited;
    assert.equal(code, 0);
    assert.throws(() => process.kill(pid, 0), /ESRCH/, 'the tcpdump child is gone');
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});
