import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.ts';
import { browserAvailable, expectLocator, launchBrowser, signedInPage } from '../support/browser.ts';

let t: TestApp;
let browser: Browser;

/** Every feature's menu entry: a unit's staff may read each of them. */
const SONTAY_MENU = ['Trang chủ', 'Bộ tiêu chí', 'Tự chấm điểm', 'Thẩm định', 'Lấy ý kiến dự thảo', 'Kết quả, xếp hạng', 'Theo dõi CCHC'];

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
    await expectLocator(page.locator('h1')).toHaveText('Đăng nhập');
    await page.fill('input[name=username]', 'sontay');
    await page.fill('input[name=password]', 'sai-mat-khau');
    await page.click('button[type=submit]');
    // The server's answer comes with the id of the request, for the user to quote (issue 15, logs).
    await expectLocator(page.locator('[role=alert]')).toHaveText(/^Bạn cần đăng nhập\. \(mã yêu cầu: [0-9a-f]{10}\)$/);
  });

  it('logs in as sontay in Vietnamese, shows only permitted menu entries and the criteria tree', async () => {
    const page = await signedInPage(browser, t.url, 'sontay');
    await expectLocator(page.locator('[data-testid=current-user]')).toContainText('UBND thị xã Sơn Tây');
    await expectLocator(page.locator('nav[aria-label=menu] a')).toHaveText(SONTAY_MENU);
    await page.click('nav[aria-label=menu] >> text=Bộ tiêu chí');
    const tree = page.locator('[data-testid=criteria-tree]');
    await expectLocator(tree).toContainText('Cải cách thủ tục hành chính');
    // Open an area and see a sub-criterion with its scoring method and evidence requirement.
    await page.locator('.node.level-2 .toggle').first().click();
    await expectLocator(page.locator('.leaf-details').first().locator('dt')).toHaveText([
      'Hướng dẫn',
      'Cách chấm điểm',
      'Mức điểm',
      'Tài liệu kiểm chứng',
    ]);
    await expectLocator(page.locator('[data-testid=criteria-set-select] option:checked')).toContainText('Khối quận, huyện, thị xã');
    await page.screenshot({ path: path.join(os.tmpdir(), 'par-criteria.png') });
  });

  it('switches the whole interface to English', async () => {
    const page = await signedInPage(browser, t.url, 'secretariat');
    await page.click('.locale-switch >> text=EN');
    await page.click('nav[aria-label=menu] >> text=Criteria');
    await expectLocator(page.locator('[data-testid=criteria-tree]')).toHaveCount(1);
    await expectLocator(page.locator('h1')).toHaveText('PAR Index criteria sets');
  });
});
