import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from './support/app.ts';
import { handWorkedFixture, ResultsFixtures, type HandWorked } from './support/results-fixtures.ts';

let t: TestApp;
let fx: HandWorked;
let secretariat: string;
let analyst: string;
let sontay: string;
let unitA: string;

const sql = <T = any>(text: string, params: unknown[] = []) => t.orm.em.getConnection().execute<T[]>(text, params);

beforeAll(async () => {
  t = await startTestApp();
  fx = await handWorkedFixture(t.orm);
  const f = new ResultsFixtures(t.orm);
  const appraiserId = await f.userId('appraiser');
  // The demo consultation closes before any analyst request (closed rounds are what analysts read).
  await sql(`update consultation set opens_at = now() - interval '20 days', closes_at = now() - interval '1 day'`);
  // Unit A's user (the demo account thanhoai, moved to the fixture unit), reviews and comments on two sheets.
  await sql(`update app_user set unit_id = ? where username = 'thanhoai'`, [fx.units.A]);
  const [userA] = await sql<{ id: number }>(`select id from app_user where username = 'thanhoai'`);
  const review = async (unitId: number, released: number) => {
    const [row] = await sql<{ id: number; sheet_id: number }>(
      `insert into sheet_review (sheet_id, period_id, unit_id, released_round)
       select id, period_id, unit_id, ? from score_sheet where period_id = ? and unit_id = ? returning id, sheet_id`,
      [released, fx.period2030, unitId],
    );
    return row!;
  };
  const scoreOf = async (sheetId: number, code: string) =>
    (await sql<{ id: number }>('select id from score where sheet_id = ? and criterion_id = ?', [sheetId, fx.set2030.ids.get(code)]))[0]!.id;
  const comment = async (
    reviewId: number,
    scoreId: number,
    authorId: number,
    body: string,
    parentId: number | null = null,
    resolved = false,
  ) =>
    (
      await sql<{ id: number }>(
        `insert into comment (score_id, review_id, parent_id, author_id, body, resolved_at) values (?, ?, ?, ?, ?, ?) returning id`,
        [scoreId, reviewId, parentId, authorId, body, resolved ? new Date() : null],
      )
    )[0]!.id;
  const a = await review(fx.units.A, 1);
  const b = await review(fx.units.B, 0);
  const root = await comment(
    a.id,
    await scoreOf(a.sheet_id, '1.2'),
    appraiserId,
    'Kế hoạch ban hành chậm so với thời hạn, đề nghị giải trình.',
    null,
    true,
  );
  await comment(a.id, await scoreOf(a.sheet_id, '1.2'), userA!.id, 'Đơn vị xin giải trình: kế hoạch trình ký đúng hạn.', root);
  await comment(b.id, await scoreOf(b.sheet_id, '2.1'), appraiserId, 'Số liệu báo cáo không khớp với hệ thống.');
  [secretariat, analyst, sontay, unitA] = await Promise.all(['secretariat', 'analyst', 'sontay', 'thanhoai'].map((name) => t.login(name)));
});
afterAll(() => t.close());

const COMMENTS = `query($filter: CommentRecordFilter!, $first: Int!) {
  commentRecords(filter: $filter, first: $first) {
    totalCount aggregates { count resolvedCount }
    nodes { unit { code } criterionCode authorName authorIsUnit body parentId resolvedAt }
  }
}`;
const FEEDBACK = `query($filter: FeedbackRecordFilter, $first: Int!) {
  feedbackRecords(filter: $filter, first: $first) {
    totalCount aggregates { count byResolution { resolution count } }
    nodes { consultationTitle unit { code } criterionCode aspect text status resolution responseStatus }
  }
}`;

describe('appraisal comments for analysts', () => {
  it('lists the comments with their thread state, under the SheetReview rules', async () => {
    // An analyst reads appraisal as the results rule says: nothing before the period's results are published.
    const before = (await t.gql(COMMENTS, { filter: { periodId: fx.period2030 }, first: 10 }, { token: analyst })).data.commentRecords;
    expect(before.totalCount).toBe(0);
    await sql(
      `insert into period_publication (period_id, published_by_id, published_at) select ?, id, now() from app_user where username = 'secretariat'`,
      [fx.period2030],
    );
    const all = (await t.gql(COMMENTS, { filter: { periodId: fx.period2030 }, first: 10 }, { token: analyst })).data.commentRecords;
    expect(all.totalCount).toBe(3);
    expect(all.aggregates).toEqual({ count: 3, resolvedCount: 2 }); // the reply counts with its resolved thread
    expect(all.nodes.map((n: any) => [n.unit.code, n.criterionCode, n.authorIsUnit])).toEqual([
      ['XA', '1.2', false],
      ['XA', '1.2', true],
      ['XB', '2.1', false],
    ]);
    const open = (await t.gql(COMMENTS, { filter: { periodId: fx.period2030, resolved: false }, first: 10 }, { token: secretariat })).data
      .commentRecords;
    expect(open.nodes.map((n: any) => n.unit.code)).toEqual(['XB']);
    const search = (await t.gql(COMMENTS, { filter: { periodId: fx.period2030, search: 'GIẢI TRÌNH' }, first: 10 }, { token: secretariat }))
      .data.commentRecords;
    expect(search.totalCount).toBe(2);
  });

  it('shows a unit its own released review only', async () => {
    const own = (await t.gql(COMMENTS, { filter: { periodId: fx.period2030 }, first: 10 }, { token: unitA })).data.commentRecords;
    expect(own.nodes.map((n: any) => n.unit.code)).toEqual(['XA', 'XA']);
    expect(
      (await t.gql(COMMENTS, { filter: { periodId: fx.period2030 }, first: 10 }, { token: sontay })).data.commentRecords.totalCount,
    ).toBe(0);
    expect(errorCode(await t.gql(COMMENTS, { filter: { periodId: fx.period2030 }, first: 101 }, { token: analyst }))).toBe(
      'BAD_USER_INPUT',
    );
  });
});

describe('consultation feedback for analysts', () => {
  it('lists the feedback of closed rounds with the answers and counts by resolution', async () => {
    const asSecretariat = (await t.gql(FEEDBACK, { first: 100 }, { token: secretariat })).data.feedbackRecords;
    expect(asSecretariat.totalCount).toBe(10); // the active comments of the closed rounds
    const asAnalyst = (await t.gql(FEEDBACK, { first: 100 }, { token: analyst })).data.feedbackRecords;
    expect(asAnalyst.totalCount).toBe(asSecretariat.totalCount);
    expect(asAnalyst.aggregates.byResolution.reduce((sum: number, r: any) => sum + r.count, 0)).toBe(asAnalyst.totalCount);
    expect(asAnalyst.nodes.every((n: any) => n.status === 'ACTIVE')).toBe(true);
    const aspect = asAnalyst.nodes[0].aspect;
    const filtered = (await t.gql(FEEDBACK, { filter: { aspects: [aspect] }, first: 100 }, { token: analyst })).data.feedbackRecords;
    expect(filtered.nodes.every((n: any) => n.aspect === aspect)).toBe(true);
    expect(filtered.totalCount).toBeLessThanOrEqual(asAnalyst.totalCount);
  });

  it('shows a unit only what the consultation rules allow it', async () => {
    const asSontay = (await t.gql(FEEDBACK, { first: 100 }, { token: sontay })).data.feedbackRecords;
    // Its own comments, and every active comment of a round whose synthesis is published.
    const [expected] = await sql<{ n: number }>(
      `select count(*)::int as n from feedback_comment fc join consultation c on c.id = fc.consultation_id
        where fc.status = 'ACTIVE' and (fc.unit_id = (select id from unit where code = 'SONTAY') or c.synthesis_published_at is not null)`,
    );
    expect(expected!.n).toBeGreaterThan(0);
    expect(asSontay.totalCount).toBe(expected!.n);
    // Draft answers are never shown to units.
    expect(asSontay.nodes.every((n: any) => n.responseStatus === null || n.responseStatus === 'PUBLISHED')).toBe(true);
  });
});
