/**
 * Benchmark of REST list answers at 1 million rows (default; `--rows N`): one page
 * (page=0&count=100, sorted by bytes descending; a deep page; with a complex filter) answered by
 * answerList in-process and through the real HTTPS server, and the whole list streamed as CSV
 * with the peak RSS. Prints median milliseconds of several runs.
 *   node dist/bench/api-list.bench.js [--rows 1000000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, fetch } from 'undici';
import { answerList } from '../src/api/list/answer-list.js';
import { SlotRegistry } from '../src/api/module-registry.js';
import { createServer } from '../src/api/server.js';
import type { ListColumn, ListResource, ListView, Resource } from '../src/modules/resource.js';
import type { ListParams } from '../src/api/stats-query.js';

const rowsArg = process.argv.indexOf('--rows');
const N = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 1_000_000;

const columns: ListColumn[] = [{ name: 'ip', type: 'string' }, { name: 'bytes', type: 'number' }, { name: 'rxbytes', type: 'number' }, { name: 'txbytes', type: 'number' }, { name: 'bps', type: 'number' }];
const rx = new Float64Array(N);
const tx = new Float64Array(N);
const bps = new Float64Array(N);
let seed = 12345;
const rnd = (): number => (seed = (seed * 48271) % 2147483647);
for (let i = 0; i < N; i++) {
  rx[i] = rnd() % 10_000_000;
  tx[i] = rnd() % 10_000_000;
  bps[i] = rnd() % 100_000;
}
const ipOf = (r: number): string => `10.${(r >> 16) & 255}.${(r >> 8) & 255}.${r & 255}`;
const view: ListView = {
  size: N,
  columns,
  number: (r, c) => (c === 1 ? (rx[r] as number) + (tx[r] as number) : c === 2 ? (rx[r] as number) : c === 3 ? (tx[r] as number) : c === 4 ? (bps[r] as number) : NaN),
  text: (r, c) => (c === 0 ? ipOf(r) : String(view.number(r, c))),
  searchText: (r) => ipOf(r),
  json: (r) => ({ ip: ipOf(r), allTime: [1, rx[r] as number, 1, tx[r] as number] }),
};
const list: ListResource & { name: string } = { kind: 'list', name: 'ips_paged', defaultSort: 'bytes', open: () => view };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function timeIt(label: string, params: Partial<ListParams>, runs = 7): void {
  const p: ListParams = { sort: 'bytes', descending: true, page: 0, count: 100, csv: false, filter: '', ...params };
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    answerList(list, view, p);
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  console.log(`${label.padEnd(58)} ${median(ms).toFixed(1).padStart(8)} ms (median of ${runs})`);
}

console.log(`rows: ${N.toLocaleString('en')}`);
timeIt('page=0&count=100 sort=bytes reverse=true (in-process)', {});
timeIt('page=0&count=100 sort=ip (text column)', { sort: 'ip', descending: false });
timeIt('page=5000&count=100 sort=bytes (deep page, quickselect)', { page: 5000 });
timeIt('page=0&count=100 filter=(bytes>15000000 and bps<50000)', { filter: '(bytes>15000000 and bps<50000)' });
timeIt('page=0&count=100 filter=10.1.2 (plain substring)', { filter: '10.1.2' }, 3);

const dataDir = mkdtempSync(join(tmpdir(), 'wm-bench-'));
const slots = new SlotRegistry();
const ipModule: Resource = { kind: 'object', name: 'ip', get: () => ({}), children: [list] };
slots.slot(0).modules.register(ipModule);
const server = await createServer({ dataDir, port: 0, adminPassword: 'bench-password', slots });
const dispatcher = new Agent({ connect: { ca: server.tls?.cert ?? '' } });
const headers = { authorization: `Basic ${Buffer.from('admin:bench-password').toString('base64')}` };
const get = async (path: string): Promise<string> => (await fetch(server.url + path, { headers, dispatcher })).text();
await get('/API/stats/modules/ip/ips_paged?count=1');
const httpMs: number[] = [];
for (let i = 0; i < 7; i++) {
  const t0 = process.hrtime.bigint();
  await get('/API/stats/modules/ip/ips_paged?sort=bytes&reverse=true&page=0&count=100');
  httpMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
console.log(`${'GET ips_paged?sort=bytes&reverse=true&page=0&count=100 (HTTPS)'.padEnd(58)} ${median(httpMs).toFixed(1).padStart(8)} ms (median of 7)`);
const rssBefore = process.memoryUsage().rss;
let peakRss = rssBefore;
const timer = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 20);
const t0 = process.hrtime.bigint();
const r = await fetch(`${server.url}/API/stats/modules/ip/ips_paged?csv=true&sort=bytes&reverse=true`, { headers, dispatcher });
let bytes = 0;
let lines = 0;
for await (const chunk of r.body ?? []) {
  const b = chunk as Uint8Array;
  bytes += b.length;
  for (let i = 0; i < b.length; i++) if (b[i] === 10) lines++;
}
clearInterval(timer);
const csvMs = Number(process.hrtime.bigint() - t0) / 1e6;
console.log(`${'GET ips_paged?csv=true (whole list, HTTPS)'.padEnd(58)} ${csvMs.toFixed(0).padStart(8)} ms, ${lines.toLocaleString('en')} lines, ${(bytes / 1048576).toFixed(1)} MiB, RSS +${((peakRss - rssBefore) / 1048576).toFixed(0)} MiB over ${(rssBefore / 1048576).toFixed(0)} MiB`);
await dispatcher.close();
await server.close();
rmSync(dataDir, { recursive: true, force: true });
