import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.ts';
import { browserAvailable, launchBrowser, signedInPage } from '../support/browser.ts';

let t: TestApp;
let browser: Browser;

describe.runIf(browserAvailable)('results dashboard in a browser', () => {
  beforeAll(async () => {
    t = await startTestApp({ portal: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the analyst the published ranking with its chart, a unit’s component indices and year-over-year, and calibration', async () => {
    const page = await signedInPage(browser, t.url, 'analyst');
    await page.click('nav[aria-label=menu] >> text=Kết quả, xếp hạng');
    const table = page.locator('[data-testid=ranking-table]');
    await table.waitFor();
    // The 2023 period is still being scored: analysts see only the published 2022 and 2021 results.
    const periods = await page.locator('[data-testid=results-period] option').allTextContents();
    expect(periods).toEqual(['Đánh giá, xác định Chỉ số CCHC năm 2022', 'Đánh giá, xác định Chỉ số CCHC năm 2021']);
    expect(await page.textContent('[data-testid=results-publication]')).toMatch(/Đã công bố/);

    await page.click('[role=tablist] >> text=Khối quận, huyện, thị xã');
    await page.locator('tr[data-unit=SONTAY]').waitFor();
    expect(await table.locator('tbody tr').count()).toBe(30);
    const first = await table.locator('tbody tr').first().locator('td').allTextContents();
    expect(first[0]).toBe('1');
    expect(first[2]).toMatch(/^\d{2}(,\d{1,2})?$/); // Vietnamese decimal comma
    expect(await page.locator('[data-testid=ranking-chart] canvas').count()).toBe(1);
    expect(await page.textContent('[data-testid=ranking-summary]')).toMatch(/30 đơn vị.*Chỉ số bình quân/s);

    await page.click('tr[data-unit=SONTAY]');
    await page.locator('[data-testid=unit-radar] canvas').waitFor();
    expect(await page.textContent('[data-testid=unit-result] h2')).toBe('UBND thị xã Sơn Tây');
    expect(await page.locator('[data-testid=area-table] tbody tr').count()).toBe(8);
    const comparison = page.locator('[data-testid=criteria-comparison]');
    await comparison.waitFor();
    expect(await page.textContent('[data-testid=yoy-title]')).toBe('So sánh với năm 2021');
    expect(await comparison.textContent()).toContain('Cải cách thủ tục hành chính');

    await page.click('[data-testid=tab-calibration]');
    await page.locator('[data-testid=calibration-criteria] tbody tr').first().waitFor();
    expect(await page.textContent('[data-testid=calibration-summary]')).toMatch(/mục bị hạ điểm/);
    expect(await page.locator('[data-testid=calibration-units] tbody tr').count()).toBeGreaterThan(3);
    await page.screenshot({ path: path.join(os.tmpdir(), 'par-results-analyst.png'), fullPage: true });
  });

  it('lands sontay on Sơn Tây’s own result, shows every district’s index and rank, and nobody else’s details or calibration', async () => {
    const page = await signedInPage(browser, t.url, 'sontay');
    await page.goto('/results');
    const headline = page.locator('[data-testid=unit-result]');
    await headline.waitFor();
    expect(await headline.locator('h2').textContent()).toBe('UBND thị xã Sơn Tây');
    expect(await headline.textContent()).toMatch(/Hạng \d+\/30/);
    await page.locator('[data-testid=unit-radar] canvas').waitFor();
    expect(await page.locator('[data-testid=tab-calibration]').count()).toBe(0);
    await page.screenshot({ path: path.join(os.tmpdir(), 'par-results-sontay.png'), fullPage: true });

    await page.click('[data-testid=tab-ranking]');
    const rows = page.locator('[data-testid=ranking-table] tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(30);
    expect(await page.getAttribute('tr.own', 'data-unit')).toBe('SONTAY');

    await page.click('tr[data-unit=THANHOAI]');
    await page.locator('[data-testid=details-hidden]').waitFor();
    expect(await page.textContent('[data-testid=unit-result] h2')).toBe('UBND huyện Thanh Oai');
    expect(await page.locator('[data-testid=unit-radar]').count()).toBe(0);
  });

  it('lets the secretariat preview a survey file with its row errors, import it, and see what can be published', async () => {
    const page = await signedInPage(browser, t.url, 'secretariat');
    await page.goto('/results');
    await page.locator('[data-testid=results-period]').waitFor();
    const options = await page.locator('[data-testid=results-period] option').allTextContents();
    expect(options[0]).toContain('2023'); // the secretariat sees the period still being scored
    expect(await page.isDisabled('[data-testid=publish-results]')).toBe(true); // not finalized yet
    await page.click('[data-testid=tab-survey]');
    const upload = (csv: string) =>
      page.setInputFiles('[data-testid=survey-file]', { name: 'xhh.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });

    await upload('Mã đơn vị,Mã tiêu chí,Điểm\nSONTAY,8.4.1,1.5\nSONTAY,8.4.2,9\nKHONGCO,8.4.1,1\n');
    await page.locator('[data-testid=survey-preview] tbody tr').first().waitFor();
    expect(await page.textContent('[data-testid=survey-preview-summary]')).toMatch(/3 dòng: 1 hợp lệ, 2 có lỗi/);
    expect(await page.textContent('[data-testid=survey-preview]')).toMatch(/vượt quá điểm tối đa/);
    expect(await page.isDisabled('[data-testid=survey-commit]')).toBe(true);

    await upload('Mã đơn vị,Mã tiêu chí,Điểm\nSONTAY,8.4.1,1.5\nSONTAY,8.4.2,1,75\n'.replace('1,75', '"1,75"'));
    await page.locator('[data-testid=survey-preview-summary]', { hasText: '2 dòng: 2 hợp lệ' }).waitFor();
    await page.click('[data-testid=survey-commit]');
    expect(await page.textContent('[data-testid=survey-done]')).toContain('Đã nhập 2 dòng');

    await page.selectOption('[data-testid=results-period]', { label: 'Đánh giá, xác định Chỉ số CCHC năm 2022' });
    await page.locator('[data-testid=withdraw-results]').waitFor();
  });
});
