import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, signedInPage, useBrowserApp } from '../support/browser.ts';
import * as files from '../support/files.ts';
import { fillSheet, readSheet, scoringContext } from '../support/scoring.ts';
import { alter, signPdf, testCa, testSigner } from '../support/signing.ts';

/** The server (with the built portal) and a browser for these tests: started before them, closed after. */
const app = useBrowserApp();
const LEAF = '1.4.2'; // left without evidence by the demo data

async function openLeaf(page: Page, code: string) {
  await page.click('nav[aria-label=menu] >> text=Tự chấm điểm');
  await page.locator('[data-testid=score-sheet]').waitFor();
  await page.locator(`li[data-code="${code.split('.').slice(0, 2).join('.')}"] .toggle`).click();
  const leaf = page.locator(`li[data-code="${code}"]`);
  await leaf.waitFor();
  await leaf.locator('button:has-text("Thêm tài liệu")').click();
  return { leaf, form: leaf.locator('[data-testid=evidence-upload]') };
}

const pdfFile = (name: string, buffer: Buffer) => ({ name, mimeType: 'application/pdf', buffer });

describe.runIf(browserAvailable)('evidence that reads itself, in a browser', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    // Scored through the API: the check looks at the evidence of scored items.
    const { sontay, periodId, unitId } = await scoringContext(app.t);
    await fillSheet(app.t, sontay, (await readSheet(app.t, sontay, periodId, unitId('SONTAY'))).data.scoreSheet);
  });

  it('pre-fills the upload form from the file, warns where the entry differs, and the check lists the 2022 document', async () => {
    const page = await signedInPage(app.browser, app.t.url, 'sontay');
    await page.setViewportSize({ width: 1366, height: 768 });
    const { leaf, form } = await openLeaf(page, LEAF);

    // Nothing typed: the form arrives filled with what the file states.
    const plan = files.officialPdf(files.officialHeader('112/KH-UBND', 'Sơn Tây, ngày 10 tháng 02 năm 2023'));
    await form.locator('input[type=file]').setInputFiles(pdfFile('ke-hoach-112.pdf', plan));
    await form.locator('button[type=submit]').click();
    await form.locator('[data-testid=prefilled]').waitFor();
    expect(await form.locator('input[name=documentNumber]').inputValue()).toBe('112/KH-UBND');
    expect(await form.locator('input[name=issueDate]').inputValue()).toBe('10/02/2023');
    expect(await form.locator('input[name=issuingBody]').inputValue()).toBe('ỦY BAN NHÂN DÂN THỊ XÃ SƠN TÂY');
    expect(await form.locator('input[name=title]').inputValue()).toBe('Cải cách hành chính năm 2023');
    await page.screenshot({ path: path.join(os.tmpdir(), 'par-documents-prefilled.png') });
    await form.locator('[data-testid=confirm-citation]').click();
    await leaf.locator('[data-testid=linked-evidence]:has-text("112/KH-UBND")').waitFor();
    expect(await leaf.locator('[data-testid=linked-evidence]:has-text("112/KH-UBND")').textContent()).toContain('10/02/2023');

    // A 2022 document typed as 2023: the difference shows at once.
    const old = files.officialPdf(files.officialHeader('98/KH-UBND', 'Sơn Tây, ngày 28 tháng 12 năm 2022'));
    await form.locator('input[type=file]').setInputFiles(pdfFile('ke-hoach-98.pdf', old));
    await form.locator('input[name=documentNumber]').fill('98/KH-UBND');
    await form.locator('input[name=issueDate]').fill('2023-02-10');
    await form.locator('button[type=submit]').click();
    const mismatch = form.locator('[data-testid=citation-mismatch]');
    await mismatch.waitFor();
    expect(await mismatch.textContent()).toContain('Ngày ban hành: đã nhập 10/02/2023, tệp ghi 28/12/2022');
    await leaf.locator('[data-testid=linked-evidence]:has-text("98/KH-UBND") [data-testid=citation-mismatch]').waitFor();

    // The pre-submit check names the file's own date.
    await page.click('[data-testid=run-check]');
    const check = page.locator('[data-testid=check-panel]');
    await check.locator('[data-testid=check-problem]:has-text("ghi ngày ban hành 28/12/2022")').waitFor();
    await page.screenshot({ path: path.join(os.tmpdir(), 'par-documents-check.png') });
  });

  it('shows a signed document as intact and an altered copy as changed after signing', async () => {
    const ca = testCa();
    const signed = await signPdf(
      files.officialPdf(files.officialHeader('120/KH-UBND', 'Sơn Tây, ngày 15 tháng 3 năm 2023')),
      testSigner({ CN: 'Nguyễn Văn An', O: 'UBND thị xã Sơn Tây' }, ca),
      [ca],
    );
    const page = await signedInPage(app.browser, app.t.url, 'sontay');
    await page.setViewportSize({ width: 390, height: 844 });
    const { leaf, form } = await openLeaf(page, LEAF);
    await form.locator('input[type=file]').setInputFiles(pdfFile('ky-so.pdf', signed));
    await form.locator('button[type=submit]').click();
    await form.locator('[data-testid=signature-status]').waitFor();
    // No roots configured on this server: intact, but its issuer is unknown.
    expect(await form.locator('[data-testid=signature-status]').textContent()).toContain('Có chữ ký số, không rõ tổ chức cấp chứng thư');
    expect(await form.locator('[data-testid=signer]').textContent()).toContain('Ký bởi Nguyễn Văn An (UBND thị xã Sơn Tây)');

    await form.locator('input[type=file]').setInputFiles(pdfFile('ky-so-da-sua.pdf', alter(signed, '120/KH', '121/KH')));
    await form.locator('button[type=submit]').click();
    await form.locator('[data-testid=signature-status]:has-text("đã bị sửa sau khi ký")').waitFor();
    await leaf
      .locator('[data-testid=linked-evidence]:has-text("ky-so-da-sua.pdf") [data-testid=signature-status]:has-text("đã bị sửa sau khi ký")')
      .waitFor();
    await form.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(os.tmpdir(), 'par-documents-signatures-mobile.png') });
  });
});
