import fs from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/index.ts';
import { startTestApp, type TestApp } from './app.ts';

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

/** A browser test file's server and browser (set once its tests start). */
export interface BrowserApp {
  /** The API serving the built portal, on its own fresh database. */
  t: TestApp;
  browser: Browser;
}

/**
 * Starts the server (with the built portal) and a browser before the file's tests and closes both after them: call it
 * once at the top of a browser test file. Without a browser (see `browserAvailable`) it starts nothing.
 */
export function useBrowserApp(): BrowserApp {
  const app = {} as BrowserApp;
  beforeAll(async () => {
    if (!browserAvailable) return;
    app.t = await startTestApp({ portal: true });
    app.browser = await launchBrowser();
  });
  afterAll(async () => {
    await app.browser?.close();
    await app.t?.close();
  });
  return app;
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

type Text = string | RegExp;

/** How long a web-first assertion keeps re-reading the page: generous, for busy shared CI cores. */
const SEE_TIMEOUT_MS = 20_000;

/** Texts as a person reads them: rendered text (innerText), runs of white space as one space. */
const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();
const whole = (text: Text) => (text instanceof RegExp ? expect.stringMatching(text) : normalise(text));
const part = (text: Text) => (text instanceof RegExp ? expect.stringMatching(text) : expect.stringContaining(normalise(text)));
const listOf = (texts: Text | readonly Text[]) => (Array.isArray(texts) ? texts : [texts]) as readonly Text[];

/**
 * Web-first assertions for playwright-core, which has no `expect`: each one re-reads what the page
 * shows until it holds or 20 s pass (vitest's expect.poll), like @playwright/test's expect(locator).
 * With one text, the locator must match exactly one element; with a list, one element per text, in order.
 */
export function expectLocator(locator: Locator) {
  const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: SEE_TIMEOUT_MS, interval: 100 });
  const texts = async () => (await locator.allInnerTexts()).map(normalise);
  const state = (read: (element: Locator) => Promise<boolean>) => poll(async () => (await locator.count()) === 1 && read(locator));
  return {
    /** Each element's whole text is the text (or matches the pattern). */
    toHaveText: (expected: Text | readonly Text[]) => poll(texts).toEqual(listOf(expected).map(whole)),
    /** Each element's text contains the text (or matches the pattern). */
    toContainText: (expected: Text | readonly Text[]) => poll(texts).toEqual(listOf(expected).map(part)),
    toHaveCount: (count: number) => poll(() => locator.count()).toBe(count),
    /** The one form field's current value. */
    toHaveValue: (expected: Text) =>
      poll(async () => ((await locator.count()) === 1 ? locator.inputValue() : null)).toEqual(whole(expected)),
    /** The one element's attribute; null: it has none. */
    toHaveAttribute: (name: string, expected: Text | null) =>
      poll(async () => ((await locator.count()) === 1 ? locator.getAttribute(name) : undefined)).toEqual(
        expected === null ? null : whole(expected),
      ),
    toBeDisabled: () => state((element) => element.isDisabled()).toBe(true),
    toBeEnabled: () => state((element) => element.isEnabled()).toBe(true),
    toBeVisible: () => state((element) => element.isVisible()).toBe(true),
    /** The one element has the keyboard focus. */
    toBeFocused: () => state((element) => element.evaluate((node) => node === node.ownerDocument.activeElement)).toBe(true),
  };
}

/**
 * The portal's own message on a form field the form check refused (shared/validation.ts): once the field is marked
 * invalid, what its aria-describedby points at, so a test reads what a screen reader says with the field.
 */
export async function fieldMessage(field: Locator): Promise<Locator> {
  await expectLocator(field).toHaveAttribute('aria-invalid', 'true');
  const ids = (await field.getAttribute('aria-describedby'))?.split(' ').filter((id) => id.startsWith('field-error-')) ?? [];
  return field.page().locator(ids.map((id) => `#${id}`).join(', ') || 'no-message');
}

/** The portal's confirmation (never the browser's own box): a dialog titled "Xác nhận", its question in a paragraph. */
export const confirmDialog = (page: Page) => page.getByRole('dialog', { name: 'Xác nhận' });
