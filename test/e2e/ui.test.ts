/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The web UI end to end: a real `wiremeter serve` on a corpus capture, Debian's headless Chromium,
 * the login form, the dashboard, the IP table (its top rows equal the API's; sort; plain and expression
 * filters, the 400's position shown inline), an IP and a connection page, the theme switch, the settings;
 * a corpus pcap uploaded through the upload page (progress to the end, its slot's IP table equals the API's,
 * a non-capture's 415 reason), a capture downloaded from an IP row's dialog and counted by tshark against
 * its display filter on the original, the capture page, user-defined names through the settings.
 * Screenshots of each main page go to test-artifacts/e2e/. Any console error fails the run, except the
 * errors this test provokes (bad table filter, non-capture upload, bad name address).
 * Prints the dashboard's interactive time (login submitted, and a reload with the session).
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { pcapPath } from '../support/paths.js';
import { openBrowser, type Browser } from './support/browser.js';
import { E2E_PASSWORD, serve, type Served } from './support/serve.js';

const PCAP = 'pcapplusplus_many-protocols.pcap';
/** uploaded through the page: the same capture, so its slot's figures are known */
const UPLOAD = PCAP;
const run = promisify(execFile);

/** Frames in a capture (with a display filter: the frames it selects), counted by tshark. */
async function frames(file: string, filter?: string): Promise<number> {
  const { stdout } = await run('tshark', ['-r', file, ...(filter === undefined ? [] : ['-Y', filter]), '-T', 'fields', '-e', 'frame.number'], { maxBuffer: 64 << 20 });
  return stdout.split('\n').filter((l) => l.trim() !== '').length;
}

interface Clock { time: number; firstPacketTime: number }
interface IpRow { ip: string }
interface List<R> { displayedItems: R[]; totalCount: number }

let server: Served;
let browser: Browser;
let range = '';

before(async () => {
  server = await serve(pcapPath(PCAP));
  browser = await openBrowser([
    /status of 400 .*\/API\/stats\/modules\/ip\/ips_paged\?.*filter=/,
    // the non-capture this test uploads on purpose
    /status of 415 .*\/API\/system\/analyze-pcap\?/,
  ]);
  // The UI's default range "all": from the first packet's second to the packet clock's second + 1.
  const c = await server.api<Clock>('/API/stats/time');
  const end = Math.floor(c.time) + 1;
  range = `starttime=${Math.min(Math.floor(c.firstPacketTime), end - 1)}&endtime=${end}`;
});

after(async () => {
  if (browser.allowed.length > 0) console.log(`expected console errors (provoked): ${browser.allowed.length}`);
  await browser.close();
  await server.stop();
});

async function tableIps(): Promise<string[]> {
  return browser.page.locator('[data-testid="datatable"] tbody tr td:first-child').allInnerTexts();
}

async function waitForIps(expected: readonly string[]): Promise<void> {
  await browser.page.waitForFunction((want) => {
    const cells = [...document.querySelectorAll('[data-testid="datatable"] tbody tr td:first-child')].map((td) => td.textContent);
    return want.every((ip, i) => cells[i] === ip);
  }, expected, { timeout: 10_000 });
}

test('login form, then the dashboard with its figures, graphs and pies; interactive time printed', async () => {
  const { page } = browser;
  const t0 = Date.now();
  await page.goto(`${server.url}/`);
  await page.getByLabel('User').waitFor();
  const loginShown = Date.now() - t0;
  await page.getByLabel('User').fill('admin');
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByText('wrong user name or password').waitFor();
  // The wrong password's 401 is logged by Chromium: expected here, anything else stays an error.
  const logged = browser.errors.splice(0);
  browser.allowed.push(...logged.filter((e) => /status of 401 .*\/API\/login/.test(e)));
  browser.errors.push(...logged.filter((e) => !/status of 401 .*\/API\/login/.test(e)));
  await page.getByLabel('Password').fill(E2E_PASSWORD);
  const t1 = Date.now();
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator('[data-testid="pie-ips"] .legend li').first().waitFor();
  await page.locator('[data-testid="chart-bps"] canvas').waitFor();
  const afterLogin = Date.now() - t1;
  const load = await server.api<{ allTime: { packets: number } }>('/API/stats/load?skiphistorydata=true');
  await page.waitForFunction((n) => document.querySelector('[data-testid="fig-packets-all"] .figure-value')?.textContent === n, load.allTime.packets.toLocaleString('en-US'));
  assert.equal(load.allTime.packets, 4709);
  // 2,856,009 bytes in the range "all", shown with SI prefixes.
  assert.equal(await page.locator('[data-testid="fig-bytes"] .figure-value').innerText(), '2.86 MB');
  // A reload with the session: navigation start to figures and pies on screen.
  const t2 = Date.now();
  await page.reload();
  await page.locator('[data-testid="pie-ips"] .legend li').first().waitFor();
  await page.locator('[data-testid="fig-packets-all"] .figure-value', { hasText: '4,709' }).waitFor();
  const reload = Date.now() - t2;
  const top = await server.api<List<IpRow>>(`/API/stats/modules/ip/ips_paged?sort=bytes&reverse=true&count=1&skiphistorydata=true&${range}`);
  assert.equal(await page.locator('[data-testid="pie-ips"] .legend li button').first().innerText(), top.displayedItems[0]?.ip);
  console.log(`dashboard (${PCAP}): login form ${loginShown} ms; login to interactive ${afterLogin} ms; reload to interactive ${reload} ms`);
  await browser.screenshot('dashboard');
  assert.deepEqual(browser.errors, []);
});

test('IP table: top rows equal the API, sort, filter, inline filter error', async () => {
  const { page } = browser;
  await page.getByTestId('nav-ip').click();
  const api = await server.api<List<IpRow>>(`/API/stats/modules/ip/ips_paged?sort=bytes&reverse=true&count=10&skiphistorydata=true&${range}`);
  const want = api.displayedItems.map((r) => r.ip);
  await waitForIps(want);
  assert.deepEqual((await tableIps()).slice(0, 10), want);
  await page.locator('[data-testid="page-info"]', { hasText: `${api.totalCount} rows` }).waitFor();
  await browser.screenshot('ip-table');

  // Sort by packets (descending first), as the API sorts.
  await page.locator('th button.sort', { hasText: /^packets/ }).click();
  const byPackets = await server.api<List<IpRow>>(`/API/stats/modules/ip/ips_paged?sort=packets&reverse=true&count=10&skiphistorydata=true&${range}`);
  await waitForIps(byPackets.displayedItems.map((r) => r.ip));
  assert.equal(await page.locator('th[aria-sort="descending"]').innerText(), 'packets ▼');

  // An expression filter: the row count is the API's.
  await page.getByTestId('filter-input').fill('(bytes>100000 and version=4)');
  await page.getByRole('button', { name: 'Filter', exact: true }).click();
  const filtered = await server.api<List<IpRow>>(`/API/stats/modules/ip/ips_paged?sort=packets&reverse=true&count=10&skiphistorydata=true&${range}&filter=${encodeURIComponent('(bytes>100000 and version=4)')}`);
  assert.ok(filtered.totalCount > 0 && filtered.totalCount < api.totalCount);
  await page.locator('[data-testid="page-info"]', { hasText: `${filtered.totalCount} rows (of ${api.totalCount})` }).waitFor();
  await waitForIps(filtered.displayedItems.map((r) => r.ip));

  // A plain filter (substring of address or name).
  await page.getByTestId('filter-input').fill('10.0.0.1');
  await page.getByRole('button', { name: 'Filter', exact: true }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="datatable"] tbody tr td:first-child')].every((td) => td.textContent.includes('10.0.0.1')));

  // A bad filter: the API's message, and a caret under the character it names.
  await page.getByTestId('filter-input').fill('(bytes>foo)');
  await page.getByRole('button', { name: 'Filter', exact: true }).click();
  const err = page.getByTestId('filter-error');
  await err.waitFor();
  assert.match(await err.innerText(), /'foo' is not a number/);
  assert.equal((await err.locator('pre').innerText()).split('\n')[1], `${' '.repeat(7)}^`);
  await browser.screenshot('ip-table-filter-error');
  await page.getByRole('button', { name: 'Clear' }).click();
  await err.waitFor({ state: 'detached' });

  // Column chooser: hide "version", then show it again.
  await page.locator('.chooser summary').click();
  await page.locator('.chooser-list label', { hasText: /^\s*version$/ }).locator('input').uncheck();
  await page.locator('th', { hasText: /^version/ }).waitFor({ state: 'detached' });
  await page.locator('.chooser-list label', { hasText: /^\s*version$/ }).locator('input').check();
  await page.locator('th', { hasText: /^version/ }).waitFor();
  await page.locator('.chooser summary').click();

  // CSV: the whole list, same sort, from the link the button holds.
  const href = await page.getByTestId('csv-link').getAttribute('href');
  assert.ok(href?.includes('csv=true') === true);
  const csv = await page.evaluate(async (u) => (await fetch(u)).text(), href);
  const lines = csv.trim().split(/\r?\n/);
  assert.equal(lines.length, api.totalCount + 1);
  assert.match(lines[0] ?? '', /(^|,)ip(,|$)/);
  assert.deepEqual(browser.errors, []);
});

test('keyboard: a focused row opens its IP with Enter; the IP page and its tabs', async () => {
  const { page } = browser;
  const top = await server.api<List<IpRow>>(`/API/stats/modules/ip/ips_paged?sort=packets&reverse=true&count=1&skiphistorydata=true&${range}`);
  const ip = top.displayedItems[0]?.ip ?? '';
  await waitForIps([ip]);
  await page.locator('[data-testid="datatable"] tbody tr').first().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await page.getByTestId('ip-page').waitFor();
  assert.equal(await page.locator('h1').innerText(), `IP ${ip}`);
  const one = await server.api<{ firstSeen: number; peers: number }>(`/API/stats/modules/ip/ips/${ip}?skiphistorydata=true&${range}`);
  await page.locator('dd[data-field="peers"]', { hasText: String(one.peers) }).waitFor();
  await page.locator('.history canvas').first().waitFor();
  await page.getByTestId('zoom-activity').click();
  const seen = new Date(one.firstSeen * 1000).toISOString().replace('T', ' ').slice(0, 19);
  await page.getByTestId('range-text').filter({ hasText: seen }).waitFor();
  await page.locator('dd[data-field="peers"]', { hasText: String(one.peers) }).waitFor();
  await browser.screenshot('ip-overview');
  await page.getByTestId('range-select').selectOption('all');
  for (const tab of ['peers', 'connections', 'tcpStats', 'protocols']) {
    await page.getByTestId(`tab-${tab}`).click();
    await page.locator('[role="tabpanel"] table, [role="tabpanel"] dl').first().waitFor();
  }
  await page.getByTestId('tab-peers').click();
  const peers = await server.api<List<IpRow>>(`/API/stats/modules/ip/ips/${ip}/peers?sort=bytes&reverse=true&count=5&skiphistorydata=true&${range}`);
  await waitForIps(peers.displayedItems.map((r) => r.ip));
  await browser.screenshot('ip-peers');
  assert.deepEqual(browser.errors, []);
});

test('a connection: all fields, the graph, zoom to its lifetime', async () => {
  const { page } = browser;
  await page.getByTestId('nav-connections').click();
  const conns = await server.api<List<{ id: number; startTime: number; lastActivity: number; client: string }>>(
    `/API/stats/modules/connections/connections_paged?sort=bytes&reverse=true&count=1&skiphistorydata=true&${range}`);
  const c = conns.displayedItems[0];
  assert.ok(c);
  const link = page.locator('[data-testid="datatable"] tbody tr').first().getByRole('link', { name: String(c.id), exact: true });
  await link.click();
  await page.getByTestId('connection-page').waitFor();
  await page.locator('dd[data-field="client"]', { hasText: c.client }).waitFor();
  await page.locator('.history canvas').first().waitFor();
  await browser.screenshot('connection');
  await page.getByTestId('zoom-lifetime').click();
  assert.equal(await page.getByTestId('range-select').inputValue(), 'custom');
  const start = new Date(Math.floor(c.startTime) * 1000).toISOString().replace('T', ' ').slice(0, 19);
  await page.getByTestId('range-text').filter({ hasText: start }).waitFor();
  await page.getByTestId('range-select').selectOption('all');
  assert.deepEqual(browser.errors, []);
});

test('theme switch, settings (users), module pages', async () => {
  const { page } = browser;
  const before = await page.evaluate(() => document.documentElement.dataset.theme);
  await page.getByTestId('theme-toggle').click();
  const afterTheme = await page.evaluate(() => document.documentElement.dataset.theme);
  assert.notEqual(afterTheme, before);
  assert.ok(afterTheme === 'dark' || afterTheme === 'light');
  if (afterTheme !== 'dark') await page.getByTestId('theme-toggle').click();
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, 'rgb(17, 20, 24)');
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await page.locator('[data-testid="pie-ips"] .legend li').first().waitFor();
  await browser.screenshot('dashboard-dark');
  // Brushing the throughput graph sets a custom time range.
  const box = await page.locator('[data-testid="chart-bps"] .u-over').boundingBox();
  assert.ok(box);
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.9, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction(() => document.querySelector<HTMLSelectElement>('[data-testid="range-select"]')?.value === 'custom');
  await page.getByTestId('range-select').selectOption('all');
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByTestId('users').locator('tbody tr td:first-child', { hasText: /^admin$/ }).waitFor();
  await browser.screenshot('settings');
  await page.getByTestId('theme-toggle').click();
  await page.getByTestId('nav-mac').click();
  await page.locator('[data-testid="datatable"] tbody tr').first().waitFor();
  await browser.screenshot('mac-table');
  assert.deepEqual(browser.errors, []);
});

test('upload page: a corpus pcap uploaded through the page, progress to the end, its slot shown; a non-capture refused', async () => {
  const { page } = browser;
  await page.getByTestId('nav-upload').click();
  await page.getByTestId('upload-page').waitFor();
  await page.getByLabel('Capture file').setInputFiles(pcapPath(UPLOAD));
  await page.getByTestId('upload-progress').waitFor();
  await page.getByTestId('upload-done').waitFor({ timeout: 60_000 });
  const slots = await server.api<{ slots: { id: number; state: string; packets: number; fileName: string }[] }>('/API/system/analyze-pcap/slots');
  const slot = slots.slots.find((s) => s.fileName === UPLOAD);
  assert.ok(slot);
  assert.equal(slot.state, 'done');
  assert.equal(slot.packets, 4709);
  // The page shows the end of the analysis: every packet, 100 %, and the slot in the list.
  await page.getByTestId('upload-packets').filter({ hasText: '4,709' }).waitFor();
  assert.match(await page.getByTestId('upload-processing').innerText(), /done · 100\.0 %/);
  assert.match(await page.getByTestId('upload-sent').innerText(), /2\.93 MB of 2\.93 MB/);
  await page.locator(`[data-testid="upload-slots"] tr[data-slot="${slot.id}"]`, { hasText: 'done' }).waitFor();
  await browser.screenshot('upload');

  // Switch to the slot: the top bar follows, and its IP table's top rows are the API's for that slot.
  await page.getByTestId('show-slot').click();
  assert.equal(await page.getByTestId('slot-select').inputValue(), String(slot.id));
  await page.getByTestId('nav-ip').click();
  const c = await server.api<Clock>(`/API/stats/time?mm-id=:${slot.id}`);
  const end = Math.floor(c.time) + 1;
  const top = await server.api<List<IpRow>>(`/API/stats/modules/ip/ips_paged?mm-id=:${slot.id}&sort=bytes&reverse=true&count=5&skiphistorydata=true&starttime=${Math.min(Math.floor(c.firstPacketTime), end - 1)}&endtime=${end}`);
  await waitForIps(top.displayedItems.map((r) => r.ip));
  await page.getByTestId('slot-select').selectOption('0');

  // Not a capture: the server's 415 reason on the page.
  await page.getByTestId('nav-upload').click();
  await page.getByLabel('Capture file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('these are not packets, just some words\n'.repeat(20)) });
  const err = page.getByTestId('upload-error');
  await err.waitFor({ timeout: 20_000 });
  assert.match(await err.innerText(), /Not a capture \(HTTP 415\): not a pcap or pcapng capture: first bytes 74 68 65 73/);
  await browser.screenshot('upload-refused');
  assert.deepEqual(browser.errors, []);
});

test('capture dialog on an IP row: the filtered download equals tshark\'s display filter on the original file', async () => {
  const { page } = browser;
  await page.getByTestId('nav-ip').click();
  const api = await server.api<List<IpRow>>(`/API/stats/modules/ip/ips_paged?sort=bytes&reverse=true&count=10&skiphistorydata=true&${range}`);
  // The second row: an outside server (the first is the client that every packet touches).
  const ip = api.displayedItems[1]?.ip ?? '';
  await waitForIps(api.displayedItems.map((r) => r.ip));
  await page.locator('[data-testid="datatable"] tbody tr').nth(1).getByTestId('row-pcap').click();
  const dialog = page.getByTestId('capture-dialog');
  await dialog.waitFor();
  assert.equal(await page.getByTestId('capture-expression').inputValue(), `ip == ${ip}`);
  await page.getByTestId('capture-expression-ok').waitFor();
  // Live validation: a broken expression disables the download and names the position.
  await page.getByTestId('capture-expression').fill(`ip == ${ip} and`);
  await page.getByTestId('capture-expression-error').filter({ hasText: 'unexpected end of filter' }).waitFor();
  assert.equal(await page.getByTestId('capture-download').count(), 0);
  await page.getByTestId('capture-expression').fill(`ip == ${ip}`);
  await page.getByTestId('capture-expression-ok').waitFor();
  await page.getByTestId('capture-lifetime').click();
  await page.getByLabel('Type').selectOption('pcap');
  await page.getByLabel('File name').fill('top-server');
  await browser.screenshot('capture-dialog');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('capture-download').click()]);
  assert.equal(download.suggestedFilename(), 'top-server.pcap');
  const dir = mkdtempSync(join(tmpdir(), 'wm-e2e-capture-'));
  try {
    const file = join(dir, 'top-server.pcap');
    await download.saveAs(file);
    const got = await frames(file);
    const want = await frames(pcapPath(PCAP), `ip.addr == ${ip}`);
    assert.ok(want > 0);
    assert.equal(got, want);
    console.log(`capture of ${ip} through the dialog: ${got} frames, tshark -Y 'ip.addr == ${ip}' on the original: ${want}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // A connection's row: its 5-tuple in the filter language; the file holds tshark's frames of that conversation.
  await page.getByTestId('nav-connections').click();
  const conns = await server.api<List<{ client: string; clientPort: number; server: string; serverPort: number; l4Protocol: string }>>(
    `/API/stats/modules/connections/connections_paged?sort=bytes&reverse=true&count=1&skiphistorydata=true&${range}`);
  const c = conns.displayedItems[0];
  assert.ok(c?.l4Protocol === 'TCP');
  await page.locator('[data-testid="datatable"] tbody tr').first().getByTestId('row-pcap').click();
  assert.equal(await page.getByTestId('capture-expression').inputValue(), `ip == ${c.client}:${c.clientPort} and ip == ${c.server}:${c.serverPort} and l4Protocol == TCP`);
  await page.getByTestId('capture-expression-ok').waitFor();
  await page.getByTestId('capture-lifetime').click();
  const [connDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('capture-download').click()]);
  const cdir = mkdtempSync(join(tmpdir(), 'wm-e2e-capture-'));
  try {
    const file = join(cdir, 'conn.pcapng');
    await connDownload.saveAs(file);
    const want = await frames(pcapPath(PCAP), `ip.addr == ${c.client} && ip.addr == ${c.server} && tcp.port == ${c.clientPort} && tcp.port == ${c.serverPort}`);
    assert.ok(want > 0);
    assert.equal(await frames(file), want);
  } finally {
    rmSync(cdir, { recursive: true, force: true });
  }

  // The capture page lists it as finished and the filter as recent; a favorite is saved from there.
  await page.getByTestId('nav-capture').click();
  await page.getByTestId('capture-finished').locator('td', { hasText: `ip == ${ip}` }).first().waitFor();
  await page.getByTestId('capture-recent').getByRole('button', { name: `ip == ${ip}`, exact: true }).click();
  assert.equal(await page.getByTestId('capture-filter').inputValue(), `ip == ${ip}`);
  await page.getByTestId('capture-filter-ok').waitFor();
  await page.getByLabel('Favorite description').fill('top server');
  await page.getByRole('button', { name: '☆ Save as favorite' }).click();
  await page.getByTestId('capture-favorites').getByText('top server').waitFor();
  await page.getByTestId('capture-filter').fill('port == 53 or');
  await page.getByTestId('capture-filter-error').waitFor();
  await browser.screenshot('capture-page');
  assert.deepEqual(browser.errors, []);
});

test('IP page: L7 tabs (HTTP server, DNS, names) and the country with the DB-IP attribution', async () => {
  const { page } = browser;
  const ip = '54.192.94.30';
  await page.getByTestId('search').fill(ip);
  await page.getByTestId('search').press('Enter');
  await page.getByTestId('ip-page').waitFor();
  await page.getByTestId('ip-country').filter({ hasText: 'Italy (IT)' }).waitFor();
  assert.equal(await page.getByTestId('ip-country').getByRole('link', { name: 'IP Geolocation by DB-IP' }).getAttribute('href'), 'https://db-ip.com');
  const http = await server.api<{ requests: number; lastHost: string }>(`/API/stats/modules/ip/ips/${ip}/httpServer?${range}`);
  await page.getByTestId('tab-httpServer').click();
  await page.locator('dd[data-field="lastHost"]', { hasText: http.lastHost }).waitFor();
  assert.equal(await page.locator('dd[data-field="requests"]').innerText(), String(http.requests));
  // Its history is drawn by the figures it names (responses per bucket), not as rx/tx traffic.
  await page.locator('[data-testid="figures-chart"] canvas').waitFor();
  assert.equal(await page.locator('[role="tabpanel"] .history .switch').count(), 0);
  await browser.screenshot('ip-http-server');
  for (const tab of ['dns', 'sslServer', 'sslInfos', 'names']) {
    await page.getByTestId(`tab-${tab}`).click();
    await page.locator('[role="tabpanel"] dl, [role="tabpanel"] table').first().waitFor();
  }
  assert.deepEqual(browser.errors, []);
});

test('settings: user-defined names added, edited, shown in the IP table, deleted', async () => {
  const { page } = browser;
  await page.getByRole('link', { name: 'Settings' }).click();
  const names = page.getByTestId('names');
  await names.waitFor();
  await page.getByLabel('Name address').fill('10.0.0.1');
  await page.getByLabel('Name category').fill('lab');
  await page.getByLabel('Name name').fill('e2e-client');
  await names.getByRole('button', { name: 'Add' }).click();
  const row = names.locator('tr[data-address="10.0.0.1"]');
  await row.getByText('e2e-client').waitFor();
  assert.deepEqual(await server.api('/API/system/names/ip/10.0.0.1').then((n) => { const { updated: _u, ...rest } = n as { updated: number }; return rest; }),
    { kind: 'ip', address: '10.0.0.1', category: 'lab', name: 'e2e-client' });
  await row.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('name of 10.0.0.1').fill('e2e-renamed');
  await row.getByRole('button', { name: 'Save' }).click();
  await row.getByText('e2e-renamed').waitFor();
  assert.equal((await server.api<{ name: string }>('/API/system/names/ip/10.0.0.1')).name, 'e2e-renamed');
  // A bad address: the API's reason.
  await page.getByLabel('Name address').fill('999.0.0.1');
  await page.getByLabel('Name name').fill('bad');
  await names.getByRole('button', { name: 'Add' }).click();
  await page.getByTestId('names-error').filter({ hasText: 'not an IP address: 999.0.0.1' }).waitFor();
  // The CSV link holds the list; a CSV file uploads its good lines and names the bad one.
  const csv = await page.evaluate(async () => (await fetch('/API/system/names/csv')).text());
  assert.match(csv, /^ip,10\.0\.0\.1,lab,e2e-renamed$/m);
  await page.getByLabel('Names CSV file').setInputFiles({ name: 'names.csv', mimeType: 'text/csv', buffer: Buffer.from('ip,10.0.0.2,lab,"printer, floor 2"\nmac,00:1A:2B:3C:4D:5E,lab,switch\nip,999.1.1.1,lab,bad\n') });
  await page.getByTestId('names-info').filter({ hasText: 'added 2 of 3; record 3: not an IP address: 999.1.1.1' }).waitFor();
  await names.locator('tr[data-address="00:1a:2b:3c:4d:5e"]').getByText('switch').waitFor();
  await names.locator('tr[data-address="10.0.0.2"]').getByText('printer, floor 2').waitFor();
  await browser.screenshot('settings-names');
  // The name shows in the IP table and finds the row by the plain filter.
  await page.getByTestId('nav-ip').click();
  await page.getByTestId('filter-input').fill('e2e-renamed');
  await page.getByRole('button', { name: 'Filter', exact: true }).click();
  await waitForIps(['10.0.0.1']);
  await page.getByRole('link', { name: 'Settings' }).click();
  await names.locator('tr[data-address="10.0.0.1"]').getByRole('button', { name: 'Delete' }).click();
  await names.locator('tr[data-address="10.0.0.1"]').waitFor({ state: 'detached' });
  for (const a of ['ip/10.0.0.2', 'mac/00:1a:2b:3c:4d:5e']) {
    await names.locator(`tr[data-address="${a.slice(a.indexOf('/') + 1)}"]`).getByRole('button', { name: 'Delete' }).click();
  }
  await names.locator('tbody tr').first().waitFor({ state: 'detached' });
  assert.deepEqual(await server.api('/API/system/names'), []);
  const provoked = browser.errors.splice(0);
  browser.allowed.push(...provoked.filter((e) => /status of 400 .*\/API\/system\/names/.test(e)));
  assert.deepEqual(provoked.filter((e) => !/status of 400 .*\/API\/system\/names/.test(e)), []);
});
