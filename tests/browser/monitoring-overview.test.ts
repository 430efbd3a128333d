import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, signedInPage, useBrowserApp } from '../support/browser.ts';

/** The server (with the built portal) and a browser for these tests: started before them, closed after. */
const app = useBrowserApp();
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(os.tmpdir(), `par-overview-${name}.png`), fullPage: true });
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** A unit whose quarter I report the seed made late (the report logic's rule: counted submission after the deadline). */
async function lateUnit(): Promise<string> {
  const [row] = await app.t.orm.em.getConnection().execute<{ code: string }[]>(
    `select u.code from periodic_report r join report_period p on p.id = r.period_id join unit u on u.id = r.unit_id
      where p.year = 2023 and p.kind = 'Q1' and r.status in ('SUBMITTED', 'ACCEPTED')
        and (r.counted_submitted_at at time zone 'Asia/Ho_Chi_Minh')::date > p.deadline
      order by u.block, u.code limit 1`,
  );
  return row!.code;
}

const seriousFindings = async (page: Page) => {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const { axe, document } = globalThis as unknown as { axe: typeof import('axe-core'); document: unknown };
    const result = await axe.run(document as never, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
};

// A whole user journey per test: generous time for shared, busy CI cores.
describe.runIf(browserAvailable)('the secretariat’s monitoring overview in a browser', { timeout: 120_000 }, () => {
  it('opens from the home page, shows Sơn Tây on time and a late unit late, and filters the overdue tasks (1366×768)', async () => {
    const page = await signedInPage(app.browser, app.t.url, 'secretariat');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.click('main >> text=Tổng quan theo dõi CCHC');
    const matrix = page.locator('[data-testid=report-matrix]');
    await matrix.waitFor();
    await expect.poll(() => matrix.locator('tbody tr').count()).toBe(52);

    const sontay = matrix.locator('tr[data-unit=SONTAY] td .badge');
    expect(await sontay.evaluateAll((chips) => chips.map((chip) => chip.getAttribute('data-state')))).toEqual([
      'ON_TIME',
      'ON_TIME',
      'MISSING',
      'MISSING',
    ]);
    expect((await sontay.first().textContent())!.trim()).toBe('Đúng hạn ✓');
    const late = matrix.locator(`tr[data-unit=${await lateUnit()}] td .badge`).first();
    expect(await late.getAttribute('data-state')).toBe('LATE');
    expect((await late.textContent())!.trim()).toMatch(/^Chậm hạn/);
    expect(await page.locator('[data-testid=overview-summary]').textContent()).toMatch(/nhiệm vụ hoàn thành/);
    await page.locator('[data-testid=area-chart] canvas').waitFor();
    await page.locator('[data-testid=trend-chart] canvas').waitFor();

    // The overdue list: the whole city, then Sơn Tây's one task, then by area.
    const heading = page.locator('h2', { hasText: 'Nhiệm vụ quá hạn' });
    const items = page.locator('[data-testid=overdue-tasks] li');
    await items.first().waitFor();
    const all = Number((await heading.textContent())!.match(/\((\d+)\)/)![1]);
    expect(all).toBeGreaterThan(1);
    await page.selectOption('[data-testid=overdue-filters] select[name=unit]', { label: 'UBND thị xã Sơn Tây' });
    await heading.locator('text=(1)').waitFor();
    await expect.poll(() => items.count()).toBe(1);
    expect(await items.first().textContent()).toContain('UBND thị xã Sơn Tây');
    await page.selectOption('[data-testid=overdue-filters] select[name=unit]', { label: 'Tất cả đơn vị' });
    await page.selectOption('[data-testid=overdue-filters] select[name=area]', '3');
    await expect.poll(async () => (await items.allTextContents()).every((text) => text.includes('Lĩnh vực 3'))).toBe(true);
    const area3 = Number((await heading.textContent())!.match(/\((\d+)\)/)![1]);
    expect(area3).toBeLessThan(all);
    await shot(page, 'secretariat');
    expect(await seriousFindings(page)).toEqual([]);
  });

  it('fits a phone (390×844): the matrix scrolls inside its box, never the page; in English too', async () => {
    const page = await signedInPage(app.browser, app.t.url, 'analyst');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/monitoring/overview');
    await page.locator('[data-testid=report-matrix] tr[data-unit=SONTAY]').waitFor();
    await page.locator('[data-testid=overdue-tasks] li').first().waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    const box = page.locator('.matrix-scroll');
    expect(await box.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
    expect(await seriousFindings(page)).toEqual([]);
    await shot(page, 'phone');

    await page.click('.locale-switch >> text=EN');
    await page.locator('h1', { hasText: 'PAR monitoring overview 2023' }).waitFor();
    expect((await page.locator('[data-testid=report-matrix] tr[data-unit=SONTAY] td .badge').first().textContent())!.trim()).toBe(
      'On time ✓',
    );
    await page.locator('h2', { hasText: 'Overdue tasks' }).waitFor();
    await shot(page, 'phone-en');
  });
});
