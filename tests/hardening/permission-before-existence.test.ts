import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { tableChecksum } from '../support/checksum.ts';
import { sqlOf } from '../support/sql.ts';
import * as files from '../support/files.ts';

/**
 * Issue 10, item 7: permission comes before existence, and no row is locked before authorisation. One table:
 * each operation that takes an id, asked by a caller who may not act on the row, once with a row that exists
 * (of another unit, or in a state the caller may not see) and once with an id that does not exist. A caller
 * who may not read every row of the kind gets the same answer for both (same code, same message, in both
 * languages); one who reads every row (the secretariat on tasks) is told NOT_FOUND. Either way the refusal
 * sends no locking statement (FOR UPDATE / FOR SHARE) and changes no row.
 */
let t: TestApp;
const tokens = new Map<string, string>();
const ids: Record<string, number> = {};
const MISSING = 987_654_321;

const { one } = sqlOf(() => t);

beforeAll(async () => {
  t = await startTestApp();
  for (const user of ['sontay', 'thanhoai', 'analyst', 'secretariat']) tokens.set(user, await t.login(user));
  const sontay = await one(`select id from unit where code = 'SONTAY'`);
  ids.sontayUnit = sontay;
  ids.task = await one(`select id from plan_task where unit_id = ? and not city_assigned and status <> 'CANCELLED' order by id limit 1`, [
    sontay,
  ]);
  ids.inspection = await one(`select id from inspection where unit_id = ? order by id limit 1`, [sontay]);
  ids.plan = await one(`select id from annual_plan where unit_id = ? order by id limit 1`, [sontay]);
  ids.reportPeriod = await one(`select id from report_period order by id limit 1`);
  ids.sentReport = await one(`select id from periodic_report where unit_id = ? and status <> 'DRAFT' order by id limit 1`, [sontay]);
  ids.draftReport = await one(`select id from periodic_report where status = 'DRAFT' order by id limit 1`);
  // A pending change request of Sơn Tây's, asked for by its staff.
  const requested = await t.gql(
    `mutation($input: TaskChangeInput!) { requestTaskChange(input: $input) { pendingChange { id } } }`,
    { input: { taskId: ids.task, kind: 'DEADLINE', newDeadline: '2023-12-30', reason: 'Chờ văn bản của thành phố.' } },
    { token: tokens.get('sontay') },
  );
  expect(requested.errors).toBeUndefined();
  ids.changeRequest = requested.data.requestTaskChange.pendingChange.id;
  // A period still being prepared: units do not see it, nor that it exists.
  ids.plannedPeriod = await one(
    `insert into period (year, name, status, self_scoring_closes_at) values (2031, 'Kỳ đánh giá năm 2031', 'PLANNED', now() + interval '90 days') returning id`,
  );
  ids.uninvited = await one(
    `select c.id from consultation c
      where not exists (select 1 from consultation_participation p where p.consultation_id = c.id and p.unit_id = ?) order by id limit 1`,
    [sontay],
  );
});
afterAll(() => t.close());

interface Answer {
  code: string | undefined;
  message: string | undefined;
}

type Ask = (id: number, locale: string) => Promise<Answer>;

const graphql =
  (user: string, query: string, variables: (id: number) => Record<string, unknown>): Ask =>
  async (id, locale) => {
    const response = await t.gql(query, variables(id), { token: tokens.get(user), locale });
    const error = response.errors?.[0];
    return { code: error?.extensions?.code as string | undefined, message: error?.message };
  };

const route =
  (user: string, path: (id: number) => string): Ask =>
  async (id, locale) => {
    const response = await fetch(`${t.url}${path(id)}`, {
      headers: { authorization: `Bearer ${tokens.get(user)}`, 'accept-language': locale },
    });
    const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    return { code: body.error?.code, message: body.error?.message };
  };

/** An upload: a small PDF as multipart `file`, refused before its body is read. */
const uploadRoute =
  (user: string, path: (id: number) => string): Ask =>
  async (id, locale) => {
    const form = new FormData();
    form.append('file', new Blob([files.pdf('Tài liệu')]), 'tai-lieu.pdf');
    const response = await fetch(`${t.url}${path(id)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.get(user)}`, 'accept-language': locale },
      body: form,
    });
    const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    return { code: body.error?.code, message: body.error?.message };
  };

const TASK_FIELDS = { version: 1, title: 'Sửa tên nhiệm vụ', area: 1 };
const INSPECTION = {
  version: 1,
  year: 2023,
  target: 'UBND xã Cổ Đông',
  inspectedOn: '2023-06-01',
  shortcomingsFound: 0,
  shortcomingsHandled: 0,
};

/**
 * caller | operation | the existing row asked for | answer for it | answer for a missing id.
 * Rows: Sơn Tây's task, inspection and reports, a change request it asked for, a PLANNED period, a round
 * Sơn Tây is not invited to.
 */
const TABLE: { caller: string; operation: string; row: string; existing: string; missing: string; ask: Ask }[] = [
  {
    caller: 'thanhoai',
    operation: 'updatePlanTask',
    row: 'task',
    existing: 'FORBIDDEN',
    missing: 'FORBIDDEN',
    ask: graphql('thanhoai', 'mutation($id: Int!, $i: UpdatePlanTaskInput!) { updatePlanTask(id: $id, input: $i) { id } }', (id) => ({
      id,
      i: TASK_FIELDS,
    })),
  },
  {
    caller: 'thanhoai',
    operation: 'updateTaskProgress',
    row: 'task',
    existing: 'FORBIDDEN',
    missing: 'FORBIDDEN',
    ask: graphql('thanhoai', 'mutation($id: Int!, $i: TaskProgressInput!) { updateTaskProgress(id: $id, input: $i) { id } }', (id) => ({
      id,
      i: { version: 1, status: 'IN_PROGRESS', progress: 50 },
    })),
  },
  {
    caller: 'thanhoai',
    operation: 'requestTaskChange',
    row: 'task',
    existing: 'FORBIDDEN',
    missing: 'FORBIDDEN',
    ask: graphql('thanhoai', 'mutation($i: TaskChangeInput!) { requestTaskChange(input: $i) { id } }', (id) => ({
      i: { taskId: id, kind: 'CANCEL', reason: 'Không còn phù hợp.' },
    })),
  },
  {
    caller: 'sontay',
    operation: 'decideTaskChange',
    row: 'changeRequest',
    existing: 'FORBIDDEN',
    missing: 'FORBIDDEN',
    ask: graphql('sontay', 'mutation($id: Int!) { decideTaskChange(id: $id, approve: true) { id } }', (id) => ({ id })),
  },
  {
    caller: 'thanhoai',
    operation: 'updateInspection',
    row: 'inspection',
    existing: 'FORBIDDEN',
    missing: 'FORBIDDEN',
    ask: graphql('thanhoai', 'mutation($id: Int!, $i: UpdateInspectionInput!) { updateInspection(id: $id, input: $i) { id } }', (id) => ({
      id,
      i: INSPECTION,
    })),
  },
  {
    caller: 'thanhoai',
    operation: 'deleteInspection',
    row: 'inspection',
    existing: 'FORBIDDEN',
    missing: 'FORBIDDEN',
    ask: graphql('thanhoai', 'mutation($id: Int!) { deleteInspection(id: $id) }', (id) => ({ id })),
  },
  {
    caller: 'sontay',
    operation: 'returnReport',
    row: 'sentReport',
    existing: 'FORBIDDEN',
    missing: 'FORBIDDEN',
    ask: graphql('sontay', 'mutation($i: ReturnReportInput!) { returnReport(input: $i) { id } }', (id) => ({
      i: { reportId: id, comment: 'Bổ sung số liệu.' },
    })),
  },
  {
    caller: 'analyst',
    operation: 'acceptReport',
    row: 'draftReport',
    existing: 'FORBIDDEN',
    missing: 'FORBIDDEN',
    ask: graphql('analyst', 'mutation($id: Int!) { acceptReport(id: $id) { id } }', (id) => ({ id })),
  },
  {
    // The secretariat reads every task, so which ids exist is no secret to it; it writes only city-assigned ones.
    caller: 'secretariat',
    operation: 'updatePlanTask',
    row: 'task',
    existing: 'FORBIDDEN',
    missing: 'NOT_FOUND',
    ask: graphql('secretariat', 'mutation($id: Int!, $i: UpdatePlanTaskInput!) { updatePlanTask(id: $id, input: $i) { id } }', (id) => ({
      id,
      i: TASK_FIELDS,
    })),
  },
  {
    caller: 'sontay',
    operation: 'periodResults',
    row: 'plannedPeriod',
    existing: 'FORBIDDEN',
    missing: 'FORBIDDEN',
    ask: graphql('sontay', 'query($id: Int!) { periodResults(periodId: $id, first: 5) { totalCount } }', (id) => ({ id })),
  },
  {
    caller: 'sontay',
    operation: 'unitResult',
    row: 'plannedPeriod',
    existing: 'FORBIDDEN',
    missing: 'FORBIDDEN',
    ask: graphql('sontay', 'query($id: Int!, $u: Int!) { unitResult(periodId: $id, unitId: $u) { index } }', (id) => ({
      id,
      u: ids.sontayUnit,
    })),
  },
  {
    caller: 'thanhoai',
    operation: 'GET /api/results/score-sheet.xlsx',
    row: 'plannedPeriod',
    existing: 'FORBIDDEN',
    missing: 'FORBIDDEN',
    ask: route('thanhoai', (id) => `/api/results/score-sheet.xlsx?periodId=${id}&unitId=${ids.sontayUnit}`),
  },
  {
    caller: 'sontay',
    operation: 'GET /api/results/results.xlsx',
    row: 'plannedPeriod',
    existing: 'FORBIDDEN',
    missing: 'FORBIDDEN',
    ask: route('sontay', (id) => `/api/results/results.xlsx?periodId=${id}`),
  },
  {
    caller: 'sontay',
    operation: 'GET /api/consultation/:id/synthesis.xlsx',
    row: 'uninvited',
    existing: 'FORBIDDEN',
    missing: 'FORBIDDEN',
    ask: route('sontay', (id) => `/api/consultation/${id}/synthesis.xlsx`),
  },
  // The documents monitoring records cite (a plan's file, a task's output, an inspection's conclusion): uploaded and downloaded.
  ...(
    [
      ['plan', 'plans/:id/file'],
      ['task', 'tasks/:id/output'],
      ['inspection', 'inspections/:id/conclusion'],
    ] as const
  ).flatMap(([row, path]) => {
    const url = (id: number) => `/api/monitoring/${path.replace(':id', String(id))}`;
    return [
      {
        caller: 'thanhoai',
        operation: `POST /api/monitoring/${path}`,
        row,
        existing: 'FORBIDDEN',
        missing: 'FORBIDDEN',
        ask: uploadRoute('thanhoai', url),
      },
      {
        // Analysts read every record of the kind: its existence is no secret to them.
        caller: 'analyst',
        operation: `POST /api/monitoring/${path}`,
        row,
        existing: 'FORBIDDEN',
        missing: 'NOT_FOUND',
        ask: uploadRoute('analyst', url),
      },
      {
        caller: 'thanhoai',
        operation: `GET /api/monitoring/${path}`,
        row,
        existing: 'FORBIDDEN',
        missing: 'FORBIDDEN',
        ask: route('thanhoai', url),
      },
    ];
  }),
  // A plan's tasks as .xlsx, by unit: imported (refused before the file is read) and exported; a period's consolidated report.
  {
    caller: 'thanhoai',
    operation: 'POST /api/monitoring/plan-tasks/preview',
    row: 'sontayUnit',
    existing: 'FORBIDDEN',
    missing: 'FORBIDDEN',
    ask: uploadRoute('thanhoai', (id) => `/api/monitoring/plan-tasks/preview?year=2023&unitId=${id}`),
  },
  {
    caller: 'thanhoai',
    operation: 'POST /api/monitoring/plan-tasks',
    row: 'sontayUnit',
    existing: 'FORBIDDEN',
    missing: 'FORBIDDEN',
    ask: uploadRoute('thanhoai', (id) => `/api/monitoring/plan-tasks?year=2023&unitId=${id}`),
  },
  {
    caller: 'thanhoai',
    operation: 'GET /api/monitoring/plan-tasks.xlsx',
    row: 'sontayUnit',
    existing: 'FORBIDDEN',
    missing: 'FORBIDDEN',
    ask: route('thanhoai', (id) => `/api/monitoring/plan-tasks.xlsx?year=2023&unitId=${id}`),
  },
  {
    caller: 'sontay',
    operation: 'GET /api/monitoring/consolidation.xlsx',
    row: 'reportPeriod',
    existing: 'FORBIDDEN',
    missing: 'FORBIDDEN',
    ask: route('sontay', (id) => `/api/monitoring/consolidation.xlsx?periodId=${id}`),
  },
];

const LOCK = /\bfor (update|share|no key update)\b/i;

describe('permission before existence, and no lock before authorisation (one table)', () => {
  it.each(TABLE)(
    '$caller $operation: $existing for an existing $row, $missing for a missing id',
    async ({ row, existing, missing, ask }) => {
      const before = await tableChecksum(t);
      const { result, statements } = await t.recordQueries(async () => ({
        existing: await ask(ids[row]!, 'vi'),
        missing: await ask(MISSING, 'vi'),
        existingEn: await ask(ids[row]!, 'en'),
        missingEn: await ask(MISSING, 'en'),
      }));
      expect(result.existing.code).toBe(existing);
      expect(result.missing.code).toBe(missing);
      if (existing === missing) {
        expect(result.missing.message).toBe(result.existing.message);
        expect(result.missingEn.message).toBe(result.existingEn.message);
      }
      expect(statements.filter((statement) => LOCK.test(statement))).toEqual([]);
      expect(await tableChecksum(t)).toBe(before);
    },
  );

  it('does lock the row for the caller who may change it (the check above can see a lock)', async () => {
    const version = await one('select version as id from plan_task where id = ?', [ids.task]);
    const { result, statements } = await t.recordQueries(() =>
      t.gql(
        'mutation($id: Int!, $i: TaskProgressInput!) { updateTaskProgress(id: $id, input: $i) { progress } }',
        {
          id: ids.task,
          i: { version, status: 'IN_PROGRESS', progress: 40 },
        },
        { token: tokens.get('sontay') },
      ),
    );
    expect(result.errors).toBeUndefined();
    expect(statements.filter((statement) => LOCK.test(statement))).toHaveLength(1);
  });
});
