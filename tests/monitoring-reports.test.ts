import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type GraphQLResponse, type TestApp } from './support/app.ts';

let t: TestApp;
const tokens = new Map<string, Promise<string>>();
/** One sign-in per account for the whole file (scrypt is deliberately slow). */
const login = (username: string) => {
  if (!tokens.has(username)) tokens.set(username, t.login(username));
  return tokens.get(username)!;
};
const as = async (username: string, query: string, variables?: Record<string, unknown>) =>
  t.gql(query, variables, { token: await login(username) });

function ok<T = any>(response: GraphQLResponse<T>): T {
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!;
}

const REPORT = `id periodId unitId kind deadline status state onTime firstSubmittedAt countedSubmittedAt submittedAt submittedByName
  returnComment values { key value } unit { code }`;
const PERIODS = `query { reportPeriods(year: 2023) { id kind deadline template { key area label kind } myReport { ${REPORT} } } }`;
const SAVE = `mutation($input: ReportValuesInput!) { saveReport(input: $input) { ${REPORT} } }`;
const SUBMIT = `mutation($input: ReportValuesInput!) { submitReport(input: $input) { ${REPORT} } }`;
const RETURN = `mutation($input: ReturnReportInput!) { returnReport(input: $input) { ${REPORT} } }`;
const ACCEPT = `mutation($id: Int!) { acceptReport(id: $id) { ${REPORT} } }`;
const SET_PERIOD = `mutation($input: ReportPeriodInput!) { setReportPeriod(input: $input) { id kind deadline } }`;

const db = () => t.orm.em.getConnection();
const reportRow = async (periodId: number, unitCode: string) =>
  (
    await db().execute<{ status: string; values: any; first_submitted_at: string | null }[]>(
      `select r.status, r.values, r.first_submitted_at from periodic_report r join unit u on u.id = r.unit_id
        where r.period_id = ? and u.code = ?`,
      [periodId, unitCode],
    )
  )[0];

/** The version the unit's report of the period is at now (0: none yet), for an edit made on it. */
const reportVersion = async (periodId: number, unitCode: string) =>
  (
    await db().execute<{ version: number }[]>(
      'select r.version from periodic_report r join unit u on u.id = r.unit_id where r.period_id = ? and u.code = ?',
      [periodId, unitCode],
    )
  )[0]?.version ?? 0;

let periods: any[];
const period = (kind: string) => periods.find((row) => row.kind === kind);
let fullValues: { key: string; value: string }[];

beforeAll(async () => {
  t = await startTestApp();
  periods = ok(await as('sontay', PERIODS)).reportPeriods;
  fullValues = period('Q3').template.map((field: any) => ({ key: field.key, value: field.kind === 'NUMBER' ? '120' : 'Nội dung báo cáo' }));
});
afterAll(() => t?.close());

describe('report periods (demo data)', () => {
  it('has the four 2023 periods with their deadlines and the year’s template', () => {
    expect(periods.map((row) => [row.kind, row.deadline])).toEqual([
      ['Q1', '2023-03-15'],
      ['H1', '2023-06-15'],
      ['Q3', '2023-09-15'],
      ['YEAR', '2023-12-15'],
    ]);
    expect(period('Q3').template.some((field: any) => field.key === 'dossiersOnline' && field.kind === 'NUMBER' && field.area === 3)).toBe(
      true,
    );
  });

  it('shows Sơn Tây its own reports: two accepted on time, quarter III a draft, the year missing', () => {
    expect(period('Q1').myReport).toMatchObject({ status: 'ACCEPTED', state: 'ON_TIME', onTime: true });
    expect(period('H1').myReport).toMatchObject({ status: 'ACCEPTED', state: 'ON_TIME', onTime: true });
    expect(period('Q3').myReport).toMatchObject({ status: 'DRAFT', state: 'DRAFT', onTime: null });
    expect(period('YEAR').myReport).toBeNull();
  });

  it('holds a realistic mix across the city: on time, late, returned and missing', async () => {
    const reports = ok(await as('secretariat', `query { periodicReports(year: 2023) { state unit { code } } }`)).periodicReports;
    const states = new Set(reports.map((row: any) => row.state));
    for (const state of ['ON_TIME', 'LATE', 'RETURNED']) expect(states).toContain(state);
    // Drafts stay with their unit: the secretariat sees submitted reports only.
    expect(states).not.toContain('DRAFT');
    expect(reports.length).toBeLessThan(52 * 4);
  });
});

describe('filling and submitting a report', () => {
  it('autosaves the staff’s fields, then the lead submits it on time', async () => {
    const q3 = period('Q3');
    // The secretariat gives quarter III a later deadline (the demo year is past).
    const moved = ok(await as('secretariat', SET_PERIOD, { input: { year: 2023, kind: 'Q3', deadline: '2099-09-15' } }));
    expect(moved.setReportPeriod.deadline).toBe('2099-09-15');
    const saved = ok(
      await as('sontay', SAVE, {
        input: { version: await reportVersion(q3.id, 'SONTAY'), periodId: q3.id, values: [{ key: 'dossiersReceived', value: '12450' }] },
      }),
    );
    expect(saved.saveReport.values).toContainEqual({ key: 'dossiersReceived', value: '12450' });
    expect(saved.saveReport.status).toBe('DRAFT');

    // Staff may not submit.
    const staff = await as('sontay', SUBMIT, {
      input: { version: await reportVersion(q3.id, 'SONTAY'), periodId: q3.id, values: fullValues },
    });
    expect(errorCode(staff)).toBe('FORBIDDEN');
    expect((await reportRow(q3.id, 'SONTAY'))!.status).toBe('DRAFT');

    const submitted = ok(
      await as('sontay.lead', SUBMIT, { input: { version: await reportVersion(q3.id, 'SONTAY'), periodId: q3.id, values: fullValues } }),
    ).submitReport;
    expect(submitted).toMatchObject({
      status: 'SUBMITTED',
      state: 'ON_TIME',
      onTime: true,
      submittedByName: 'Lãnh đạo UBND thị xã Sơn Tây',
    });
    const again = await as('sontay', SAVE, {
      input: { version: await reportVersion(q3.id, 'SONTAY'), periodId: q3.id, values: [{ key: 'staffTrained', value: '5' }] },
    });
    expect(errorCode(again)).toBe('REPORT_SUBMITTED');
  });

  it.each([
    ['a negative number', '-3'],
    ['a number that is not one', 'mười hai'],
  ])('refuses %s and changes nothing', async (_name, value) => {
    const year = period('YEAR');
    const before = await reportRow(year.id, 'SONTAY');
    const refused = await as('sontay.lead', SUBMIT, {
      input: {
        version: await reportVersion(year.id, 'SONTAY'),
        periodId: year.id,
        values: [...fullValues.slice(1), { key: 'dossiersReceived', value }],
      },
    });
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0]!.extensions!.field).toBe('values.dossiersReceived');
    expect(await reportRow(year.id, 'SONTAY')).toEqual(before);
  });

  it('refuses an unknown field, and an incomplete report', async () => {
    const year = period('YEAR');
    const unknown = await as('sontay', SAVE, {
      input: { version: await reportVersion(year.id, 'SONTAY'), periodId: year.id, values: [{ key: 'nope', value: '1' }] },
    });
    expect(errorCode(unknown)).toBe('BAD_USER_INPUT');
    expect(unknown.errors![0]!.extensions!.field).toBe('values.nope');
    const incomplete = await as('sontay.lead', SUBMIT, {
      input: { version: await reportVersion(year.id, 'SONTAY'), periodId: year.id, values: [{ key: 'dossiersReceived', value: '5' }] },
    });
    expect(errorCode(incomplete)).toBe('REPORT_INCOMPLETE');
    expect(await reportRow(year.id, 'SONTAY')).toBeUndefined();
  });

  it('never lets another unit read a draft', async () => {
    const q3 = period('Q3');
    const reports = ok(
      await as('thanhoai', `query($p: Int!) { periodicReports(year: 2023, periodId: $p) { unit { code } } }`, { p: q3.id }),
    ).periodicReports;
    expect(reports.map((row: any) => row.unit.code)).toEqual(['THANHOAI']);
    const [draft] = await db().execute<{ id: number }[]>(
      `select r.id from periodic_report r join unit u on u.id = r.unit_id where r.status = 'DRAFT' and u.code <> 'THANHOAI' limit 1`,
    );
    if (draft)
      expect(errorCode(await as('thanhoai', 'query($id: Int!) { periodicReport(id: $id) { id } }', { id: draft.id }))).toBe('FORBIDDEN');
  });
});

describe('the secretariat’s decision', () => {
  const thanhoaiQ3 = async () =>
    ok(
      await as('secretariat', `query($p: Int!) { periodicReports(year: 2023, periodId: $p) { ${REPORT} } }`, { p: period('Q3').id }),
    ).periodicReports.find((row: any) => row.unit.code === 'THANHOAI');

  it('returns a report with a comment; it keeps its first submission for timeliness', async () => {
    const report = await thanhoaiQ3();
    expect(report.status).toBe('SUBMITTED');
    expect(errorCode(await as('sontay.lead', RETURN, { input: { reportId: report.id, comment: 'Bổ sung' } }))).toBe('FORBIDDEN');
    const noComment = await as('secretariat', RETURN, { input: { reportId: report.id, comment: '  ' } });
    expect(errorCode(noComment)).toBe('BAD_USER_INPUT');
    const returned = ok(
      await as('secretariat', RETURN, { input: { reportId: report.id, comment: 'Đề nghị bổ sung số liệu hồ sơ trực tuyến.' } }),
    ).returnReport;
    expect(returned).toMatchObject({ status: 'RETURNED', state: 'RETURNED', returnComment: 'Đề nghị bổ sung số liệu hồ sơ trực tuyến.' });
    expect(returned.countedSubmittedAt).toBe(report.firstSubmittedAt);
    // The unit's staff correct it; timeliness stays with the first submission.
    const saved = ok(
      await as('thanhoai', SAVE, {
        input: {
          version: await reportVersion(period('Q3').id, 'THANHOAI'),
          periodId: period('Q3').id,
          values: [{ key: 'dossiersOnline', value: '9000' }],
        },
      }),
    );
    expect(saved.saveReport.status).toBe('RETURNED');
    expect(saved.saveReport.onTime).toBe(report.onTime);
  });

  it('accepts a submitted report, which then refuses every change', async () => {
    const sontay = ok(await as('sontay', PERIODS)).reportPeriods.find((row: any) => row.kind === 'Q3').myReport;
    const accepted = ok(await as('secretariat', ACCEPT, { id: sontay.id })).acceptReport;
    expect(accepted.status).toBe('ACCEPTED');
    expect(
      errorCode(
        await as('sontay.lead', SUBMIT, {
          input: { version: await reportVersion(sontay.periodId, 'SONTAY'), periodId: sontay.periodId, values: [] },
        }),
      ),
    ).toBe('REPORT_ACCEPTED');
    expect(errorCode(await as('secretariat', ACCEPT, { id: sontay.id }))).toBe('REPORT_NOT_SUBMITTED');
  });

  it('consolidates a period: sums over the submitted reports and lists the missing units', async () => {
    const q1 = period('Q1');
    const result = ok(
      await as(
        'secretariat',
        `query($id: Int!) { reportPeriod(id: $id) { consolidation { submitted missingUnitIds totals { key total } } } }`,
        { id: q1.id },
      ),
    ).reportPeriod.consolidation;
    const [expected] = await db().execute<{ n: number; total: string }[]>(
      `select count(*)::int as n, sum((values ->> 'dossiersReceived')::numeric) as total from periodic_report
        where period_id = ? and status in ('SUBMITTED', 'ACCEPTED')`,
      [q1.id],
    );
    expect(result.submitted).toBe(expected!.n);
    expect(result.totals.find((row: any) => row.key === 'dossiersReceived').total).toBe(Number(expected!.total));
    expect(result.missingUnitIds.length).toBe(52 - expected!.n);
    expect(errorCode(await as('sontay', `query($id: Int!) { reportPeriod(id: $id) { consolidation { submitted } } }`, { id: q1.id }))).toBe(
      'FORBIDDEN',
    );
  });
});

describe('inspections', () => {
  const INSPECTION = 'id target inspectedOn conclusionNumber shortcomingsFound shortcomingsHandled';
  const RECORD = `mutation($input: InspectionInput!) { recordInspection(input: $input) { ${INSPECTION} } }`;
  const SUMMARY = `query { inspectionSummaries(year: 2023) { unitId planned inspected inspectedShare shortcomingsFound shortcomingsHandled handledShare } }`;

  it('gives Sơn Tây 11 of its 15 communes inspected, and the share of shortcomings handled', async () => {
    const [summary] = ok(await as('sontay', SUMMARY)).inspectionSummaries;
    expect(summary).toMatchObject({ planned: 15, inspected: 11 });
    expect(summary.inspectedShare).toBeCloseTo(11 / 15);
    expect(summary.handledShare).toBeCloseTo(summary.shortcomingsHandled / summary.shortcomingsFound);
    const all = ok(await as('analyst', SUMMARY)).inspectionSummaries;
    expect(all).toHaveLength(52);
  });

  it('records an inspection, and refuses more handled than found or a date outside the year', async () => {
    const input = {
      year: 2023,
      target: 'UBND xã Xuân Sơn',
      inspectedOn: '2023-11-20',
      conclusionNumber: '245/TB-UBND',
      shortcomingsFound: 2,
      shortcomingsHandled: 2,
    };
    const row = ok(await as('sontay', RECORD, { input })).recordInspection;
    expect(row).toMatchObject({ target: 'UBND xã Xuân Sơn', shortcomingsFound: 2 });
    const [summary] = ok(await as('sontay', SUMMARY)).inspectionSummaries;
    expect(summary.inspected).toBe(12);
    const tooMany = await as('sontay', RECORD, { input: { ...input, shortcomingsHandled: 3 } });
    expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');
    expect(tooMany.errors![0]!.extensions!.field).toBe('shortcomingsHandled');
    expect(errorCode(await as('sontay', RECORD, { input: { ...input, inspectedOn: '2024-01-05' } }))).toBe('DATE_OUTSIDE_YEAR');
    const other = await as('thanhoai', `mutation($id: Int!) { deleteInspection(id: $id) }`, { id: row.id });
    expect(errorCode(other)).toBe('FORBIDDEN');
    const lists = ok(await as('thanhoai', `query { inspections(year: 2023) { unit { code } } }`)).inspections;
    expect(new Set(lists.map((item: any) => item.unit.code))).toEqual(new Set(['THANHOAI']));
  });
});
