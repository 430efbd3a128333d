import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, signedInPage, useBrowserApp } from '../support/browser.ts';
import * as files from '../support/files.ts';

/** The server (with the built portal) and a browser for these tests: started before them, closed after. */
const app = useBrowserApp();
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(os.tmpdir(), `par-monitoring-${name}.png`), fullPage: true });

async function openPlan(page: Page) {
  await page.click('nav[aria-label=menu] >> text=Theo dõi CCHC');
  await page.locator('[data-testid=plan-head]').waitFor();
}

// A whole user journey per test: generous time for shared, busy CI cores.
describe.runIf(browserAvailable)('the unit’s plan page in a browser', { timeout: 120_000 }, () => {
  it('lets sontay find its overdue task and mark it done on time (1366×768)', async () => {
    const page = await signedInPage(app.browser, app.t.url, 'sontay');
    await page.setViewportSize({ width: 1366, height: 768 });
    await openPlan(page);
    const head = page.locator('[data-testid=plan-head]');
    expect(await head.textContent()).toContain('243/KH-UBND');
    expect(await head.locator('.badge').textContent()).toBe('Đúng hạn');
    const stats = page.locator('[data-testid=plan-stats]');
    expect(await stats.textContent()).toBe('14/16 nhiệm vụ hoàn thành đúng hạn · 1 quá hạn');
    const rows = page.locator('[data-testid=plan-tasks] tbody tr');
    await expect.poll(() => rows.count()).toBe(16);

    await page.check('input[name=overdue]');
    await expect.poll(() => rows.count()).toBe(1);
    const row = rows.first();
    expect(await row.locator('[data-testid=task-status]').textContent()).toBe('Quá hạn');
    const [day, month, year] = (await row.locator('td').nth(3).textContent())!.trim().split('/');
    await shot(page, 'sontay-overdue');

    await row.locator('button', { hasText: 'Cập nhật' }).click();
    const form = row.locator('[data-testid=progress-form]');
    await form.locator('select[name=status]').selectOption('DONE');
    // A date in the future is refused with the server's message, and nothing changes.
    await form.locator('input[name=completedOn]').fill('2099-01-01');
    await form.locator('button[type=submit]').click();
    await form.locator('[data-testid=progress-error]', { hasText: 'ở tương lai' }).waitFor();
    await form.locator('input[name=completedOn]').fill(`${year}-${month}-${day}`);
    await form.locator('button[type=submit]').click();

    // Done on time: no longer overdue, and the plan's figures follow.
    await page.locator('text=Không có nhiệm vụ nào phù hợp.').waitFor();
    await stats.locator('text=15/16 nhiệm vụ hoàn thành đúng hạn · 0 quá hạn').waitFor();
    await page.uncheck('input[name=overdue]');
    await page.selectOption('select[name=status]', 'DONE');
    await expect.poll(() => rows.count()).toBe(16);
    await shot(page, 'sontay-done');
  });

  it('fits a phone (390×844): Thanh Oai filters its plan by area, in English too', async () => {
    const page = await signedInPage(app.browser, app.t.url, 'thanhoai');
    await page.setViewportSize({ width: 390, height: 844 });
    await openPlan(page);
    await page.selectOption('[data-testid=task-filters] select[name=area]', '3');
    const rows = page.locator('[data-testid=plan-tasks] tbody tr');
    await rows.first().waitFor();
    await expect.poll(async () => (await rows.allTextContents()).every((text) => text.includes('Lĩnh vực 3'))).toBe(true);
    // Nothing wider than the screen but the table's own scroll box.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await shot(page, 'thanhoai-phone');

    // The same page in English.
    await page.click('.locale-switch >> text=EN');
    await page.locator('[data-testid=plan-stats]', { hasText: 'tasks done on time' }).waitFor();
    await page.locator('[data-testid=task-filters] label', { hasText: 'Overdue only' }).waitFor();
    await shot(page, 'thanhoai-phone-en');
  });

  it('lets sontay upload a task’s output document and see its name, then download it', async () => {
    const page = await signedInPage(app.browser, app.t.url, 'sontay');
    await page.setViewportSize({ width: 1366, height: 768 });
    await openPlan(page);
    const row = page.locator('[data-testid=plan-tasks] tbody tr').first();
    await row.locator('button', { hasText: 'Cập nhật' }).click();
    const upload = row.locator('[data-testid=document-upload]');
    // The portal's own chooser, in Vietnamese (the browser's file input stays hidden).
    await expect.poll(() => upload.locator('[data-testid=dropzone]').textContent()).toContain('chọn tệp');
    await upload.locator('input[type=file]').setInputFiles({
      name: 'Báo cáo kết quả nhiệm vụ.pdf',
      mimeType: 'application/pdf',
      buffer: files.pdf('Bao cao ket qua nhiem vu'),
    });
    await upload.locator('input[name=documentNumber]').fill('15/BC-UBND');
    await upload.locator('button[type=submit]').click();
    await upload.locator('text=Đã tải lên Báo cáo kết quả nhiệm vụ.pdf.').waitFor();
    const stored = row.locator('[data-testid=task-output-file]');
    await stored.locator('a', { hasText: 'Báo cáo kết quả nhiệm vụ.pdf' }).waitFor();
    expect(await stored.textContent()).toContain('15/BC-UBND');
    const href = await stored.locator('a').getAttribute('href');
    expect(await page.evaluate(async (url) => (await fetch(url!)).status, href)).toBe(200);
    await shot(page, 'sontay-output');

    // A program named .pdf is refused with the shared message, in Vietnamese.
    await upload.locator('input[type=file]').setInputFiles({ name: 'gia.pdf', mimeType: 'application/pdf', buffer: files.exe() });
    await upload.locator('button[type=submit]').click();
    await upload.locator('[role=alert]', { hasText: 'Loại tệp' }).waitFor();
  });

  it('lets sontay adopt the 1.1.2 suggestion on its 2023 score sheet: the plan and report documents become its evidence', async () => {
    const page = await signedInPage(app.browser, app.t.url, 'sontay');
    await page.setViewportSize({ width: 1366, height: 768 });
    // The issued plan's file, on the plan page (the task output 15/BC-UBND was uploaded above).
    await openPlan(page);
    const planFile = page.locator('[data-testid=plan-file]');
    await planFile.locator('button', { hasText: 'Tải lên' }).click();
    const upload = page.locator('[data-testid=plan-head] [data-testid=document-upload]');
    await upload.locator('input[type=file]').setInputFiles({
      name: 'Kế hoạch CCHC năm 2023 (đã ký).pdf',
      mimeType: 'application/pdf',
      buffer: files.pdf('Ke hoach CCHC nam 2023 thi xa Son Tay'),
    });
    await upload.locator('button[type=submit]').click();
    await planFile.locator('a', { hasText: 'Kế hoạch CCHC năm 2023 (đã ký).pdf' }).waitFor();

    // The score sheet shows the suggestion beside the input, with the facts behind it as the API states them.
    await page.click('nav[aria-label=menu] >> text=Tự chấm điểm');
    await page.locator('[data-testid=score-sheet]').waitFor();
    await page.locator('li[data-code="1.1"] .toggle').click();
    const leaf = page.locator('li[data-code="1.1.2"]');
    const panel = leaf.locator('[data-testid=monitoring-suggestion]');
    await panel.waitFor();
    const api = await app.t.gql(`query { periods(year: 2023) { id } units { id code } }`, {}, { token: await app.t.login('sontay') });
    const sontay = api.data.units.find((unit: { code: string }) => unit.code === 'SONTAY').id;
    const suggestions = await app.t.gql(
      'query($p: Int!, $u: Int!) { scoreSheet(periodId: $p, unitId: $u) { monitoringSuggestions { criterionCode suggestedPoints facts } } }',
      { p: api.data.periods.at(-1).id, u: sontay },
      { token: await app.t.login('sontay') },
    );
    const expected = suggestions.data.scoreSheet.monitoringSuggestions.find(
      (row: { criterionCode: string }) => row.criterionCode === '1.1.2',
    );
    expect(expected.facts).toMatch(/^\d+\/16 nhiệm vụ hoàn thành đúng hạn/);
    expect(await panel.locator('[data-testid=suggestion-facts]').textContent()).toBe(expected.facts);
    expect(await panel.locator('[data-testid=suggested-points]').textContent()).toBe(`${Number(expected.suggestedPoints)} điểm`);
    const linked = leaf.locator('[data-testid=linked-evidence]');
    await expect.poll(() => linked.count()).toBe(2); // the demo's plan and year report
    await shot(page, 'sontay-suggestion');

    await panel.locator('[data-testid=adopt-suggestion]').click();
    await panel.locator('[role=status]', { hasText: 'Đã áp dụng gợi ý' }).waitFor();
    // The plan's own file and the task's report now support 1.1.2, beside what was there.
    await linked.filter({ hasText: 'Kế hoạch CCHC năm 2023 (đã ký).pdf' }).waitFor();
    await linked.filter({ hasText: '15/BC-UBND' }).waitFor();
    expect(await linked.count()).toBe(4);
    expect(await leaf.locator('input[name=points]').inputValue()).toBe(String(Number(expected.suggestedPoints)).replace('.', ','));
    await shot(page, 'sontay-adopted');
  });

  it('shows the secretariat every unit’s plan, read-only', async () => {
    const page = await signedInPage(app.browser, app.t.url, 'secretariat');
    await page.setViewportSize({ width: 1366, height: 768 });
    await openPlan(page);
    await page.selectOption('select[name=unit]', { label: 'UBND thị xã Sơn Tây' });
    await page.locator('[data-testid=plan-head] h2', { hasText: 'UBND thị xã Sơn Tây' }).waitFor();
    expect(await page.locator('[data-testid=plan-tasks] button', { hasText: 'Cập nhật' }).count()).toBe(0);
  });
});
