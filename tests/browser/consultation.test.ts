import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, expectLocator, signedInPage, useBrowserApp } from '../support/browser.ts';
import { docxTableRows } from '../support/docx.ts';

/** The server (with the built portal) and a browser for these tests: started before them, closed after. */
const app = useBrowserApp();
const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(os.tmpdir(), `par-consultation-${name}.png`), fullPage: false });

const COMMENT = 'Đề nghị quy định rõ bản chụp kết quả số hóa phải có chữ ký số của cơ quan giải quyết.';
const PROPOSAL = 'Bản chụp màn hình kết quả số hóa có chữ ký số của cơ quan giải quyết TTHC (có ngày trích xuất)';
/** The words the proposal adds to the draft's evidence requirement, as the word diff marks them. */
const WORDS_ADDED = ['Bản chụp màn hình kết quả số hóa có chữ ký số của cơ quan'];
const EXPLANATION = 'Tiếp thu yêu cầu chữ ký số; không bắt buộc ngày trích xuất vì Hệ thống đã ghi nhận.';

/** Opens the demo district round (2024 draft) from the menu. */
async function openDemoRound(page: Page): Promise<void> {
  await page.click('nav[aria-label=menu] >> text=Lấy ý kiến dự thảo');
  await page.click('[data-testid=consultations] >> text=khối UBND quận, huyện, thị xã');
  await expectLocator(page.locator('[data-testid=countdown]')).toHaveText(/^Còn .+ đến hạn góp ý$/);
}

describe.runIf(browserAvailable)('consultation on the draft guidance, in a browser', () => {
  it(
    'Thanh Oai comments on an evidence requirement; the secretariat answers, links the change, publishes and exports the synthesis',
    { timeout: 120_000 },
    async () => {
      // 1. Thanh Oai: the draft tree with its evidence requirements, a countdown, and a comment with a proposed wording.
      const unit = await signedInPage(app.browser, app.t.url, 'thanhoai');
      await openDemoRound(unit);
      const leaf = unit.locator('[data-testid=draft-tree] li[data-code="3.2.4"]');
      await expectLocator(leaf.locator('[data-testid=evidence-requirement]')).toContainText('năm 2024');
      await leaf.locator('[data-testid=comment-EVIDENCE_REQUIREMENT]').click();
      await leaf.locator('textarea[name=text]').fill(COMMENT);
      await leaf.locator('textarea[name=proposedWording]').fill(PROPOSAL);
      await leaf.locator('[data-testid=comment-form] button[type=submit]').click();
      const own = unit.locator('[data-testid=own-comment]', { hasText: COMMENT });
      await expectLocator(own).toContainText('Đang chờ trả lời');
      await expectLocator(own).toContainText(PROPOSAL);
      await shot(unit, '1-unit-commented');

      // 2. The secretariat: the comment on the board, answered "partially accepted" and linked to the next version.
      const secretariat = await signedInPage(app.browser, app.t.url, 'secretariat');
      await openDemoRound(secretariat);
      const board = secretariat.locator('[data-testid=comment-board]');
      const card = board.locator('[data-testid=board-comment][data-unit=THANHOAI]', { hasText: COMMENT });
      await card.locator('[data-testid=answer]').click();
      const form = card.locator('[data-testid=response-form]');
      await form.locator('select[name=resolution]').selectOption('PARTIALLY_ACCEPTED');
      await form.locator('textarea[name=explanation]').fill(EXPLANATION);
      await form.locator('[data-testid=create-revision]').click();
      // The next version appears with the same criterion chosen and its current text ready to edit.
      await expectLocator(form.locator('select[name=revisedCriterion] option:checked')).toContainText('3.2.4');
      await form.locator('text=Dùng đề xuất của đơn vị').click();
      await expectLocator(form.locator('textarea[name=revisedText]')).toHaveValue(PROPOSAL);
      await shot(secretariat, '2-secretariat-answering');
      await form.locator('[data-testid=save-and-publish]').click();
      await expectLocator(card).toContainText('Tiếp thu một phần · Đã công bố');
      await expectLocator(card).toContainText(EXPLANATION);
      await expectLocator(card).toContainText('Đã sửa tại tiêu chí 3.2.4');
      await expectLocator(card.locator('[data-testid=word-diff] ins')).toHaveText(WORDS_ADDED);
      await shot(secretariat, '3-secretariat-answered');

      // 3. The diff view compares the draft with its new version: exactly that evidence requirement changed.
      await secretariat.click('[role=tab] >> text=So sánh phiên bản');
      const diff = secretariat.locator('[data-testid=version-diff]');
      await expectLocator(diff.locator('.changes li')).toHaveCount(1);
      await expectLocator(diff.locator('.changes li')).toContainText('3.2.4');
      await expectLocator(diff.locator('.changes li')).toContainText('Tài liệu kiểm chứng');
      await shot(secretariat, '4-diff');

      // 4. The synthesis tab, and its .xlsx read back.
      await secretariat.click('[role=tab] >> text=Bảng tổng hợp');
      await expectLocator(secretariat.locator('[data-testid=synthesis] table')).toHaveCount(1);
      const [download] = await Promise.all([secretariat.waitForEvent('download'), secretariat.click('[data-testid=download-synthesis]')]);
      const file = await download.path();
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(file!);
      const rows: string[][] = [];
      workbook.worksheets[0]!.eachRow((row) =>
        rows.push(Array.from((row.values as unknown[]).slice(1), (v) => (v == null ? '' : String(v)))),
      );
      const header = rows.findIndex((row) => row[0] === 'STT');
      const body = rows.slice(header + 1);
      const ours = body.find((row) => row[5] === COMMENT);
      expect(ours).toEqual([
        expect.any(String),
        '3.2.4',
        expect.stringContaining('số hóa'),
        'UBND huyện Thanh Oai',
        'Tài liệu kiểm chứng',
        COMMENT,
        PROPOSAL,
        'Tiếp thu một phần',
        EXPLANATION,
        '3.2.4',
      ]);
      // Every comment of the round, general ones first then in criteria order; Sơn Tây's and Thanh Oai's demo comments too.
      expect(body.map((row) => row[3])).toEqual(expect.arrayContaining(['UBND thị xã Sơn Tây', 'UBND huyện Thanh Oai']));
      expect(body[0]![1]).toBe('');
      expect(
        rows
          .slice(0, header)
          .map((row) => row[0])
          .join('\n'),
      ).toMatch(/Số đơn vị được lấy ý kiến: 30\./);
      // The same synthesis as an official .docx: its table row for the comment reads back the same.
      const [docx] = await Promise.all([secretariat.waitForEvent('download'), secretariat.click('[data-testid=download-synthesis-docx]')]);
      expect(docx.suggestedFilename()).toMatch(/\.docx$/);
      const docxRows = docxTableRows(await readFile((await docx.path())!));
      expect(docxRows.find((row) => row[5] === COMMENT)?.slice(1, 9)).toEqual(ours!.slice(1, 9));
      await shot(secretariat, '5-synthesis');

      // 5. Thanh Oai sees the published answer with the change it caused.
      await unit.reload();
      const answered = unit.locator('[data-testid=own-comment]', { hasText: COMMENT });
      await expectLocator(answered.locator('[data-testid=response]')).toContainText('Tiếp thu một phần');
      await expectLocator(answered.locator('[data-testid=response]')).toContainText(EXPLANATION);
      await shot(unit, '6-unit-sees-answer');
    },
  );

  it('a bulk answer writes exactly what the form showed to exactly the selected comments, and says so', { timeout: 90_000 }, async () => {
    const BULK = 'Ghi nhận; Sở Nội vụ sẽ xem xét khi ban hành hướng dẫn chi tiết năm 2024.';
    const page = await signedInPage(app.browser, app.t.url, 'secretariat');
    await openDemoRound(page);
    const board = page.locator('[data-testid=comment-board]');
    const card = (code: string, unit: string) =>
      board.locator(`section[data-criterion="${code}"] [data-testid=board-comment][data-unit=${unit}]`);
    // Sơn Tây's comment on 3.2.1 already has a draft answer of its own; 7.3.2 has none; Hoàn Kiếm's 1.1.2 is not selected.
    await expectLocator(card('3.2.1', 'SONTAY')).toContainText('Tiếp thu một phần · Dự thảo trả lời');
    await card('3.2.1', 'SONTAY').locator('input[type=checkbox]').check();
    await card('7.3.2', 'SONTAY').locator('input[type=checkbox]').check();
    await page.click('[data-testid=answer-selected]');

    // The form starts empty: nothing of the first comment's draft is carried over to the others.
    const form = board.locator('[data-testid=response-form]');
    await expectLocator(form.locator('textarea[name=explanation]')).toHaveValue('');
    const saveDraft = form.getByRole('button', { name: 'Lưu trả lời (dự thảo)' });
    await expectLocator(saveDraft).toBeDisabled();
    await form.locator('select[name=resolution]').selectOption('NOTED');
    await form.locator('textarea[name=explanation]').fill(BULK);
    const preview = form.locator('[data-testid=bulk-preview]');
    await expectLocator(preview.locator('strong')).toHaveText('Sẽ ghi nội dung sau vào 2 ý kiến đã chọn:');
    await expectLocator(preview.locator('[data-testid=bulk-resolution]')).toHaveText('Kết quả tiếp thu: Ghi nhận');
    await expectLocator(preview.locator('[data-testid=bulk-explanation]')).toHaveText(`Giải trình: ${BULK}`);
    await expectLocator(preview.locator('[data-testid=bulk-target]')).toHaveText([
      '3.2.1 · Cách thức chấm điểm · UBND thị xã Sơn Tây',
      '7.3.2 · Tài liệu kiểm chứng · UBND thị xã Sơn Tây',
    ]);
    await shot(page, '7-bulk-preview');
    await saveDraft.click();

    await expectLocator(page.locator('[data-testid=board-notice]')).toHaveText('Đã lưu trả lời (dự thảo) cho 2 ý kiến.');
    await expectLocator(form).toHaveCount(0);
    for (const code of ['3.2.1', '7.3.2']) {
      await expectLocator(card(code, 'SONTAY')).toContainText('Ghi nhận · Dự thảo trả lời');
      await expectLocator(card(code, 'SONTAY').locator('.response p').first()).toHaveText(BULK);
    }
    // Exactly those two carry the text; the comment left out is still unanswered.
    await expectLocator(board.locator('[data-testid=board-comment]', { hasText: BULK })).toHaveCount(2);
    await expectLocator(card('1.1.2', 'HOANKIEM')).toContainText('Chưa trả lời');
    await shot(page, '8-bulk-saved');
  });
});
