/**
 * @module test/e2e/support/serve
 * A real `wiremeter serve --pcap FILE` on a free port (HTTPS, self-signed, fresh data directory), its
 * banner parsed for the URL, and a Basic-auth JSON client for comparing the UI with the API.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, fetch } from 'undici';
import { repoRoot } from '../../support/paths.js';

export const E2E_PASSWORD = 'e2e-admin-password';

export interface Served {
  readonly url: string;
  api<T>(path: string): Promise<T>;
  stop(): Promise<void>;
}

export async function serve(pcap: string, extraArgs: readonly string[] = []): Promise<Served> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wiremeter-e2e-'));
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['bin/wiremeter.js', 'serve', '--pcap', pcap, '--port', '0', '--data-dir', dataDir, ...extraArgs], {
    cwd: repoRoot, env: { ...process.env, WIREMETER_ADMIN_PASSWORD: E2E_PASSWORD },
  });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => { out += d; });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => { reject(new Error(`no banner within 60 s: ${out}`)); }, 60_000);
    child.stdout.on('data', (d: string) => {
      out += d;
      const m = /serving (https:\/\/\S+)\/API/.exec(out);
      if (m?.[1] && /\n {2}Stop +Ctrl\+C\n/.test(out)) { clearTimeout(timer); resolve(m[1]); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`serve exited (${String(code)}): ${out}`)); });
  });
  const dispatcher = new Agent({ connect: { rejectUnauthorized: false } });
  const auth = `Basic ${Buffer.from(`admin:${E2E_PASSWORD}`).toString('base64')}`;
  async function api<T>(path: string): Promise<T> {
    const r = await fetch(url + path, { dispatcher, headers: { authorization: auth } });
    if (!r.ok) throw new Error(`${path}: HTTP ${r.status} ${await r.text()}`);
    return await r.json() as T;
  }
  // The analysis runs after the banner: wait until it is done so the UI and the API see the same numbers.
  for (let i = 0; ; i++) {
    const p = await api<{ state: string }>('/API/stats/processing');
    if (p.state === 'done') break;
    if (p.state === 'failed' || i > 1200) throw new Error(`analysis ${p.state}`);
    await sleep(100);
  }
  return {
    url,
    api,
    async stop() {
      if (child.exitCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        const killer = setTimeout(() => { child.kill('SIGKILL'); }, 10_000);
        await exited;
        clearTimeout(killer);
      }
      await dispatcher.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
