import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.ts';
import { browserAvailable, launchBrowser, signedInPage } from '../support/browser.ts';

let t: TestApp;
let browser: Browser;

describe.runIf(browserAvailable)('portal shell in a browser', () => {
  beforeAll(async () => {
    t = await startTestApp({ portal: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('sends an anonymous visitor to the Vietnamese login page and rejects a wrong password', async () => {
    const page = await (await browser.newContext({ locale: 'vi-VN', baseURL: t.url })).newPage();
    await page.goto('/criteria');
    await page.waitForURL(/\/login\?redirect=/);
    expect(await page.textContent('h1')).toBe('Đăng nhập');
    await page.fill('input[name=username]', 'sontay');
    await page.fill('input[name=password]', 'sai-mat-khau');
    await page.click('button[type=submit]');
    expect(await page.textContent('[role=alert]')).toBe('Bạn cần đăng nhập.');
  });

  it('logs in as sontay in Vietnamese, shows only permitted menu entries and the criteria tree', async () => {
    const page = await signedInPage(browser, t.url, 'sontay');
    expect(await page.textContent('[data-testid=current-user]')).toContain('UBND thị xã Sơn Tây');
    const menu = await page.locator('nav[aria-label=menu] a').allTextContents();
    expect(menu).toContain('Bộ tiêu chí');
    await page.click('nav[aria-label=menu] >> text=Bộ tiêu chí');
    const tree = page.locator('[data-testid=criteria-tree]');
    await tree.waitFor();
    expect(await tree.textContent()).toContain('Cải cách thủ tục hành chính');
    // Open an area and see a sub-criterion with its scoring method and evidence requirement.
    await page.locator('.node.level-2 .toggle').first().click();
    const leaf = page.locator('.leaf-details').first();
    expect(await leaf.textContent()).toMatch(/Cách chấm điểm/);
    expect(await page.locator('[data-testid=criteria-set-select] option:checked').textContent()).toContain('Khối quận, huyện, thị xã');
    await page.screenshot({ path: path.join(os.tmpdir(), 'par-criteria.png') });
  });

  it('switches the whole interface to English', async () => {
    const page = await signedInPage(browser, t.url, 'secretariat');
    await page.click('.locale-switch >> text=EN');
    await page.click('nav[aria-label=menu] >> text=Criteria');
    await page.locator('[data-testid=criteria-tree]').waitFor();
    expect(await page.textContent('h1')).toBe('PAR Index criteria sets');
  });
});
