import ExcelJS from 'exceljs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { tableChecksum } from './support/checksum.ts';
import * as files from './support/files.ts';
import { sqlOf } from './support/sql.ts';
import { uploadTo } from './support/upload.ts';

/**
 * Issue 11, capabilities 1 and 3: a plan's tasks imported from .xlsx (a preview listing every row error, then an
 * all-or-nothing write), exported back (re-importable), the template, and the period's consolidated report as .xlsx.
 */
let t: TestApp;
let dataDir: string;
const tokens = new Map<string, string>();
const { sql, one } = sqlOf(() => t);
let sontay: number;
let thanhoai: number;

const HEADER = ['Mã nhiệm vụ', 'Nhiệm vụ', 'Lĩnh vực CCHC', 'Sản phẩm', 'Thời hạn', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Mã tiêu chí'];
const SONTAY = 'UBND thị xã Sơn Tây';

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'par-monitoring-xlsx-'));
  t = await startTestApp({ config: { dataDir } });
  tokens.set('secretariat', await t.login('secretariat'));
  // 2024: a configured year without plans, open to the units (before they sign in).
  const configured = await t.gql(
    `mutation { configureMonitoringYear(input: { year: 2024, planDeadline: "2024-01-31" }) { year } }`,
    {},
    { token: tokens.get('secretariat') },
  );
  expect(configured.errors).toBeUndefined();
  for (const user of ['sontay', 'thanhoai', 'appraiser', 'analyst']) tokens.set(user, await t.login(user));
  sontay = await one(`select id from unit where code = 'SONTAY'`);
  thanhoai = await one(`select id from unit where code = 'THANHOAI'`);
});
afterAll(async () => {
  await t?.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** A workbook whose first sheet holds these rows (the header first). */
async function workbook(rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Nhiệm vụ');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The first sheet's rows, cells as plain values (dates as YYYY-MM-DD). */
async function readBook(content: Buffer, sheetIndex = 0): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(content as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  book.worksheets[sheetIndex]!.eachRow((row) => {
    rows.push(
      Array.from((row.values as unknown[]).slice(1), (cell) => (cell instanceof Date ? cell.toISOString().slice(0, 10) : (cell ?? null))),
    );
  });
  return rows;
}

const query = (params: Record<string, number | undefined>) =>
  new URLSearchParams(
    Object.entries(params).flatMap(([key, value]): [string, string][] => (value === undefined ? [] : [[key, String(value)]])),
  ).toString();

const send = (
  route: 'preview' | 'commit',
  content: Buffer,
  { user = 'sontay', year = 2023, unitId, locale }: { user?: string; year?: number; unitId?: number; locale?: string } = {},
) =>
  uploadTo(
    `${t.url}/api/monitoring/plan-tasks${route === 'preview' ? '/preview' : ''}?${query({ year, unitId })}`,
    { name: 'ke-hoach.xlsx', content },
    { token: tokens.get(user), locale },
  );

async function download(url: string, user: string): Promise<{ status: number; content: Buffer; type: string | null; body: any }> {
  const response = await fetch(`${t.url}${url}`, { headers: { authorization: `Bearer ${tokens.get(user)}` } });
  const content = Buffer.from(await response.arrayBuffer());
  let body: any = null;
  if (!response.ok) body = JSON.parse(content.toString());
  return { status: response.status, content, type: response.headers.get('content-type'), body };
}

const tasksOf = (unitId: number, year: number) =>
  sql<{
    id: number;
    code: string;
    title: string;
    area: number;
    output: string | null;
    deadline: string;
    original: string;
    city: boolean;
    criterion: string | null;
    cooperating: string[];
  }>(
    `select t.id, t.code, t.title, t.area, t.output, to_char(t.deadline, 'YYYY-MM-DD') as deadline,
            to_char(t.original_deadline, 'YYYY-MM-DD') as original, t.city_assigned as city, c.code as criterion,
            array(select u.code from plan_task_cooperating_unit p join unit u on u.id = p.unit_id where p.task_id = t.id order by u.code) as cooperating
       from plan_task t left join criterion c on c.id = t.criterion_id where t.unit_id = ? and t.year = ? order by t.id`,
    [unitId, year],
  );

const errorsOf = (body: any) => body.errors.map((error: any) => [error.line, error.column, error.code]);

describe('the plan task template', () => {
  it('has the header row and two examples, the caller’s unit as lead, and imports as it is', async () => {
    const file = await download('/api/monitoring/plan-tasks/template.xlsx?year=2024', 'sontay');
    expect(file.status).toBe(200);
    expect(file.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const rows = await readBook(file.content);
    expect(rows[0]).toEqual(HEADER);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatchObject([
      '1',
      expect.stringContaining('2024'),
      'Công tác chỉ đạo, điều hành cải cách hành chính',
      'Kế hoạch',
      '2024-01-31',
      SONTAY,
    ]);
    expect(rows[2]).toMatchObject(['2', expect.any(String), 3, expect.any(String), '2024-06-30', SONTAY, expect.stringContaining(';')]);
    const help = await readBook(file.content, 1);
    expect(help.map((row) => row[0])).toEqual(expect.arrayContaining(['Lĩnh vực 1', 'Lĩnh vực 8', ...HEADER]));

    const preview = await send('preview', file.content, { year: 2024 });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({ year: 2024, unitId: sontay, rowCount: 2, invalidCount: 0, errors: [], cityAssigned: false });
  });

  it('is refused without a valid year, and to anonymous callers', async () => {
    expect((await download('/api/monitoring/plan-tasks/template.xlsx?year=abc', 'sontay')).body.error.code).toBe('BAD_USER_INPUT');
    expect((await fetch(`${t.url}/api/monitoring/plan-tasks/template.xlsx?year=2024`)).status).toBe(401);
  });
});

describe('importing a plan’s tasks from .xlsx', () => {
  const BAD_ROWS: unknown[][] = [
    HEADER,
    ['N1', 'Nhiệm vụ hợp lệ', 'Cải cách TTHC', 'Báo cáo', '15/03/2023', SONTAY, 'UBND huyện Thanh Oai', ''], // 2: valid
    ['N1', 'Trùng mã với dòng 2', 1, '', '15/03/2023', '', '', ''], // 3
    ['1', 'Mã đã có trong kế hoạch', 1, '', '15/03/2023', '', '', ''], // 4
    ['N4', 'Lĩnh vực không tồn tại', 'Lĩnh vực 9', '', '15/03/2023', '', '', ''], // 5
    ['N5', 'Đơn vị phối hợp không tồn tại', 2, '', '15/03/2023', '', 'Sở Không Tồn Tại; Sở Nội vụ', ''], // 6
    ['N6', 'Ngày sai', 2, '', '31/02/2023', '', '', ''], // 7
    ['N7', 'Ngày ngoài năm', 2, '', new Date(Date.UTC(2022, 11, 31)), '', '', ''], // 8
    ['N8', '', 2, 'Thiếu tên nhiệm vụ', '15/03/2023', '', '', ''], // 9
    ['N9', 'Chủ trì là đơn vị khác', 2, '', '15/03/2023', 'UBND huyện Thanh Oai', '', ''], // 10
    ['N10', 'Tiêu chí không có', 2, '', '15/03/2023', '', '', '9.9.9'], // 11
    ['N11', 'Phối hợp là chính đơn vị', 2, '', '15/03/2023', '', SONTAY, ''], // 12
    ['N12', 'Thiếu thời hạn và lĩnh vực', '', '', '', '', '', ''], // 13
    ['N13', 'Mã tiêu chí ghi vào cột lĩnh vực', '1.1', '', '15/03/2023', '', '', ''], // 14
  ];

  it('lists every row error with its row, column and message, and writes nothing (preview and commit alike)', async () => {
    const content = await workbook(BAD_ROWS);
    const before = await tableChecksum(t);
    const preview = await send('preview', content);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(errorsOf(preview.body)).toEqual([
      [3, 'code', 'DUPLICATE_CODE'],
      [4, 'code', 'DUPLICATE_CODE'],
      [5, 'area', 'UNKNOWN_AREA'],
      [6, 'cooperatingUnits', 'UNKNOWN_UNIT'],
      [7, 'deadline', 'INVALID_DATE'],
      [8, 'deadline', 'DEADLINE_OUTSIDE_YEAR'],
      [9, 'title', 'MISSING_VALUE'],
      [10, 'leadUnit', 'LEAD_UNIT_NOT_PLAN_UNIT'],
      [11, 'criterionCode', 'UNKNOWN_CRITERION'],
      [12, 'cooperatingUnits', 'LEAD_UNIT_COOPERATING'],
      [13, 'area', 'MISSING_VALUE'],
      [13, 'deadline', 'MISSING_VALUE'],
      [14, 'area', 'UNKNOWN_AREA'],
    ]);
    expect(preview.body).toMatchObject({ rowCount: 13, invalidCount: 12, unitName: SONTAY });
    expect(preview.body.rows[0]).toEqual({
      line: 2,
      code: 'N1',
      title: 'Nhiệm vụ hợp lệ',
      area: 3,
      output: 'Báo cáo',
      deadline: '2023-03-15',
      cooperatingUnits: ['UBND huyện Thanh Oai'],
      criterionCode: null,
      valid: true,
    });
    expect(preview.body.rows.filter((row: any) => row.valid)).toHaveLength(1);
    const byLine = (line: number) => preview.body.errors.find((error: any) => error.line === line);
    expect(byLine(3)).toMatchObject({ header: 'Mã nhiệm vụ', message: 'Mã nhiệm vụ "N1" trùng với dòng 2.' });
    expect(byLine(4).message).toBe('Mã nhiệm vụ "1" đã có trong kế hoạch.');
    expect(byLine(6).message).toBe('Không có đơn vị tên "Sở Không Tồn Tại".');
    expect(byLine(8).message).toContain('ngoài năm 2023');

    const english = await send('preview', content, { locale: 'en' });
    expect(english.body.errors.find((error: any) => error.line === 3).message).toBe('Task code "N1" repeats row 2.');

    const commit = await send('commit', content);
    expect(commit.status).toBe(422);
    expect(commit.body.error.code).toBe('PLAN_IMPORT_INVALID');
    expect(await tableChecksum(t)).toBe(before);
  });

  it('refuses a file that is not a workbook, a cut upload, wrong columns or no rows, writing nothing', async () => {
    const before = await tableChecksum(t);
    const full = await workbook([HEADER, ['X1', 'Nhiệm vụ', 1, '', '15/03/2023', '', '', '']]);
    const cases: [Buffer, number, string][] = [
      [files.pdf('khong phai bang tinh'), 400, 'NOT_XLSX'],
      [full.subarray(0, Math.floor(full.length / 2)), 400, 'NOT_XLSX'],
      [
        await workbook([
          ['Mã', 'Tên'],
          ['1', 'x'],
        ]),
        400,
        'WRONG_COLUMNS',
      ],
      [await workbook([HEADER]), 400, 'EMPTY_FILE'],
    ];
    for (const [content, status, code] of cases) {
      for (const route of ['preview', 'commit'] as const) {
        const answer = await send(route, content);
        expect([route, answer.status, answer.body.error?.code]).toEqual([route, status, code]);
      }
    }
    const boundary = 'XXcutXX';
    const cut = await fetch(`${t.url}/api/monitoring/plan-tasks?year=2023`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.get('sontay')}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\n`), full]),
    });
    expect([cut.status, ((await cut.json()) as any).error.code]).toEqual([400, 'BAD_UPLOAD']);
    expect(await tableChecksum(t)).toBe(before);
    expect(await fs.readdir(path.join(dataDir, 'plans', '.staging'))).toEqual([]);
  });

  /** Two valid files, of 2 and 12 rows, every way of writing a cell mixed in. */
  const rowsBuffer = {} as { small: Buffer; large: Buffer };
  beforeAll(async () => {
    const rows = (n: number, prefix: string) => [
      HEADER,
      ...Array.from({ length: n }, (_, i) => [
        `${prefix}${i + 1}`,
        `Nhiệm vụ nhập ${prefix}${i + 1}`,
        i % 2 ? 'Cải cách chế độ công vụ' : `${(i % 8) + 1}. Tên lĩnh vực bất kỳ`,
        i % 3 ? 'Báo cáo' : '',
        i % 2 ? new Date(Date.UTC(2023, 5, 30)) : '30/9/2023',
        i % 2 ? 'Ủy ban nhân dân thị xã Sơn Tây' : '',
        i % 2 ? 'UBND huyện Thanh Oai; Sở Nội vụ' : 'STP',
        i === 0 ? '1.1.2' : '',
      ]),
    ];
    rowsBuffer.small = await workbook(rows(2, 'A'));
    rowsBuffer.large = await workbook(rows(12, 'B'));
  });

  it('writes every row in one transaction, in a fixed number of statements, audited', async () => {
    const before = await tasksOf(sontay, 2023);
    const small = await t.recordQueries(() => send('commit', rowsBuffer.small), { warmAs: tokens.get('sontay') });
    const large = await t.recordQueries(() => send('commit', rowsBuffer.large), { warmAs: tokens.get('sontay') });
    expect(small.result.status, JSON.stringify(small.result.body)).toBe(200);
    expect(large.result.status, JSON.stringify(large.result.body)).toBe(200);
    expect(small.result.body).toMatchObject({ createdCount: 2 });
    expect(large.result.body).toMatchObject({ createdCount: 12 });
    expect(large.statements.length).toBe(small.statements.length);
    // The target check; BEGIN, the plan created or locked, the rows resolved, the tasks, their cooperating units, the audit; COMMIT.
    expect(small.statements.length).toBe(8);

    const after = await tasksOf(sontay, 2023);
    const added = after.filter((task) => !before.some((old) => old.id === task.id));
    expect(added).toHaveLength(14);
    expect(added.map((task) => task.code)).toEqual([...['A1', 'A2'], ...Array.from({ length: 12 }, (_, i) => `B${i + 1}`)]);
    expect(added[0]).toMatchObject({
      title: 'Nhiệm vụ nhập A1',
      area: 1,
      output: null,
      deadline: '2023-09-30',
      original: '2023-09-30',
      city: false,
      criterion: '1.1.2',
      cooperating: ['STP'],
    });
    expect(added[1]).toMatchObject({ area: 5, output: 'Báo cáo', deadline: '2023-06-30', cooperating: ['SNV', 'THANHOAI'] });
    const audits = await sql<{ n: number }>(
      `select count(*)::int as n from audit_entry where action = 'task-import' and subject_id = any(?::int[])`,
      [`{${added.map((task) => task.id).join(',')}}`],
    );
    expect(audits[0]!.n).toBe(14);
    const [planAudit] = await sql<{ after: any }>(`select after from audit_entry where action = 'plan-import' order by id desc limit 1`);
    expect(planAudit!.after).toMatchObject({ fileName: 'ke-hoach.xlsx', taskCount: 12, cityAssigned: false });

    // The same file again: every code is now in the plan.
    const again = await send('preview', rowsBuffer.small);
    expect(errorsOf(again.body)).toEqual([
      [2, 'code', 'DUPLICATE_CODE'],
      [3, 'code', 'DUPLICATE_CODE'],
    ]);
    const read = await t.gql(
      `query { annualPlans(year: 2023, kind: PAR) { stats { total } tasks(filter: {}) { code } } }`,
      {},
      { token: tokens.get('sontay') },
    );
    expect(read.data.annualPlans[0].tasks.map((task: any) => task.code)).toEqual(expect.arrayContaining(['A1', 'B12']));
  });
  it('lets the secretariat import the tasks the city assigns into a unit’s plan, marked city-assigned', async () => {
    const content = await workbook([HEADER, ['TP1', 'Nhiệm vụ Thành phố giao', 7, 'Báo cáo', '30/11/2023', SONTAY, '', '']]);
    const preview = await send('preview', content, { user: 'secretariat', unitId: sontay });
    expect(preview.body).toMatchObject({ cityAssigned: true, invalidCount: 0 });
    const commit = await send('commit', content, { user: 'secretariat', unitId: sontay });
    expect(commit.status, JSON.stringify(commit.body)).toBe(200);
    const [task] = (await tasksOf(sontay, 2023)).filter((row) => row.code === 'TP1');
    expect(task).toMatchObject({ city: true, area: 7, deadline: '2023-11-30' });
  });

  it('refuses who may not create the plan’s tasks before reading the file, writing nothing', async () => {
    const content = await workbook([HEADER, ['P1', 'Nhiệm vụ', 1, '', '15/03/2023', '', '', '']]);
    const before = await tableChecksum(t);
    const refusals: [string, { user?: string; unitId?: number; year?: number }, number, string][] = [
      ['another unit', { user: 'thanhoai', unitId: sontay }, 403, 'FORBIDDEN'],
      ['analyst', { user: 'analyst', unitId: sontay }, 403, 'FORBIDDEN'],
      ['appraiser', { user: 'appraiser', unitId: sontay }, 403, 'FORBIDDEN'],
      ['a year not set up', { year: 2031 }, 409, 'YEAR_NOT_CONFIGURED'],
      ['no unit given', { user: 'secretariat' }, 400, 'BAD_USER_INPUT'],
      ['a missing unit', { user: 'secretariat', unitId: 987_654 }, 404, 'NOT_FOUND'],
    ];
    for (const [label, options, status, code] of refusals) {
      for (const route of ['preview', 'commit'] as const) {
        const answer = await send(route, content, options);
        expect([label, route, answer.body.error?.code]).toEqual([label, route, code]);
        if (code !== 'YEAR_NOT_CONFIGURED') expect(answer.status).toBe(status);
      }
    }
    const anonymous = await fetch(`${t.url}/api/monitoring/plan-tasks?year=2023`, { method: 'POST', body: content });
    expect(anonymous.status).toBe(401);
    expect(await tableChecksum(t)).toBe(before);
  });
});

describe('exporting a plan’s tasks', () => {
  it('writes the template’s columns and the task status; the seeded plan reads back with no error but its existing codes', async () => {
    const file = await download(`/api/monitoring/plan-tasks.xlsx?year=2023&unitId=${sontay}`, 'analyst');
    expect(file.status).toBe(200);
    const rows = await readBook(file.content);
    expect(rows[0]).toEqual([...HEADER, 'Trạng thái', 'Tiến độ (%)', 'Ngày hoàn thành', 'Thành phố giao']);
    const tasks = await tasksOf(sontay, 2023);
    expect(rows).toHaveLength(tasks.length + 1);
    expect(rows.slice(1).map((row) => row[0])).toEqual(tasks.map((task) => task.code));
    const seeded = rows[1]!;
    expect(seeded[4]).toBe(tasks[0]!.deadline);
    expect(String(seeded[2])).toMatch(new RegExp(`^${tasks[0]!.area}\\. `));

    // Imported into the same plan: each row is refused for its code alone (every other cell reads back).
    const preview = await send('preview', file.content);
    expect(preview.status).toBe(200);
    expect(preview.body.errors.every((error: any) => error.code === 'DUPLICATE_CODE')).toBe(true);
    expect(preview.body.invalidCount).toBe(tasks.length);
  });

  it('round trip: a plan exported, emptied and imported from its export exports the same file', async () => {
    const content = await workbook([
      HEADER,
      ['1', 'Ban hành Kế hoạch CCHC năm 2024', 'Công tác chỉ đạo, điều hành CCHC', 'Kế hoạch', '15/01/2024', SONTAY, '', '1.1.1'],
      ['2', 'Rà soát TTHC', 3, 'Phương án', new Date(Date.UTC(2024, 5, 30)), '', 'Sở Tư pháp; UBND huyện Thanh Oai', ''],
      ['2.1', 'Số hóa hồ sơ', 'Lĩnh vực 7', '', '1/12/2024', '', 'Sở Thông tin và Truyền thông', ''],
    ]);
    const imported = await send('commit', content, { year: 2024 });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    const url = `/api/monitoring/plan-tasks.xlsx?year=2024`;
    const first = await download(url, 'sontay');
    const firstRows = await readBook(first.content);
    expect(firstRows.slice(1).map((row) => row.slice(0, 8))).toEqual([
      [
        '1',
        'Ban hành Kế hoạch CCHC năm 2024',
        '1. Công tác chỉ đạo, điều hành cải cách hành chính',
        'Kế hoạch',
        '2024-01-15',
        SONTAY,
        null,
        '1.1.1',
      ],
      [
        '2',
        'Rà soát TTHC',
        expect.stringMatching(/^3\. Cải cách thủ tục hành chính/),
        'Phương án',
        '2024-06-30',
        SONTAY,
        'Sở Tư pháp; UBND huyện Thanh Oai',
        null,
      ],
      ['2.1', 'Số hóa hồ sơ', expect.stringMatching(/^7\. /), null, '2024-12-01', SONTAY, 'Sở Thông tin và Truyền thông', null],
    ]);
    const before = await tasksOf(sontay, 2024);
    await sql(`delete from plan_task where unit_id = ? and year = 2024`, [sontay]);
    const again = await send('commit', first.content, { year: 2024 });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    const after = await tasksOf(sontay, 2024);
    const strip = (rows: typeof before) => rows.map(({ id: _id, ...row }) => row);
    expect(strip(after)).toEqual(strip(before));
    expect(await readBook((await download(url, 'sontay')).content)).toEqual(firstRows);
  });

  it('is refused to another unit and for a missing unit', async () => {
    const foreign = await download(`/api/monitoring/plan-tasks.xlsx?year=2023&unitId=${sontay}`, 'thanhoai');
    expect([foreign.status, foreign.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const missing = await download(`/api/monitoring/plan-tasks.xlsx?year=2023&unitId=987654`, 'secretariat');
    expect([missing.status, missing.body.error.code]).toEqual([404, 'NOT_FOUND']);
    const own = await download(`/api/monitoring/plan-tasks.xlsx?year=2023&unitId=${thanhoai}`, 'thanhoai');
    expect(own.status).toBe(200);
  });
});

describe('exporting the consolidated report of a period', () => {
  it('sums every number field over the submitted reports and lists the missing units, as GraphQL does', async () => {
    const periods = await t.gql(`query { reportPeriods(year: 2023) { id kind } }`, {}, { token: tokens.get('secretariat') });
    const period = periods.data.reportPeriods.find((row: any) => row.kind === 'H1');
    const expected = (
      await t.gql(
        `query($id: Int!) { reportPeriod(id: $id) { consolidation { submitted missingUnitIds totals { key area label total } } } }`,
        { id: period.id },
        { token: tokens.get('secretariat') },
      )
    ).data.reportPeriod.consolidation;
    const file = await download(`/api/monitoring/consolidation.xlsx?periodId=${period.id}`, 'analyst');
    expect(file.status).toBe(200);
    const rows = await readBook(file.content);
    expect(rows[0]).toEqual(['Lĩnh vực', 'Mã chỉ tiêu', 'Chỉ tiêu', 'Tổng cộng']);
    const totals = rows.slice(1, 1 + expected.totals.length);
    expect(totals).toEqual(expected.totals.map((field: any) => [field.area, field.key, field.label, field.total]));
    expect(expected.totals.some((field: any) => field.total > 0)).toBe(true);
    expect(rows).toContainEqual([null, null, 'Số đơn vị đã gửi báo cáo', expected.submitted]);
    expect(rows).toContainEqual([null, null, 'Số đơn vị chưa gửi báo cáo', expected.missingUnitIds.length]);
    const missing = await readBook(file.content, 1);
    const names = await sql<{ code: string }>(`select code from unit where id = any(?::int[]) order by block, code`, [
      `{${expected.missingUnitIds.join(',')}}`,
    ]);
    expect(missing.slice(1).map((row) => row[0])).toEqual(names.map((row) => row.code));
    expect(missing.length - 1).toBe(expected.missingUnitIds.length);
  });

  it('is refused to units and for a missing period', async () => {
    const [period] = await sql<{ id: number }>(`select id from report_period where year = 2023 order by deadline limit 1`);
    const unit = await download(`/api/monitoring/consolidation.xlsx?periodId=${period!.id}`, 'sontay');
    expect([unit.status, unit.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const missing = await download(`/api/monitoring/consolidation.xlsx?periodId=987654`, 'secretariat');
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });
});
