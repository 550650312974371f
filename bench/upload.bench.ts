/**
 * @module bench/upload.bench
 * usage: node dist/bench/upload.bench.js [SOURCE.pcap] [--gib 1] [--rss-gib 10]
 *
 * 1. Builds a pcap of --gib GiB (default 1) from the first records of SOURCE (default
 *    /tmp/bench-5M.pcap) as /tmp/wm-upload-<n>G.pcap (kept for reruns; never in the repository).
 * 2. `analyze` of that file, in its own process: seconds, MB/s.
 * 3. `wiremeter serve` in its own process; the real curl uploads the file over HTTPS in one request
 *    (`curl -T`): end-to-end seconds and MB/s; the packets must equal analyze's.
 * 4. --rss-gib GiB (default 10; 0 skips) streamed from pcap-generator.js through `curl -T -` into
 *    another slot, the server's RSS sampled every 2 s: prints the samples, and min/max after the
 *    first fifth of the upload (flat = bounded by the upload slot's store budget, not the size).
 */
import { execFileSync, spawn } from 'node:child_process';
import { get as httpsGet } from 'node:https';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const MB = 1e6;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
}

/** Copies whole records of `source` until `bytes` (the file stays a valid pcap). */
function buildFile(source: string, bytes: number, out: string): void {
  if (existsSync(out) && statSync(out).size > bytes * 0.99) return;
  const src = openSync(source, 'r'), dst = openSync(out, 'w');
  try {
    const chunk = Buffer.alloc(16 * 2 ** 20);
    let pos = 0, written = 0, carry = Buffer.alloc(0), header = true;
    for (;;) {
      const n = readSync(src, chunk, 0, chunk.length, pos);
      if (n === 0) break;
      pos += n;
      let buf = Buffer.concat([carry, chunk.subarray(0, n)]);
      if (header) {
        writeSync(dst, buf, 0, 24);
        written += 24;
        buf = buf.subarray(24);
        header = false;
      }
      let off = 0;
      while (off + 16 <= buf.length) {
        const len = 16 + buf.readUInt32LE(off + 8);
        if (off + len > buf.length) break;
        if (written + len > bytes) {
          writeSync(dst, buf, 0, off);
          return;
        }
        written += len;
        off += len;
      }
      writeSync(dst, buf, 0, off);
      carry = Buffer.from(buf.subarray(off));
    }
  } finally {
    closeSync(src);
    closeSync(dst);
  }
}

/** Milliseconds of one GET over HTTPS (a kept-alive-less request, as a dashboard polling would make). */
function latencyMs(url: string): Promise<number> {
  const t0 = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    httpsGet(url, { rejectUnauthorized: false, auth: 'admin:bench-password-1' }, (res) => {
      res.resume();
      res.on('end', () => { resolve(Number(process.hrtime.bigint() - t0) / 1e6); });
    }).on('error', reject);
  });
}

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function main(): Promise<void> {
  const source = process.argv[2] !== undefined && !process.argv[2].startsWith('--') ? process.argv[2] : '/tmp/bench-5M.pcap';
  const gib = arg('gib', 1), rssGib = arg('rss-gib', 10);
  const file = `/tmp/wm-upload-${gib}G.pcap`;
  buildFile(source, gib * 2 ** 30, file);
  const size = statSync(file).size;
  process.stdout.write(`file ${file}: ${size} bytes\n`);

  const a = JSON.parse(execFileSync('node', [join(repo, 'dist/bench/analyze.bench.js'), file, '--mode', 'analyze'], { encoding: 'utf8' })) as { packets: number; seconds: number; peakRssMiB: number };
  process.stdout.write(`analyze:          ${a.seconds.toFixed(2)} s  ${(size / MB / a.seconds).toFixed(0)} MB/s  ${a.packets} packets  peak RSS ${a.peakRssMiB.toFixed(0)} MiB\n`);

  const dataDir = mkdtempSync(join(tmpdir(), 'wm-upload-bench-'));
  const server = spawn('node', [join(repo, 'bin/wiremeter.js'), 'serve', '--port', '0', '--data-dir', dataDir, '--memory-budget', '256'], {
    env: { ...process.env, WIREMETER_ADMIN_PASSWORD: 'bench-password-1' }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let text = '';
      server.stdout.on('data', (d: Buffer) => {
        text += d.toString();
        const m = /serving (https:\/\/[^/\s]+)\/API/.exec(text);
        if (m?.[1] !== undefined) resolve(m[1]);
      });
      server.once('exit', () => { reject(new Error('server exited')); });
    });
    const t0 = process.hrtime.bigint();
    const out = execFileSync('curl', ['--silent', '-k', '-u', 'admin:bench-password-1', '-T', file, `${url}/API/system/analyze-pcap?replaySlotID=1&fileName=bench.pcap`], { encoding: 'utf8', maxBuffer: 1 << 24 });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const packets = (JSON.parse(out) as { processing: { packets: number } }).processing.packets;
    process.stdout.write(`upload (curl -T): ${seconds.toFixed(2)} s  ${(size / MB / seconds).toFixed(0)} MB/s  ${packets} packets${packets === a.packets ? ' (= analyze)' : ' (≠ analyze!)'}  server RSS after ${rssMiB(server.pid ?? 0).toFixed(0)} MiB\n`);

    if (rssGib > 0) {
      const gen = spawn('node', [join(repo, 'dist/bench/pcap-generator.js'), source, `${rssGib}G`], { stdio: ['ignore', 'pipe', 'inherit'] });
      const curl = spawn('curl', ['--silent', '-k', '-u', 'admin:bench-password-1', '-T', '-', `${url}/API/system/analyze-pcap?replaySlotID=2&fileName=generated.pcap`], { stdio: ['pipe', 'pipe', 'inherit'] });
      gen.stdout.pipe(curl.stdin);
      let answer = '';
      curl.stdout.on('data', (d: Buffer) => { answer += d.toString(); });
      const samples: { t: number; rss: number; received: number }[] = [];
      const latencies: number[] = [];
      const t1 = Date.now();
      const timer = setInterval(() => {
        try {
          const slot = JSON.parse(execFileSync('curl', ['--silent', '-k', '-u', 'admin:bench-password-1', `${url}/API/system/analyze-pcap/slots/2`], { encoding: 'utf8' })) as { bytesReceived?: number };
          samples.push({ t: (Date.now() - t1) / 1000, rss: rssMiB(server.pid ?? 0), received: slot.bytesReceived ?? 0 });
        } catch { /* the slot appears with the first bytes */ }
      }, 2000);
      // Responsiveness while the upload is analysed: a statistics request every 250 ms.
      const poll = setInterval(() => {
        latencyMs(`${url}/API/stats/modules/ip/ips_paged?mm-id=:1&sort=bytes&reverse=true&count=10`).then((ms) => { latencies.push(ms); }, () => undefined);
      }, 250);
      await new Promise((resolve) => curl.once('exit', resolve));
      clearInterval(timer);
      clearInterval(poll);
      latencies.sort((x, y) => x - y);
      const pct = (q: number): string => (latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN).toFixed(0);
      process.stdout.write(`API during the upload (${latencies.length} requests of slot 1's top 10 IPs over HTTPS): median ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${pct(1)} ms\n`);
      const total = (Date.now() - t1) / 1000;
      const result = JSON.parse(answer === '' ? '{}' : answer) as { processing?: { packets?: number }; error?: string | null };
      process.stdout.write(`generated upload: ${total.toFixed(1)} s, ${(rssGib * 2 ** 30 / MB / total).toFixed(0)} MB/s, ${result.processing?.packets ?? '?'} packets, error ${result.error ?? 'none'}\n`);
      for (const s of samples.filter((_, i) => i % Math.max(1, Math.floor(samples.length / 12)) === 0)) {
        process.stdout.write(`  t=${s.t.toFixed(0).padStart(4)} s  received ${(s.received / 2 ** 30).toFixed(2)} GiB  server RSS ${s.rss.toFixed(0)} MiB\n`);
      }
      const later = samples.filter((s) => s.received > rssGib * 2 ** 30 / 5);
      if (later.length > 0) {
        process.stdout.write(`RSS after the first fifth: min ${Math.min(...later.map((s) => s.rss)).toFixed(0)} MiB, max ${Math.max(...later.map((s) => s.rss)).toFixed(0)} MiB\n`);
      }
    }
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
