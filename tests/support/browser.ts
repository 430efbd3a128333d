import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/seed/index.ts';

/** Debian's chromium (apt-get install chromium); playwright cannot download browsers here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Browser tests need Debian's chromium. On a machine without it they are skipped with a notice,
 * except in CI (CI=true), where .ci/run installs it and a missing browser must fail.
 */
export const browserAvailable = fs.existsSync(CHROMIUM) || process.env.CI === 'true';
if (!browserAvailable) console.warn(`Browser tests skipped: ${CHROMIUM} not found (apt-get install chromium).`);

/** Playwright gives each launch a fresh temporary profile. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh page (own cookies) signed in through the login form; Vietnamese unless `locale` says otherwise. */
export async function signedInPage(browser: Browser, baseUrl: string, username: string, locale = 'vi-VN'): Promise<Page> {
  const context = await browser.newContext({ locale, baseURL: baseUrl });
  const page = await context.newPage();
  await page.goto('/login');
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', DEMO_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=current-user]');
  return page;
}
