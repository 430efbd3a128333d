import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type GraphQLResponse, type TestApp } from './support/app.ts';
import { scoreIds, setDeadline, submittedSheet, type SheetFixture } from './support/sheets.ts';

/**
 * The appraisal cycle of the seeded 2023 period, in order: assignments, round 1, release,
 * explanation, round 2, finalisation. Sơn Tây and Thanh Oai submitted (fixtures); the demo
 * `appraiser` is assigned every area; `tuphap` (Department of Justice) only area 2;
 * `sontay.appraiser` is an appraiser who works at Sơn Tây.
 */
let t: TestApp;
const tokens: Record<string, string> = {};
let periodId: number;
let sontay: SheetFixture;
let thanhoai: SheetFixture;
let tuphapId: number;

const ITEM = `scoreId selfPoints finalPoints canAppraise criterion { code }
  round1 { points comment version appraiserName } round2 { points comment version }
  explanationRequest { id question answer version evidence { evidenceId } } commentCount newCommentCount`;
const SHEET = `query($p: Int!, $u: Int!) { sheetAppraisal(periodId: $p, unitId: $u) {
  sheetId releasedRound explanationStatus cycle { status currentRound }
  totals { selfPoints finalPoints bonusProposed bonusAwarded bonusCap deduction deductionCap }
  items { ${ITEM} } } }`;
const APPRAISE = `mutation($input: AppraiseInput!) { appraiseScore(input: $input) { ${ITEM} } }`;
const QUEUE = `query($p: Int!, $f: QueueFilter) { appraisalQueue(periodId: $p, filter: $f) {
  cycle { currentRound } total remaining
  sheets { sheetId unit { code } total remaining newCommentCount items { scoreId code areaCode status selfPoints round1Points newCommentCount } } } }`;
const CYCLE_STEP = (name: string, args = '') =>
  `mutation($p: Int!) { ${name}(periodId: $p${args}) { status currentRound round1ReleasedAt explanationClosesAt } }`;
const SAVE_SELF = `mutation($i: SaveSelfScoreInput!) { saveSelfScore(input: $i) { id } }`;
const HISTORY = `query($s: Int!) { appraisalHistory(scoreId: $s) { action actorName round before after reason } }`;

const as = (user: string) => ({ token: tokens[user] });
const sheetOf = async (user: string, fixture: SheetFixture) => t.gql(SHEET, { p: periodId, u: fixture.unitId }, as(user));
const itemOf = (response: GraphQLResponse, code: string) =>
  response.data.sheetAppraisal.items.find((item: any) => item.criterion.code === code);
const appraise = (user: string, input: Record<string, unknown>) => t.gql(APPRAISE, { input }, as(user));
const step = (user: string, name: string, variables: Record<string, unknown> = {}, args = '') =>
  t.gql(CYCLE_STEP(name, args), { p: periodId, ...variables }, as(user));
const count = async (table: string) => (await t.orm.em.getConnection().execute(`select count(*)::int as n from ${table}`))[0].n as number;

/** Accounts created here need a password of the minimum strength (the demo one is shorter). */
const APPRAISER_PASSWORD = 'tham-dinh-2023';

beforeAll(async () => {
  t = await startTestApp();
  for (const user of ['secretariat', 'appraiser', 'sontay', 'sontay.lead', 'thanhoai', 'analyst', 'admin'])
    tokens[user] = await t.login(user);
  periodId = (await t.gql('{ periods(year: 2023) { id } }', {}, as('secretariat'))).data.periods[0].id;
  const units = (await t.gql('{ units { id code } }', {}, as('admin'))).data.units as { id: number; code: string }[];
  const unitId = (code: string) => units.find((unit) => unit.code === code)!.id;
  const create = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;
  tuphapId = (
    await t.gql(
      create,
      { input: { username: 'tuphap', displayName: 'Thẩm định viên Sở Tư pháp', password: APPRAISER_PASSWORD, roles: ['APPRAISER'] } },
      as('admin'),
    )
  ).data.createUser.id;
  await t.gql(
    create,
    {
      input: {
        username: 'sontay.appraiser',
        displayName: 'Thẩm định viên (Sơn Tây)',
        password: APPRAISER_PASSWORD,
        roles: ['APPRAISER'],
        unitId: unitId('SONTAY'),
      },
    },
    as('admin'),
  );
  tokens.tuphap = await t.login('tuphap', APPRAISER_PASSWORD);
  tokens['sontay.appraiser'] = await t.login('sontay.appraiser', APPRAISER_PASSWORD);

  sontay = await submittedSheet(t, periodId, 'SONTAY', {
    '1.1.1': { points: '1', note: 'Kế hoạch số 243/KH-UBND ngày 05/10/2023' },
    '1.1.2': '2',
    '2.1.1': '1.5',
    '2.2.1': '0.5',
    '9.1.1': '1',
    '9.1.2': '0.5',
    '3.2.2': { points: null, applicable: false },
  });
  thanhoai = await submittedSheet(t, periodId, 'THANHOAI', { '1.1.1': '0.5', '2.1.1': '1.5' });
});
afterAll(() => t.close());

describe('assignments', () => {
  const ASSIGN = `mutation($input: AssignAppraiserInput!) { assignAppraiser(input: $input) { appraiserName areaCode unit { code } } }`;

  it('lets the secretariat assign an appraiser by area, and each appraiser sees only their own', async () => {
    const assigned = await t.gql(ASSIGN, { input: { periodId, appraiserId: tuphapId, areaCode: '2' } }, as('secretariat'));
    expect(assigned.errors).toBeUndefined();
    expect(assigned.data.assignAppraiser).toContainEqual({ appraiserName: 'Thẩm định viên Sở Tư pháp', areaCode: '2', unit: null });
    const own = await t.gql(
      'query($p: Int!) { appraisalAssignments(periodId: $p) { areaCode unit { code } } }',
      { p: periodId },
      as('tuphap'),
    );
    expect(own.data.appraisalAssignments).toEqual([{ areaCode: '2', unit: null }]);
    const users = (await t.gql('{ users { id username } }', {}, as('admin'))).data.users as { id: number; username: string }[];
    const local = users.find((user) => user.username === 'sontay.appraiser')!.id;
    // The Sơn Tây appraiser takes area 1 everywhere; Sơn Tây itself stays out of reach (see below).
    expect((await t.gql(ASSIGN, { input: { periodId, appraiserId: local, areaCode: '1' } }, as('secretariat'))).errors).toBeUndefined();
  });

  it('refuses bad assignments with the field at fault, and non-secretariat callers', async () => {
    const before = await count('appraisal_assignment');
    const users = (await t.gql('{ users { id username unitId } }', {}, as('admin'))).data.users as {
      id: number;
      username: string;
      unitId: number | null;
    }[];
    const id = (name: string) => users.find((user) => user.username === name)!.id;
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ periodId, appraiserId: id('sontay'), areaCode: '1' }, 'BAD_USER_INPUT', 'appraiserId'],
      [{ periodId, appraiserId: tuphapId, areaCode: '42' }, 'BAD_USER_INPUT', 'areaCode'],
      [{ periodId, appraiserId: tuphapId }, 'BAD_USER_INPUT', 'areaCode'],
      [{ periodId, appraiserId: id('sontay.appraiser'), unitId: sontay.unitId }, 'OWN_UNIT', 'unitId'],
      [{ periodId, appraiserId: tuphapId, areaCode: '2' }, 'DUPLICATE_ASSIGNMENT'],
      [{ periodId: 987654, appraiserId: tuphapId, areaCode: '2' }, 'NOT_FOUND'],
    ];
    for (const [input, code, field] of cases) {
      const response = await t.gql(ASSIGN, { input }, as('secretariat'));
      expect(errorCode(response), JSON.stringify(input)).toBe(code);
      if (field) expect(response.errors![0]!.extensions!.field).toBe(field);
    }
    for (const user of ['appraiser', 'sontay.lead']) {
      expect(errorCode(await t.gql(ASSIGN, { input: { periodId, appraiserId: tuphapId, areaCode: '3' } }, as(user)))).toBe('FORBIDDEN');
    }
    expect(await count('appraisal_assignment')).toBe(before);
  });

  it('lists the active appraisers to the secretariat only', async () => {
    const listed = await t.gql('{ appraisers { displayName unit: unitId } }', {}, as('secretariat'));
    // The demo appraiser and the two created above, by name; only the Sơn Tây one belongs to a unit.
    expect(listed.data.appraisers).toEqual([
      { displayName: 'Thành viên Hội đồng thẩm định', unit: null },
      { displayName: 'Thẩm định viên (Sơn Tây)', unit: sontay.unitId },
      { displayName: 'Thẩm định viên Sở Tư pháp', unit: null },
    ]);
    for (const user of ['appraiser', 'sontay', 'analyst'])
      expect(errorCode(await t.gql('{ appraisers { id } }', {}, as(user)))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql('{ appraisers { id } }'))).toBe('UNAUTHENTICATED');
  });

  it('removes an assignment for the secretariat, answering the period’s remaining ones; refuses others and unknown ids', async () => {
    const ASSIGNMENTS = `query($p: Int!) { appraisalAssignments(periodId: $p) { id appraiserName areaCode } }`;
    const REMOVE = `mutation($id: Int!) { removeAppraisalAssignment(id: $id) { appraiserName areaCode } }`;
    const added = await t.gql(
      `mutation($input: AssignAppraiserInput!) { assignAppraiser(input: $input) { id appraiserName areaCode } }`,
      { input: { periodId, appraiserId: tuphapId, areaCode: '5' } },
      as('secretariat'),
    );
    const id = added.data.assignAppraiser.find((row: any) => row.appraiserName === 'Thẩm định viên Sở Tư pháp' && row.areaCode === '5')
      .id as number;
    const before = (await t.gql(ASSIGNMENTS, { p: periodId }, as('secretariat'))).data.appraisalAssignments as any[];
    for (const user of ['appraiser', 'tuphap', 'sontay.lead']) expect(errorCode(await t.gql(REMOVE, { id }, as(user)))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(REMOVE, { id: 987654 }, as('secretariat')))).toBe('NOT_FOUND');
    expect(await count('appraisal_assignment')).toBe(before.length);

    const removed = await t.gql(REMOVE, { id }, as('secretariat'));
    expect(removed.errors).toBeUndefined();
    const remaining = before.filter((row) => row.id !== id).map(({ appraiserName, areaCode }) => ({ appraiserName, areaCode }));
    expect(remaining).toHaveLength(before.length - 1);
    expect(removed.data.removeAppraisalAssignment).toEqual(remaining);
    expect(errorCode(await t.gql(REMOVE, { id }, as('secretariat')))).toBe('NOT_FOUND');
  });
});

describe('the cycle', () => {
  const CYCLE = `query($p: Int!) { appraisalCycle(periodId: $p) { periodId status currentRound round1ReleasedAt explanationClosesAt finalizedAt bonusCap deductionCap } }`;

  it('tells anyone who may read the period where the appraisal stands; NOT_FOUND for an unknown period', async () => {
    // The demo period's explanation deadline is set from the day it was seeded: the cycle shows the period's own.
    const { explanationClosesAt } = (
      await t.gql('query($id: Int!) { period(id: $id) { explanationClosesAt } }', { id: periodId }, as('secretariat'))
    ).data.period;
    expect(explanationClosesAt).not.toBeNull();
    const expected = {
      periodId,
      status: 'SELF_ASSESSMENT',
      currentRound: null,
      round1ReleasedAt: null,
      explanationClosesAt,
      finalizedAt: null,
      bonusCap: null,
      deductionCap: null,
    };
    for (const user of ['secretariat', 'appraiser', 'sontay', 'analyst']) {
      expect((await t.gql(CYCLE, { p: periodId }, as(user))).data.appraisalCycle, user).toEqual(expected);
    }
    expect(errorCode(await t.gql(CYCLE, { p: 987654 }, as('secretariat')))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(CYCLE, { p: periodId }))).toBe('UNAUTHENTICATED');
  });
});

describe('opening round 1', () => {
  it('waits for the self-scoring deadline while units are still scoring, and is the secretariat’s step', async () => {
    expect(errorCode(await step('appraiser', 'openAppraisalRound1'))).toBe('FORBIDDEN');
    const early = await step('secretariat', 'openAppraisalRound1');
    expect(errorCode(early)).toBe('SELF_ASSESSMENT_STILL_OPEN');
    expect(await count('sheet_review')).toBe(0);
  });

  it('puts every submitted sheet under review once the deadline has passed, with a score row for every sub-criterion', async () => {
    await setDeadline(t, tokens.secretariat!, periodId, 'selfScoringClosesAt', new Date(Date.now() - 60_000));
    const opened = await step('secretariat', 'openAppraisalRound1');
    expect(opened.errors, JSON.stringify(opened.errors)).toBeUndefined();
    expect(opened.data.openAppraisalRound1).toMatchObject({ status: 'APPRAISAL_ROUND_1', currentRound: 1, round1ReleasedAt: null });
    expect(await count('sheet_review')).toBe(2);
    sontay.scores = await scoreIds(t, sontay.sheetId);
    thanhoai.scores = await scoreIds(t, thanhoai.sheetId);
    // Every sub-criterion of the district set: 78 self-scored + 20 survey + 3 bonus + 3 deduction.
    expect(sontay.scores.size).toBe(104);
    expect(errorCode(await step('secretariat', 'openAppraisalRound1'))).toBe('PERIOD_STATUS');
  });
});

describe('the queue and the sheet view', () => {
  it('lists the assigned sub-criteria of submitted sheets with what is left, never survey or not-applicable items', async () => {
    const queue = await t.gql(QUEUE, { p: periodId }, as('appraiser'));
    expect(queue.errors).toBeUndefined();
    const { sheets, total, remaining } = queue.data.appraisalQueue;
    expect(sheets.map((sheet: any) => sheet.unit.code).sort()).toEqual(['SONTAY', 'THANHOAI']);
    expect(remaining).toBe(total);
    const codes = sheets[0].items.map((item: any) => item.code);
    expect(codes).toContain('1.1.1');
    expect(codes).not.toContain('1.4.3'); // survey
    expect(sheets.find((sheet: any) => sheet.unit.code === 'SONTAY').items.map((item: any) => item.code)).not.toContain('3.2.2'); // not applicable
    // Ordered as in the criteria tree.
    expect(codes.indexOf('1.1.1')).toBeLessThan(codes.indexOf('1.2'));
    expect(codes.indexOf('1.2')).toBeLessThan(codes.indexOf('2.1.1'));
  });

  it('narrows the queue to the assignment: area 2 only for the Justice appraiser, Sơn Tây never for its own appraiser', async () => {
    const justice = (await t.gql(QUEUE, { p: periodId }, as('tuphap'))).data.appraisalQueue;
    const areas = new Set(justice.sheets.flatMap((sheet: any) => sheet.items.map((item: any) => item.areaCode)));
    expect([...areas]).toEqual(['2']);
    const local = (await t.gql(QUEUE, { p: periodId }, as('sontay.appraiser'))).data.appraisalQueue;
    expect(local.sheets.map((sheet: any) => sheet.unit.code)).toEqual(['THANHOAI']);
    const filtered = (await t.gql(QUEUE, { p: periodId, f: { unitId: thanhoai.unitId, areaCode: '1' } }, as('appraiser'))).data
      .appraisalQueue;
    expect(filtered.sheets).toHaveLength(1);
    expect(filtered.sheets[0].items.every((item: any) => item.areaCode === '1')).toBe(true);
    // The secretariat sees everyone's queue, or one appraiser's; units have none.
    const all = (await t.gql(QUEUE, { p: periodId, f: { appraiserId: tuphapId } }, as('secretariat'))).data.appraisalQueue;
    expect(all.total).toBe(justice.total);
    expect((await t.gql(QUEUE, { p: periodId }, as('sontay'))).data.appraisalQueue.sheets).toEqual([]);
  });

  it('loads the queue and a sheet’s view in a fixed number of SQL statements, whatever their size', async () => {
    const warm = { warmAs: tokens.appraiser };
    const small = await t.recordQueries(
      () => t.gql(QUEUE, { p: periodId, f: { unitId: thanhoai.unitId, areaCode: '2' } }, as('appraiser')),
      warm,
    );
    const large = await t.recordQueries(() => t.gql(QUEUE, { p: periodId }, as('appraiser')), warm);
    expect(large.result.errors).toBeUndefined();
    // Sơn Tây's 83 (84 less 3.2.2, not applicable) and Thanh Oai's 84; Thanh Oai's area 2 alone: 7.
    expect([large.result.data.appraisalQueue.total, small.result.data.appraisalQueue.total]).toEqual([167, 7]);
    expect(large.statements).toHaveLength(small.statements.length);
    expect(large.statements).toHaveLength(4); // period, cycle, queue rows, comment counts
    const view = await t.recordQueries(() => sheetOf('appraiser', sontay), warm);
    expect(view.result.errors).toBeUndefined();
    expect(view.statements).toHaveLength(6); // review, criteria tree, items, evidence, assignments, comment counts
    console.log(
      `SQL statements: queue ${large.statements.length} (${large.result.data.appraisalQueue.total} items), sheet view ${view.statements.length} (${view.result.data.sheetAppraisal.items.length} items)`,
    );
  });

  it('shows the appraiser the self-score and note beside what they may appraise', async () => {
    const view = await sheetOf('appraiser', sontay);
    expect(itemOf(view, '1.1.1')).toMatchObject({ selfPoints: '1.00', finalPoints: '1.00', canAppraise: true, round1: null });
    expect(itemOf(view, '1.4.3')).toMatchObject({ canAppraise: false, finalPoints: null }); // survey
    // Every appraiser reads every sheet under review, but writes only where assigned.
    const justice = await sheetOf('tuphap', sontay);
    expect(itemOf(justice, '1.1.1').canAppraise).toBe(false);
    expect(itemOf(justice, '2.1.1').canAppraise).toBe(true);
    // An appraiser of Sơn Tây does not read its unreleased appraisal, nor an analyst before publication (issue 10, item 7).
    expect(errorCode(await sheetOf('sontay.appraiser', sontay))).toBe('FORBIDDEN');
    expect(errorCode(await sheetOf('analyst', sontay))).toBe('FORBIDDEN');
  });
});

describe('round 1', () => {
  it('requires a reason for a score that differs from the self-score, and records it with the round', async () => {
    const scoreId = sontay.scores.get('1.1.2')!;
    const before = await count('appraisal');
    const bare = await appraise('appraiser', { scoreId, points: '1' });
    expect(errorCode(bare)).toBe('REASON_REQUIRED');
    expect(bare.errors![0]!.extensions!.field).toBe('comment');
    expect(await count('appraisal')).toBe(before);
    const lowered = await appraise('appraiser', { scoreId, points: '1', comment: 'Kế hoạch ban hành chậm so với quy định.' });
    expect(lowered.errors).toBeUndefined();
    expect(lowered.data.appraiseScore).toMatchObject({
      finalPoints: '1.00',
      round1: { points: '1.00', comment: 'Kế hoạch ban hành chậm so với quy định.', version: 1 },
    });
    // Agreeing with the self-score needs no reason.
    expect((await appraise('appraiser', { scoreId: sontay.scores.get('1.1.1'), points: '1.0' })).errors).toBeUndefined();
  });

  it('validates appraised points like self-scores, changing nothing', async () => {
    const scoreId = sontay.scores.get('1.1.1')!;
    const reason = 'Lý do';
    const cases: [string | number, string][] = [
      ['1.5', 'POINTS_ABOVE_MAX'],
      ['-0.5', 'POINTS_NEGATIVE'],
      ['0.3', 'POINTS_NOT_ALLOWED'],
      ['0.505', 'BAD_USER_INPUT'],
      ['abc', 'BAD_USER_INPUT'],
      [Number.NaN, 'BAD_USER_INPUT'],
    ];
    for (const [points, code] of cases) {
      const response = await appraise('appraiser', { scoreId, points, comment: reason, version: 1 });
      expect(errorCode(response), String(points)).toBe(code);
      if (code.startsWith('POINTS_')) expect(response.errors![0]!.extensions!.field).toBe('points');
    }
    expect(itemOf(await sheetOf('appraiser', sontay), '1.1.1').round1).toMatchObject({ points: '1.00', version: 1 });
  });

  it('answers CONFLICT with the current value when the version is stale', async () => {
    const scoreId = sontay.scores.get('1.1.2')!;
    const stale = await appraise('appraiser', { scoreId, points: '0', comment: 'Không có kế hoạch', version: 7 });
    expect(errorCode(stale)).toBe('CONFLICT');
    expect(stale.errors![0]!.extensions!.current).toMatchObject({ points: '1.00', version: 1 });
    const fresh = await appraise('appraiser', { scoreId, points: '0', comment: 'Không có kế hoạch', version: 1 });
    expect(fresh.data.appraiseScore.round1).toMatchObject({ points: '0.00', version: 2 });
  });

  it('refuses appraising outside one’s assignment, one’s own unit, survey items, and anyone but appraisers', async () => {
    const before = await count('appraisal');
    const outside = await appraise('tuphap', { scoreId: sontay.scores.get('1.1.1'), points: '1' });
    expect(outside.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_ASSIGNED' });
    const ownUnit = await appraise('sontay.appraiser', { scoreId: sontay.scores.get('1.1.1'), points: '1' });
    expect(ownUnit.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OWN_UNIT' });
    for (const user of ['sontay', 'sontay.lead', 'secretariat', 'analyst']) {
      expect(errorCode(await appraise(user, { scoreId: sontay.scores.get('1.1.1'), points: '1' })), user).toBe('FORBIDDEN');
    }
    expect(errorCode(await appraise('appraiser', { scoreId: sontay.scores.get('1.4.3'), points: '0.5', comment: 'x' }))).toBe(
      'SURVEY_NOT_APPRAISED',
    );
    expect(errorCode(await appraise('appraiser', { scoreId: sontay.scores.get('3.2.2'), points: '0.5', comment: 'x' }))).toBe(
      'NOT_APPLICABLE',
    );
    expect(errorCode(await appraise('appraiser', { scoreId: 987654, points: '1' }))).toBe('NOT_FOUND');
    expect(await count('appraisal')).toBe(before);
    // Appraisers never write the unit's self-scores or notes.
    const criterionId = (
      await t.orm.em.getConnection().execute('select criterion_id from score where id = ?', [sontay.scores.get('1.1.1')])
    )[0].criterion_id;
    const selfScore = await t.gql(
      SAVE_SELF,
      { i: { sheetId: sontay.sheetId, criterionId, version: 1, points: '0', note: 'Sửa hộ' } },
      as('appraiser'),
    );
    expect(errorCode(selfScore)).toBe('FORBIDDEN');
    // Inside the assignment it works.
    expect(
      (await appraise('tuphap', { scoreId: sontay.scores.get('2.1.1'), points: '0.75', comment: 'Chỉ ban hành 2/4 văn bản đúng hạn' }))
        .errors,
    ).toBeUndefined();
    expect((await appraise('sontay.appraiser', { scoreId: thanhoai.scores.get('1.1.1'), points: '0.5' })).errors).toBeUndefined();
  });

  it('keeps bonus and deduction totals within the period’s caps', async () => {
    const caps = await t.gql(
      'mutation($p: Int!, $i: AppraisalSettingsInput!) { configureAppraisal(periodId: $p, input: $i) { bonusCap deductionCap } }',
      { p: periodId, i: { bonusCap: '1', deductionCap: '1' } },
      as('secretariat'),
    );
    expect(caps.data.configureAppraisal).toEqual({ bonusCap: '1.00', deductionCap: '1.00' });
    const badCap = await t.gql(
      'mutation($p: Int!, $i: AppraisalSettingsInput!) { configureAppraisal(periodId: $p, input: $i) { bonusCap } }',
      { p: periodId, i: { bonusCap: '-1' } },
      as('secretariat'),
    );
    expect(badCap.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'bonusCap' });
    // Sơn Tây proposed 1 + 0.5 bonus: over the cap of 1, but lowering is always allowed.
    expect(
      (await appraise('appraiser', { scoreId: sontay.scores.get('9.1.2'), points: '0', comment: 'Chưa được công nhận' })).errors,
    ).toBeUndefined();
    const over = await appraise('appraiser', { scoreId: sontay.scores.get('9.1.3'), points: '0.5', comment: 'Có 1 xã mô hình điểm' });
    expect(over.errors![0]!.extensions).toMatchObject({ code: 'BONUS_CAP_EXCEEDED', cap: '1.00', total: '1.50' });
    // Deductions are the appraisers' and always need a reason.
    expect(errorCode(await appraise('appraiser', { scoreId: sontay.scores.get('9.2.1'), points: '1' }))).toBe('REASON_REQUIRED');
    expect(
      (await appraise('appraiser', { scoreId: sontay.scores.get('9.2.1'), points: '1', comment: 'Quyết định kỷ luật số 12/QĐ-UBND' }))
        .errors,
    ).toBeUndefined();
    const deduction = await appraise('appraiser', {
      scoreId: sontay.scores.get('9.2.2'),
      points: '0.25',
      comment: 'Báo cáo quý III gửi chậm',
    });
    expect(deduction.errors![0]!.extensions).toMatchObject({ code: 'DEDUCTION_CAP_EXCEEDED' });
    const totals = (await sheetOf('appraiser', sontay)).data.sheetAppraisal.totals;
    expect(totals).toMatchObject({
      bonusProposed: '1.50',
      bonusAwarded: '1.00',
      bonusCap: '1.00',
      deduction: '1.00',
      deductionCap: '1.00',
    });
  });

  it('lets the appraiser mark nothing but evidence linked to the sub-criterion', async () => {
    const response = await t.gql(
      'mutation($i: EvidenceVerdictInput!) { setEvidenceVerdict(input: $i) { scoreId } }',
      { i: { scoreId: sontay.scores.get('1.1.1'), evidenceId: 424242, verdict: 'WRONG_PERIOD' } },
      as('appraiser'),
    );
    expect(response.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'evidenceId' });
  });

  it('asks units for explanations, which they cannot see before the results are released', async () => {
    const REQUEST = `mutation($i: RequestExplanationInput!) { requestExplanation(input: $i) { explanationRequest { id question } } }`;
    expect(errorCode(await t.gql(REQUEST, { i: { scoreId: sontay.scores.get('1.1.2'), question: '   ' } }, as('appraiser')))).toBe(
      'BAD_USER_INPUT',
    );
    const asked = await t.gql(
      REQUEST,
      { i: { scoreId: sontay.scores.get('1.1.2'), question: 'Đề nghị cung cấp văn bản ban hành kế hoạch.' } },
      as('appraiser'),
    );
    expect(asked.data.requestExplanation.explanationRequest.question).toBe('Đề nghị cung cấp văn bản ban hành kế hoạch.');
    expect(
      (
        await t.gql(
          REQUEST,
          { i: { scoreId: thanhoai.scores.get('2.1.1'), question: 'Đề nghị bổ sung danh mục văn bản.' } },
          as('appraiser'),
        )
      ).errors,
    ).toBeUndefined();
    expect(errorCode(await t.gql(REQUEST, { i: { scoreId: sontay.scores.get('1.1.2'), question: 'x' } }, as('tuphap')))).toBe('FORBIDDEN');

    expect(errorCode(await sheetOf('sontay', sontay))).toBe('FORBIDDEN');
    expect(
      (await t.gql('query($p: Int!) { sheetReviews(periodId: $p) { unit { code } } }', { p: periodId }, as('sontay'))).data.sheetReviews,
    ).toEqual([]);
    expect(
      errorCode(await t.gql('query($s: Int!) { comments(scoreId: $s) { id } }', { s: sontay.scores.get('1.1.2') }, as('sontay'))),
    ).toBe('FORBIDDEN');
  });

  it('lets the appraiser withdraw a request while round 1 is open; never the unit, never a request that does not exist', async () => {
    const REQUEST = `mutation($i: RequestExplanationInput!) { requestExplanation(input: $i) { explanationRequest { id } } }`;
    const WITHDRAW = `mutation($s: Int!) { withdrawExplanationRequest(scoreId: $s) { criterion { code } explanationRequest { id } } }`;
    const scoreId = sontay.scores.get('1.1.1');
    expect((await t.gql(REQUEST, { i: { scoreId, question: 'Đề nghị làm rõ ngày ban hành.' } }, as('appraiser'))).errors).toBeUndefined();
    const before = await count('explanation_request');
    for (const user of ['sontay', 'sontay.lead', 'tuphap', 'analyst'])
      expect(errorCode(await t.gql(WITHDRAW, { s: scoreId }, as(user))), user).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(WITHDRAW, { s: sontay.scores.get('1.1.3') }, as('appraiser')))).toBe('NOT_FOUND');
    expect(await count('explanation_request')).toBe(before);

    const withdrawn = await t.gql(WITHDRAW, { s: scoreId }, as('appraiser'));
    expect(withdrawn.data.withdrawExplanationRequest).toEqual({ criterion: { code: '1.1.1' }, explanationRequest: null });
    expect(await count('explanation_request')).toBe(before - 1);
    const history = (await t.gql(HISTORY, { s: scoreId }, as('secretariat'))).data.appraisalHistory;
    // After the round-1 appraisal of 1.1.1 above.
    expect(history.map((entry: any) => [entry.action, entry.round])).toEqual([
      ['appraise', 1],
      ['request-explanation', 1],
      ['withdraw-explanation-request', 1],
    ]);
  });

  it('cannot open the explanation before the results are released', async () => {
    const response = await t.gql('mutation($p: Int!) { openExplanation(periodId: $p) { status } }', { p: periodId }, as('secretariat'));
    expect(errorCode(response)).toBe('RESULTS_NOT_RELEASED');
  });
});

describe('release and explanation', () => {
  it('releases round-1 results to each unit, for its own sheet only, and closes round 1', async () => {
    const released = await step('secretariat', 'releaseRound1Results');
    expect(released.data.releaseRound1Results).toMatchObject({ status: 'APPRAISAL_ROUND_1', currentRound: null });
    expect(errorCode(await step('secretariat', 'releaseRound1Results'))).toBe('ALREADY_RELEASED');

    const view = await sheetOf('sontay', sontay);
    expect(view.errors).toBeUndefined();
    expect(itemOf(view, '1.1.2')).toMatchObject({
      selfPoints: '2.00',
      finalPoints: '0.00',
      canAppraise: false,
      round1: { points: '0.00', comment: 'Không có kế hoạch' },
      explanationRequest: { question: 'Đề nghị cung cấp văn bản ban hành kế hoạch.', answer: null },
    });
    expect(errorCode(await sheetOf('sontay', thanhoai))).toBe('FORBIDDEN');
    expect(
      (await t.gql('query($p: Int!) { sheetReviews(periodId: $p) { unit { code } explanationRequests } }', { p: periodId }, as('sontay')))
        .data.sheetReviews,
    ).toEqual([{ unit: { code: 'SONTAY' }, explanationRequests: 1 }]);
    const notes = await t.gql('{ notifications { kind message link } }', {}, as('sontay'));
    expect(notes.data.notifications[0]).toMatchObject({
      kind: 'RESULTS_RELEASED',
      link: `/appraisal/periods/${periodId}/units/${sontay.unitId}`,
    });
    expect(notes.data.notifications[0].message).toContain('1 yêu cầu giải trình');

    const closed = await appraise('appraiser', { scoreId: sontay.scores.get('1.1.1'), points: '0.5', comment: 'x', version: 1 });
    expect(errorCode(closed)).toBe('ROUND_CLOSED');
  });

  it('opens the explanation window with a deadline in the future only', async () => {
    const past = await t.gql(
      'mutation($p: Int!, $c: DateTimeISO) { openExplanation(periodId: $p, closesAt: $c) { status } }',
      { p: periodId, c: new Date(Date.now() - 1000).toISOString() },
      as('secretariat'),
    );
    expect(past.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'closesAt' });
    const opened = await t.gql(
      'mutation($p: Int!) { openExplanation(periodId: $p) { status explanationClosesAt } }',
      { p: periodId },
      as('secretariat'),
    );
    expect(opened.data.openExplanation.status).toBe('EXPLANATION');
    const notes = await t.gql('{ notifications(unreadOnly: true) { kind message } unreadNotificationCount }', {}, as('sontay.lead'));
    expect(notes.data.notifications.map((note: any) => note.kind)).toContain('EXPLANATION_REQUESTED');
  });

  it('lets the unit answer and its lead lock the explanation, never another unit, never after the lock', async () => {
    const ANSWER = `mutation($i: AnswerExplanationInput!) { answerExplanation(input: $i) { explanationRequest { answer version } selfPoints } }`;
    const LOCK = `mutation($p: Int!, $u: Int!) { lockExplanation(periodId: $p, unitId: $u) { explanationStatus } }`;
    const request = itemOf(await sheetOf('sontay', sontay), '1.1.2').explanationRequest;
    const answer = {
      requestId: request.id,
      answer: 'Kế hoạch số 243/KH-UBND đã ban hành ngày 05/10/2023; gửi kèm bản chụp.',
      version: request.version,
    };

    expect(errorCode(await t.gql(LOCK, { p: periodId, u: sontay.unitId }, as('sontay.lead')))).toBe('UNANSWERED_REQUESTS');
    expect(errorCode(await t.gql(ANSWER, { i: answer }, as('thanhoai')))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(ANSWER, { i: { ...answer, answer: '  ' } }, as('sontay')))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(ANSWER, { i: { ...answer, version: 99 } }, as('sontay')))).toBe('CONFLICT');
    const answered = await t.gql(ANSWER, { i: answer }, as('sontay'));
    expect(answered.errors).toBeUndefined();
    // The self-score stays as submitted, and the unit cannot change it while explaining.
    expect(answered.data.answerExplanation).toMatchObject({
      selfPoints: '2.00',
      explanationRequest: { answer: answer.answer, version: 2 },
    });
    const criterionId = (
      await t.orm.em.getConnection().execute('select criterion_id from score where id = ?', [sontay.scores.get('1.1.2')])
    )[0].criterion_id;
    const rescore = await t.gql(SAVE_SELF, { i: { sheetId: sontay.sheetId, criterionId, version: 1, points: '1' } }, as('sontay'));
    expect(['SHEET_SUBMITTED', 'PERIOD_NOT_OPEN']).toContain(errorCode(rescore));

    expect(errorCode(await t.gql(LOCK, { p: periodId, u: sontay.unitId }, as('sontay')))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(LOCK, { p: periodId, u: thanhoai.unitId }, as('sontay.lead')))).toBe('FORBIDDEN');
    const locked = await t.gql(LOCK, { p: periodId, u: sontay.unitId }, as('sontay.lead'));
    expect(locked.data.lockExplanation.explanationStatus).toBe('LOCKED');
    expect(errorCode(await t.gql(ANSWER, { i: { ...answer, version: 2 } }, as('sontay')))).toBe('EXPLANATION_LOCKED');
    const notes = await t.gql('{ notifications { kind message } }', {}, as('appraiser'));
    expect(notes.data.notifications[0]).toMatchObject({ kind: 'EXPLANATION_LOCKED' });
  });

  it('refuses round 2 while explanations are open before their deadline, and answers after the deadline', async () => {
    expect(errorCode(await step('secretariat', 'openAppraisalRound2'))).toBe('EXPLANATION_STILL_OPEN');
    await setDeadline(t, tokens.secretariat!, periodId, 'explanationClosesAt', new Date(Date.now() - 1000));
    const request = (await t.gql(SHEET, { p: periodId, u: thanhoai.unitId }, as('thanhoai'))).data.sheetAppraisal.items.find(
      (item: any) => item.explanationRequest,
    ).explanationRequest;
    const late = await t.gql(
      `mutation($i: AnswerExplanationInput!) { answerExplanation(input: $i) { scoreId } }`,
      { i: { requestId: request.id, answer: 'Trả lời muộn', version: request.version } },
      as('thanhoai'),
    );
    expect(errorCode(late)).toBe('EXPLANATION_CLOSED');
  });
});

describe('round 2 and finalisation', () => {
  it('opens round 2, locking the explanations left open', async () => {
    const opened = await step('secretariat', 'openAppraisalRound2');
    expect(opened.data.openAppraisalRound2).toMatchObject({ status: 'APPRAISAL_ROUND_2', currentRound: 2 });
    const summaries = await t.gql(
      'query($p: Int!) { sheetReviews(periodId: $p) { unit { code } explanationStatus explanationsAnswered } }',
      { p: periodId },
      as('secretariat'),
    );
    expect(summaries.data.sheetReviews).toEqual(
      [
        { unit: { code: 'SONTAY' }, explanationStatus: 'LOCKED', explanationsAnswered: 1 },
        { unit: { code: 'THANHOAI' }, explanationStatus: 'LOCKED', explanationsAnswered: 0 },
      ].sort((a, b) => a.unit.code.localeCompare(b.unit.code)),
    );
  });

  it('withdraws no request once round 1 is over', async () => {
    const before = await count('explanation_request');
    const response = await t.gql(
      'mutation($s: Int!) { withdrawExplanationRequest(scoreId: $s) { scoreId } }',
      { s: sontay.scores.get('1.1.2') },
      as('appraiser'),
    );
    expect(response.errors![0]!.extensions).toMatchObject({ code: 'ROUND_CLOSED', round: 2 });
    expect(await count('explanation_request')).toBe(before);
  });

  it('lists in round 2 only what was questioned, and sets the final score', async () => {
    const queue = (await t.gql(QUEUE, { p: periodId, f: { status: 'TO_APPRAISE' } }, as('appraiser'))).data.appraisalQueue;
    expect(queue.cycle.currentRound).toBe(2);
    expect(queue.sheets.flatMap((sheet: any) => sheet.items.map((item: any) => `${sheet.unit.code} ${item.code}`)).sort()).toEqual([
      'SONTAY 1.1.2',
      'THANHOAI 2.1.1',
    ]);
    const scoreId = sontay.scores.get('1.1.2')!;
    expect(errorCode(await appraise('appraiser', { scoreId, points: '1' }))).toBe('REASON_REQUIRED');
    const final = await appraise('appraiser', { scoreId, points: '1', comment: 'Đã bổ sung văn bản; ban hành chậm 1 tháng.' });
    expect(final.data.appraiseScore).toMatchObject({ finalPoints: '1.00', round1: { points: '0.00' }, round2: { points: '1.00' } });
    // The unit sees round 2 only once final.
    expect(itemOf(await sheetOf('sontay', sontay), '1.1.2')).toMatchObject({ round2: null, finalPoints: '0.00' });
    const remaining = (await t.gql(QUEUE, { p: periodId, f: { status: 'TO_APPRAISE' } }, as('appraiser'))).data.appraisalQueue.remaining;
    expect(remaining).toBe(1);
  });

  it('refuses to finalise while a unit is over a cap; then finalises and everything is read-only', async () => {
    const SETTINGS = 'mutation($p: Int!, $i: AppraisalSettingsInput!) { configureAppraisal(periodId: $p, input: $i) { bonusCap } }';
    await t.gql(SETTINGS, { p: periodId, i: { bonusCap: '0.5' } }, as('secretariat'));
    const over = await step('secretariat', 'finalizeAppraisal');
    expect(over.errors![0]!.extensions).toMatchObject({ code: 'CAP_EXCEEDED', units: ['SONTAY'] });
    await t.gql(SETTINGS, { p: periodId, i: { bonusCap: null } }, as('secretariat'));
    expect(errorCode(await step('appraiser', 'finalizeAppraisal'))).toBe('FORBIDDEN');
    const finalized = await step('secretariat', 'finalizeAppraisal');
    expect(finalized.data.finalizeAppraisal).toMatchObject({ status: 'FINALIZED', currentRound: null });

    expect(errorCode(await appraise('appraiser', { scoreId: sontay.scores.get('1.1.2'), points: '0.5', comment: 'x', version: 1 }))).toBe(
      'ROUND_CLOSED',
    );
    expect(errorCode(await t.gql(SETTINGS, { p: periodId, i: { bonusCap: '2' } }, as('secretariat')))).toBe('PERIOD_STATUS');
    const unitView = await sheetOf('sontay', sontay);
    expect(unitView.data.sheetAppraisal.releasedRound).toBe(2);
    expect(itemOf(unitView, '1.1.2')).toMatchObject({ round2: { points: '1.00' }, finalPoints: '1.00' });
  });

  it('keeps every change in the audit trail: who, when, old → new, round', async () => {
    const history = (await t.gql(HISTORY, { s: sontay.scores.get('1.1.2') }, as('secretariat'))).data.appraisalHistory;
    expect(history.map((entry: any) => [entry.action, entry.round])).toEqual([
      ['appraise', 1],
      ['appraise', 1],
      ['request-explanation', 1],
      ['answer-explanation', null],
      ['appraise', 2],
    ]);
    expect(JSON.parse(history[1].before)).toEqual({ points: '1.00', comment: 'Kế hoạch ban hành chậm so với quy định.' });
    expect(JSON.parse(history[1].after)).toMatchObject({ points: '0.00', comment: 'Không có kế hoạch' });
    expect(history[0].actorName).toBe('Thành viên Hội đồng thẩm định');
    expect(errorCode(await t.gql(HISTORY, { s: sontay.scores.get('1.1.2') }, as('sontay')))).toBe('FORBIDDEN');
  });
});
