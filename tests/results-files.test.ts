import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPENDIX_COLUMNS, SELF_ASSESSMENT_COLUMNS } from '../server/results/results.docx.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { docxParagraphs, docxTableRows } from './support/docx.ts';
import { handWorkedFixture, type HandWorked } from './support/results-fixtures.ts';

let t: TestApp;
let fx: HandWorked;
let secretariat: string;
let analyst: string;
let sontay: string;

beforeAll(async () => {
  t = await startTestApp();
  fx = await handWorkedFixture(t.orm);
  [secretariat, analyst, sontay] = await Promise.all(['secretariat', 'analyst', 'sontay'].map((name) => t.login(name)));
});
afterAll(() => t.close());

const auth = (token?: string): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

async function upload(
  path: string,
  body: Buffer | string,
  { token = secretariat, fileName = 'survey.csv', periodId = fx.period2030, replace = false, locale = 'vi' } = {},
) {
  const query = new URLSearchParams({ periodId: String(periodId), fileName, ...(replace ? { replace: 'true' } : {}) });
  const response = await fetch(`${t.url}${path}?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'accept-language': locale, ...auth(token) },
    body,
  });
  return { status: response.status, body: (await response.json()) as any };
}
const preview = (body: Buffer | string, options = {}) => upload('/api/results/survey/preview', body, options);
const commit = (body: Buffer | string, options = {}) => upload('/api/results/survey', body, options);

async function surveyRows(): Promise<number> {
  const [row] = await t.orm.em
    .getConnection()
    .execute<{ n: number }[]>('select count(*)::int as n from survey_result where period_id = ?', [fx.period2030]);
  return row!.n;
}

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('XHH');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function download(path: string, token?: string) {
  const response = await fetch(`${t.url}${path}`, { headers: auth(token) });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    disposition: response.headers.get('content-disposition'),
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

describe('survey import (XHH): template, preview, all-or-nothing commit', () => {
  it('gives a template with every active unit and survey sub-criterion of the period', async () => {
    const file = await download(`/api/results/survey-template.xlsx?periodId=${fx.period2030}`, secretariat);
    expect(file.status).toBe(200);
    expect(file.type).toContain('spreadsheetml');
    expect(file.disposition).toContain('mau-nhap-diem-dieu-tra-xhh-2030.xlsx');
    const sheet = (await readWorkbook(file.bytes)).worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Mã đơn vị',
      'Tên đơn vị',
      'Mã tiêu chí',
      'Tên tiêu chí',
      'Điểm tối đa',
      'Điểm',
    ]);
    expect(sheet.actualRowCount).toBe(1 + 6 * 2); // XA–XF × 3.1, 3.2 (XG is inactive)
    const a31 = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(a31).toEqual(['XA', 'UBND xã An Khánh', '3.1', 'Tiêu chí 3.1', 2, 1.75]);
    expect((await download(`/api/results/survey-template.xlsx?periodId=${fx.period2030}`, sontay)).status).toBe(403);
  });

  it('previews every row with its errors and writes nothing', async () => {
    const before = await surveyRows();
    const csv = [
      'Mã đơn vị,Mã tiêu chí,Điểm',
      'XB,3.2,2.25', // 2: fine
      'NOPE,3.2,1', // 3: unknown unit
      'XE,3.2,3.5', // 4: above the maximum 3
      'XE,1.1,1', // 5: not a survey sub-criterion
      'XE,7.7,1', // 6: unknown criterion
      'XE,3.1,abc', // 7: not a number
      'XC,3.1,1.234', // 8: too many decimals
      'XB,3.2,2', // 9: repeats line 2
      'VPUBND,3.1,1', // 10: a department: no set of its block in this period
    ].join('\n');
    const response = await preview(csv, { locale: 'en' });
    expect(response.status).toBe(200);
    const result = response.body;
    expect(result).toMatchObject({ format: 'csv', rowCount: 9, validCount: 1, errorCount: 8, replaceCount: 0, alreadyImported: false });
    const codes = result.rows.map((row: any) => [row.line, row.errors.map((e: any) => e.code).join(',')]);
    expect(codes).toEqual([
      [2, ''],
      [3, 'UNKNOWN_UNIT'],
      [4, 'POINTS_ABOVE_MAX'],
      [5, 'NOT_SURVEY_CRITERION'],
      [6, 'UNKNOWN_CRITERION'],
      [7, 'INVALID_POINTS'],
      [8, 'INVALID_POINTS'],
      [9, 'DUPLICATE_ROW'],
      [10, 'UNIT_NOT_IN_PERIOD'],
    ]);
    expect(result.rows[0]).toMatchObject({ unitName: 'UBND xã Bình Minh', maxPoints: '3.00', points: '2.25', currentPoints: null });
    expect(result.rows[2].errors[0].message).toBe('3.5 is above the maximum 3.00.');
    expect(result.rows[7].errors[0].message).toBe('Repeats line 2 (same unit and criterion).');

    const refused = await commit(csv);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'SURVEY_IMPORT_INVALID' });
    expect(refused.body.error.preview.errorCount).toBe(8);
    expect(await surveyRows()).toBe(before);
  });

  it('refuses files with wrong columns, empty files and non-workbooks disguised as .xlsx', async () => {
    const wrong = await preview('Đơn vị,Tiêu chí,Điểm\nXB,3.2,1');
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: 'WRONG_COLUMNS', field: 'file', expected: ['Mã đơn vị', 'Mã tiêu chí', 'Điểm'] });
    expect((await preview('Mã đơn vị,Mã tiêu chí,Điểm\n')).body.error.code).toBe('EMPTY_FILE');
    expect((await preview('')).body.error.code).toBe('EMPTY_FILE');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF');
    const disguised = await preview(pdf, { fileName: 'ket-qua-xhh.xlsx' });
    expect(disguised.status).toBe(400);
    expect(disguised.body.error.code).toBe('NOT_XLSX');
    // A zip archive that is not a workbook.
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(60, 1)]);
    expect((await preview(zip, { fileName: 'data.xlsx' })).body.error.code).toBe('NOT_XLSX');
    const binary = Buffer.from([0x00, 0xff, 0xfe, 0x00, 0x01]);
    expect((await preview(binary, { fileName: 'x.csv' })).body.error.code).toBe('UNSUPPORTED_FILE');
    const tooLarge = await preview(Buffer.alloc(11 * 1024 * 1024, 65));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.code).toBe('FILE_TOO_LARGE');
  });

  it('is for the secretariat only', async () => {
    const csv = 'Mã đơn vị,Mã tiêu chí,Điểm\nXB,3.2,1';
    expect((await preview(csv, { token: analyst })).status).toBe(403);
    expect((await commit(csv, { token: sontay })).status).toBe(403);
    const anonymous = await fetch(`${t.url}/api/results/survey?periodId=${fx.period2030}`, { method: 'POST', body: csv });
    expect(anonymous.status).toBe(401);
  });

  it('imports an .xlsx all at once, changes the index, and refuses the same file twice', async () => {
    const before = await surveyRows();
    const file = await xlsx([
      ['Mã đơn vị', 'Tên đơn vị', 'Mã tiêu chí', 'Tên tiêu chí', 'Điểm tối đa', 'Điểm'],
      ['XB', 'UBND xã Bình Minh', '3.2', '', 3, 2.25],
      ['xe', 'UBND xã Ê Đê', '3.2', '', 3, { formula: '1+2', result: 3 }],
    ]);
    const checked = await preview(file, { fileName: 'xhh-2030.xlsx' });
    expect(checked.body).toMatchObject({ format: 'xlsx', rowCount: 2, errorCount: 0, missingAfter: 0 });
    const done = await commit(file, { fileName: 'xhh-2030.xlsx' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ rowCount: 2, replacedCount: 0 });
    expect(await surveyRows()).toBe(before + 2);
    // B: 9 + 2.25 = 11.25 achieved; + 2 − 1.5 = 11.75 / 14 = 83.928… → 83.93 %.
    const result = await t.gql(
      'query($p: Int!, $u: Int!) { unitResult(periodId: $p, unitId: $u) { index details { surveyMissing } } }',
      { p: fx.period2030, u: fx.units.B },
      { token: secretariat },
    );
    expect(result.data.unitResult).toEqual({ index: '83.93', details: { surveyMissing: 0 } });

    const again = await commit(file, { fileName: 'copy.xlsx' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('SURVEY_ALREADY_IMPORTED');
    expect(await surveyRows()).toBe(before + 2);
  });

  it('replaces earlier points only when asked, with ; separators and decimal commas', async () => {
    const csv = '\uFEFFMã đơn vị;Mã tiêu chí;Điểm\nXB;3.2;2,5\nXA;3.1;2\n';
    const refused = await commit(csv);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'SURVEY_RESULTS_EXIST', replaceCount: 2 });
    const replaced = await commit(csv, { replace: true });
    expect(replaced.body).toMatchObject({ rowCount: 2, replacedCount: 2 });
    const [row] = await t.orm.em
      .getConnection()
      .execute(`select points from survey_result where unit_id = ? and criterion_id = ?`, [fx.units.B, fx.set2030.ids.get('3.2')]);
    expect(row.points).toBe('2.50');
  });
});

describe('exports (.xlsx, streamed)', () => {
  it('exports the results table with Vietnamese headers and numbers as numbers', async () => {
    const file = await download(`/api/results/results.xlsx?periodId=${fx.period2030}`, secretariat);
    expect(file.status).toBe(200);
    const sheet = (await readWorkbook(file.bytes)).worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 6)).toEqual(['Khối', 'Xếp hạng', 'Mã đơn vị', 'Tên đơn vị', 'Chỉ số CCHC (%)', 'Nhóm']);
    expect(header).toContain('Lĩnh vực 2: Cải cách thể chế (%)');
    const rows = new Map<string, unknown[]>();
    sheet.eachRow((row, index) => {
      if (index > 1) rows.set(String(row.getCell(3).value), (row.values as unknown[]).slice(1));
    });
    // A's survey 3.1 was replaced by 2 above: 18 + 1.5 − 0.25 = 19.25 / 20 = 96.25 %.
    expect(rows.get('XA')!.slice(1, 6)).toEqual([1, 'XA', 'UBND xã An Khánh', 96.25, 'A']);
    expect(typeof rows.get('XA')![4]).toBe('number');
    expect(sheet.getRow(2).getCell(5).numFmt).toBe('0.00');
    expect(rows.size).toBe(6);
  });

  it('exports a unit’s full score sheet and the calibration table', async () => {
    const sheetFile = await download(`/api/results/score-sheet.xlsx?periodId=${fx.period2030}&unitId=${fx.units.A}`, secretariat);
    expect(sheetFile.status).toBe(200);
    const sheet = (await readWorkbook(sheetFile.bytes)).worksheets[0]!;
    const lines = new Map<string, unknown[]>();
    sheet.eachRow((row, index) => {
      if (index > 1) lines.set(String(row.getCell(1).value), (row.values as unknown[]).slice(1));
    });
    // 1.2: max 6, self 6, round 1 4.5, round 2 5, counted 5.
    expect(lines.get('1.2')!.slice(2, 10)).toEqual([6, 'Có', 6, 4.5, 5, undefined, 5, 6]);
    // Area 1 rolled up: 4 + 5 of 10.
    expect(lines.get('1')!.slice(8, 10)).toEqual([9, 10]);

    const calibration = await readWorkbook((await download(`/api/results/calibration.xlsx?periodId=${fx.period2030}`, secretariat)).bytes);
    expect(calibration.worksheets.map((w) => w.name)).toEqual(['Theo tiêu chí', 'Theo đơn vị', 'Theo người thẩm định']);
    expect((calibration.worksheets[0]!.getRow(2).values as unknown[]).slice(1, 5)).toEqual(['2.2', 'Tiêu chí 2.2', 2, 2]);
  });

  it('answers exports with the same rules as the API', async () => {
    expect((await download(`/api/results/results.xlsx?periodId=${fx.period2030}`, analyst)).status).toBe(403);
    expect((await download(`/api/results/calibration.xlsx?periodId=${fx.period2030}`, sontay)).status).toBe(403);
    expect((await download(`/api/results/score-sheet.xlsx?periodId=${fx.period2030}&unitId=${fx.units.A}`, sontay)).status).toBe(403);
    expect((await download(`/api/results/results.xlsx?periodId=${fx.period2030}`)).status).toBe(401);
    const bad = await download(`/api/results/results.xlsx?periodId=abc`, secretariat);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.bytes.toString()).error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'periodId' });
    expect((await download(`/api/results/results.xlsx?periodId=${fx.period2030}&block=MOON`, secretariat)).status).toBe(400);
  });
});

describe('official documents (.docx, Decree 30 layout)', () => {
  it('gives the results appendix: per block, the ranked units with their index and component indices', async () => {
    const file = await download(`/api/results/results.docx?periodId=${fx.period2030}&block=COMMUNE`, secretariat);
    expect(file.status).toBe(200);
    expect(file.type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(file.disposition).toContain('phu-luc-ket-qua-chi-so-cchc-2030.docx');
    const rows = docxTableRows(file.bytes);
    const header = rows.findIndex((row) => row[0] === 'Xếp hạng');
    expect(rows[header]!.slice(0, APPENDIX_COLUMNS.length)).toEqual(APPENDIX_COLUMNS);
    expect(rows[header]).toContain('Lĩnh vực 2 (%)');
    // The table's rows (the signature block after it is a table of two cells).
    const units = rows.slice(header + 1).filter((row) => row.length === rows[header]!.length);
    // The same figures as the .xlsx (96.25 % for A), written the Vietnamese way, in rank order.
    expect(units[0]!.slice(0, 5)).toEqual(['1', 'XA', 'UBND xã An Khánh', '96,25', 'A']);
    expect(units).toHaveLength(6);
    const paragraphs = docxParagraphs(file.bytes);
    expect(paragraphs).toContain('PHỤ LỤC');
    expect(paragraphs).toContain('1. Khối UBND xã, phường (6 đơn vị)');
  });

  it('gives a unit’s self-assessment report: every criterion with its maximum and self-score, and the totals', async () => {
    const file = await download(`/api/results/score-sheet.docx?periodId=${fx.period2030}&unitId=${fx.units.A}`, secretariat);
    expect(file.status).toBe(200);
    expect(file.disposition).toContain('bao-cao-tu-danh-gia-XA-2030.docx');
    const rows = docxTableRows(file.bytes);
    const header = rows.findIndex((row) => row[0] === 'Mã');
    expect(rows[header]).toEqual(SELF_ASSESSMENT_COLUMNS);
    const byCode = new Map(rows.slice(header + 1).map((row) => [row[0], row]));
    // 1.2: max 6, self-scored 6 (the appraisal's 5 is not the unit's report).
    expect(byCode.get('1.2')!.slice(2, 4)).toEqual(['6,00', '6,00']);
    // A parent shows its maximum, not a self-score (a sum is in the totals).
    expect(byCode.get('1')![3]).toBe('');
    const paragraphs = docxParagraphs(file.bytes);
    expect(paragraphs).toContain('BÁO CÁO');
    expect(paragraphs.find((text) => text.startsWith('Tổng điểm tự chấm: '))).toMatch(/^Tổng điểm tự chấm: \d+,\d{2}\/15,00 điểm tối đa/);
    // A commune committee dates its report at its own place, without the city above it.
    expect(rows[0]![0]).toContain('UBND XÃ AN KHÁNH');
    expect(rows[0]![0]).not.toContain('THÀNH PHỐ HÀ NỘI');
    expect(rows[0]![1]).toMatch(/An Khánh, ngày\s+tháng\s+năm \d{4}/);
  });

  it('answers the .docx with the same rules as the .xlsx', async () => {
    expect((await download(`/api/results/results.docx?periodId=${fx.period2030}`, analyst)).status).toBe(403);
    expect((await download(`/api/results/score-sheet.docx?periodId=${fx.period2030}&unitId=${fx.units.A}`, sontay)).status).toBe(403);
    expect((await download(`/api/results/results.docx?periodId=${fx.period2030}`)).status).toBe(401);
    const bad = await download(`/api/results/results.docx?periodId=${fx.period2030}&block=MOON`, secretariat);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.bytes.toString()).error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'block' });
    const missing = await download(`/api/results/score-sheet.docx?periodId=987654&unitId=${fx.units.A}`, secretariat);
    expect(missing.status).toBe(404);
  });
});
