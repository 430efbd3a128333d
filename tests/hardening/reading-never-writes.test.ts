import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { readSheet, scoringContext } from '../support/scoring.ts';

/**
 * Issue 10, item 8: reading never writes. Only a writer of a sheet (its unit) creates it and its
 * score rows on first access; anyone else reading a sheet not created yet gets the empty view.
 */
let t: TestApp;
let periodId: number;
let unitId: (code: string) => number;

const CHECK = 'query($p: Int!, $u: Int!) { selfAssessmentCheck(periodId: $p, unitId: $u) { sheetId blockingCount problems { code } } }';

const counts = async () =>
  (
    await t.orm.em
      .getConnection()
      .execute<{ sheets: number; scores: number }[]>(
        'select (select count(*)::int from score_sheet) as sheets, (select count(*)::int from score) as scores',
      )
  )[0]!;

beforeAll(async () => {
  t = await startTestApp();
  ({ periodId, unitId } = await scoringContext(t));
});
afterAll(() => t.close());

describe('reading a sheet not created yet', () => {
  it.each(['analyst', 'appraiser', 'secretariat'])(
    '%s: scoreSheet and selfAssessmentCheck answer the empty view and write nothing',
    async (username) => {
      const token = await t.login(username);
      const thanhOai = unitId('THANHOAI');
      const before = await counts();
      const sheet = await readSheet(t, token, periodId, thanhOai);
      expect(sheet.errors).toBeUndefined();
      const view = sheet.data.scoreSheet;
      expect(view).toMatchObject({ id: null, status: 'DRAFT', editable: false, lockReason: 'READ_ONLY', submittedAt: null });
      expect(view.progress.scored).toBe(0);
      expect(view.evidence).toEqual([]);
      expect(view.nodes.length).toBeGreaterThan(0);
      expect(view.nodes.every((node: { score: unknown }) => node.score === null)).toBe(true);
      const check = await t.gql(CHECK, { p: periodId, u: thanhOai }, { token });
      expect(check.errors).toBeUndefined();
      expect(check.data.selfAssessmentCheck.sheetId).toBeNull();
      expect(check.data.selfAssessmentCheck.blockingCount).toBeGreaterThan(0);
      expect(await counts()).toEqual(before);
    },
  );

  it('the unit itself (a writer) creates its sheet and one score row per sub-criterion on first access', async () => {
    const before = await counts();
    const sheet = await readSheet(t, await t.login('thanhoai'), periodId, unitId('THANHOAI'));
    expect(sheet.data.scoreSheet.id).toEqual(expect.any(Number));
    const after = await counts();
    expect(after.sheets).toBe(before.sheets + 1);
    expect(after.scores).toBeGreaterThan(before.scores);
    // Now that it exists, a reader sees the real sheet, and still writes nothing.
    const analyst = await readSheet(t, await t.login('analyst'), periodId, unitId('THANHOAI'));
    expect(analyst.data.scoreSheet.id).toBe(sheet.data.scoreSheet.id);
    expect(await counts()).toEqual(after);
  });

  it('another unit’s reader is refused before anything is written', async () => {
    const before = await counts();
    const foreign = await readSheet(t, await t.login('sontay'), periodId, unitId('BACTULIEM'));
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);
  });
});
