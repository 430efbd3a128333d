import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from './support/app.ts';
import { handWorkedFixture, ResultsFixtures, type HandWorked } from './support/results-fixtures.ts';

let t: TestApp;
let fx: HandWorked;
let secretariat: string;
let analyst: string;
let appraiser: string;
let sontay: string;
let admin: string;

const RESULTS = `query($periodId: Int!, $first: Int!, $after: String, $filter: ResultFilter, $orderBy: [ResultOrder!]) {
  periodResults(periodId: $periodId, first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    aggregates { count index { avg min max } groups { code count } }
    nodes {
      unit { code } index rank blockSize group { code } previousIndex previousRank change published
      details {
        basis sheetState achieved selfAchieved appraisedAchieved applicableMax surveyPoints surveyMax surveyMissing
        bonusRaw bonus bonusCap deductionRaw deduction deductionCap total
        areas { code achieved applicableMax index blockAverage previousIndex change }
      }
    }
  }
}`;

const publish = (periodId: number, token = secretariat, allowMissingSurvey = false) =>
  t.gql(
    'mutation($id: Int!, $allow: Boolean!) { publishResults(periodId: $id, allowMissingSurvey: $allow) { id resultsPublication { publishedBy } } }',
    { id: periodId, allow: allowMissingSurvey },
    { token },
  );

beforeAll(async () => {
  t = await startTestApp();
  fx = await handWorkedFixture(t.orm);
  [secretariat, analyst, appraiser, sontay, admin] = await Promise.all(
    ['secretariat', 'analyst', 'appraiser', 'sontay', 'admin'].map((name) => t.login(name)),
  );
});
afterAll(() => t.close());

const byCode = (nodes: any[]) => Object.fromEntries(nodes.map((node) => [node.unit.code, node]));

describe('index computation (hand-worked fixture, 2030 FINALIZED, compared with 2029)', () => {
  it('computes achieved, applicable maximum, survey, capped bonus and deduction, index and component indices exactly', async () => {
    const response = await t.gql(RESULTS, { periodId: fx.period2030, first: 10 }, { token: secretariat });
    expect(response.errors).toBeUndefined();
    const rows = byCode(response.data.periodResults.nodes);

    // A: 1.1 = 4, 1.2 = round 2 (5, not round 1's 4.5 or the self 6), 2.1 = 2, 2.2 = round 1 (2.5),
    //    survey 1.75 + 2.5 → achieved 17.75 of 20; bonus 0.5 (round 1) + 1 = 1.5 ≤ 2; deduction 0.25 (round 1)
    //    → total 19.00 → 95.00 %. Areas: 9/10 = 90 %, 4.5/5 = 90 %, 4.25/5 = 85 %.
    expect(rows.XA.details).toMatchObject({
      basis: 'APPRAISED',
      sheetState: 'SUBMITTED',
      achieved: '17.75',
      selfAchieved: '19.25',
      appraisedAchieved: '17.75',
      applicableMax: '20.00',
      surveyPoints: '4.25',
      surveyMax: '5.00',
      surveyMissing: 0,
      bonusRaw: '1.50',
      bonus: '1.50',
      bonusCap: '2.00',
      deductionRaw: '0.25',
      deduction: '0.25',
      deductionCap: '1.50',
      total: '19.00',
    });
    expect(rows.XA.index).toBe('95.00');
    expect(rows.XA.details.areas.map((a: any) => [a.code, a.achieved, a.applicableMax, a.index])).toEqual([
      ['1', '9.00', '10.00', '90.00'],
      ['2', '4.50', '5.00', '90.00'],
      ['3', '4.25', '5.00', '85.00'],
    ]);

    // B: 1.2 not applicable → maximum 14; 3 + 1 + 3 + survey 2 (3.2 missing → 0) = 9;
    //    bonus 1 + 1 = 2 = cap; deduction 1 + 0.5 (round 1) = 1.5 = cap → 9.5 / 14 = 67.857… → 67.86 %.
    expect(rows.XB).toMatchObject({ index: '67.86', rank: 3 });
    expect(rows.XB.details).toMatchObject({
      applicableMax: '14.00',
      achieved: '9.00',
      surveyMissing: 1,
      bonus: '2.00',
      bonusCap: '2.00',
      deduction: '1.50',
      deductionCap: '1.50',
      total: '9.50',
    });
    expect(rows.XB.details.areas.map((a: any) => a.index)).toEqual(['75.00', '80.00', '40.00']);

    // C: every scored item not applicable → maximum 0 → no index, no rank, no group; its bonus does not make one.
    expect(rows.XC).toMatchObject({ index: null, rank: null, group: null });
    expect(rows.XC.details).toMatchObject({
      applicableMax: '0.00',
      achieved: '0.00',
      bonus: '1.00',
      total: '1.00',
      surveyPoints: '0.00',
      surveyMissing: 0,
    });
    expect(rows.XC.details.areas.map((a: any) => a.index)).toEqual([null, null, null]);

    // D ties with A at 95.00: both rank 1, the next rank is 3.
    expect(rows.XD).toMatchObject({ index: '95.00', rank: 1 });
    expect(rows.XA.rank).toBe(1);
    // E has no sheet (every item applicable, nothing scored) but survey 3.1 = 1 → 1 / 20 = 5.00 %, 3.2 missing.
    expect(rows.XE).toMatchObject({ index: '5.00', rank: 5 });
    expect(rows.XE.details).toMatchObject({ sheetState: 'NO_SHEET', applicableMax: '20.00', achieved: '1.00', surveyMissing: 1 });
    // F: 1.1 not applicable → 16; 1 + 0.6 + 1 (round 2 lowered it) + survey 1.5 = 4.1 → 25.625 % → 25.63
    //    (half away from zero; (4.1 / 16 * 100).toFixed(2) in binary floating point gives 25.62).
    expect(rows.XF).toMatchObject({ index: '25.63', rank: 4 });
    expect(rows.XF.details.areas.map((a: any) => a.index)).toEqual(['16.67', '32.00', '30.00']);
    // G is inactive and has nothing in 2030: not in the results.
    expect(rows.XG).toBeUndefined();
    expect(response.data.periodResults.totalCount).toBe(6);
    expect(rows.XA.blockSize).toBe(6);
  });

  it('ranks within the block, groups by the default thresholds and orders by rank then code', async () => {
    const response = await t.gql(RESULTS, { periodId: fx.period2030, first: 10 }, { token: secretariat });
    const nodes = response.data.periodResults.nodes;
    expect(nodes.map((n: any) => [n.unit.code, n.rank, n.group?.code ?? null])).toEqual([
      ['XA', 1, 'A'],
      ['XD', 1, 'A'],
      ['XB', 3, 'C'],
      ['XF', 4, 'C'],
      ['XE', 5, 'C'],
      ['XC', null, null],
    ]);
    // Average of 95, 95, 67.86, 25.63, 5 = 288.49 / 5 = 57.698 → 57.70.
    expect(response.data.periodResults.aggregates).toMatchObject({
      count: 6,
      index: { avg: '57.70', min: '5.00', max: '95.00' },
    });
    const groups = Object.fromEntries(response.data.periodResults.aggregates.groups.map((g: any) => [g.code ?? '-', g.count]));
    expect(groups).toEqual({ A: 2, C: 3, '-': 1 });
  });

  it('compares with the previous year, by area code across the changed criteria set', async () => {
    const response = await t.gql(RESULTS, { periodId: fx.period2030, first: 10 }, { token: secretariat });
    const rows = byCode(response.data.periodResults.nodes);
    // 2029: A = 3 (round 1) + 6 + 4 + survey 4 = 17 / 20 = 85 %, rank 2; D = 20 / 20 = 100 %, rank 1.
    expect(rows.XA).toMatchObject({ previousIndex: '85.00', previousRank: 2, change: '10.00' });
    expect(rows.XD).toMatchObject({ previousIndex: '100.00', previousRank: 1, change: '-5.00' });
    // F had no sheet and no survey in 2029 (a finalized period): not compared.
    expect(rows.XF).toMatchObject({ previousIndex: null, previousRank: null, change: null });
    // Area 2 was one sub-criterion of 5 points in 2029 (A: 4 → 80 %), two of 2 + 3 in 2030 (90 %).
    expect(rows.XA.details.areas.map((a: any) => [a.code, a.previousIndex, a.change])).toEqual([
      ['1', '90.00', '0.00'],
      ['2', '80.00', '10.00'],
      ['3', '80.00', '5.00'],
    ]);
    // Block average of area 1 over the five units with an index there: (90 + 100 + 16.67 + 75 + 0) / 5 = 56.334 → 56.33.
    expect(rows.XA.details.areas[0].blockAverage).toBe('56.33');
  });

  it('cuts bonus and deduction at the caps the appraisal module configures for the period', async () => {
    const sql = (text: string, params: unknown[]) => t.orm.em.getConnection().execute(text, params);
    await sql('insert into appraisal_cycle (period_id, bonus_cap, deduction_cap) values (?, 1.25, 1)', [fx.period2030]);
    try {
      const response = await t.gql(RESULTS, { periodId: fx.period2030, first: 10 }, { token: secretariat });
      const rows = byCode(response.data.periodResults.nodes);
      // A: bonus 1.5 → 1.25; deduction 0.25 stays → 17.75 + 1.25 − 0.25 = 18.75 / 20 = 93.75 %.
      expect(rows.XA.details).toMatchObject({
        bonusRaw: '1.50',
        bonus: '1.25',
        bonusCap: '1.25',
        deduction: '0.25',
        deductionCap: '1.00',
        total: '18.75',
      });
      expect(rows.XA.index).toBe('93.75');
      // B: bonus 2 → 1.25, deduction 1.5 → 1: 9 + 1.25 − 1 = 9.25 / 14 = 66.071… → 66.07 %.
      expect(rows.XB.details).toMatchObject({ bonusRaw: '2.00', bonus: '1.25', deductionRaw: '1.50', deduction: '1.00', total: '9.25' });
      expect(rows.XB.index).toBe('66.07');
      // D (95.00, no bonus) now ranks alone at the top.
      expect(rows.XD.rank).toBe(1);
      expect(rows.XA.rank).toBe(2);
    } finally {
      await sql('delete from appraisal_cycle where period_id = ?', [fx.period2030]);
    }
  });

  it('uses self-scores (and says so) until the period is FINALIZED', async () => {
    const f = new ResultsFixtures(t.orm);
    await f.setStatus(fx.period2030, 'APPRAISAL_ROUND_2');
    try {
      const response = await t.gql(
        RESULTS,
        { periodId: fx.period2030, first: 10, filter: { unitIds: [fx.units.A] } },
        { token: secretariat },
      );
      const [row] = response.data.periodResults.nodes;
      // Self: 4 + 6 + 2 + 3 + survey 4.25 = 19.25; bonus 1 + 1 = 2; deduction none self-scored → 21.25 / 20 = 106.25 %.
      expect(row.details).toMatchObject({
        basis: 'SELF_ASSESSED',
        achieved: '19.25',
        appraisedAchieved: '17.75',
        bonus: '2.00',
        deduction: '0.00',
        total: '21.25',
      });
      expect(row.index).toBe('106.25');
    } finally {
      await f.setStatus(fx.period2030, 'FINALIZED');
    }
  });
});

describe('year-over-year comparison by criterion', () => {
  const COMPARISON = `query($p: Int!, $u: Int!) { resultComparison(periodId: $p, unitId: $u) {
    previousPeriodId previousYear criteria { code level kind status maxPoints previousMaxPoints achieved index previousIndex change } } }`;

  it('matches criteria by code across the two versions: changed maxima, new and removed codes', async () => {
    const response = await t.gql(COMPARISON, { p: fx.period2030, u: fx.units.A }, { token: secretariat });
    expect(response.errors).toBeUndefined();
    const comparison = response.data.resultComparison;
    expect(comparison).toMatchObject({ previousPeriodId: fx.period2029, previousYear: 2029 });
    const rows = Object.fromEntries(comparison.criteria.map((c: any) => [c.code, c]));
    expect(comparison.criteria.slice(0, 6).map((c: any) => c.code)).toEqual(['1', '1.1', '1.2', '2', '2.1', '2.2']);
    // 1.1: 4 / 4 now (self, unchanged), 3 / 4 then (lowered in round 1).
    expect(rows['1.1']).toMatchObject({ level: 2, status: 'MATCHED', index: '100.00', previousIndex: '75.00', change: '25.00' });
    // 1.2: round 2 gave 5 of 6 → 83.33 %, against 6 / 6.
    expect(rows['1.2']).toMatchObject({ index: '83.33', previousIndex: '100.00', change: '-16.67' });
    // 2.1 shrank from 5 to 2 points; 2.2 is new.
    expect(rows['2.1']).toMatchObject({
      status: 'MATCHED',
      maxPoints: '2.00',
      previousMaxPoints: '5.00',
      index: '100.00',
      previousIndex: '80.00',
    });
    expect(rows['2.2']).toMatchObject({ status: 'NEW', achieved: '2.50', index: '83.33', previousIndex: null, change: null });
    expect(rows['2']).toMatchObject({ level: 1, index: '90.00', previousIndex: '80.00', change: '10.00' });
    expect(rows['3.1']).toMatchObject({ kind: 'SURVEY', index: '87.50', previousIndex: '80.00', change: '7.50' });
    expect(rows['3.2']).toMatchObject({ status: 'NEW' });
    expect(rows['9.1.2']).toMatchObject({ status: 'NEW', kind: 'BONUS' });
    expect(rows['9.2.2']).toMatchObject({ status: 'NEW', kind: 'DEDUCTION' });
  });

  it('agrees with the ranking (computed without the leaf-by-leaf cross product) on every unit and area', async () => {
    const ranking = (await t.gql(RESULTS, { periodId: fx.period2030, first: 10 }, { token: secretariat })).data.periodResults.nodes;
    for (const row of ranking) {
      const comparison = (
        await t.gql(COMPARISON, { p: fx.period2030, u: fx.units[row.unit.code.slice(1) as keyof typeof fx.units] }, { token: secretariat })
      ).data.resultComparison.criteria;
      const areas = Object.fromEntries(comparison.filter((c: any) => c.level === 1).map((c: any) => [c.code, c]));
      for (const area of row.details.areas) {
        expect([row.unit.code, area.code, areas[area.code].achieved, areas[area.code].index]).toEqual([
          row.unit.code,
          area.code,
          area.achieved,
          area.index,
        ]);
        expect(areas[area.code].previousIndex).toBe(area.previousIndex);
      }
    }
  });

  it('shows a criterion that was dropped as REMOVED', async () => {
    // Compare 2029 against 2030 (the other way round): 2.2 and 3.2 are only in the "previous" set.
    const response = await t.gql(
      `query($p: Int!, $u: Int!, $c: Int!) { resultComparison(periodId: $p, unitId: $u, compareWithPeriodId: $c) {
      previousYear criteria { code status } } }`,
      { p: fx.period2029, u: fx.units.A, c: fx.period2030 },
      { token: secretariat },
    );
    const statuses = Object.fromEntries(response.data.resultComparison.criteria.map((c: any) => [c.code, c.status]));
    expect(response.data.resultComparison.previousYear).toBe(2030);
    expect(statuses).toMatchObject({ '2.1': 'MATCHED', '2.2': 'REMOVED', '3.2': 'REMOVED', '9.2.2': 'REMOVED' });
  });
});

const CALIBRATION = `query($p: Int!, $by: CalibrationDimension!, $first: Int!, $filter: CalibrationFilter) {
  calibration(periodId: $p, by: $by, first: $first, filter: $filter) {
    totalCount summary { appraisedCount loweredCount raisedCount gapSum overScoreSum }
    nodes { code label areaCode appraisedCount loweredCount raisedCount selfSum appraisedSum gapSum overScoreSum averageGap loweredShare }
  }
}`;

describe('calibration: self-scores against final appraised scores', () => {
  // Appraised, applicable, self-scored items of 2030: A 1.2 (6 → 5, round 2), A 2.2 (3 → 2.5), A 9.1.1 (1 → 0.5),
  // B 9.2.2 (0 → 0.5), F 2.2 (3 → 2 → 1: the final round counts). A's 9.2.1 has no self-score: not compared.
  it('lists the sub-criteria most often lowered', async () => {
    const response = await t.gql(CALIBRATION, { p: fx.period2030, by: 'CRITERION', first: 10 }, { token: secretariat });
    expect(response.errors).toBeUndefined();
    const calibration = response.data.calibration;
    expect(calibration.summary).toEqual({ appraisedCount: 5, loweredCount: 4, raisedCount: 1, gapSum: '-3.50', overScoreSum: '4.00' });
    expect(calibration.nodes.map((n: any) => [n.code, n.appraisedCount, n.loweredCount, n.gapSum])).toEqual([
      ['2.2', 2, 2, '-2.50'],
      ['1.2', 1, 1, '-1.00'],
      ['9.1.1', 1, 1, '-0.50'],
      ['9.2.2', 1, 0, '0.50'],
    ]);
    expect(calibration.nodes[0]).toMatchObject({ areaCode: '2', averageGap: '-1.25', loweredShare: '100.00', overScoreSum: '2.50' });
  });

  it('lists the units that over-score most, and the appraisers', async () => {
    const units = (await t.gql(CALIBRATION, { p: fx.period2030, by: 'UNIT', first: 10 }, { token: secretariat })).data.calibration;
    expect(units.nodes.map((n: any) => [n.code, n.overScoreSum])).toEqual([
      ['XA', '2.00'],
      ['XF', '2.00'],
      ['XB', '0.00'],
    ]);
    // A: self 6 + 3 + 1 = 10, appraised 5 + 2.5 + 0.5 = 8; average gap -2 / 3 = -0.666… → -0.67.
    expect(units.nodes[0]).toMatchObject({
      selfSum: '10.00',
      appraisedSum: '8.00',
      gapSum: '-2.00',
      averageGap: '-0.67',
      loweredShare: '100.00',
    });
    const appraisers = (await t.gql(CALIBRATION, { p: fx.period2030, by: 'APPRAISER', first: 10 }, { token: secretariat })).data
      .calibration;
    expect(appraisers.nodes).toEqual([
      expect.objectContaining({ code: 'appraiser', appraisedCount: 5, loweredCount: 4, loweredShare: '80.00', averageGap: '-0.70' }),
    ]);
    const filtered = (
      await t.gql(
        CALIBRATION,
        { p: fx.period2030, by: 'CRITERION', first: 10, filter: { areaCodes: ['1'], unitIds: [fx.units.A] } },
        { token: secretariat },
      )
    ).data.calibration;
    expect(filtered.nodes.map((n: any) => n.code)).toEqual(['1.2']);
    expect(errorCode(await t.gql(CALIBRATION, { p: fx.period2030, by: 'UNIT', first: 500 }, { token: secretariat }))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('is for the secretariat and appraisers; analysts after publication; never units', async () => {
    expect((await t.gql(CALIBRATION, { p: fx.period2030, by: 'UNIT', first: 1 }, { token: appraiser })).errors).toBeUndefined();
    expect(errorCode(await t.gql(CALIBRATION, { p: fx.period2030, by: 'UNIT', first: 1 }, { token: analyst }))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(CALIBRATION, { p: fx.period2030, by: 'UNIT', first: 1 }, { token: sontay }))).toBe('FORBIDDEN');
  });
});

describe('paging, filters and bad input', () => {
  it('pages with opaque cursors and keeps ranks computed over the whole block', async () => {
    const first = await t.gql(RESULTS, { periodId: fx.period2030, first: 2 }, { token: secretariat });
    const page1 = first.data.periodResults;
    expect(page1.nodes.map((n: any) => n.unit.code)).toEqual(['XA', 'XD']);
    expect(page1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(page1.totalCount).toBe(6);
    const second = await t.gql(RESULTS, { periodId: fx.period2030, first: 2, after: page1.pageInfo.endCursor }, { token: secretariat });
    const page2 = second.data.periodResults;
    expect(page2.nodes.map((n: any) => [n.unit.code, n.rank])).toEqual([
      ['XB', 3],
      ['XF', 4],
    ]);
    expect(page2.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const third = await t.gql(RESULTS, { periodId: fx.period2030, first: 2, after: page2.pageInfo.endCursor }, { token: secretariat });
    expect(third.data.periodResults.nodes.map((n: any) => n.unit.code)).toEqual(['XE', 'XC']);
    expect(third.data.periodResults.pageInfo.hasNextPage).toBe(false);
  });

  it('filters by group, index range, rank and units, and sorts', async () => {
    const run = async (variables: object) =>
      (await t.gql(RESULTS, { periodId: fx.period2030, first: 10, ...variables }, { token: secretariat })).data.periodResults;
    expect((await run({ filter: { groupCodes: ['C'] } })).nodes.map((n: any) => n.unit.code)).toEqual(['XB', 'XF', 'XE']);
    const range = await run({ filter: { index: { min: '25.63', max: 95 } } });
    expect(range.nodes.map((n: any) => [n.unit.code, n.rank])).toEqual([
      ['XA', 1],
      ['XD', 1],
      ['XB', 3],
      ['XF', 4],
    ]);
    expect(range.aggregates.count).toBe(4);
    expect((await run({ filter: { rank: { max: 3 }, unitIds: [fx.units.B, fx.units.D] } })).nodes.map((n: any) => n.unit.code)).toEqual([
      'XD',
      'XB',
    ]);
    expect((await run({ filter: { sheet: ['NO_SHEET'] } })).nodes.map((n: any) => n.unit.code)).toEqual(['XE']);
    expect((await run({ filter: { change: { max: 0 } } })).nodes.map((n: any) => n.unit.code)).toEqual(['XD']);
    const sorted = await run({ orderBy: [{ field: 'INDEX', direction: 'ASC' }] });
    expect(sorted.nodes.map((n: any) => n.unit.code)).toEqual(['XE', 'XF', 'XB', 'XA', 'XD', 'XC']);
    const byName = await run({ orderBy: [{ field: 'UNIT_CODE', direction: 'DESC' }] });
    expect(byName.nodes.map((n: any) => n.unit.code)).toEqual(['XF', 'XE', 'XD', 'XC', 'XB', 'XA']);
  });

  it('answers a clear error for a missing or too large `first`, an unknown filter field, a bad cursor or range', async () => {
    const missing = await t.gql(RESULTS.replace('first: $first, ', ''), { periodId: fx.period2030, first: 1 }, { token: secretariat });
    expect(errorCode(missing)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(missing.errors![0]!.message).toMatch(/first/);

    const tooMany = await t.gql(RESULTS, { periodId: fx.period2030, first: 101 }, { token: secretariat, locale: 'en' });
    expect(tooMany.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first', maximum: 100 });
    expect(tooMany.errors![0]!.message).toMatch(/at most|0 to 100/);

    const unknownField = await t.gql(RESULTS, { periodId: fx.period2030, first: 5, filter: { colour: 'red' } }, { token: secretariat });
    expect(errorCode(unknownField)).toBe('BAD_USER_INPUT');
    expect(unknownField.errors![0]!.message).toMatch(/colour/);

    for (const after of ['not-a-cursor', Buffer.from('c1:000000000000:5').toString('base64url'), '']) {
      const bad = await t.gql(RESULTS, { periodId: fx.period2030, first: 5, after }, { token: secretariat });
      expect(bad.errors![0]!.extensions, after).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
    // A cursor of another query (a different filter) is refused too.
    const other = await t.gql(RESULTS, { periodId: fx.period2030, first: 1, filter: { groupCodes: ['A'] } }, { token: secretariat });
    const reused = await t.gql(
      RESULTS,
      { periodId: fx.period2030, first: 1, after: other.data.periodResults.pageInfo.endCursor },
      { token: secretariat },
    );
    expect(reused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });

    const badRange = await t.gql(
      RESULTS,
      { periodId: fx.period2030, first: 5, filter: { index: { min: '90', max: '10' } } },
      { token: secretariat },
    );
    expect(badRange.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.index' });
    const decimals = await t.gql(
      RESULTS,
      { periodId: fx.period2030, first: 5, filter: { index: { min: '90.001' } } },
      { token: secretariat },
    );
    expect(decimals.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.index.min' });
    expect(errorCode(await t.gql(RESULTS, { periodId: 987654, first: 5 }, { token: secretariat }))).toBe('NOT_FOUND');
  });

  it('reads the ranking of a block with its per-area breakdown in one statement (plus the period), whatever the page size', async () => {
    for (const first of [1, 6]) {
      const { result, statements } = await t.recordQueries(
        () => t.gql(RESULTS, { periodId: fx.period2030, first }, { token: secretariat }),
        { warmAs: secretariat },
      );
      expect(result.errors).toBeUndefined();
      expect(statements).toHaveLength(2);
    }
  });
});

describe('publication and who sees what', () => {
  it('before publication: secretariat and appraisers see totals; analysts, units and others are refused', async () => {
    expect((await t.gql(RESULTS, { periodId: fx.period2030, first: 1 }, { token: appraiser })).data.periodResults.totalCount).toBe(6);
    for (const token of [analyst, sontay]) {
      const refused = await t.gql(RESULTS, { periodId: fx.period2030, first: 1 }, { token });
      expect(refused.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_PUBLISHED' });
      expect(refused.status).toBe(403);
    }
    expect(errorCode(await t.gql(RESULTS, { periodId: fx.period2030, first: 1 }, { token: admin }))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(RESULTS, { periodId: fx.period2030, first: 1 }))).toBe('UNAUTHENTICATED');
  });

  it('refuses to publish what is not final, misses survey points, or is published twice; only the secretariat publishes', async () => {
    expect(errorCode(await publish(fx.period2030, analyst))).toBe('FORBIDDEN');
    const f = new ResultsFixtures(t.orm);
    await f.setStatus(fx.period2030, 'APPRAISAL_ROUND_2');
    expect(errorCode(await publish(fx.period2030))).toBe('RESULTS_NOT_FINAL');
    await f.setStatus(fx.period2030, 'FINALIZED');
    const incomplete = await publish(fx.period2030);
    // B and E each miss 3.2.
    expect(incomplete.errors![0]!.extensions).toMatchObject({ code: 'SURVEY_INCOMPLETE', missing: 2, units: 2 });
    const published = await publish(fx.period2030, secretariat, true);
    expect(published.errors).toBeUndefined();
    expect(published.data.publishResults.resultsPublication.publishedBy).toBe('Tổ thư ký – Sở Nội vụ');
    expect(errorCode(await publish(fx.period2030, secretariat, true))).toBe('RESULTS_ALREADY_PUBLISHED');
    const audit = await t.orm.em
      .getConnection()
      .execute(`select action from audit_entry where subject_type = 'Period' and subject_id = ? and action = 'publish-results'`, [
        fx.period2030,
      ]);
    expect(audit).toEqual([{ action: 'publish-results' }]);
  });

  it('after publication: analysts see everything; a unit sees every index and rank, and details only of its own unit', async () => {
    const asAnalyst = await t.gql(RESULTS, { periodId: fx.period2030, first: 10 }, { token: analyst });
    expect(asAnalyst.errors).toBeUndefined();
    expect((await t.gql(CALIBRATION, { p: fx.period2030, by: 'UNIT', first: 1 }, { token: analyst })).errors).toBeUndefined();
    expect(errorCode(await t.gql(CALIBRATION, { p: fx.period2030, by: 'UNIT', first: 1 }, { token: sontay }))).toBe('FORBIDDEN');
    expect(asAnalyst.data.periodResults.nodes.every((n: any) => n.details !== null && n.published)).toBe(true);

    // A unit user of block COMMUNE's unit A: give the fixture unit a user through SQL.
    await t.orm.em.getConnection().execute(`update app_user set unit_id = ? where username = 'thanhoai'`, [fx.units.A]);
    const unitToken = await t.login('thanhoai');
    const asUnit = await t.gql(RESULTS, { periodId: fx.period2030, first: 10 }, { token: unitToken });
    expect(asUnit.errors).toBeUndefined();
    const rows = byCode(asUnit.data.periodResults.nodes);
    expect(rows.XB).toMatchObject({ index: '67.86', rank: 3, details: null });
    expect(rows.XA.details.achieved).toBe('17.75');
    // The 2029 period is not published: its comparison is not shown to the unit.
    expect(rows.XA).toMatchObject({ previousIndex: null, change: null });
    expect(rows.XA.details.areas[1].previousIndex).toBeNull();
  });

  it('refuses group changes after publication; withdrawing needs a reason and hides the results again', async () => {
    const groups = await t.gql(
      'mutation($id: Int!) { setResultGroups(periodId: $id, groups: [{ code: "A", label: "Tốt", minIndex: 50 }]) { code } }',
      { id: fx.period2030 },
      { token: secretariat },
    );
    expect(errorCode(groups)).toBe('RESULTS_PUBLISHED');
    const noReason = await t.gql(
      'mutation($id: Int!) { withdrawResults(periodId: $id, reason: "  ") { id } }',
      { id: fx.period2030 },
      { token: secretariat },
    );
    expect(noReason.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const withdrawn = await t.gql(
      'mutation($id: Int!) { withdrawResults(periodId: $id, reason: "Sai sót điểm điều tra") { resultsPublication { publishedAt } } }',
      { id: fx.period2030 },
      { token: secretariat },
    );
    expect(withdrawn.data.withdrawResults.resultsPublication).toBeNull();
    expect(errorCode(await t.gql(RESULTS, { periodId: fx.period2030, first: 1 }, { token: analyst }))).toBe('FORBIDDEN');
  });

  it('configures group thresholds (validated) and ranks into them', async () => {
    const set = (groups: object[]) =>
      t.gql(
        'mutation($id: Int!, $g: [ResultGroupInput!]!) { setResultGroups(periodId: $id, groups: $g) { code label minIndex } }',
        { id: fx.period2030, g: groups },
        { token: secretariat },
      );
    expect(
      errorCode(
        await set([
          { code: 'A', label: 'x', minIndex: '90' },
          { code: 'a', label: 'y', minIndex: '80' },
        ]),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(errorCode(await set([{ code: 'A', label: 'x', minIndex: '-1' }]))).toBe('BAD_USER_INPUT');
    expect(
      errorCode(
        await set([
          { code: 'A', label: 'x', minIndex: '90' },
          { code: 'B', label: 'y', minIndex: '90.00' },
        ]),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(errorCode(await set([]))).toBe('BAD_USER_INPUT');
    const saved = await set([
      { code: 'XS', label: 'Xuất sắc', minIndex: '95' },
      { code: 'T', label: 'Tốt', minIndex: '60.5' },
    ]);
    expect(saved.data.setResultGroups).toEqual([
      { code: 'XS', label: 'Xuất sắc', minIndex: '95.00' },
      { code: 'T', label: 'Tốt', minIndex: '60.50' },
    ]);
    const response = await t.gql(RESULTS, { periodId: fx.period2030, first: 10 }, { token: secretariat });
    expect(response.data.periodResults.nodes.map((n: any) => [n.unit.code, n.group?.code ?? null])).toEqual([
      ['XA', 'XS'],
      ['XD', 'XS'],
      ['XB', 'T'],
      ['XF', null],
      ['XE', null],
      ['XC', null],
    ]);
  });

  it('answers the period’s groups, highest first, or the defaults, to whom may read its results; refuses the rest', async () => {
    const GROUPS = 'query($id: Int!) { resultGroups(periodId: $id) { code label minIndex } }';
    // As configured above for 2030.
    expect((await t.gql(GROUPS, { id: fx.period2030 }, { token: secretariat })).data.resultGroups).toEqual([
      { code: 'XS', label: 'Xuất sắc', minIndex: '95.00' },
      { code: 'T', label: 'Tốt', minIndex: '60.50' },
    ]);
    // None configured for 2029: the defaults.
    expect((await t.gql(GROUPS, { id: fx.period2029 }, { token: secretariat })).data.resultGroups).toEqual([
      { code: 'A', label: 'Nhóm A (từ 90% trở lên)', minIndex: '90.00' },
      { code: 'B', label: 'Nhóm B (từ 80% đến dưới 90%)', minIndex: '80.00' },
      { code: 'C', label: 'Nhóm C (dưới 80%)', minIndex: '0.00' },
    ]);
    // The 2030 results were withdrawn above: analysts and units wait for publication.
    for (const token of [analyst, sontay]) {
      expect((await t.gql(GROUPS, { id: fx.period2030 }, { token })).errors![0]!.extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'NOT_PUBLISHED',
      });
    }
    expect(errorCode(await t.gql(GROUPS, { id: 987654 }, { token: secretariat }))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(GROUPS, { id: fx.period2030 }))).toBe('UNAUTHENTICATED');
  });
});
