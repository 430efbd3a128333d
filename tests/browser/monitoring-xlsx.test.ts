import ExcelJS from 'exceljs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { browserAvailable, signedInPage, useBrowserApp } from '../support/browser.ts';

/** The server (with the built portal) and a browser for these tests: started before them, closed after. */
const app = useBrowserApp();
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(os.tmpdir(), `par-plan-xlsx-${name}.png`), fullPage: true });

const HEADER = ['Mã nhiệm vụ', 'Nhiệm vụ', 'Lĩnh vực CCHC', 'Sản phẩm', 'Thời hạn', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Mã tiêu chí'];

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Nhiệm vụ');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The rows of a downloaded workbook's first sheet. */
async function rowsOf(download: Download): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await fs.readFile((await download.path())!)) as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

// A whole user journey per test: generous time for shared, busy CI cores.
describe.runIf(browserAvailable)('a plan’s tasks as .xlsx in a browser', { timeout: 120_000 }, () => {
  it('sontay sees a file’s row errors, then imports a good file after confirming, and exports the plan', async () => {
    const page = await signedInPage(app.browser, app.t.url, 'sontay');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.click('nav[aria-label=menu] >> text=Theo dõi CCHC');
    const rows = page.locator('[data-testid=plan-tasks] tbody tr');
    await expect.poll(() => rows.count()).toBe(16);

    await page.click('[data-testid=plan-import-open]');
    const panel = page.locator('[data-testid=plan-import]');
    const bad = await workbook([
      HEADER,
      ['X1', 'Nhiệm vụ thử', 'Lĩnh vực 9', '', '15/03/2023', '', '', ''],
      ['X1', 'Trùng mã', 2, '', '31/02/2023', '', 'Sở Không Tồn Tại', ''],
    ]);
    await panel.locator('input[type=file]').setInputFiles({ name: 'ke-hoach-loi.xlsx', mimeType: 'application/octet-stream', buffer: bad });
    await panel.locator('button[type=submit]').click();
    const errors = panel.locator('[data-testid=plan-import-errors] tbody tr');
    await expect.poll(() => errors.count()).toBe(4);
    expect(await errors.allTextContents()).toEqual([
      expect.stringMatching(/^2Lĩnh vực CCHCLĩnh vực "Lĩnh vực 9" không tồn tại/),
      expect.stringMatching(/^3Mã nhiệm vụMã nhiệm vụ "X1" trùng với dòng 2\.$/),
      expect.stringMatching(/^3Thời hạnThời hạn "31\/02\/2023" không phải là ngày hợp lệ/),
      expect.stringMatching(/^3Đơn vị phối hợpKhông có đơn vị tên "Sở Không Tồn Tại"\.$/),
    ]);
    expect(await panel.locator('[data-testid=plan-import-summary]').textContent()).toContain('2 dòng có lỗi');
    expect(await panel.locator('[data-testid=plan-import-write]').isDisabled()).toBe(true);
    await shot(page, 'errors');

    const good = await workbook([
      HEADER,
      ['X1', 'Tổ chức hội nghị tập huấn CCHC', 'Công tác chỉ đạo, điều hành CCHC', 'Hội nghị', '30/11/2023', '', 'Sở Nội vụ', ''],
      ['X2', 'Số hóa hồ sơ TTHC', 7, 'Kho dữ liệu', new Date(Date.UTC(2023, 11, 15)), '', '', ''],
    ]);
    await panel.locator('input[type=file]').setInputFiles({ name: 'ke-hoach.xlsx', mimeType: 'application/octet-stream', buffer: good });
    await panel.locator('button[type=submit]').click();
    await panel.locator('[data-testid=plan-import-summary]', { hasText: '2 nhiệm vụ hợp lệ' }).waitFor();
    expect(await panel.locator('[data-testid=plan-import-rows] tbody tr').count()).toBe(2);
    await panel.locator('[data-testid=plan-import-write]', { hasText: 'Xác nhận ghi 2 nhiệm vụ' }).click();
    await panel.locator('[data-testid=plan-import-done]', { hasText: 'Đã ghi 2 nhiệm vụ vào kế hoạch.' }).waitFor();
    await expect.poll(() => rows.count()).toBe(18);
    expect(await page.locator('[data-testid=plan-tasks] tr[data-task=X2]').textContent()).toContain('Số hóa hồ sơ TTHC');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=plan-export]')]);
    const exported = await rowsOf(download);
    expect(exported).toHaveLength(19);
    expect(exported[0]!.slice(0, 8)).toEqual(HEADER);
    expect(exported.map((row) => row[0])).toEqual(expect.arrayContaining(['X1', 'X2']));
    await shot(page, 'imported');
  });

  it('the secretariat downloads a period’s consolidated report from the overview', async () => {
    const page = await signedInPage(app.browser, app.t.url, 'secretariat');
    await page.goto(`${app.t.url}/monitoring/overview`);
    const links = page.locator('[data-testid=consolidation-exports] a');
    await expect.poll(() => links.count()).toBe(4);
    const [download] = await Promise.all([page.waitForEvent('download'), links.filter({ hasText: '6 tháng' }).click()]);
    expect(download.suggestedFilename()).toBe('tong-hop-bao-cao-cchc-2023-H1.xlsx');
    const rows = await rowsOf(download);
    expect(rows[0]).toEqual(['Lĩnh vực', 'Mã chỉ tiêu', 'Chỉ tiêu', 'Tổng cộng']);
  });
});
