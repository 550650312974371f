/// <reference lib="dom" />
/**
 * The IP table's page time with one million IPs (a measurement, printed, not asserted): a pcap of
 * 1,000,000 distinct sources (bench/million-ips-pcap.ts, written to a temporary folder) served by a real
 * `wiremeter serve`, the UI in headless Chromium; times from the click to the new rows on screen for
 * the first page, the next pages, the last page, a sort and a filter. Fails on console errors.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeMillionIpsPcap } from '../../bench/million-ips-pcap.js';
import { login, openBrowser } from './support/browser.js';
import { E2E_PASSWORD, serve } from './support/serve.js';

const COUNT = 1_000_000;

test(`IP table page time with ${COUNT.toLocaleString('en-US')} IPs (printed)`, { timeout: 300_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wiremeter-million-'));
  const pcap = join(dir, 'million-ips.pcap');
  writeMillionIpsPcap(pcap, COUNT);
  const t0 = Date.now();
  const server = await serve(pcap, ['--memory-budget', '3072']);
  const analysed = Date.now() - t0;
  const browser = await openBrowser();
  try {
    const { page } = browser;
    await login(page, server.url, E2E_PASSWORD);
    const firstCell = (): Promise<string> => page.locator('[data-testid="datatable"] tbody tr td:first-child').first().innerText();
    const waitPage = async (n: number): Promise<void> => {
      await page.getByTestId('page-info').filter({ hasText: `page ${n.toLocaleString('en-US')} of` }).waitFor();
      await page.waitForFunction(() => document.querySelector('.pager .muted') === null);
    };

    let t = Date.now();
    await page.getByTestId('nav-ip').click();
    await page.getByTestId('page-info').filter({ hasText: `${(COUNT + 1).toLocaleString('en-US')} rows` }).waitFor();
    await waitPage(1);
    const first = Date.now() - t;

    const next: number[] = [];
    for (let p = 2; p <= 6; p++) {
      const before = await firstCell();
      t = Date.now();
      await page.getByRole('button', { name: '›' }).click();
      await waitPage(p);
      await page.waitForFunction((b) => document.querySelector('[data-testid="datatable"] tbody tr td:first-child')?.textContent !== b, before);
      next.push(Date.now() - t);
    }
    t = Date.now();
    await page.getByRole('button', { name: '»' }).click();
    await waitPage(Math.ceil((COUNT + 1) / 25));
    const last = Date.now() - t;

    t = Date.now();
    await page.locator('th button.sort', { hasText: /^ip/ }).click();
    await page.waitForFunction(() => document.querySelector('th[aria-sort]')?.textContent.startsWith('ip') === true);
    await waitPage(1);
    const sort = Date.now() - t;

    t = Date.now();
    await page.getByTestId('filter-input').fill('10.0.1.');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await page.getByTestId('page-info').filter({ hasText: 'of 1,000,001' }).waitFor();
    await waitPage(1);
    const filter = Date.now() - t;
    assert.match(await firstCell(), /^10\.0\.1\./);
    await browser.screenshot('ip-table-million');

    // The same pages asked of the API directly (Node's fetch, no browser): the server's share.
    const clock = await server.api<{ time: number; firstPacketTime: number }>('/API/stats/time');
    const end = Math.floor(clock.time) + 1;
    const range = `starttime=${Math.min(Math.floor(clock.firstPacketTime), end - 1)}&endtime=${end}`;
    const apiTimes: number[] = [];
    for (let p = 1; p <= 5; p++) {
      const a = Date.now();
      await server.api(`/API/stats/modules/ip/ips_paged?sort=bytes&reverse=true&page=${p}&count=25&values=30&${range}`);
      apiTimes.push(Date.now() - a);
    }
    apiTimes.sort((a, b) => a - b);
    const sorted = [...next].sort((a, b) => a - b);
    console.log(`IP table, ${(COUNT + 1).toLocaleString('en-US')} IPs (analysed in ${(analysed / 1000).toFixed(1)} s): first page ${first} ms; `
      + `next page median ${sorted[Math.floor(sorted.length / 2)] ?? 0} ms (max ${sorted[sorted.length - 1] ?? 0}); last page ${last} ms; `
      + `sort by ip ${sort} ms; plain filter ${filter} ms (25 rows a page, with sparklines, from click to rows on screen); `
      + `the API alone: next page median ${apiTimes[2] ?? 0} ms`);
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
