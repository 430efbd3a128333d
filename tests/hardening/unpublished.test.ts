import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type GraphQLResponse, type TestApp } from '../support/app.ts';
import { openRound1, scoreIds, submittedSheet, type SheetFixture } from '../support/sheets.ts';

/**
 * Issue 10, item 7: no unpublished information leaks. What an analyst sees of appraisal follows the
 * results rule (after publication) on every path; a member of a unit does not read its unreleased
 * appraisal; only participants resolve a thread; a denied caller cannot tell a missing id from a
 * forbidden one.
 */
let t: TestApp;
const tokens: Record<string, string> = {};
let periodId: number;
let sontay: SheetFixture;
const PASSWORD = 'Thẩm định viên ở Sơn Tây 2023';

const as = (user: string) => ({ token: tokens[user] });
const SHEET = 'query($p: Int!, $u: Int!) { sheetAppraisal(periodId: $p, unitId: $u) { items { scoreId round1 { points comment } } } }';
const HISTORY = 'query($s: Int!) { appraisalHistory(scoreId: $s) { action } }';
const REVIEWS = 'query($p: Int!) { sheetReviews(periodId: $p) { unit { code } } }';
const COMMENTS = 'query($s: Int!) { comments(scoreId: $s) { id } }';
const RECORDS = 'query($p: Int!) { commentRecords(filter: { periodId: $p }, first: 10) { totalCount } }';
const RESULT = 'query($p: Int!, $u: Int!) { unitResult(periodId: $p, unitId: $u) { unit { code } } }';

const same = (a: GraphQLResponse, b: GraphQLResponse) => {
  expect(a.errors?.[0]?.extensions?.code).toBe(b.errors?.[0]?.extensions?.code);
  expect(a.errors?.[0]?.message).toBe(b.errors?.[0]?.message);
};

/** Runs `check` while the period's results are published (straight in SQL), then takes the publication back. */
async function whilePublished(check: () => Promise<void>): Promise<void> {
  const sql = (text: string, params: unknown[]) => t.orm.em.getConnection().execute(text, params);
  await sql(
    'insert into period_publication (period_id, published_by_id, published_at) select ?, id, now() from app_user where username = ?',
    [periodId, 'secretariat'],
  );
  try {
    await check();
  } finally {
    await sql('delete from period_publication where period_id = ?', [periodId]);
  }
}

beforeAll(async () => {
  t = await startTestApp();
  for (const user of ['secretariat', 'appraiser', 'analyst', 'sontay', 'thanhoai', 'admin']) tokens[user] = await t.login(user);
  periodId = (await t.gql('{ periods(year: 2023) { id } }', {}, as('secretariat'))).data.periods[0].id;
  const units = (await t.gql('{ units { id code } }', {}, as('admin'))).data.units as { id: number; code: string }[];
  const created = await t.gql(
    'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
    {
      input: {
        username: 'thamdinh.sontay',
        displayName: 'Thẩm định viên công tác tại Sơn Tây',
        password: PASSWORD,
        roles: ['APPRAISER'],
        unitId: units.find((unit) => unit.code === 'SONTAY')!.id,
      },
    },
    as('admin'),
  );
  expect(created.errors).toBeUndefined();
  tokens.local = await t.login('thamdinh.sontay', PASSWORD);
  sontay = await submittedSheet(t, periodId, 'SONTAY', { '1.1.1': '1' });
  await submittedSheet(t, periodId, 'THANHOAI', { '1.1.1': '0.5' });
  await openRound1(t, tokens.secretariat!, periodId);
  sontay.scores = await scoreIds(t, sontay.sheetId);
  const appraised = await t.gql(
    'mutation($i: AppraiseInput!) { appraiseScore(input: $i) { scoreId } }',
    { i: { scoreId: sontay.scores.get('1.1.1'), points: '0.5', comment: 'Kế hoạch ban hành chậm.' } },
    as('appraiser'),
  );
  expect(appraised.errors).toBeUndefined();
  const comment = await t.gql(
    'mutation($i: AddCommentInput!) { addComment(input: $i) { id } }',
    { i: { scoreId: sontay.scores.get('1.1.1'), body: 'Đề nghị bổ sung bản ký số.' } },
    as('appraiser'),
  );
  expect(comment.errors).toBeUndefined();
});
afterAll(() => t.close());

describe('the analyst during appraisal (results not published)', () => {
  it('reads no round-1 points, comments or history, as unitResult is refused', async () => {
    const scoreId = sontay.scores.get('1.1.1');
    expect(errorCode(await t.gql(RESULT, { p: periodId, u: sontay.unitId }, as('analyst')))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(SHEET, { p: periodId, u: sontay.unitId }, as('analyst')))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(HISTORY, { s: scoreId }, as('analyst')))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(COMMENTS, { s: scoreId }, as('analyst')))).toBe('FORBIDDEN');
    expect((await t.gql(REVIEWS, { p: periodId }, as('analyst'))).data.sheetReviews).toEqual([]);
    expect((await t.gql(RECORDS, { p: periodId }, as('analyst'))).data.commentRecords.totalCount).toBe(0);
    const records = await t.gql(
      'query($p: Int!, $u: [Int!]) { scoreRecords(filter: { periodId: $p, unitIds: $u }, first: 100) { nodes { round1Points finalPoints } } }',
      { p: periodId, u: [sontay.unitId] },
      as('analyst'),
    );
    expect(records.data.scoreRecords.nodes.every((row: { round1Points: unknown }) => row.round1Points === null)).toBe(true);
  });

  it('reads all of it once the period’s results are published, as the results rule says', async () => {
    await whilePublished(async () => {
      const scoreId = sontay.scores.get('1.1.1');
      const sheet = await t.gql(SHEET, { p: periodId, u: sontay.unitId }, as('analyst'));
      expect(sheet.errors).toBeUndefined();
      expect(sheet.data.sheetAppraisal.items.find((item: { scoreId: number }) => item.scoreId === scoreId).round1.points).toBe('0.50');
      expect((await t.gql(HISTORY, { s: scoreId }, as('analyst'))).errors).toBeUndefined();
      expect((await t.gql(REVIEWS, { p: periodId }, as('analyst'))).data.sheetReviews.length).toBe(2);
      expect((await t.gql(RECORDS, { p: periodId }, as('analyst'))).data.commentRecords.totalCount).toBe(1);
    });
  });
});

describe('a member of the unit', () => {
  it('an appraiser working at Sơn Tây reads neither its unreleased appraisal nor its result, but reads other units', async () => {
    const scoreId = sontay.scores.get('1.1.1');
    expect(errorCode(await t.gql(SHEET, { p: periodId, u: sontay.unitId }, as('local')))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(HISTORY, { s: scoreId }, as('local')))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(COMMENTS, { s: scoreId }, as('local')))).toBe('FORBIDDEN');
    // Its unit's result is refused before publication, details and summary (index, rank) alike; other units' are not.
    const DETAILS = 'query($p: Int!, $u: Int!) { unitResult(periodId: $p, unitId: $u) { index rank details { appraisedAchieved } } }';
    expect(errorCode(await t.gql(DETAILS, { p: periodId, u: sontay.unitId }, as('local')))).toBe('FORBIDDEN');
    expect((await t.gql(DETAILS, { p: periodId, u: sontay.unitId }, as('appraiser'))).data.unitResult.details).not.toBeNull();
    const reviews = (await t.gql(REVIEWS, { p: periodId }, as('local'))).data.sheetReviews.map(
      (row: { unit: { code: string } }) => row.unit.code,
    );
    expect(reviews).toEqual(['THANHOAI']);
  });

  it('an appraiser working at Sơn Tây finds its unit nowhere in the ranking or the calibration until publication', async () => {
    const RANKING = `query($p: Int!, $f: ResultFilter) { periodResults(periodId: $p, first: 100, filter: $f) {
      totalCount nodes { unit { code } index rank } aggregates { count index { avg min max } } } }`;
    const CALIBRATION = 'query($p: Int!) { calibration(periodId: $p, by: UNIT, first: 100) { nodes { code } summary { appraisedCount } } }';
    const ranking = async (user: string, filter?: object) => {
      const response = await t.gql(RANKING, { p: periodId, f: filter ?? null }, as(user));
      expect(response.errors).toBeUndefined();
      return response.data.periodResults;
    };
    const codes = (connection: { nodes: { code?: string; unit?: { code: string } }[] }) =>
      connection.nodes.map((node) => node.unit?.code ?? node.code);
    const council = await ranking('appraiser');
    const local = await ranking('local');
    expect(codes(council)).toContain('SONTAY');
    expect(codes(local)).not.toContain('SONTAY');
    expect(codes(local)).toContain('THANHOAI');
    // Counts, averages and filters are over what it may read: nothing tells Sơn Tây's index, not even by elimination.
    expect(local.totalCount).toBe(council.totalCount - 1);
    expect(local.aggregates.count).toBe(council.aggregates.count - 1);
    expect((await ranking('local', { unitIds: [sontay.unitId] })).totalCount).toBe(0);
    expect((await ranking('appraiser', { unitIds: [sontay.unitId] })).totalCount).toBe(1);
    const calibration = async (user: string) => (await t.gql(CALIBRATION, { p: periodId }, as(user))).data.calibration;
    expect(codes(await calibration('appraiser'))).toContain('SONTAY');
    expect(codes(await calibration('local'))).not.toContain('SONTAY');
    expect((await calibration('local')).summary.appraisedCount).toBe(0);
    // Once published, it sees its unit as every unit does.
    await whilePublished(async () => {
      expect(codes(await ranking('local'))).toContain('SONTAY');
      expect((await ranking('local')).totalCount).toBe(council.totalCount);
    });
  });

  it('resolves no thread it did not write in; a participant does', async () => {
    const thread = (await t.gql(COMMENTS, { s: sontay.scores.get('1.1.1') }, as('secretariat'))).data.comments;
    const RESOLVE = 'mutation($id: Int!) { resolveComment(id: $id) { resolvedAt } }';
    const other = await t.gql(
      'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
      { input: { username: 'thamdinh.khac', displayName: 'Thẩm định viên khác', password: PASSWORD, roles: ['APPRAISER'] } },
      as('admin'),
    );
    expect(other.errors).toBeUndefined();
    const outsider = await t.login('thamdinh.khac', PASSWORD);
    expect(errorCode(await t.gql(RESOLVE, { id: thread[0].id }, { token: outsider }))).toBe('FORBIDDEN');
    expect((await t.gql(RESOLVE, { id: thread[0].id }, as('appraiser'))).data.resolveComment.resolvedAt).toBeTruthy();
  });
});

describe('permission before existence', () => {
  it('a unit gets the same answer for another unit’s rows and for ids that do not exist', async () => {
    const thanhoaiScore = (
      await t.orm.em.getConnection().execute('select min(id)::int as id from score where sheet_id <> ?', [sontay.sheetId])
    )[0].id as number;
    const missing = 987654321;
    same(await t.gql(COMMENTS, { s: thanhoaiScore }, as('sontay')), await t.gql(COMMENTS, { s: missing }, as('sontay')));
    same(await t.gql(HISTORY, { s: thanhoaiScore }, as('sontay')), await t.gql(HISTORY, { s: missing }, as('sontay')));
    const ADD = 'mutation($i: AddCommentInput!) { addComment(input: $i) { id } }';
    same(
      await t.gql(ADD, { i: { scoreId: thanhoaiScore, body: 'Thử' } }, as('sontay')),
      await t.gql(ADD, { i: { scoreId: missing, body: 'Thử' } }, as('sontay')),
    );
    const SHEET_BY_ID = 'mutation($id: Int!) { submitSelfAssessment(sheetId: $id) { id } }';
    const otherSheet = (await t.orm.em.getConnection().execute('select id from score_sheet where id <> ? limit 1', [sontay.sheetId]))[0].id;
    same(await t.gql(SHEET_BY_ID, { id: otherSheet }, as('sontay')), await t.gql(SHEET_BY_ID, { id: missing }, as('sontay')));
    expect(errorCode(await t.gql(SHEET_BY_ID, { id: missing }, as('sontay')))).toBe('FORBIDDEN');
    // Those who may read every row are told it is missing.
    expect(errorCode(await t.gql(HISTORY, { s: missing }, as('secretariat')))).toBe('NOT_FOUND');
  });

  it('takes no row lock for a caller who is refused', async () => {
    const statements: string[] = [];
    const knex = t.orm.em.getConnection().getKnex();
    const listener = (query: { sql: string }) => statements.push(query.sql);
    knex.on('query', listener);
    try {
      await t.gql('mutation($id: Int!) { submitSelfAssessment(sheetId: $id) { id } }', { id: sontay.sheetId }, as('thanhoai'));
      await t.gql(
        'mutation($i: AppraiseInput!) { appraiseScore(input: $i) { scoreId } }',
        { i: { scoreId: sontay.scores.get('1.1.1'), points: '1' } },
        as('local'),
      );
      await t.gql(
        'mutation($i: AddCommentInput!) { addComment(input: $i) { id } }',
        { i: { scoreId: sontay.scores.get('1.1.1'), body: 'Thử' } },
        as('thanhoai'),
      );
    } finally {
      knex.off('query', listener);
    }
    expect(statements.filter((sql) => /for (update|share|no key update)/i.test(sql))).toEqual([]);
  });
});

describe('a unit and the department’s draft answers to its consultation comments', () => {
  const COMMENTS_OF = `query($id: Int!, $f: FeedbackCommentFilter) { consultation(id: $id) {
    comments(filter: $f) { id text } commentCounts { total unanswered } } }`;
  const demo = async (user: string, filter?: Record<string, unknown>) => {
    // The round Sơn Tây is invited to (the secretariat sees others too).
    const id = (await t.gql('{ consultations { id } }', {}, as('sontay'))).data.consultations[0].id as number;
    const response = await t.gql(COMMENTS_OF, { id, f: filter ?? null }, as(user));
    expect(response.errors).toBeUndefined();
    return response.data.consultation as {
      comments: { id: number; text: string }[];
      commentCounts: { total: number; unanswered: number }[];
    };
  };
  const unanswered = (view: { commentCounts: { unanswered: number }[] }) =>
    view.commentCounts.reduce((sum, row) => sum + row.unanswered, 0);

  it('filters and counts only on what the unit may read of the answer (published answers)', async () => {
    // Sơn Tây's three comments in the demo round: one answered and published, one with a DRAFT answer, one unanswered.
    const own = await demo('sontay');
    expect(own.comments).toHaveLength(3);
    expect((await demo('sontay', { resolution: 'PARTIALLY_ACCEPTED' })).comments).toEqual([]);
    expect((await demo('sontay', { resolution: 'NOTED' })).comments).toHaveLength(1);
    expect((await demo('sontay', { unanswered: true })).comments).toHaveLength(2);
    expect(unanswered(own)).toBe(2);
  });

  it('the secretariat, who reads the drafts, filters and counts on them', async () => {
    const drafts = (await demo('secretariat', { resolution: 'PARTIALLY_ACCEPTED' })).comments;
    const sontayDraft = (await demo('sontay')).comments.find((comment) => comment.text.startsWith('Đề nghị chỉ tính tỷ lệ'))!;
    expect(drafts.map((comment) => comment.id)).toContain(sontayDraft.id);
    const open = (await demo('secretariat', { unanswered: true })).comments.map((comment) => comment.id);
    expect(open).not.toContain(sontayDraft.id);
  });
});

describe('permission before existence, beyond appraisal', () => {
  it('a unit cannot tell a missing document or consultation comment from another unit’s', async () => {
    const sql = <T = any>(text: string, params: unknown[] = []) => t.orm.em.getConnection().execute<T[]>(text, params);
    const missing = 987654321;
    const [foreignEvidence] = await sql<{ id: number }>(
      'select e.id from evidence e join score_sheet s on s.id = e.sheet_id where s.unit_id <> ? limit 1',
      [sontay.unitId],
    );
    const EVIDENCE = 'query($id: Int!) { evidence(id: $id) { id } }';
    if (foreignEvidence)
      same(await t.gql(EVIDENCE, { id: foreignEvidence.id }, as('thanhoai')), await t.gql(EVIDENCE, { id: missing }, as('thanhoai')));
    expect(errorCode(await t.gql(EVIDENCE, { id: missing }, as('sontay')))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(EVIDENCE, { id: missing }, as('secretariat')))).toBe('NOT_FOUND');

    const [sontayComment] = await sql<{ id: number }>(
      'select fc.id from feedback_comment fc join unit u on u.id = fc.unit_id where u.code = ? limit 1',
      ['SONTAY'],
    );
    const UPDATE = 'mutation($id: Int!, $i: UpdateFeedbackCommentInput!) { updateFeedbackComment(id: $id, input: $i) { id } }';
    const input = { text: 'Thử sửa ý kiến của đơn vị khác.', version: 1 };
    same(
      await t.gql(UPDATE, { id: sontayComment!.id, i: input }, as('thanhoai')),
      await t.gql(UPDATE, { id: missing, i: input }, as('thanhoai')),
    );
  });
});
