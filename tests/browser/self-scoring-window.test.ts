import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, confirmDialog, expectLocator, fieldMessage, signedInPage, useBrowserApp } from '../support/browser.ts';
import { submittedSheet } from '../support/sheets.ts';

/**
 * The secretariat runs self-scoring from the portal: it sees every unit, closes self-scoring now for
 * all of them, gives Thanh Oai more time with a reason, and opens appraisal round 1 once Thanh Oai
 * has submitted within its extension (round 1 waits for a running extension and says whose).
 */
/** The server (with the built portal) and a browser for these tests: started before them, closed after. */
const app = useBrowserApp();
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(os.tmpdir(), `par-window-${name}.png`), fullPage: false });

describe.runIf(browserAvailable)('running self-scoring in a browser', () => {
  it('closes self-scoring for all units but one, extends that one, and opens appraisal round 1', { timeout: 120_000 }, async () => {
    const [{ units }] = await app.t.orm.em
      .getConnection()
      .execute<{ units: number }[]>(`select count(*)::int as units from unit where active and block in ('DEPARTMENT', 'DISTRICT')`);
    const page = await signedInPage(app.browser, app.t.url, 'secretariat');
    await page.click('nav[aria-label=menu] >> text=Tự chấm điểm');

    // Every unit of the period, not only those that opened their sheet.
    const overview = page.locator('[data-testid=self-scoring-overview]');
    await expectLocator(overview.locator('[data-testid=unit-row]')).toHaveCount(units);
    await expectLocator(overview.locator('[data-testid=overview-counts]')).toHaveText(
      `${units} đơn vị · 0 đã chốt · 1 đang chấm · ${units - 1} chưa bắt đầu`,
    );
    await shot(page, '1-overview');

    // Close now asks first, in the portal's own dialog and in Vietnamese; Cancel changes nothing.
    const window = page.locator('[data-testid=self-scoring-window]');
    const closeNow = window.locator('[data-testid=close-self-scoring]');
    await expectLocator(window.locator('[data-testid=period-deadline] .badge')).toHaveText('đang mở');
    await closeNow.click();
    const confirm = confirmDialog(page);
    await expectLocator(confirm.locator('p')).toHaveText(
      'Đóng tự chấm điểm ngay cho mọi đơn vị không được gia hạn? Đơn vị chưa chốt điểm sẽ không sửa được nữa.',
    );
    await expectLocator(confirm.getByRole('button', { name: 'Hủy' })).toBeFocused();
    await confirm.getByRole('button', { name: 'Hủy' }).click();
    await expectLocator(confirm).toHaveCount(0);
    await expectLocator(closeNow).toBeFocused();
    await expectLocator(window.locator('[data-testid=window-notice]')).toHaveCount(0);
    await expectLocator(window.locator('[data-testid=period-deadline] .badge')).toHaveText('đang mở');
    await expectLocator(overview.locator('[data-testid=overview-counts]')).toHaveText(
      `${units} đơn vị · 0 đã chốt · 1 đang chấm · ${units - 1} chưa bắt đầu`,
    );
    // Confirmed: every unit's window shuts.
    await closeNow.click();
    await confirm.getByRole('button', { name: 'Đóng tự chấm điểm ngay' }).click();
    await expectLocator(window.locator('[data-testid=window-notice]')).toContainText('Đã đóng tự chấm điểm lúc');
    await expectLocator(window.locator('[data-testid=period-deadline] .badge')).toHaveText('đã đóng');
    await overview.locator('select[name=window]').selectOption('open');
    await expectLocator(overview.locator('[data-testid=unit-row]')).toHaveCount(0);

    // Thanh Oai gets three more days, with the reason.
    await overview.locator('select[name=window]').selectOption('');
    await overview.locator('input[name=search]').fill('Thanh Oai');
    const row = overview.locator('[data-testid=unit-row][data-unit=THANHOAI]');
    await expectLocator(overview.locator('[data-testid=unit-row]')).toHaveCount(1);
    await row.locator('[data-testid=extend]').click();
    const form = overview.locator('[data-testid=extension-form]');
    // The date is typed as a Vietnamese reader writes it (dd/mm/yyyy, 24-hour time), not in the browser's own form.
    const day = (date: Date) =>
      [date.getDate(), date.getMonth() + 1].map((n) => String(n).padStart(2, '0')).join('/') + `/${date.getFullYear()}`;
    const proposed = new Date(Date.now() + 3 * 86_400_000);
    await expectLocator(form.locator('input[name=until-day]')).toHaveValue(day(proposed));
    await expectLocator(form.locator('input[name=until-day]')).toHaveAttribute('placeholder', 'dd/mm/yyyy');
    await expectLocator(form.locator('input[name=until-time]')).toHaveValue(/^\d\d:\d\d$/);
    const until = new Date(Date.now() + 4 * 86_400_000);
    await form.locator('input[name=until-day]').fill('31/02/2030');
    await expectLocator(form.locator('.date-input [role=alert]')).toHaveText(
      'Ngày không hợp lệ: nhập theo dạng ngày/tháng/năm, ví dụ 05/10/2023.',
    );
    await form.locator('input[name=until-day]').fill(day(until));
    await form.locator('input[name=until-time]').fill('16h30');
    await form.locator('input[name=until-time]').blur();
    await expectLocator(form.locator('input[name=until-time]')).toHaveValue('16:30');
    // No reason: the portal's message in Vietnamese under the field, not the browser's bubble; nothing is saved.
    await form.locator('button[type=submit]').click();
    await expectLocator(await fieldMessage(form.locator('input[name=reason]'))).toHaveText('Hãy điền mục này.');
    await expectLocator(form.locator('input[name=reason]')).toBeFocused();
    await expectLocator(row.locator('[data-testid=unit-deadline] .badge')).toHaveText('hết hạn');
    await form.locator('input[name=reason]').fill('Mất điện diện rộng ngày cuối hạn');
    await form.locator('button[type=submit]').click();
    await expectLocator(overview.locator('[data-testid=overview-notice]')).toContainText(
      `Đã gia hạn cho UBND huyện Thanh Oai đến 16:30 ${day(until)}`,
    );
    await expectLocator(row.locator('[data-testid=unit-deadline] .badge')).toHaveText('gia hạn');
    await overview.locator('input[name=search]').fill('');
    await overview.locator('select[name=window]').selectOption('open');
    await expectLocator(overview.locator('[data-testid=unit-row]')).toHaveCount(1);
    await expectLocator(overview.locator('[data-testid=unit-row]')).toHaveAttribute('data-unit', 'THANHOAI');
    await shot(page, '2-extended');

    // A reminder reaches Thanh Oai; clicking the notification opens its sheet.
    await overview.locator('[data-testid=unit-row][data-unit=THANHOAI] [data-testid=remind]').click();
    await expectLocator(overview.locator('[data-testid=overview-notice]')).toHaveText('Đã gửi nhắc nhở tới 1 đơn vị.');
    const unit = await signedInPage(app.browser, app.t.url, 'thanhoai');
    await expectLocator(unit.locator('[data-testid=notification-count]')).toHaveText('1');
    await unit.click('[data-testid=notification-bell]');
    await unit.locator('dialog.notifications li button', { hasText: 'Sắp hết hạn tự chấm điểm' }).click();
    await expectLocator(unit.locator('[data-testid=score-sheet]')).toHaveCount(1);
    await expectLocator(unit.locator('.summary strong')).toHaveText('UBND huyện Thanh Oai');
    await unit.context().close();

    // Round 1 waits for Thanh Oai, and says so.
    await window.locator('[data-testid=to-appraisal]').click();
    const open = page.locator('[data-testid=step-openRound1]');
    await open.click();
    await confirm.getByRole('button', { name: 'Mở thẩm định lần 1' }).click();
    await expectLocator(page.locator('[data-testid=cycle-panel] [role=alert]')).toContainText('UBND huyện Thanh Oai');
    await expectLocator(page.locator('[data-testid=period-status]')).toHaveText('Tự chấm điểm');

    // Thanh Oai submits within its extension; round 1 opens.
    const periodId = Number(new URL(page.url()).pathname.split('/').at(-1));
    await submittedSheet(app.t, periodId, 'THANHOAI', {});
    await open.click();
    await confirm.getByRole('button', { name: 'Mở thẩm định lần 1' }).click();
    await expectLocator(page.locator('[data-testid=period-status]')).toHaveText('Thẩm định lần 1');
    await expectLocator(open).toBeDisabled();
    await shot(page, '3-round-1');
  });
});
