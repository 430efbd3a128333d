import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type GraphQLResponse, type TestApp } from './support/app.ts';
import { worldUser } from './support/permission-world.ts';

let t: TestApp;
const tokens = new Map<string, Promise<string>>();
/** One sign-in per account for the whole file (scrypt is deliberately slow). */
const login = (username: string) => {
  if (!tokens.has(username)) tokens.set(username, t.login(username));
  return tokens.get(username)!;
};
const as = async (username: string, query: string, variables?: Record<string, unknown>, locale?: string) =>
  t.gql(query, variables, { token: await login(username), locale });

function ok<T = any>(response: GraphQLResponse<T>): T {
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!;
}

const COMPLETION = 'total done doneOnTime overdue cityAssigned cityAssignedDone completionRate onTimeRate';
/** What the portal's overview page asks for, in one document. */
const OVERVIEW = `query($year: Int!, $filter: OverdueTaskFilter, $first: Int!) {
  monitoringOverview(year: $year) {
    year
    periods { id kind deadline }
    units(first: 100) {
      totalCount nodes { unit { id code name block } reports { periodId kind reportId state status countedSubmittedAt } tasks { ${COMPLETION} } }
    }
    reportCounts { periodId kind accepted states { state count } }
    totals { ${COMPLETION} }
    areas { area ${COMPLETION} }
    trend { month due done doneOnTime }
    overdueTasks(filter: $filter, first: $first) {
      totalCount aggregates { total overdue }
      nodes { id code title area deadline status progress overdue cityAssigned unit { id code name } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

const db = () => t.orm.em.getConnection();
const unitIds = new Map<string, number>();
const sql = async <T = any>(text: string, params: unknown[] = []) => (await db().execute(text, params)) as T[];

let overview: any;
const row = (code: string) => overview.units.find((unit: any) => unit.unit.code === code);

beforeAll(async () => {
  t = await startTestApp();
  for (const unit of await sql<{ id: number; code: string }>('select id, code from unit')) unitIds.set(unit.code, unit.id);
  overview = ok(await as('secretariat', OVERVIEW, { year: 2023, first: 100 })).monitoringOverview;
  overview.units = overview.units.nodes;
});
afterAll(() => t?.close());

describe('the secretariat’s overview of 2023 (demo data)', () => {
  it('has the four periods as columns and every Hà Nội unit as a row', () => {
    expect(overview.periods.map((period: any) => period.kind)).toEqual(['Q1', 'H1', 'Q3', 'YEAR']);
    expect(overview.units).toHaveLength(52);
    for (const unit of overview.units) expect(unit.reports.map((cell: any) => cell.kind)).toEqual(['Q1', 'H1', 'Q3', 'YEAR']);
  });

  it('shows Sơn Tây’s reports as the report logic states them: two accepted on time, its quarter III draft missing for the city', () => {
    const states = row('SONTAY').reports.map((cell: any) => [cell.kind, cell.state, cell.status]);
    expect(states).toEqual([
      ['Q1', 'ON_TIME', 'ACCEPTED'],
      ['H1', 'ON_TIME', 'ACCEPTED'],
      ['Q3', 'MISSING', null],
      ['YEAR', 'MISSING', null],
    ]);
    expect(row('SONTAY').reports[2].reportId).toBeNull();
    expect(row('THANHOAI').reports[2]).toMatchObject({ state: 'ON_TIME', status: 'SUBMITTED' });
  });

  it('agrees cell by cell with the reports list (the same state logic) and counts every state per period', async () => {
    const reports = ok(
      await as('secretariat', `query { periodicReports(year: 2023) { id periodId unitId state status } }`),
    ).periodicReports;
    const byCell = new Map(reports.map((report: any) => [`${report.unitId}/${report.periodId}`, report]));
    let sent = 0;
    for (const unit of overview.units) {
      for (const cell of unit.reports) {
        const report: any = byCell.get(`${unit.unit.id}/${cell.periodId}`);
        if (report) sent++;
        expect(cell.state).toBe(report?.state ?? 'MISSING');
        expect(cell.reportId).toBe(report?.id ?? null);
      }
    }
    expect(sent).toBe(reports.length);
    const states = new Set(overview.units.flatMap((unit: any) => unit.reports.map((cell: any) => cell.state)));
    for (const state of ['ON_TIME', 'LATE', 'RETURNED', 'MISSING']) expect(states).toContain(state);
    for (const counts of overview.reportCounts) {
      expect(counts.states.reduce((sum: number, state: any) => sum + state.count, 0)).toBe(52);
      const accepted = reports.filter((report: any) => report.periodId === counts.periodId && report.status === 'ACCEPTED');
      expect(counts.accepted).toBe(accepted.length);
    }
  });

  it('gives each unit’s completion as its plan does, and per area and city-wide totals that add up', async () => {
    expect(row('SONTAY').tasks).toMatchObject({ total: 16, done: 15, doneOnTime: 14, overdue: 1, cityAssigned: 2, cityAssignedDone: 2 });
    expect(row('SONTAY').tasks.completionRate).toBeCloseTo(15 / 16);
    const [counted] = await sql<{ total: number; done: number; overdue: number }>(
      `select count(*) filter (where status <> 'CANCELLED')::int as total, count(*) filter (where status = 'DONE')::int as done,
              count(*) filter (where status not in ('DONE', 'CANCELLED') and deadline < (now() at time zone 'Asia/Ho_Chi_Minh')::date)::int as overdue
         from plan_task where year = 2023`,
    );
    expect(overview.totals).toMatchObject(counted!);
    const sum = (rows: any[], key: string) => rows.reduce((total, item) => total + item[key], 0);
    expect(overview.areas.map((area: any) => area.area)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const key of ['total', 'done', 'doneOnTime', 'overdue']) {
      expect(sum(overview.areas, key)).toBe(overview.totals[key]);
      expect(
        sum(
          overview.units.map((unit: any) => unit.tasks),
          key,
        ),
      ).toBe(overview.totals[key]);
    }
  });

  it('pages the matrix’s rows (first ≤ 100) and narrows them to a block; the report counts cover every unit', async () => {
    const PAGE = `query($after: String, $block: UnitBlock) { monitoringOverview(year: 2023) {
      units(first: 20, after: $after, filter: { block: $block }) { totalCount nodes { unit { code block } } pageInfo { hasNextPage endCursor } }
      reportCounts { states { count } } } }`;
    const first = ok(await as('secretariat', PAGE)).monitoringOverview;
    expect(first.units.nodes.map((row: any) => row.unit.code)).toEqual(overview.units.slice(0, 20).map((row: any) => row.unit.code));
    const second = ok(await as('secretariat', PAGE, { after: first.units.pageInfo.endCursor })).monitoringOverview;
    expect(second.units.nodes.map((row: any) => row.unit.code)).toEqual(overview.units.slice(20, 40).map((row: any) => row.unit.code));
    expect(first.reportCounts).toEqual(
      overview.reportCounts.map((counts: any) => ({ states: counts.states.map(({ count }: any) => ({ count })) })),
    );
    const districts = ok(await as('secretariat', PAGE, { block: 'DISTRICT' })).monitoringOverview.units;
    expect(districts.totalCount).toBe(30);
    expect(districts.nodes.every((row: any) => row.unit.block === 'DISTRICT')).toBe(true);
  });

  it('draws the year month by month: due and done grow to the year’s totals', () => {
    expect(overview.trend.map((point: any) => point.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const [before, after] of overview.trend.slice(0, -1).map((point: any, i: number) => [point, overview.trend[i + 1]])) {
      expect(after.due).toBeGreaterThanOrEqual(before.due);
      expect(after.done).toBeGreaterThanOrEqual(before.done);
      expect(after.doneOnTime).toBeLessThanOrEqual(after.done);
    }
    const december = overview.trend[11];
    expect(december.due).toBe(overview.totals.total);
    expect(december.done).toBeLessThanOrEqual(overview.totals.done);
    expect(december.doneOnTime).toBe(overview.totals.doneOnTime);
  });
});

describe('overdue tasks across the city', () => {
  const overdue = async (filter: Record<string, unknown>, first = 100, user = 'secretariat') =>
    ok(await as(user, OVERVIEW, { year: 2023, filter, first })).monitoringOverview.overdueTasks;

  it('lists every overdue task, the longest overdue first, each with its unit', () => {
    const list = overview.overdueTasks;
    expect(list.totalCount).toBe(overview.totals.overdue);
    expect(list.nodes.length).toBe(Math.min(100, list.totalCount));
    expect(list.nodes.every((task: any) => task.overdue)).toBe(true);
    const deadlines = list.nodes.map((task: any) => task.deadline);
    expect(deadlines).toEqual([...deadlines].sort());
    expect(list.nodes[0].unit.name).toBeTruthy();
  });

  it('filters by unit, block, area and city-assigned', async () => {
    const sontay = await overdue({ unitId: unitIds.get('SONTAY') });
    expect(sontay.totalCount).toBe(1);
    expect(sontay.nodes[0].unit.code).toBe('SONTAY');
    const districts = await overdue({ block: 'DISTRICT' });
    const departments = await overdue({ block: 'DEPARTMENT' });
    expect(districts.totalCount + departments.totalCount).toBe(overview.overdueTasks.totalCount);
    const area = await overdue({ area: 3 });
    expect(area.totalCount).toBe(overview.areas[2].overdue);
    expect(area.nodes.every((task: any) => task.area === 3)).toBe(true);
    const city = await overdue({ cityAssigned: true });
    expect(city.nodes.every((task: any) => task.cityAssigned)).toBe(true);
    const [counted] = await sql<{ n: number }>(
      `select count(*)::int as n from plan_task where year = 2023 and city_assigned and status not in ('DONE', 'CANCELLED')
          and deadline < (now() at time zone 'Asia/Ho_Chi_Minh')::date`,
    );
    expect(city.totalCount).toBe(counted!.n);
  });

  it('pages with cursors of the same query', async () => {
    const first = await overdue({}, 5);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = ok(
      await as(
        'secretariat',
        `query($after: String) { monitoringOverview(year: 2023) { overdueTasks(first: 5, after: $after) { nodes { id } } } }`,
        { after: first.pageInfo.endCursor },
      ),
    ).monitoringOverview.overdueTasks;
    expect(next.nodes.map((task: any) => task.id)).toEqual(overview.overdueTasks.nodes.slice(5, 10).map((task: any) => task.id));
  });
});

describe('under the same rules as every read', () => {
  it('shows a unit only its own row, its draft as a draft, and only its own overdue tasks', async () => {
    const own = ok(await as('sontay', OVERVIEW, { year: 2023, first: 100 })).monitoringOverview;
    own.units = own.units.nodes;
    expect(own.units.map((unit: any) => unit.unit.code)).toEqual(['SONTAY']);
    expect(own.units[0].reports[2]).toMatchObject({ kind: 'Q3', state: 'DRAFT', status: 'DRAFT' });
    expect(own.totals).toMatchObject({ total: 16, overdue: 1 });
    expect(own.overdueTasks.nodes.map((task: any) => task.unit.code)).toEqual(['SONTAY']);
    // Asking for another unit's tasks finds none.
    const other = ok(await as('sontay', OVERVIEW, { year: 2023, first: 10, filter: { unitId: unitIds.get('THANHOAI') } }));
    expect(other.monitoringOverview.overdueTasks.totalCount).toBe(0);
  });

  it('shows an appraiser the units they appraise, analysts every unit', async () => {
    const appraised = await sql<{ unit_id: number | null }>(
      `select a.unit_id from appraisal_assignment a join app_user u on u.id = a.appraiser_id where u.username = 'appraiser'`,
    );
    const expected = appraised.some((a) => a.unit_id === null) ? 52 : new Set(appraised.map((a) => a.unit_id)).size;
    expect(ok(await as('appraiser', OVERVIEW, { year: 2023, first: 1 })).monitoringOverview.units.totalCount).toBe(expected);
    expect(ok(await as('analyst', OVERVIEW, { year: 2023, first: 1 })).monitoringOverview.units.totalCount).toBe(52);
  });
});

describe('an appraiser of two units', () => {
  it('sees only those units’ rows, reports and tasks', async () => {
    const appraiser = await worldUser(t, ['APPRAISER'], null);
    const two = [unitIds.get('SONTAY')!, unitIds.get('THANHOAI')!];
    await sql(
      `insert into appraisal_assignment (period_id, appraiser_id, unit_id) select p.id, ?, u from period p, unnest(?::int[]) u where p.year = 2023`,
      [appraiser.id, `{${two.join(',')}}`],
    );
    const seen = ok(await t.gql(OVERVIEW, { year: 2023, first: 100 }, { token: appraiser.token })).monitoringOverview;
    expect(seen.units.nodes.map((row: any) => row.unit.code).sort()).toEqual(['SONTAY', 'THANHOAI']);
    // Sơn Tây's quarter III draft stays with Sơn Tây.
    expect(seen.units.nodes.find((row: any) => row.unit.code === 'SONTAY').reports[2].state).toBe('MISSING');
    expect(seen.totals.total).toBe(row('SONTAY').tasks.total + row('THANHOAI').tasks.total);
    expect(new Set(seen.overdueTasks.nodes.map((task: any) => task.unit.code))).toEqual(
      new Set(['SONTAY', 'THANHOAI'].filter((code) => row(code).tasks.overdue > 0)),
    );
    const counted = seen.reportCounts.map((counts: any) => counts.states.reduce((sum: number, state: any) => sum + state.count, 0));
    expect(counted).toEqual([2, 2, 2, 2]);
  });
});

describe('the overview’s statements', () => {
  /** The whole overview document as `user`, with the caches warm: the statements it sends. */
  const statements = async (user: string) => {
    const token = await login(user);
    const { result, statements } = await t.recordQueries(() => t.gql(OVERVIEW, { year: 2023, first: 100 }, { token }), {
      warmAs: token,
    });
    expect(result.errors).toBeUndefined();
    return statements;
  };

  it('loads in eight statements for one unit, for the whole city, and after the city grows', async () => {
    const city = await statements('secretariat');
    expect(city).toHaveLength(8);
    expect(await statements('sontay')).toHaveLength(8);

    // Twenty more units, each with a plan of twelve tasks and its reports: nothing changes in the count.
    await sql(
      `insert into unit (code, name, block, active) select 'XA' || i, 'UBND xã số ' || i, 'COMMUNE', true from generate_series(1, 20) i`,
    );
    await sql(`insert into annual_plan (unit_id, year, kind, created_at, updated_at)
               select id, 2023, 'PAR', now(), now() from unit where code like 'XA%'`);
    await sql(`insert into plan_task (plan_id, unit_id, year, code, title, area, deadline, original_deadline, created_at, updated_at)
               select p.id, p.unit_id, 2023, i::text, 'Nhiệm vụ ' || i, 1 + i % 8, make_date(2023, 1 + i % 12, 10), make_date(2023, 1 + i % 12, 10), now(), now()
                 from annual_plan p cross join generate_series(1, 12) i where p.unit_id in (select id from unit where code like 'XA%')`);
    await sql(`insert into periodic_report (period_id, unit_id, year, values, status, first_submitted_at, counted_submitted_at, submitted_at, updated_at)
               select p.id, u.id, 2023, '{}', 'SUBMITTED', p.deadline, p.deadline, p.deadline, now()
                 from unit u cross join report_period p where u.code like 'XA%' and p.year = 2023`);
    const grown = await statements('secretariat');
    expect(grown).toHaveLength(city.length);
    const after = ok(await as('secretariat', OVERVIEW, { year: 2023, first: 1 })).monitoringOverview;
    expect(after.units.totalCount).toBe(72);
    expect(after.totals.total).toBe(overview.totals.total + 240);
  });
});

describe('analysts’ connections', () => {
  const TASKS = `query($filter: TaskRecordFilter!, $first: Int!, $after: String) {
    taskRecords(filter: $filter, first: $first, after: $after) {
      totalCount aggregates { ${COMPLETION} } nodes { id area status unitId unit { code } } pageInfo { hasNextPage endCursor }
    }
  }`;
  const GROUPS = `query($filter: TaskRecordFilter!, $groupBy: TaskGroupBy!, $first: Int!) {
    taskAggregates(filter: $filter, groupBy: $groupBy, first: $first) { totalCount nodes { key label unit { code } ${COMPLETION} } }
  }`;

  it('reads tasks with filters, page by page, with completion over every match', async () => {
    const area1 = ok(await as('analyst', TASKS, { filter: { year: 2023, area: 1 }, first: 40 })).taskRecords;
    expect(area1.nodes.every((task: any) => task.area === 1)).toBe(true);
    const [counted] = await sql<{ n: number }>('select count(*)::int as n from plan_task where year = 2023 and area = 1');
    expect(area1.totalCount).toBe(counted!.n);
    expect(area1.aggregates.total).toBeLessThanOrEqual(area1.totalCount);
    const next = ok(
      await as('analyst', TASKS, { filter: { year: 2023, area: 1 }, first: 40, after: area1.pageInfo.endCursor }),
    ).taskRecords;
    const ids = [...area1.nodes, ...next.nodes].map((task: any) => task.id);
    expect(new Set(ids).size).toBe(ids.length);
    const done = ok(await as('analyst', TASKS, { filter: { year: 2023, status: ['DONE'], block: 'DISTRICT' }, first: 10 })).taskRecords;
    expect(done.nodes.every((task: any) => task.status === 'DONE')).toBe(true);
    expect(done.aggregates.done).toBe(done.totalCount);
  });

  it('groups completion by area, unit and block', async () => {
    const byArea = ok(await as('analyst', GROUPS, { filter: { year: 2023 }, groupBy: 'AREA', first: 10 })).taskAggregates;
    expect(byArea.nodes.map((group: any) => group.key)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(byArea.nodes[0].label).toBe('Lĩnh vực 1');
    const byUnit = ok(await as('analyst', GROUPS, { filter: { year: 2023 }, groupBy: 'UNIT', first: 100 })).taskAggregates;
    expect(byUnit.totalCount).toBe(72); // the twenty communes added above
    expect(byUnit.nodes.find((group: any) => group.key === 'SONTAY')).toMatchObject({
      unit: { code: 'SONTAY' },
      total: 16,
      doneOnTime: 14,
    });
    const byBlock = ok(await as('analyst', GROUPS, { filter: { year: 2023 }, groupBy: 'BLOCK', first: 10 })).taskAggregates;
    expect(byBlock.nodes.map((group: any) => group.key)).toEqual(['DEPARTMENT', 'DISTRICT', 'COMMUNE']);
    const total = (nodes: any[]) => nodes.reduce((sum, group) => sum + group.total, 0);
    expect(total(byBlock.nodes)).toBe(total(byArea.nodes));
    // A unit groups only what it may read: itself.
    const own = ok(await as('sontay', GROUPS, { filter: { year: 2023 }, groupBy: 'UNIT', first: 100 })).taskAggregates;
    expect(own.nodes.map((group: any) => group.key)).toEqual(['SONTAY']);
  });

  it('reads plans, reports and inspections with their aggregates', async () => {
    const plans = ok(
      await as(
        'analyst',
        `query { planRecords(filter: { year: 2023, kind: PAR, block: DISTRICT }, first: 100) {
          totalCount aggregates { count issued issuedOnTime } nodes { kind unit { code block } stats { total } } } }`,
      ),
    ).planRecords;
    expect(plans.totalCount).toBe(30);
    expect(plans.nodes.every((plan: any) => plan.kind === 'PAR' && plan.unit.block === 'DISTRICT')).toBe(true);
    expect(plans.aggregates.issuedOnTime).toBeLessThanOrEqual(plans.aggregates.issued);

    const reports = ok(
      await as(
        'analyst',
        `query { reportRecords(filter: { year: 2023, kind: Q1, state: [LATE, RETURNED] }, first: 100) {
          totalCount aggregates { count onTime late returned accepted } nodes { kind state } } }`,
      ),
    ).reportRecords;
    expect(reports.nodes.every((report: any) => report.kind === 'Q1' && ['LATE', 'RETURNED'].includes(report.state))).toBe(true);
    expect(reports.aggregates.late + reports.aggregates.returned).toBe(reports.totalCount);
    expect(reports.aggregates.onTime).toBe(0);

    const inspections = ok(
      await as(
        'analyst',
        `query($u: Int) { inspectionRecords(filter: { year: 2023, unitId: $u }, first: 100) {
          totalCount aggregates { count shortcomingsFound shortcomingsHandled handledShare } nodes { target unit { code } } } }`,
        { u: unitIds.get('SONTAY') },
      ),
    ).inspectionRecords;
    const [summary] = ok(
      await as('analyst', `query($u: Int) { inspectionSummaries(year: 2023, unitId: $u) { shortcomingsFound shortcomingsHandled } }`, {
        u: unitIds.get('SONTAY'),
      }),
    ).inspectionSummaries;
    expect(inspections.totalCount).toBe(11);
    expect(inspections.aggregates).toMatchObject(summary);
  });

  it('never shows a unit another unit’s drafts or records', async () => {
    const reports = ok(
      await as('thanhoai', `query { reportRecords(filter: { year: 2023 }, first: 100) { nodes { unit { code } } } }`),
    ).reportRecords;
    expect(new Set(reports.nodes.map((report: any) => report.unit.code))).toEqual(new Set(['THANHOAI']));
    const drafts = ok(
      await as('secretariat', `query { reportRecords(filter: { year: 2023, state: [DRAFT] }, first: 100) { totalCount } }`),
    ).reportRecords;
    expect(drafts.totalCount).toBe(0);
    const tasks = ok(await as('thanhoai', TASKS, { filter: { year: 2023, unitId: unitIds.get('SONTAY') }, first: 10 })).taskRecords;
    expect(tasks.totalCount).toBe(0);
  });
});

describe('bad input: a stable code, a message in both languages', () => {
  it('refuses a year with no monitoring configuration', async () => {
    for (const [query, variables] of [
      [OVERVIEW, { year: 2019, first: 10 }],
      [`query { taskRecords(filter: { year: 2019 }, first: 10) { totalCount } }`, {}],
      [`query { reportRecords(filter: { year: 2019 }, first: 10) { totalCount } }`, {}],
    ] as const) {
      const vi = await as('secretariat', query, variables);
      expect(errorCode(vi)).toBe('YEAR_NOT_CONFIGURED');
      expect(vi.errors![0]!.message).toContain('Năm 2019 chưa được Sở Nội vụ thiết lập');
      const en = await as('secretariat', query, variables, 'en');
      expect(en.errors![0]!.message).toBe('Monitoring for 2019 has not been set up by the secretariat.');
    }
  });

  it('refuses an unknown unit', async () => {
    const query = `query { taskRecords(filter: { year: 2023, unitId: 999999 }, first: 10) { totalCount } }`;
    const vi = await as('analyst', query);
    expect(errorCode(vi)).toBe('NOT_FOUND');
    expect(vi.errors![0]!.message).toBe('Không tìm thấy đơn vị (mã 999999).');
    expect((await as('analyst', query, {}, 'en')).errors![0]!.message).toBe('Unit 999999 was not found.');
    const overdue = await as('secretariat', OVERVIEW, { year: 2023, first: 10, filter: { unitId: 999999 } });
    expect(errorCode(overdue)).toBe('NOT_FOUND');
  });

  it('refuses `first` over 100, a foreign cursor and an area outside 1–8', async () => {
    const tooMany = await as('analyst', `query { taskRecords(filter: { year: 2023 }, first: 101) { totalCount } }`);
    expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');
    expect(tooMany.errors![0]!.extensions!.field).toBe('first');
    expect(tooMany.errors![0]!.message).toContain('từ 0 đến 100');
    const en = await as('analyst', `query { inspectionRecords(filter: { year: 2023 }, first: 500) { totalCount } }`, {}, 'en');
    expect(en.errors![0]!.message).toBe('"first" must be an integer from 0 to 100 (got 500).');
    const overview101 = await as('secretariat', OVERVIEW, { year: 2023, first: 101 });
    expect(errorCode(overview101)).toBe('BAD_USER_INPUT');
    const page = ok(await as('analyst', `query { planRecords(filter: { year: 2023 }, first: 1) { pageInfo { endCursor } } }`));
    const foreign = await as(
      'analyst',
      `query($after: String) { taskRecords(filter: { year: 2023 }, first: 1, after: $after) { totalCount } }`,
      {
        after: page.planRecords.pageInfo.endCursor,
      },
    );
    expect(errorCode(foreign)).toBe('BAD_USER_INPUT');
    expect(foreign.errors![0]!.extensions!.field).toBe('after');
    const area = await as('analyst', `query { taskRecords(filter: { year: 2023, area: 9 }, first: 1) { totalCount } }`);
    expect(errorCode(area)).toBe('BAD_USER_INPUT');
    expect(area.errors![0]!.extensions!.field).toBe('filter.area');
  });
});
