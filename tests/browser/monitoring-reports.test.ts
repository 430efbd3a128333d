import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, confirmDialog, expectLocator, fieldMessage, signedInPage, useBrowserApp } from '../support/browser.ts';
import { sontayCommunes } from '../../server/seed/data/monitoring-2023.ts';
import * as files from '../support/files.ts';

/** The server (with the built portal) and a browser for these tests: started before them, closed after. */
const app = useBrowserApp();
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(os.tmpdir(), `par-reports-${name}.png`), fullPage: true });

/** What the database holds of a unit's 2023 report of a period. */
async function storedReport(unit: string, kind: string) {
  const [row] = await app.t.orm.em.getConnection().execute<{ id: number; status: string; values: Record<string, unknown> }[]>(
    `select r.id, r.status, r.values from periodic_report r join report_period p on p.id = r.period_id join unit u on u.id = r.unit_id
      where u.code = ? and p.kind = ? and p.year = 2023`,
    [unit, kind],
  );
  return row ?? null;
}

/** The unit's quarter III 2023 report form, reached from the plan page and chosen in the period list. */
async function openQ3(page: Page) {
  await page.click('nav[aria-label=menu] >> text=Theo dõi CCHC');
  await page.click('main >> text=Báo cáo CCHC');
  await page.locator('select[name=period]').selectOption({ label: 'Quý III' });
  await expectLocator(page.locator('[data-testid=report-head] h2')).toHaveText('Báo cáo quý III năm 2023');
  return page.locator('[data-testid=report-form]');
}

const NUMBERS = {
  dossiersReceived: '12450',
  dossiersOnline: '9120',
  dossiersOnTime: '12310',
  staffTrained: '86',
  fullyOnlineServices: '112',
};

// A whole user journey per test: generous time for shared, busy CI cores.
describe.runIf(browserAvailable)('periodic reports and inspections in a browser', { timeout: 180_000 }, () => {
  it('sontay fills quarter III (autosaved), the lead settles a clash and submits it, the secretariat sees it on time and returns Thanh Oai’s', async () => {
    // The demo year is past: the secretariat gives quarter III a later deadline, so a submission today is on time.
    const secretariatToken = await app.t.login('secretariat');
    const moved = await app.t.gql(
      'mutation { setReportPeriod(input: { year: 2023, kind: Q3, deadline: "2099-09-15" }) { deadline } }',
      {},
      { token: secretariatToken },
    );
    expect(moved.data?.setReportPeriod.deadline).toBe('2099-09-15');

    // The lead opens the draft first: the page holds the report's version as it was then.
    const lead = await signedInPage(app.browser, app.t.url, 'sontay.lead');
    await lead.setViewportSize({ width: 1366, height: 768 });
    const leadForm = await openQ3(lead);
    await expectLocator(lead.locator('[data-testid=report-status]')).toHaveText('Đang soạn');

    const staff = await signedInPage(app.browser, app.t.url, 'sontay');
    await staff.setViewportSize({ width: 1366, height: 768 });
    const form = await openQ3(staff);
    // The template by area, with what the draft already holds; staff cannot submit.
    await expectLocator(form.locator('fieldset[data-area="3"] legend')).toHaveText('Lĩnh vực 3. Cải cách thủ tục hành chính');
    await expectLocator(form.locator('[name="values.inspectionsHeld"]')).toHaveValue(/^\d+$/);
    await expectLocator(staff.locator('[data-testid=submit-report]')).toHaveCount(0);
    await expectLocator(form).toContainText('Lãnh đạo đơn vị gửi báo cáo');

    // A negative figure is refused by the form, next to the field, and never sent.
    const received = form.locator('[name="values.dossiersReceived"]');
    await received.fill('-5');
    await expectLocator(await fieldMessage(received)).toHaveText('Giá trị không được nhỏ hơn 0.');
    await expectLocator(staff.locator('[data-testid=autosave-status]')).toContainText('Có ô chưa hợp lệ');
    expect((await storedReport('SONTAY', 'Q3'))!.values).not.toHaveProperty('dossiersReceived');

    // The figures are saved as they are typed.
    for (const [key, value] of Object.entries(NUMBERS)) await form.locator(`[name="values.${key}"]`).fill(value);
    await expectLocator(staff.locator('[data-testid=autosave-status]')).toHaveText(/^Đã lưu lúc \d{2}:\d{2}$/);
    await expect
      .poll(async () => (await storedReport('SONTAY', 'Q3'))!.values)
      .toMatchObject({ dossiersReceived: 12450, fullyOnlineServices: 112 });
    await shot(staff, 'staff-saved');

    // The lead types on the version read before: a clash, said plainly; the staff's figures appear, the lead's text is kept.
    const finance = leadForm.locator('[name="values.finance"]');
    await finance.fill('Thực hiện tự chủ tài chính tại 100% đơn vị sự nghiệp.');
    const leadStatus = lead.locator('[data-testid=autosave-status]');
    await expectLocator(leadStatus).toContainText('vừa được sửa ở nơi khác');
    await expectLocator(leadForm.locator('[name="values.dossiersReceived"]')).toHaveValue('12450');
    await expectLocator(finance).toHaveValue('Thực hiện tự chủ tài chính tại 100% đơn vị sự nghiệp.');
    await shot(lead, 'lead-conflict');
    await lead.click('[data-testid=keep-mine]');
    await expectLocator(leadStatus).toHaveText(/^Đã lưu lúc/);

    // The lead submits, through the portal's confirmation.
    await lead.click('[data-testid=submit-report]');
    await confirmDialog(lead).getByRole('button', { name: 'Gửi báo cáo' }).click();
    await expectLocator(lead.locator('[data-testid=report-status]')).toHaveText('Đã gửi đúng hạn');
    await expectLocator(lead.locator('[data-testid=report-submitted]')).toContainText('Lãnh đạo UBND thị xã Sơn Tây');
    await expectLocator(leadForm.locator('[data-field=finance]')).toHaveText('Thực hiện tự chủ tài chính tại 100% đơn vị sự nghiệp.');
    expect((await storedReport('SONTAY', 'Q3'))!.status).toBe('SUBMITTED');
    await shot(lead, 'lead-submitted');

    // The secretariat: Sơn Tây's quarter III on time; Thanh Oai's opened from its cell and returned with a comment.
    const secretariat = await signedInPage(app.browser, app.t.url, 'secretariat');
    await secretariat.setViewportSize({ width: 1366, height: 768 });
    await secretariat.click('main >> text=Tổng quan theo dõi CCHC');
    // The columns follow the deadlines: quarter III, moved to 2099, comes last.
    const matrix = secretariat.locator('[data-testid=report-matrix]');
    await expectLocator(matrix.locator('thead th').nth(4)).toContainText('Quý III');
    const cell = (unit: string) => matrix.locator(`tr[data-unit=${unit}] td .badge`).nth(3);
    await expectLocator(cell('SONTAY')).toHaveAttribute('data-state', 'ON_TIME');
    await expectLocator(cell('SONTAY')).toHaveText('Đúng hạn');
    await cell('THANHOAI').click();
    await expectLocator(secretariat.locator('h1')).toHaveText('Báo cáo quý III năm 2023: UBND huyện Thanh Oai');
    await expectLocator(secretariat.locator('[data-testid=report-status]')).toHaveText('Đã gửi đúng hạn');
    await secretariat.click('[data-testid=return-report]');
    const dialog = secretariat.getByRole('dialog', { name: 'Trả lại báo cáo để bổ sung, chỉnh sửa' });
    // A comment is required, said by the form.
    await dialog.getByRole('button', { name: 'Trả lại báo cáo' }).click();
    await expectLocator(await fieldMessage(dialog.locator('textarea[name=comment]'))).toHaveText('Hãy điền mục này.');
    await dialog.locator('textarea[name=comment]').fill('Đề nghị bổ sung số hồ sơ giải quyết trực tuyến.');
    await dialog.getByRole('button', { name: 'Trả lại báo cáo' }).click();
    await expectLocator(secretariat.locator('[data-testid=decision-notice]')).toHaveText('Đã trả lại báo cáo cho đơn vị.');
    await expectLocator(secretariat.locator('[data-testid=report-status]')).toHaveText('Bị trả lại');
    await expectLocator(secretariat.locator('[data-testid=return-comment]')).toContainText(
      'Đề nghị bổ sung số hồ sơ giải quyết trực tuyến.',
    );
    await expectLocator(secretariat.locator('[data-testid=return-report]')).toHaveCount(0);
    await shot(secretariat, 'secretariat-returned');
    await secretariat.click('text=Tổng quan toàn thành phố');
    await expectLocator(cell('THANHOAI')).toHaveAttribute('data-state', 'RETURNED');
    expect((await storedReport('THANHOAI', 'Q3'))!.status).toBe('RETURNED');

    // Thanh Oai finds the comment on its form, which it may edit again.
    const thanhoai = await signedInPage(app.browser, app.t.url, 'thanhoai');
    const returned = await openQ3(thanhoai);
    await expectLocator(thanhoai.locator('[data-testid=report-status]')).toHaveText('Bị trả lại');
    await expectLocator(thanhoai.locator('[data-testid=return-comment]')).toContainText('Đề nghị bổ sung số hồ sơ giải quyết trực tuyến.');
    await expectLocator(returned.locator('[name="values.dossiersOnline"]')).toBeEnabled();
    for (const page of [lead, staff, secretariat, thanhoai]) await page.context().close();
  });

  it('sontay records an inspection with its conclusion document, sees the shares follow, and deletes it', async () => {
    const page = await signedInPage(app.browser, app.t.url, 'sontay');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.click('main >> text=Kiểm tra CCHC');
    const rows = page.locator('[data-testid=inspections] tbody tr');
    await expectLocator(rows).toHaveCount(11);
    await expectLocator(page.locator('[data-testid=inspected-share]')).toHaveText('Đã kiểm tra 11/15 cơ quan, đơn vị theo kế hoạch (73 %)');
    const handledBefore = (await page.locator('[data-testid=handled-share]').innerText()).match(/(\d+)\/(\d+)/)!;

    // A commune the plan covers and no inspection has reached yet.
    const commune = sontayCommunes[11]!;
    await page.click('[data-testid=add-inspection]');
    const dialog = page.getByRole('dialog', { name: 'Thêm cuộc kiểm tra' });
    const form = dialog.locator('[data-testid=inspection-form]');
    await form.locator('input[name=target]').fill(commune);
    await form.locator('input[name=inspectedOn]').fill('20/11/2023');
    await form.locator('input[name=conclusionNumber]').fill('215/TB-UBND');
    await form.locator('input[name=shortcomingsFound]').fill('3');
    // More handled than found is refused by the form.
    await form.locator('input[name=shortcomingsHandled]').fill('4');
    await form.locator('button[type=submit]').click();
    await expectLocator(await fieldMessage(form.locator('input[name=shortcomingsHandled]'))).toHaveText('Giá trị không được lớn hơn 3.');
    await form.locator('input[name=shortcomingsHandled]').fill('2');
    await form.locator('button[type=submit]').click();

    // Saved: the dialog stays open on the new inspection, for its conclusion document.
    const edit = page.getByRole('dialog', { name: 'Sửa cuộc kiểm tra' });
    await expectLocator(page.locator('[data-testid=inspection-notice]')).toHaveText('Đã lưu cuộc kiểm tra.');
    const upload = edit.locator('[data-testid=document-upload]');
    await upload.locator('input[type=file]').setInputFiles({
      name: 'Kết luận kiểm tra.pdf',
      mimeType: 'application/pdf',
      buffer: files.pdf('Ket luan kiem tra'),
    });
    await upload.locator('button[type=submit]').click();
    await expectLocator(edit.locator('[data-testid=conclusion-file] a')).toHaveText('Kết luận kiểm tra.pdf');
    await shot(page, 'inspection-dialog');
    await edit.getByRole('button', { name: 'Đóng' }).click();

    await expectLocator(rows).toHaveCount(12);
    const row = rows.filter({ has: page.locator('th', { hasText: commune }) });
    await expectLocator(row.locator('td')).toHaveText(['20/11/2023', '3', '2', /^215\/TB-UBND\s*Kết luận kiểm tra\.pdf$/, /^Sửa\s*Xóa$/]);
    const href = await row.locator('[data-testid=conclusion] a').getAttribute('href');
    expect(await page.evaluate(async (url) => (await fetch(url!)).status, href)).toBe(200);
    // One more commune of the plan inspected; its shortcomings add up.
    await expectLocator(page.locator('[data-testid=inspected-share]')).toHaveText('Đã kiểm tra 12/15 cơ quan, đơn vị theo kế hoạch (80 %)');
    const [found, handled] = [Number(handledBefore[2]) + 3, Number(handledBefore[1]) + 2];
    await expectLocator(page.locator('[data-testid=handled-share]')).toContainText(`${handled}/${found}`);
    await shot(page, 'inspections');

    // Deleting asks first, in the portal's own dialog; Cancel keeps it.
    await row.getByRole('button', { name: 'Xóa' }).click();
    await expectLocator(confirmDialog(page).locator('p')).toContainText(commune);
    await confirmDialog(page).getByRole('button', { name: 'Hủy' }).click();
    await expectLocator(rows).toHaveCount(12);
    await row.getByRole('button', { name: 'Xóa' }).click();
    await confirmDialog(page).getByRole('button', { name: 'Xóa' }).click();
    await expectLocator(page.locator('[data-testid=inspection-notice]')).toHaveText('Đã xóa cuộc kiểm tra.');
    await expectLocator(rows).toHaveCount(11);
    await page.context().close();
  });

  it('fits a phone (390×844): the report form and the inspections, in English too', async () => {
    const page = await signedInPage(app.browser, app.t.url, 'sontay');
    await page.setViewportSize({ width: 390, height: 844 });
    // The year's report, not started yet: its fields are inputs.
    await page.goto('/monitoring/reports');
    await page.locator('select[name=period]').selectOption({ label: 'Năm' });
    await expectLocator(page.locator('[data-testid=report-status]')).toHaveText('Chưa bắt đầu');
    await expectLocator(page.locator('[name="values.impact"]')).toBeVisible();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await shot(page, 'phone-report');

    await page.goto('/monitoring/inspections');
    await expectLocator(page.locator('[data-testid=inspections] tbody tr')).toHaveCount(11);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await shot(page, 'phone-inspections');

    await page.click('.locale-switch >> text=EN');
    await expectLocator(page.locator('h1')).toHaveText('PAR inspections 2023');
    await expectLocator(page.locator('[data-testid=inspected-share]')).toContainText('Inspected 11 of 15 planned');
    await page.goto('/monitoring/reports');
    await expectLocator(page.locator('h1')).toHaveText('Periodic PAR reports 2023');
    await page.context().close();
  });
});
