import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'vitest';
import { browserAvailable, expectLocator, fieldMessage, signedInPage, useBrowserApp } from '../support/browser.ts';

/** The server (with the built portal) and a browser for these tests: started before them, closed after. */
const app = useBrowserApp();

// The demo's 2022 district results (deterministic seed: every score is a hash of unit, criterion and year).
/** Rank, unit, index, group, change on 2021, and the areas in which the unit came first. */
const DISTRICT_2022_FIRST = ['1', 'UBND huyện Thường Tín', '98,03', 'A', '+0,04', '4'];
const DISTRICT_2022_SUMMARY = '30 đơn vị Chỉ số bình quân: 93,26% Cao nhất / Thấp nhất 98,03% / 83,01% Nhóm A: 23Nhóm B: 7';
const CALIBRATION_SUMMARY =
  'Chênh lệch giữa điểm tự chấm và điểm thẩm định cuối cùng: 161/234 mục bị hạ điểm, tổng chênh lệch -67,73 điểm.';
/** The dashboard shows the first page of the units most lowered by the appraisers. */
const CALIBRATION_PAGE = 15;

describe.runIf(browserAvailable)('results dashboard in a browser', () => {
  it('shows the analyst the published ranking with its chart, a unit’s component indices and year-over-year, and calibration', async () => {
    const page = await signedInPage(app.browser, app.t.url, 'analyst');
    await page.click('nav[aria-label=menu] >> text=Kết quả, xếp hạng');
    const table = page.locator('[data-testid=ranking-table]');
    // The 2023 period is still being scored: analysts see only the published 2022 and 2021 results.
    await expectLocator(page.locator('[data-testid=results-period] option')).toHaveText([
      'Đánh giá, xác định Chỉ số CCHC năm 2022',
      'Đánh giá, xác định Chỉ số CCHC năm 2021',
    ]);
    await expectLocator(page.locator('[data-testid=results-publication]')).toContainText('Đã công bố');

    await page.click('[role=tablist] >> text=Khối quận, huyện, thị xã');
    await expectLocator(table.locator('tbody tr')).toHaveCount(30);
    await expectLocator(table.locator('tbody tr').first().locator('td')).toHaveText(DISTRICT_2022_FIRST);
    await expectLocator(page.locator('[data-testid=ranking-chart] canvas')).toHaveCount(1);
    await expectLocator(page.locator('[data-testid=ranking-summary]')).toHaveText(DISTRICT_2022_SUMMARY);

    await page.click('tr[data-unit=SONTAY]');
    await expectLocator(page.locator('[data-testid=unit-radar] canvas')).toHaveCount(1);
    await expectLocator(page.locator('[data-testid=unit-result] h2')).toHaveText('UBND thị xã Sơn Tây');
    await expectLocator(page.locator('[data-testid=area-table] tbody tr')).toHaveCount(8);
    const comparison = page.locator('[data-testid=criteria-comparison]');
    await expectLocator(page.locator('[data-testid=yoy-title]')).toHaveText('So sánh với năm 2021');
    await expectLocator(comparison).toContainText('Cải cách thủ tục hành chính');

    await page.click('[data-testid=tab-calibration]');
    await expectLocator(page.locator('[data-testid=calibration-summary]')).toHaveText(CALIBRATION_SUMMARY);
    await expectLocator(page.locator('[data-testid=calibration-units] tbody tr')).toHaveCount(CALIBRATION_PAGE);
    await page.screenshot({ path: path.join(os.tmpdir(), 'par-results-analyst.png'), fullPage: true });
  });

  it('lands sontay on Sơn Tây’s own result, shows every district’s index and rank, and nobody else’s details or calibration', async () => {
    const page = await signedInPage(app.browser, app.t.url, 'sontay');
    await page.goto('/results');
    const headline = page.locator('[data-testid=unit-result]');
    await expectLocator(headline.locator('h2')).toHaveText('UBND thị xã Sơn Tây');
    await expectLocator(headline).toContainText('95,63% Hạng 12/30 Nhóm A (từ 90% trở lên)');
    await expectLocator(page.locator('[data-testid=unit-radar] canvas')).toHaveCount(1);
    // The tabs are on screen; the calibration one is not among them.
    await expectLocator(page.locator('[data-testid=tab-ranking]')).toHaveCount(1);
    await expectLocator(page.locator('[data-testid=tab-calibration]')).toHaveCount(0);
    await page.screenshot({ path: path.join(os.tmpdir(), 'par-results-sontay.png'), fullPage: true });

    await page.click('[data-testid=tab-ranking]');
    await expectLocator(page.locator('[data-testid=ranking-table] tbody tr')).toHaveCount(30);
    await expectLocator(page.locator('tr.own')).toHaveAttribute('data-unit', 'SONTAY');

    await page.click('tr[data-unit=THANHOAI]');
    await expectLocator(page.locator('[data-testid=unit-result] h2')).toHaveText('UBND huyện Thanh Oai');
    await expectLocator(page.locator('[data-testid=details-hidden]')).toHaveCount(1);
    await expectLocator(page.locator('[data-testid=unit-radar]')).toHaveCount(0);
  });

  it('lets the secretariat preview a survey file with its row errors, import it, see what can be published, and withdraw a publication with its reason', async () => {
    const page = await signedInPage(app.browser, app.t.url, 'secretariat');
    await page.goto('/results');
    // The secretariat also sees the period still being scored, which cannot be published: it is not finalised.
    await expectLocator(page.locator('[data-testid=results-period] option')).toHaveText([
      'Đánh giá, xác định Chỉ số CCHC năm 2023',
      'Đánh giá, xác định Chỉ số CCHC năm 2022',
      'Đánh giá, xác định Chỉ số CCHC năm 2021',
    ]);
    await expectLocator(page.locator('[data-testid=publish-results]')).toBeDisabled();
    await page.click('[data-testid=tab-survey]');
    const upload = (csv: string) =>
      page.setInputFiles('[data-testid=survey-file]', { name: 'xhh.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });

    await upload('Mã đơn vị,Mã tiêu chí,Điểm\nSONTAY,8.4.1,1.5\nSONTAY,8.4.2,9\nKHONGCO,8.4.1,1\n');
    await expectLocator(page.locator('[data-testid=survey-preview-summary]')).toContainText('3 dòng: 1 hợp lệ, 2 có lỗi');
    await expectLocator(page.locator('[data-testid=survey-preview]')).toContainText('vượt quá điểm tối đa');
    await expectLocator(page.locator('[data-testid=survey-commit]')).toBeDisabled();

    await upload('Mã đơn vị,Mã tiêu chí,Điểm\nSONTAY,8.4.1,1.5\nSONTAY,8.4.2,1,75\n'.replace('1,75', '"1,75"'));
    await expectLocator(page.locator('[data-testid=survey-preview-summary]')).toContainText('2 dòng: 2 hợp lệ');
    await page.click('[data-testid=survey-commit]');
    await expectLocator(page.locator('[data-testid=survey-done]')).toContainText('Đã nhập 2 dòng');

    // The published 2022 results can be withdrawn.
    await page.selectOption('[data-testid=results-period]', { label: 'Đánh giá, xác định Chỉ số CCHC năm 2022' });
    const withdraw = page.locator('[data-testid=withdraw-results]');
    await expectLocator(withdraw).toBeEnabled();
    // Withdrawing asks for its reason in the portal's own dialog, not the browser's English prompt: the field has the
    // focus, a missing or blank reason is refused in Vietnamese, Esc gives up (the focus back on the button), Enter sends.
    await withdraw.click();
    const dialog = page.getByRole('dialog', { name: 'Thu hồi công bố' });
    const reason = dialog.getByLabel('Lý do thu hồi công bố (bắt buộc)');
    await expectLocator(reason).toBeFocused();
    await page.keyboard.press('Enter');
    await expectLocator(await fieldMessage(reason)).toHaveText('Hãy điền mục này.');
    await page.keyboard.type('   ');
    await page.keyboard.press('Enter');
    await expectLocator(await fieldMessage(reason)).toHaveText('Hãy điền mục này.');
    await page.keyboard.press('Escape');
    await expectLocator(dialog).toHaveCount(0);
    await expectLocator(withdraw).toBeFocused();
    await expectLocator(page.locator('[data-testid=results-publication]')).toContainText('Đã công bố');
    await withdraw.click();
    await expectLocator(reason).toHaveValue('');
    await page.keyboard.type('Số liệu điều tra xã hội học cần rà soát lại.');
    await page.keyboard.press('Enter');
    await expectLocator(dialog).toHaveCount(0);
    await expectLocator(page.locator('[data-testid=results-publication]')).toContainText('Chưa công bố');
    await expectLocator(page.locator('[data-testid=publish-results]')).toBeEnabled();
  });
});
