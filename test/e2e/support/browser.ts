/**
 * @module test/e2e/support/browser
 * Debian's Chromium (never a downloaded browser) driven by playwright-core, headless, with a fresh
 * profile; every console error and uncaught page error is recorded so a test can fail on them, except
 * the answers a test provokes on purpose (`allow`).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from '../../support/paths.js';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(repoRoot, 'test-artifacts', 'e2e');

export interface Browser {
  readonly page: Page;
  /** Console errors not matched by `allow`. */
  readonly errors: string[];
  /** Console errors matching `allow` (reported, not failures). */
  readonly allowed: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** Optional endpoints the UI probes and hides while they are not merged (the probe's 501/404 is logged by Chromium). */
export const OPTIONAL_ENDPOINTS: readonly RegExp[] = [/status of (501|404) .*\/API\/data\/modules\/capture/];

export async function openBrowser(extraAllow: readonly RegExp[] = []): Promise<Browser> {
  const allow = [...OPTIONAL_ENDPOINTS, ...extraAllow];
  const profile = mkdtempSync(join(tmpdir(), 'wiremeter-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreHTTPSErrors: true,
    viewport: { width: 1440, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? await context.newPage();
  const errors: string[] = [];
  const allowed: string[] = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = `${m.text()} (${m.location().url})`;
    (allow.some((re) => re.test(text)) ? allowed : errors).push(text);
  });
  page.on('pageerror', (e) => { errors.push(`page error: ${e.message}`); });
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    page, errors, allowed,
    async screenshot(name) {
      const file = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function login(page: Page, url: string, password: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByLabel('User').fill('admin');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByTestId('dashboard').waitFor();
}
