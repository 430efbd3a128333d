import { createRequire } from 'node:module';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/seed/index.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { browserAvailable, expectLocator, launchBrowser } from '../support/browser.ts';

/** The administrator's account page (issue 15 item 1), on a phone: a new account's one-time code, then its first sign-in. */
let t: TestApp;
let browser: Browser;
const PHONE = { width: 390, height: 844 };
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function phonePage(): Promise<Page> {
  return (await browser.newContext({ locale: 'vi-VN', baseURL: t.url, viewport: PHONE })).newPage();
}

async function signIn(page: Page, username: string, password: string) {
  await page.goto('/login');
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
}

/** Serious or critical axe findings inside the open dialog, and whether the page or the dialog scrolls sideways. */
async function dialogProblems(page: Page) {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const { axe, document, window } = globalThis as any; // runs in the page
    const result = await axe.run('dialog[open]', { resultTypes: ['violations'] });
    return {
      findings: result.violations.filter((v: any) => v.impact === 'serious' || v.impact === 'critical').map((v: any) => v.id),
      sideways:
        document.documentElement.scrollWidth > window.innerWidth ||
        document.querySelector('dialog[open]').scrollWidth > document.querySelector('dialog[open]').clientWidth,
    };
  });
}

describe.runIf(browserAvailable)('accounts in the browser', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    t = await startTestApp({ portal: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the admin creates an account and reads its one-time code; its first sign-in must choose a password', async () => {
    const admin = await phonePage();
    await signIn(admin, 'admin', DEMO_PASSWORD);
    await admin.locator('nav[aria-label=menu] a', { hasText: 'Tài khoản' }).click();
    await expectLocator(admin.locator('h1')).toHaveText('Quản lý tài khoản');
    await expectLocator(admin.locator('[data-username=thanhoai]')).toContainText('UBND huyện Thanh Oai');

    const opener = admin.locator('[data-testid=create-account]');
    await opener.click();
    const form = admin.locator('[data-testid=account-form]');
    await expectLocator(form.locator('h2')).toHaveText('Tạo tài khoản');
    // A modal dialog: the page behind it is inert, so the keyboard stays inside; Escape closes it and gives the focus back.
    expect(await form.evaluate((dialog) => dialog.matches(':modal'))).toBe(true);
    expect(await dialogProblems(admin)).toEqual({ findings: [], sideways: false });
    await admin.keyboard.press('Escape');
    await expectLocator(form).toHaveCount(0);
    expect(await opener.evaluate((button) => button === (globalThis as any).document.activeElement)).toBe(true);

    await opener.click();
    await form.getByLabel('Tên đăng nhập').fill('thanhoai.canbo');
    await form.getByLabel('Họ và tên').fill('Nguyễn Thị Lan');
    await form.getByLabel('Cán bộ đơn vị').check();
    // A unit role without a unit is refused before anything is sent.
    await form.locator('button[type=submit]').click();
    await expectLocator(form.locator('[role=alert]')).toHaveText('Vai trò của đơn vị cần chọn đơn vị.');
    await form.locator('select[name=unitId]').selectOption({ label: 'UBND huyện Thanh Oai' });
    await form.locator('button[type=submit]').click();

    const shown = admin.locator('[data-testid=one-time-code]');
    await expectLocator(shown.locator('h2')).toHaveText('Mã đăng nhập dùng một lần');
    await expectLocator(shown).toContainText('Tài khoản: thanhoai.canbo (Nguyễn Thị Lan)');
    await expectLocator(shown).toContainText('Mã chỉ hiện một lần này');
    const code = (await shown.locator('[data-testid=one-time-code-value]').innerText()).trim();
    expect(code).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(await dialogProblems(admin)).toEqual({ findings: [], sideways: false });
    await shown.getByRole('button', { name: 'Đóng' }).click();
    await expectLocator(shown).toHaveCount(0);
    const row = admin.locator('[data-username="thanhoai.canbo"]');
    await expectLocator(row.locator('[data-testid=account-status]')).toContainText('Chờ đăng nhập bằng mã');

    // The new user signs in with the code (as read out: in capitals) and must choose a password first.
    const user = await phonePage();
    await signIn(user, 'thanhoai.canbo', code.toUpperCase());
    await expectLocator(user.locator('h1')).toHaveText('Đổi mật khẩu');
    await user.fill('input[name=currentPassword]', code);
    await user.fill('input[name=newPassword]', 'Thanh-Oai lúc 7 giờ sáng');
    await user.fill('input[name=repeatPassword]', 'Thanh-Oai lúc 7 giờ sáng');
    await user.click('button[type=submit]');
    await expectLocator(user.locator('[data-testid=current-user]')).toContainText('Nguyễn Thị Lan');

    // The admin sees the code spent and the account in use; the code opens nothing any more.
    await admin.reload();
    await expectLocator(row.locator('[data-testid=account-status]')).toHaveText('Đang hoạt động');
    const again = await phonePage();
    await signIn(again, 'thanhoai.canbo', code);
    await expectLocator(again.locator('[data-testid=sign-in-error]')).toContainText('Sai tên đăng nhập hoặc mật khẩu.');
    for (const page of [admin, user, again]) await page.context().close();
  });

  it('the admin deactivates an account after confirming, and cannot deactivate their own', async () => {
    const admin = await phonePage();
    await signIn(admin, 'admin', DEMO_PASSWORD);
    await expectLocator(admin.locator('[data-testid=current-user]')).toBeVisible();
    await admin.goto('/accounts');
    await expectLocator(admin.locator('[data-username=admin]')).toContainText('(bạn)');
    await expectLocator(admin.locator('[data-username=admin] button', { hasText: 'Khóa' })).toHaveCount(0);

    await admin.fill('input[name=search]', 'sontay.lead');
    await expectLocator(admin.locator('[data-testid=accounts] > li')).toHaveCount(1);
    await admin.getByRole('button', { name: 'Khóa: sontay.lead' }).click();
    const confirm = admin.locator('[data-testid=account-confirm]');
    await expectLocator(confirm.locator('h2')).toHaveText('Khóa tài khoản sontay.lead?');
    await confirm.getByRole('button', { name: 'Khóa' }).click();
    await expectLocator(admin.locator('[data-testid=account-notice]')).toHaveText('Đã khóa tài khoản sontay.lead.');
    await expectLocator(admin.locator('[data-username="sontay.lead"] [data-testid=account-status]')).toHaveText('Đã khóa');

    const lead = await phonePage();
    await signIn(lead, 'sontay.lead', DEMO_PASSWORD);
    await expectLocator(lead.locator('[data-testid=sign-in-error]')).toContainText('Sai tên đăng nhập hoặc mật khẩu.');
    for (const page of [admin, lead]) await page.context().close();
  });
});
