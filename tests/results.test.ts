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
  t.gql('mutation($id: Int!, $allow: Boolean!) { publishResults(periodId: $id, allowMissingSurvey: $allow) { id resultsPublication { publishedBy } } }',
    { id: periodId, allow: allowMissingSurvey }, { token });

beforeAll(async () => {
  t = await startTestApp();
  fx = await handWorkedFixture(t.orm);
  [secretariat, analyst, appraiser, sontay, admin] = await Promise.all(
    ['secretariat', 'analyst', 'appraiser', 'sontay', 'admin'].map((name) => t.login(name)));
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
      basis: 'APPRAISED', sheetState: 'SUBMITTED', achieved: '17.75', selfAchieved: '19.25', appraisedAchieved: '17.75',
      applicableMax: '20.00', surveyPoints: '4.25', surveyMax: '5.00', surveyMissing: 0,
      bonusRaw: '1.50', bonus: '1.50', bonusCap: '2.00', deductionRaw: '0.25', deduction: '0.25', deductionCap: '1.50', total: '19.00',
    });
    expect(rows.XA.index).toBe('95.00');
    expect(rows.XA.details.areas.map((a: any) => [a.code, a.achieved, a.applicableMax, a.index])).toEqual([
      ['1', '9.00', '10.00', '90.00'], ['2', '4.50', '5.00', '90.00'], ['3', '4.25', '5.00', '85.00'],
    ]);

    // B: 1.2 not applicable → maximum 14; 3 + 1 + 3 + survey 2 (3.2 missing → 0) = 9;
    //    bonus 1 + 1 = 2 = cap; deduction 1 + 0.5 (round 1) = 1.5 = cap → 9.5 / 14 = 67.857… → 67.86 %.
    expect(rows.XB).toMatchObject({ index: '67.86', rank: 4 });
    expect(rows.XB.details).toMatchObject({
      applicableMax: '14.00', achieved: '9.00', surveyMissing: 1, bonus: '2.00', bonusCap: '2.00', deduction: '1.50', deductionCap: '1.50', total: '9.50',
    });
    expect(rows.XB.details.areas.map((a: any) => a.index)).toEqual(['75.00', '80.00', '40.00']);

    // C: every scored item not applicable → maximum 0 → no index, no rank, no group; its bonus does not make one.
    expect(rows.XC).toMatchObject({ index: null, rank: null, group: null });
    expect(rows.XC.details).toMatchObject({ applicableMax: '0.00', achieved: '0.00', bonus: '1.00', total: '1.00' });
    expect(rows.XC.details.areas.map((a: any) => a.index)).toEqual([null, null, null]);

    // D ties with A at 95.00: both rank 1, the next rank is 3.
    expect(rows.XD).toMatchObject({ index: '95.00', rank: 1 });
    expect(rows.XA.rank).toBe(1);
    // E has no sheet (every item applicable, nothing scored) but survey 3.1 = 1 → 1 / 20 = 5.00 %, 3.2 missing.
    expect(rows.XE).toMatchObject({ index: '5.00', rank: 5 });
    expect(rows.XE.details).toMatchObject({ sheetState: 'NO_SHEET', applicableMax: '20.00', achieved: '1.00', surveyMissing: 1 });
    // F: 13.3 / 16 = 83.125 → 83.13 (half away from zero; binary floating point would give 83.12).
    expect(rows.XF).toMatchObject({ index: '83.13', rank: 3 });
    // G is inactive and has nothing in 2030: not in the results.
    expect(rows.XG).toBeUndefined();
    expect(response.data.periodResults.totalCount).toBe(6);
    expect(rows.XA.blockSize).toBe(6);
  });

  it('ranks within the block, groups by the default thresholds and orders by rank then code', async () => {
    const response = await t.gql(RESULTS, { periodId: fx.period2030, first: 10 }, { token: secretariat });
    const nodes = response.data.periodResults.nodes;
    expect(nodes.map((n: any) => [n.unit.code, n.rank, n.group?.code ?? null])).toEqual([
      ['XA', 1, 'A'], ['XD', 1, 'A'], ['XF', 3, 'B'], ['XB', 4, 'C'], ['XE', 5, 'C'], ['XC', null, null],
    ]);
    // Average of 95, 95, 83.13, 67.86, 5 = 345.99 / 5 = 69.198 → 69.20.
    expect(response.data.periodResults.aggregates).toMatchObject({
      count: 6, index: { avg: '69.20', min: '5.00', max: '95.00' },
    });
    const groups = Object.fromEntries(response.data.periodResults.aggregates.groups.map((g: any) => [g.code ?? '-', g.count]));
    expect(groups).toEqual({ A: 2, B: 1, C: 2, '-': 1 });
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
      ['1', '90.00', '0.00'], ['2', '80.00', '10.00'], ['3', '80.00', '5.00'],
    ]);
    // Block average per area over the five units with an index there: (90 + 100 + 100 + 75 + 0) / 5 = 73.
    expect(rows.XA.details.areas[0].blockAverage).toBe('73.00');
  });

  it('uses self-scores (and says so) until the period is FINALIZED', async () => {
    const f = new ResultsFixtures(t.orm);
    await f.setStatus(fx.period2030, 'APPRAISAL_ROUND_2');
    try {
      const response = await t.gql(RESULTS, { periodId: fx.period2030, first: 10, filter: { unitIds: [fx.units.A] } }, { token: secretariat });
      const [row] = response.data.periodResults.nodes;
      // Self: 4 + 6 + 2 + 3 + survey 4.25 = 19.25; bonus 1 + 1 = 2; deduction none self-scored → 21.25 / 20 = 106.25 %.
      expect(row.details).toMatchObject({ basis: 'SELF_ASSESSED', achieved: '19.25', appraisedAchieved: '17.75', bonus: '2.00', deduction: '0.00', total: '21.25' });
      expect(row.index).toBe('106.25');
    } finally {
      await f.setStatus(fx.period2030, 'FINALIZED');
    }
  });
});
