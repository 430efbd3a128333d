import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type GraphQLResponse, type TestApp } from './support/app.ts';

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

const TASK = `id planId unitId code title area output deadline originalDeadline cooperatingUnitIds criterionId cityAssigned
  status progress completedOn overdue doneOnTime pendingChange { id kind newDeadline reason status }`;
const PLANS = `query($year: Int!, $unitId: Int, $filter: PlanTaskFilter) {
  annualPlans(year: $year, unitId: $unitId, kind: PAR) {
    id unitId year kind documentNumber issueDate deadline issuedOnTime unit { code name }
    stats { total done doneOnTime overdue cityAssigned cityAssignedDone }
    tasks(filter: $filter) { ${TASK} }
  }
}`;
const CREATE = `mutation($input: NewPlanTaskInput!) { createPlanTask(input: $input) { ${TASK} } }`;
const PROGRESS = `mutation($id: Int!, $input: TaskProgressInput!) { updateTaskProgress(id: $id, input: $input) { ${TASK} } }`;
const REQUEST = `mutation($input: TaskChangeInput!) { requestTaskChange(input: $input) { ${TASK} } }`;
const DECIDE = `mutation($id: Int!, $approve: Boolean!, $comment: String) { decideTaskChange(id: $id, approve: $approve, comment: $comment) { ${TASK} } }`;

const unitIds = new Map<string, number>();
let sontayPlan: any;

const db = () => t.orm.em.getConnection();
const taskRow = async (id: number) =>
  (
    await db().execute<{ status: string; progress: number; completed_on: string | null; deadline: string }[]>(
      `select status, progress, to_char(completed_on, 'YYYY-MM-DD') as completed_on, to_char(deadline, 'YYYY-MM-DD') as deadline
         from plan_task where id = ?`,
      [id],
    )
  )[0]!;
/** The version a task is at now, for an edit made on it (optimistic concurrency). */
const taskVersion = async (id: number) =>
  (await db().execute<{ version: number }[]>('select version from plan_task where id = ?', [id]))[0]!.version;
const auditCount = async (taskId: number) =>
  Number(
    (
      await db().execute<{ n: string }[]>(`select count(*) as n from audit_entry where subject_type = 'PlanTask' and subject_id = ?`, [
        taskId,
      ])
    )[0]!.n,
  );

beforeAll(async () => {
  t = await startTestApp();
  const units = await db().execute<{ id: number; code: string }[]>('select id, code from unit');
  for (const unit of units) unitIds.set(unit.code, unit.id);
  sontayPlan = ok(await as('sontay', PLANS, { year: 2023 })).annualPlans[0];
});
afterAll(() => t?.close());

describe('annual plans and their tasks (demo data)', () => {
  it('shows Sơn Tây its own 2023 plan: issued on time, 14 of 16 tasks done on time, one overdue', () => {
    expect(sontayPlan).toMatchObject({
      unit: { code: 'SONTAY' },
      documentNumber: '243/KH-UBND',
      issueDate: '2023-01-05',
      deadline: '2023-01-31',
      issuedOnTime: true,
      stats: { total: 16, done: 15, doneOnTime: 14, overdue: 1, cityAssigned: 2, cityAssignedDone: 2 },
    });
    expect(sontayPlan.tasks).toHaveLength(16);
    expect(sontayPlan.tasks.filter((task: any) => task.cityAssigned)).toHaveLength(2);
    const overdue = sontayPlan.tasks.filter((task: any) => task.overdue);
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toMatchObject({ status: 'IN_PROGRESS', doneOnTime: false });
  });

  it('gives every Hà Nội unit a 2023 plan of 8–20 tasks, some city-assigned, read by analysts and the secretariat', async () => {
    for (const user of ['analyst', 'secretariat']) {
      const plans = ok(await as(user, PLANS, { year: 2023 })).annualPlans;
      expect(plans).toHaveLength(52);
      for (const plan of plans) {
        expect(plan.tasks.length).toBeGreaterThanOrEqual(8);
        expect(plan.tasks.length).toBeLessThanOrEqual(20);
        expect(plan.stats.cityAssigned).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it('filters a plan’s tasks by area, status and overdue', async () => {
    const [plan] = ok(await as('sontay', PLANS, { year: 2023, filter: { area: 1 } })).annualPlans;
    expect(plan.tasks.length).toBeGreaterThan(0);
    expect(plan.tasks.every((task: any) => task.area === 1)).toBe(true);
    const [overdue] = ok(await as('sontay', PLANS, { year: 2023, filter: { overdue: true } })).annualPlans;
    expect(overdue.tasks.map((task: any) => task.id)).toEqual(
      sontayPlan.tasks.filter((task: any) => task.overdue).map((task: any) => task.id),
    );
    const [done] = ok(await as('sontay', PLANS, { year: 2023, filter: { status: 'DONE' } })).annualPlans;
    expect(done.tasks).toHaveLength(15);
  });

  it('loads the plan page in the same number of statements for one plan or all 52', async () => {
    const analyst = await login('analyst');
    const sontay = await login('sontay');
    const one = await t.recordQueries(() => t.gql(PLANS, { year: 2023 }, { token: sontay }));
    const all = await t.recordQueries(() => t.gql(PLANS, { year: 2023 }, { token: analyst }));
    expect(all.result.data.annualPlans).toHaveLength(52);
    expect(all.statements.length).toBe(one.statements.length);
    expect(all.statements.length).toBeLessThanOrEqual(3);
  });
});

describe('cross-unit isolation', () => {
  it('never shows a unit another unit’s plan or tasks, in lists or by id', async () => {
    const lists = ok(await as('thanhoai', PLANS, { year: 2023, unitId: unitIds.get('SONTAY') })).annualPlans;
    expect(lists).toEqual([]);
    const own = ok(await as('thanhoai', PLANS, { year: 2023 })).annualPlans;
    expect(own.map((plan: any) => plan.unit.code)).toEqual(['THANHOAI']);
    expect(errorCode(await as('thanhoai', 'query($id: Int!) { annualPlan(id: $id) { id } }', { id: sontayPlan.id }))).toBe('FORBIDDEN');
    expect(errorCode(await as('thanhoai', 'query($id: Int!) { planTask(id: $id) { id } }', { id: sontayPlan.tasks[0].id }))).toBe(
      'FORBIDDEN',
    );
    const tasks = ok(await as('thanhoai', 'query { planTasks(year: 2023, filter: { overdue: true }) { unitId } }')).planTasks;
    expect(new Set(tasks.map((task: any) => task.unitId))).toEqual(new Set([unitIds.get('THANHOAI')]));
  });

  it('refuses progress on another unit’s task and changes nothing', async () => {
    const task = sontayPlan.tasks.find((row: any) => row.overdue);
    const before = await taskRow(task.id);
    const audits = await auditCount(task.id);
    const refused = await as('thanhoai', PROGRESS, {
      id: task.id,
      input: { version: await taskVersion(task.id), status: 'DONE', progress: 100, completedOn: '2023-12-01' },
    });
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect(refused.status).toBe(403);
    expect(await taskRow(task.id)).toEqual(before);
    expect(await auditCount(task.id)).toBe(audits);
  });

  it('answers a task that does not exist as another unit’s: FORBIDDEN (permission before existence)', async () => {
    expect(errorCode(await as('sontay', 'query { planTask(id: 999999) { id } }'))).toBe('FORBIDDEN');
  });
});

describe('creating tasks', () => {
  const input = (extra: Record<string, unknown> = {}) => ({
    year: 2023,
    title: 'Xây dựng mô hình "Bộ phận Một cửa thân thiện"',
    area: 3,
    output: 'Quyết định phê duyệt mô hình',
    deadline: '2023-11-30',
    cooperatingUnitIds: [unitIds.get('STTTT')],
    ...extra,
  });

  it('adds a task to the unit’s own plan with the next code, audited', async () => {
    const task = ok(await as('sontay', CREATE, { input: input() })).createPlanTask;
    expect(task).toMatchObject({
      planId: sontayPlan.id,
      code: '17',
      status: 'NOT_STARTED',
      progress: 0,
      deadline: '2023-11-30',
      originalDeadline: '2023-11-30',
      cityAssigned: false,
      cooperatingUnitIds: [unitIds.get('STTTT')],
      overdue: true,
    });
    expect(await auditCount(task.id)).toBe(1);
  });

  it.each([
    ['a deadline outside the plan’s year', { deadline: '2024-01-15' }, 'DEADLINE_OUTSIDE_YEAR', 'deadline'],
    ['an impossible date', { deadline: '2023-02-30' }, 'BAD_USER_INPUT', 'deadline'],
    ['an unknown area', { area: 9 }, 'BAD_USER_INPUT', 'area'],
    ['an empty title', { title: '   ' }, 'BAD_USER_INPUT', 'title'],
    ['a code already in the plan', { code: '1' }, 'DUPLICATE_CODE', 'code'],
    ['a cooperating unit that does not exist', { cooperatingUnitIds: [999999] }, 'BAD_USER_INPUT', 'cooperatingUnitIds'],
    ['the lead unit as a cooperating unit', { cooperatingUnitIds: ['SONTAY'] }, 'BAD_USER_INPUT', 'cooperatingUnitIds'],
  ])('refuses %s and writes nothing', async (_name, extra, code, field) => {
    const values = { ...extra } as Record<string, unknown>;
    if (Array.isArray(values.cooperatingUnitIds))
      values.cooperatingUnitIds = values.cooperatingUnitIds.map((id) => (typeof id === 'string' ? unitIds.get(id) : id));
    const count = async () => Number((await db().execute<{ n: string }[]>('select count(*) as n from plan_task'))[0]!.n);
    const before = await count();
    const refused = await as('sontay', CREATE, { input: input(values) });
    expect(errorCode(refused)).toBe(code);
    expect(refused.errors![0]!.extensions!.field).toBe(field);
    expect(await count()).toBe(before);
  });

  it('refuses a year the secretariat has not set up', async () => {
    expect(errorCode(await as('sontay', CREATE, { input: input({ year: 2031, deadline: '2031-05-01' }) }))).toBe('YEAR_NOT_CONFIGURED');
  });

  it('speaks English on request', async () => {
    const refused = await as('sontay', CREATE, { input: input({ deadline: '2022-12-31' }) }, 'en');
    expect(refused.errors![0]!.message).toBe("The deadline 2022-12-31 is outside the plan's year 2023.");
    const vi = await as('sontay', CREATE, { input: input({ deadline: '2022-12-31' }) });
    expect(vi.errors![0]!.message).toBe('Thời hạn 2022-12-31 nằm ngoài năm 2023 của kế hoạch.');
  });
});

describe('city-assigned tasks', () => {
  const CITY = `mutation($input: CityTaskInput!) { assignCityTask(input: $input) { ${TASK} } }`;
  const cityInput = () => ({
    unitId: unitIds.get('THANHOAI'),
    year: 2023,
    title: 'Triển khai Đề án 06 về phát triển ứng dụng dữ liệu dân cư',
    area: 7,
    deadline: '2023-10-31',
  });

  it('lets the secretariat write a task into a unit’s plan, marked as city-assigned', async () => {
    const task = ok(await as('secretariat', CITY, { input: cityInput() })).assignCityTask;
    expect(task).toMatchObject({ cityAssigned: true, unitId: unitIds.get('THANHOAI') });
    const [plan] = ok(await as('thanhoai', PLANS, { year: 2023 })).annualPlans;
    expect(plan.tasks.map((row: any) => row.id)).toContain(task.id);
    // The unit records progress on it, but does not redefine it.
    ok(
      await as('thanhoai', PROGRESS, { id: task.id, input: { version: await taskVersion(task.id), status: 'IN_PROGRESS', progress: 40 } }),
    );
    const redefine = await as(
      'thanhoai',
      'mutation($id: Int!, $v: Int!) { updatePlanTask(id: $id, input: { version: $v, title: "Khác", area: 7 }) { id } }',
      {
        id: task.id,
        v: await taskVersion(task.id),
      },
    );
    expect(errorCode(redefine)).toBe('FORBIDDEN');
  });

  it('refuses a unit assigning city tasks', async () => {
    expect(errorCode(await as('sontay', CITY, { input: { ...cityInput(), unitId: unitIds.get('SONTAY') } }))).toBe('FORBIDDEN');
  });
});

describe('progress', () => {
  const openTask = () => sontayPlan.tasks.find((row: any) => row.overdue);

  it.each([
    ['progress above 100', { status: 'IN_PROGRESS', progress: 150 }, 'BAD_USER_INPUT', 'progress'],
    ['negative progress', { status: 'IN_PROGRESS', progress: -5 }, 'BAD_USER_INPUT', 'progress'],
    ['done without a completion date', { status: 'DONE', progress: 100 }, 'COMPLETION_DATE_REQUIRED', 'completedOn'],
    [
      'a completion date in the future',
      { status: 'DONE', progress: 100, completedOn: '2099-01-01' },
      'COMPLETION_DATE_IN_FUTURE',
      'completedOn',
    ],
    ['cancelling without approval', { status: 'CANCELLED', progress: 0 }, 'CANCELLATION_NEEDS_APPROVAL', 'status'],
  ])('refuses %s and changes nothing', async (_name, progressInput, code, field) => {
    const task = openTask();
    const before = await taskRow(task.id);
    const audits = await auditCount(task.id);
    const refused = await as('sontay', PROGRESS, { id: task.id, input: { version: await taskVersion(task.id), ...progressInput } });
    expect(errorCode(refused)).toBe(code);
    expect(refused.errors![0]!.extensions!.field).toBe(field);
    expect(await taskRow(task.id)).toEqual(before);
    expect(await auditCount(task.id)).toBe(audits);
  });

  it('records done with its date, computes on time against the deadline in force, and audits it', async () => {
    const task = sontayPlan.tasks.find((row: any) => row.status === 'DONE' && row.doneOnTime);
    const late = ok(
      await as('sontay', PROGRESS, {
        id: task.id,
        input: { version: await taskVersion(task.id), status: 'DONE', progress: 100, completedOn: '2023-12-31' },
      }),
    );
    expect(late.updateTaskProgress).toMatchObject({
      status: 'DONE',
      progress: 100,
      completedOn: '2023-12-31',
      doneOnTime: false,
      overdue: false,
    });
    const back = ok(
      await as('sontay', PROGRESS, {
        id: task.id,
        input: { version: await taskVersion(task.id), status: 'DONE', progress: 100, completedOn: task.deadline },
      }),
    );
    expect(back.updateTaskProgress.doneOnTime).toBe(true);
    const [entry] = await db().execute<{ action: string; before: any; after: any }[]>(
      `select action, before, after from audit_entry where subject_type = 'PlanTask' and subject_id = ? order by id desc limit 1`,
      [task.id],
    );
    expect(entry).toMatchObject({ action: 'task-progress', before: { completedOn: '2023-12-31' }, after: { completedOn: task.deadline } });
  });
});

describe('deadline moves and cancellations', () => {
  it('needs a reason, waits for the secretariat, and then moves the deadline in force', async () => {
    const task = sontayPlan.tasks.find((row: any) => row.overdue);
    const noReason = await as('sontay', REQUEST, { input: { taskId: task.id, kind: 'DEADLINE', newDeadline: '2023-12-31', reason: ' ' } });
    expect(errorCode(noReason)).toBe('BAD_USER_INPUT');
    expect(noReason.errors![0]!.extensions!.field).toBe('reason');
    const outside = await as('sontay', REQUEST, {
      input: { taskId: task.id, kind: 'DEADLINE', newDeadline: '2024-01-31', reason: 'Chờ hướng dẫn' },
    });
    expect(errorCode(outside)).toBe('DEADLINE_OUTSIDE_YEAR');

    const requested = ok(
      await as('sontay', REQUEST, {
        input: { taskId: task.id, kind: 'DEADLINE', newDeadline: '2023-12-31', reason: 'Chờ hướng dẫn của Bộ Nội vụ' },
      }),
    ).requestTaskChange;
    expect(requested.deadline).toBe(task.deadline); // not moved yet
    expect(requested.pendingChange).toMatchObject({ kind: 'DEADLINE', newDeadline: '2023-12-31', status: 'PENDING' });
    const again = await as('sontay', REQUEST, { input: { taskId: task.id, kind: 'CANCEL', reason: 'Không còn phù hợp' } });
    expect(errorCode(again)).toBe('CHANGE_PENDING');

    // Neither the unit nor its lead approves its own request.
    for (const user of ['sontay', 'sontay.lead']) {
      expect(errorCode(await as(user, DECIDE, { id: requested.pendingChange.id, approve: true }))).toBe('FORBIDDEN');
    }
    const pending = ok(await as('secretariat', 'query { taskChangeRequests(status: PENDING) { id taskId reason } }')).taskChangeRequests;
    expect(pending.map((row: any) => row.id)).toContain(requested.pendingChange.id);

    const approved = ok(
      await as('secretariat', DECIDE, { id: requested.pendingChange.id, approve: true, comment: 'Đồng ý' }),
    ).decideTaskChange;
    expect(approved).toMatchObject({ deadline: '2023-12-31', originalDeadline: task.deadline, pendingChange: null });
    const decided = await as('secretariat', DECIDE, { id: requested.pendingChange.id, approve: false });
    expect(errorCode(decided)).toBe('FORBIDDEN'); // no longer pending
    const [entry] = await db().execute<{ action: string; reason: string }[]>(
      `select action, reason from audit_entry where subject_type = 'PlanTask' and subject_id = ? order by id desc limit 1`,
      [task.id],
    );
    expect(entry).toEqual({ action: 'task-change-approve', reason: 'Đồng ý' });
  });

  it('cancels a task only once the secretariat approves, and then refuses progress on it', async () => {
    const [plan] = ok(await as('thanhoai', PLANS, { year: 2023 })).annualPlans;
    const task = plan.tasks.find((row: any) => row.status !== 'DONE' && row.status !== 'CANCELLED');
    const requested = ok(
      await as('thanhoai', REQUEST, { input: { taskId: task.id, kind: 'CANCEL', reason: 'Trùng nhiệm vụ 3' } }),
    ).requestTaskChange;
    expect(requested.status).toBe(task.status);
    const rejected = ok(await as('secretariat', DECIDE, { id: requested.pendingChange.id, approve: false })).decideTaskChange;
    expect(rejected.status).toBe(task.status);
    const again = ok(
      await as('thanhoai', REQUEST, { input: { taskId: task.id, kind: 'CANCEL', reason: 'Trùng nhiệm vụ 3 (bổ sung)' } }),
    ).requestTaskChange;
    const cancelled = ok(await as('secretariat', DECIDE, { id: again.pendingChange.id, approve: true })).decideTaskChange;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', overdue: false });
    expect(
      errorCode(
        await as('thanhoai', PROGRESS, {
          id: task.id,
          input: { version: await taskVersion(task.id), status: 'IN_PROGRESS', progress: 50 },
        }),
      ),
    ).toBe('TASK_CANCELLED');
  });
});

describe('year settings', () => {
  it('are the secretariat’s to configure', async () => {
    const CONFIGURE =
      'mutation($input: MonitoringYearInput!) { configureMonitoringYear(input: $input) { year planDeadline reminderDays } }';
    expect(errorCode(await as('sontay', CONFIGURE, { input: { year: 2024, planDeadline: '2024-01-31' } }))).toBe('FORBIDDEN');
    const year = ok(await as('secretariat', CONFIGURE, { input: { year: 2024, planDeadline: '2024-01-31', reminderDays: 5 } }));
    expect(year.configureMonitoringYear).toEqual({ year: 2024, planDeadline: '2024-01-31', reminderDays: 5 });
    // Now open: the unit records its 2024 plan.
    const saved = ok(
      await as(
        'sontay',
        'mutation($input: AnnualPlanInput!) { saveAnnualPlan(input: $input) { year kind documentNumber issueDate issuedOnTime } }',
        { input: { version: 0, year: 2024, kind: 'PAR', documentNumber: '12/KH-UBND', issueDate: '2024-02-02' } },
      ),
    );
    expect(saved.saveAnnualPlan).toEqual({
      year: 2024,
      kind: 'PAR',
      documentNumber: '12/KH-UBND',
      issueDate: '2024-02-02',
      issuedOnTime: false,
    });
  });
});
