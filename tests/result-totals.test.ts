// The totals the database maintains per unit and area (result_total, kept by triggers) against the
// full computation leaf by leaf (leafPointsCtes), after random writes of every kind the triggers
// watch: 0 differences, compared as exact decimals in SQL.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leafPointsCtes } from '../server/results/results.sql.ts';
import { SqlBuilder } from '../server/shared/sql-builder.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { applyScoreWrite, decimal, scoreWrites, surveyWriters, type ResultItem, type WriteTarget } from './support/result-writes.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => t.orm.em.getConnection().execute<T[]>(text, params);

/** Rows where the maintained totals and the leaf-by-leaf computation differ, for one period. */
async function differences(periodId: number): Promise<unknown[]> {
  const q = new SqlBuilder();
  const full = `with recursive ${leafPointsCtes(q, [periodId])},
  full_totals as (
    select period_id, unit_id, area_id,
           sum(case when not applicable and kind in ('SELF_SCORED', 'SURVEY') then -max_points else 0 end) as max_off,
           sum(case when applicable and kind = 'SELF_SCORED' then coalesce(self_value, 0)
                    when applicable and kind = 'SURVEY' then coalesce(survey_value, 0) else 0 end) as self_achieved,
           sum(case when applicable and kind = 'SELF_SCORED' then coalesce(appraised_value, 0)
                    when applicable and kind = 'SURVEY' then coalesce(survey_value, 0) else 0 end) as appraised_achieved,
           sum(case when applicable and kind = 'SURVEY' then coalesce(survey_value, 0) else 0 end) as survey,
           sum(case when not applicable and kind = 'SURVEY' then -max_points else 0 end) as survey_max_off,
           sum(case when kind = 'SURVEY' and (not applicable or survey_value is not null) then -1 else 0 end) as survey_missing_off,
           sum(case when applicable and kind = 'BONUS' then coalesce(self_value, 0) else 0 end) as self_bonus,
           sum(case when applicable and kind = 'BONUS' then coalesce(appraised_value, 0) else 0 end) as appraised_bonus,
           sum(case when applicable and kind = 'DEDUCTION' then coalesce(self_value, 0) else 0 end) as self_deduction,
           sum(case when applicable and kind = 'DEDUCTION' then coalesce(appraised_value, 0) else 0 end) as appraised_deduction
      from leaf_points group by period_id, unit_id, area_id
  ),
  kept as (select * from result_total where period_id = ${q.bind(periodId)})
  select coalesce(f.unit_id, k.unit_id) as unit_id, coalesce(f.area_id, k.area_id) as area_id, row_to_json(f) as full, row_to_json(k) as kept
    from full_totals f full join kept k on k.unit_id = f.unit_id and k.area_id = f.area_id
   where (coalesce(f.max_off, 0), coalesce(f.self_achieved, 0), coalesce(f.appraised_achieved, 0), coalesce(f.survey, 0),
          coalesce(f.survey_max_off, 0), coalesce(f.survey_missing_off, 0), coalesce(f.self_bonus, 0), coalesce(f.appraised_bonus, 0),
          coalesce(f.self_deduction, 0), coalesce(f.appraised_deduction, 0))
         is distinct from
         (coalesce(k.max_off, 0), coalesce(k.self_achieved, 0), coalesce(k.appraised_achieved, 0), coalesce(k.survey, 0),
          coalesce(k.survey_max_off, 0), coalesce(k.survey_missing_off, 0), coalesce(k.self_bonus, 0), coalesce(k.appraised_bonus, 0),
          coalesce(k.self_deduction, 0), coalesce(k.appraised_deduction, 0))`;
  return sql(full, q.params);
}

interface Item extends ResultItem {
  sheetId: number;
  kind: string;
}

let periodId: number;
let items: Item[];
let target: WriteTarget;
beforeAll(async () => {
  // The seeded finished year: sheets with appraisals and survey results.
  [{ id: periodId }] = await sql<{ id: number }>(`select id from period where year = 2022 order by id limit 1`);
  items = (
    await sql<{ score_id: number; sheet_id: number; unit_id: number; criterion_id: number; kind: string; max: string }>(
      `select sc.id as score_id, sh.id as sheet_id, sh.unit_id, c.id as criterion_id, c.kind, c.max_points as max
         from score sc join score_sheet sh on sh.id = sc.sheet_id join criterion c on c.id = sc.criterion_id
        where sh.period_id = ? and sh.unit_id in (select unit_id from score_sheet where period_id = ? order by unit_id limit 3)
        order by sc.id`,
      [periodId, periodId],
    )
  ).map((row) => ({
    scoreId: row.score_id,
    sheetId: row.sheet_id,
    unitId: row.unit_id,
    criterionId: row.criterion_id,
    kind: row.kind,
    maxHundredths: Math.round(Number(row.max) * 100),
  }));
  target = { periodId, items, ...(await surveyWriters(sql, periodId)) };
});

/** One write of the kinds the triggers watch, on a random item, with exact two-decimal points. */
const write = fc.oneof(...scoreWrites);

describe('maintained result totals', () => {
  it('start equal to the full computation on the demo data', async () => {
    expect(items.length).toBeGreaterThan(100);
    expect(await differences(periodId)).toEqual([]);
  });

  it('stay equal after any sequence of score, applicability, appraisal and survey writes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 12 }), async (commands) => {
        for (const command of commands) await applyScoreWrite(sql, target, command);
        expect(await differences(periodId)).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  it('stay equal when many writes to one unit run at once, each in its own transaction', async () => {
    const sheetId = items[0]!.sheetId;
    const mine = items.filter((item) => item.sheetId === sheetId && item.kind === 'SELF_SCORED').slice(0, 24);
    // Saves (added as differences) interleaved with appraisals (whole-unit recomputations).
    await Promise.all(
      mine.map((item, i) =>
        t.orm.em.fork().transactional(async (em) => {
          const points = decimal(Math.round(item.maxHundredths * ((i % 4) / 4)));
          if (i % 3 === 0) {
            await em.execute(
              `insert into appraisal (score_id, round, points, appraiser_id) values (?, 1, ?, ?)
               on conflict (score_id, round) do update set points = excluded.points`,
              [item.scoreId, points, target.appraiserId],
            );
          } else {
            await em.execute(`update score set self_points = ?, applicable = true where id = ?`, [points, item.scoreId]);
          }
          await em.execute(`select pg_sleep(0.01)`); // widen the window between the write and the commit
        }),
      ),
    );
    expect(await differences(periodId)).toEqual([]);
  });
});
