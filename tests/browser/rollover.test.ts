import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, confirmDialog, expectLocator, signedInPage, useBrowserApp } from '../support/browser.ts';

/**
 * The secretariat starts 2024 from the portal, on a phone: the preview says what will be created, a changed deadline
 * must be previewed again before the confirm, the confirm creates the period and links to it, and the year cannot be
 * started twice. It is a shortcut on the secretariat's home page (the top bar is full), not offered to units.
 */
/** The server (with the built portal) and a browser for these tests: started before them, closed after. */
const app = useBrowserApp();
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(os.tmpdir(), `par-rollover-${name}.png`), fullPage: true });

/** Whether the page is wider than the screen (a phone must never scroll sideways). */
const scrollsSideways = (page: Page) =>
  page.evaluate(() => {
    const { document, window } = globalThis as any; // runs in the page
    return (document.documentElement.scrollWidth as number) > (window.innerWidth as number);
  });

describe.runIf(browserAvailable)('starting the next year in a browser', () => {
  it('previews 2024, confirms it and opens the new period', { timeout: 120_000 }, async () => {
    const sql = <T>(text: string) => app.t.orm.em.getConnection().execute<T[]>(text);
    const [{ units }] = await sql<{ units: number }>(
      `select count(*)::int as units from unit where active and block in ('DEPARTMENT', 'DISTRICT')`,
    );
    const [{ criteria }] = await sql<{ criteria: number }>(
      `select count(*)::int as criteria from criterion c join criteria_set s on s.id = c.criteria_set_id where s.year = 2023 and s.status = 'PUBLISHED'`,
    );
    const [{ assignments }] = await sql<{ assignments: number }>(
      `select count(*)::int as assignments from appraisal_assignment a join period p on p.id = a.period_id where p.year = 2023`,
    );
    const page = await signedInPage(app.browser, app.t.url, 'secretariat');
    await page.setViewportSize({ width: 390, height: 844 });
    // Once a year: a shortcut on the home page, not an entry in the full top bar.
    await expectLocator(page.locator('nav[aria-label=menu] >> text=Chuyển năm')).toHaveCount(0);
    await page.click('.shortcuts >> text=Chuyển năm');

    const preview = page.locator('[data-testid=rollover-preview]');
    await expectLocator(preview.locator('h2')).toHaveText('Sẽ tạo cho năm 2024');
    const summary = preview.locator('[data-testid=rollover-summary] li');
    await expectLocator(summary.nth(0)).toHaveText('Kỳ đánh giá “Đánh giá, xác định Chỉ số CCHC năm 2024” (chưa mở cho đơn vị)');
    await expectLocator(summary.nth(2)).toHaveText(`2 bộ tiêu chí dự thảo, ${criteria.toLocaleString('vi-VN')} tiêu chí`);
    await expectLocator(summary.nth(3)).toHaveText(`${units} đơn vị tham gia`);
    await expectLocator(summary.nth(4)).toHaveText(`${assignments} phân công thẩm định`);
    await expectLocator(preview.locator('[data-testid=rollover-sets] li')).toContainText([
      'Sở, ban, ngành: Bộ Chỉ số CCHC năm 2024',
      'Quận, huyện, thị xã: Bộ Chỉ số CCHC năm 2024',
    ]);
    // Thanh Oai's accepted wording for 3.2.2 goes into the district draft; Sơn Tây's partly accepted comment does not.
    await expectLocator(preview.locator('[data-testid=rollover-changes] li', { hasText: '3.2.2' })).toContainText(
      'Đưa vào dự thảo Quận, huyện, thị xã · 3.2.2 · Tài liệu kiểm chứng (UBND huyện Thanh Oai)',
    );
    await expectLocator(preview.locator('[data-testid=rollover-changes] li', { hasText: '3.2.1' })).toContainText('Không đưa vào');
    expect(await scrollsSideways(page)).toBe(false);
    await shot(page, '1-preview');

    // A changed deadline is previewed again before it can be confirmed.
    const form = page.locator('[data-testid=rollover-form]');
    await expectLocator(form.locator('input[name=name]')).toHaveValue('Đánh giá, xác định Chỉ số CCHC năm 2024');
    // Typed the Vietnamese way: dd/mm/yyyy and a 24-hour time.
    await form.locator('input[name=explanationClosesAt-day]').fill('01/03/2099');
    await form.locator('input[name=explanationClosesAt-time]').fill('10:00');
    await expectLocator(page.locator('[data-testid=confirm-rollover]')).toBeDisabled();
    await form.locator('button[type=submit]').click();
    await expectLocator(summary.nth(1)).toContainText('hạn giải trình 10:00 01/03/2099');
    const confirm = page.locator('[data-testid=confirm-rollover]');
    await expectLocator(confirm).toBeEnabled();
    await confirm.click();
    // The portal's confirmation, on the phone too: the question in Vietnamese, answered with the page button's words.
    const asked = confirmDialog(page);
    await expectLocator(asked.locator('p')).toHaveText(
      'Tạo kỳ đánh giá năm 2024 cùng các bộ tiêu chí dự thảo và phân công thẩm định như bản xem trước?',
    );
    expect(await scrollsSideways(page)).toBe(false);
    await asked.getByRole('button', { name: 'Xác nhận chuyển sang năm 2024' }).click();

    const done = page.locator('[data-testid=rollover-done]');
    await expectLocator(done.locator('.ok')).toHaveText('Đã tạo kỳ đánh giá “Đánh giá, xác định Chỉ số CCHC năm 2024”.');
    expect(await scrollsSideways(page)).toBe(false);
    await shot(page, '2-done');
    await done.locator('[data-testid=new-period-link]').click();
    await page.waitForURL(/\/appraisal\/periods\/\d+$/);
    await expectLocator(page.locator('h1')).toBeVisible();
    await expectLocator(page.locator('[data-testid=period-select] option:checked')).toHaveText('Đánh giá, xác định Chỉ số CCHC năm 2024');
    // Last year's assignments came along.
    const panel = page.locator('[data-testid=assignments-panel]');
    await panel.locator('summary').click();
    await expectLocator(panel.locator('tbody tr')).toHaveCount(assignments);

    // Back on the page the newest year is 2024, whose sets are drafts still; 2023 cannot be started twice.
    await page.click('a.brand');
    await page.click('.shortcuts >> text=Chuyển năm');
    const refusal = page.locator('[data-testid=preview-error]');
    await expectLocator(refusal).toContainText('Năm 2024 chưa có bộ tiêu chí nào được ban hành để sao chép.');
    await page.locator('select[name=fromYear]').selectOption('2023');
    await expectLocator(refusal).toContainText(
      'Năm 2024 đã có kỳ đánh giá “Đánh giá, xác định Chỉ số CCHC năm 2024”; không chuyển năm lần nữa.',
    );
    await expectLocator(page.locator('[data-testid=confirm-rollover]')).toHaveCount(0);
  });

  it('is not among a unit’s shortcuts', { timeout: 60_000 }, async () => {
    const page = await signedInPage(app.browser, app.t.url, 'sontay');
    await expectLocator(page.locator('.shortcuts >> text=Tự chấm điểm')).toBeVisible();
    await expectLocator(page.locator('.shortcuts >> text=Chuyển năm')).toHaveCount(0);
  });
});
