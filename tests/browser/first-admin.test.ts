import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAdministrator } from '../../server/auth/index.ts';
import { browserAvailable, useBrowserApp } from '../support/browser.ts';

/** The server (with the built portal) and a browser for these tests: started before them, closed after. */
const app = useBrowserApp();
const CHOSEN = 'Mật khẩu do vận hành đặt 1';

describe.runIf(browserAvailable)('the first administrator in the browser', () => {
  beforeAll(async () => {
    await createAdministrator(app.t.orm.em.fork(), { username: 'quantri', displayName: 'Quản trị Sở', password: CHOSEN, force: true });
  });

  for (const viewport of [
    { width: 1366, height: 768 },
    { width: 390, height: 844 },
  ]) {
    it(`must choose their own password before anything else (${viewport.width}×${viewport.height})`, async () => {
      const page = await (await app.browser.newContext({ locale: 'vi-VN', baseURL: app.t.url, viewport })).newPage();
      await page.goto('/results');
      await page.fill('input[name=username]', 'quantri');
      await page.fill('input[name=password]', CHOSEN);
      await page.click('button[type=submit]');
      await page.locator('h1', { hasText: 'Đổi mật khẩu' }).waitFor();
      expect(page.url()).toMatch(/\/password\?redirect=\/results$/);
      await page.screenshot({ path: path.join(os.tmpdir(), `par-first-admin-${viewport.width}.png`) });

      // Any other page leads back here while the password is the operator's.
      await page.goto('/criteria');
      await page.waitForURL(/\/password\?redirect=\/criteria$/);
      await page.locator('h1', { hasText: 'Đổi mật khẩu' }).waitFor();

      await page.fill('input[name=currentPassword]', CHOSEN);
      await page.fill('input[name=newPassword]', 'quantri-1234');
      await page.fill('input[name=repeatPassword]', 'quantri-1234');
      await page.click('button[type=submit]');
      await page.locator('[role=alert]', { hasText: 'Mật khẩu quá dễ đoán (chứa tên đăng nhập hoặc một mật khẩu phổ biến).' }).waitFor();

      const own = `Mật khẩu riêng ${viewport.width}`;
      await page.fill('input[name=newPassword]', own);
      await page.fill('input[name=repeatPassword]', own);
      await page.click('button[type=submit]');
      await page.locator('[data-testid=current-user]', { hasText: 'Quản trị Sở' }).waitFor();
      expect(page.url()).toMatch(/\/criteria$/);
      // The next viewport starts again from a password someone else chose.
      await createAdministrator(app.t.orm.em.fork(), { username: 'quantri', displayName: 'Quản trị Sở', password: CHOSEN, force: true });
    });
  }
});
