// The results snapshot a publication writes (result_snapshot, result_area_snapshot) against the full computation
// leaf by leaf, on random data: every unit's totals, caps, index, rank and block size, every area's component index
// and block average — 0 differences, compared as exact decimals in SQL. And the ranking reads the same from a
// snapshot as computed, and a write to what a snapshot came from drops it.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotResults } from '../server/results/index.ts';
import { queryRanking } from '../server/results/ranking.read.ts';
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
const snapshot = (periodId: number) => t.orm.em.fork().transactional((em) => snapshotResults(em, periodId));

const MAIN = `kind in ('SELF_SCORED', 'SURVEY')`;

/**
 * The period's results computed leaf by leaf from the definition (docs/domain.md, how the index is built), beside
 * its snapshot: the rows where they differ, units then areas.
 */
async function differences(periodId: number): Promise<{ units: unknown[]; areas: unknown[] }> {
  const leafBy = (q: SqlBuilder) => `with recursive ${leafPointsCtes(q, [periodId])},
  sections as (
    select set_id, coalesce(sum(max_points) filter (where kind = 'BONUS'), 0) as bonus_max,
           coalesce(sum(max_points) filter (where kind = 'DEDUCTION'), 0) as deduction_max
      from leaves group by set_id
  ),
  unit_sums as (
    select lp.period_id, lp.unit_id, sc.block, sc.final, sc.sheet_status,
           coalesce(sum(lp.max_points) filter (where lp.applicable and lp.${MAIN}), 0) as max,
           coalesce(sum(coalesce(lp.value, 0)) filter (where lp.applicable and lp.${MAIN}), 0) as achieved,
           coalesce(sum(coalesce(lp.self_value, 0)) filter (where lp.applicable and lp.${MAIN}), 0) as self_achieved,
           coalesce(sum(coalesce(lp.appraised_value, 0)) filter (where lp.applicable and lp.${MAIN}), 0) as appraised_achieved,
           coalesce(sum(coalesce(lp.survey_value, 0)) filter (where lp.applicable and lp.kind = 'SURVEY'), 0) as survey,
           coalesce(sum(lp.max_points) filter (where lp.applicable and lp.kind = 'SURVEY'), 0) as survey_max,
           count(*) filter (where lp.applicable and lp.kind = 'SURVEY' and lp.survey_value is null)::int as survey_missing,
           coalesce(sum(coalesce(lp.value, 0)) filter (where lp.applicable and lp.kind = 'BONUS'), 0) as bonus_raw,
           coalesce(sum(coalesce(lp.value, 0)) filter (where lp.applicable and lp.kind = 'DEDUCTION'), 0) as deduction_raw,
           coalesce(max(ac.bonus_cap), max(se.bonus_max)) as bonus_cap,
           coalesce(max(ac.deduction_cap), max(se.deduction_max)) as deduction_cap
      from leaf_points lp
      join scope sc on sc.period_id = lp.period_id and sc.unit_id = lp.unit_id
      join sections se on se.set_id = sc.set_id
      left join appraisal_cycle ac on ac.period_id = lp.period_id
     group by lp.period_id, lp.unit_id, sc.block, sc.final, sc.sheet_status
  ),
  unit_results as (
    select u.*, least(bonus_raw, bonus_cap) as bonus, least(deduction_raw, deduction_cap) as deduction,
           achieved + least(bonus_raw, bonus_cap) - least(deduction_raw, deduction_cap) as total,
           case when max > 0 then round((achieved + least(bonus_raw, bonus_cap) - least(deduction_raw, deduction_cap)) * 100 / max, 2) end
             as index
      from unit_sums u
  ),
  ranked as (
    select r.*, case when index is not null then rank() over (partition by block, index is null order by index desc) end::int as rank,
           count(*) over (partition by block)::int as block_size
      from unit_results r
  ),
  area_sums as (
    select lp.period_id, lp.unit_id, lp.area_id, sc.block, a.code as area_code, a.title as area_title, a.position as area_position,
           coalesce(sum(lp.max_points) filter (where lp.applicable and lp.${MAIN}), 0) as area_max,
           coalesce(sum(coalesce(lp.value, 0)) filter (where lp.applicable and lp.${MAIN}), 0) as area_achieved
      from leaf_points lp
      join scope sc on sc.period_id = lp.period_id and sc.unit_id = lp.unit_id
      join criterion a on a.id = lp.area_id
     group by lp.period_id, lp.unit_id, lp.area_id, sc.block, a.code, a.title, a.position
    having bool_or(lp.${MAIN})
  ),
  areas as (
    select s.*, round(avg(s.area_index) over (partition by s.block, s.area_code), 2) as area_block_average
      from (select a.*, case when a.area_max > 0 then round(a.area_achieved * 100 / a.area_max, 2) end as area_index from area_sums a) s
  )`;
  const units = new SqlBuilder();
  const unitRows = await sql(
    `${leafBy(units)},
  kept as (select * from result_snapshot where period_id = ${units.bind(periodId)})
  select coalesce(f.unit_id, k.unit_id) as unit_id, row_to_json(f) as full, row_to_json(k) as kept
    from ranked f full join kept k on k.unit_id = f.unit_id
   where (f.block, f.final, f.sheet_status, f.max, f.achieved, f.self_achieved, f.appraised_achieved, f.survey, f.survey_max,
          f.survey_missing, f.bonus_raw, f.bonus_cap, f.bonus, f.deduction_raw, f.deduction_cap, f.deduction, f.total, f.index,
          f.rank, f.block_size)
         is distinct from
         (k.block, k.final, k.sheet_status, k.max, k.achieved, k.self_achieved, k.appraised_achieved, k.survey, k.survey_max,
          k.survey_missing, k.bonus_raw, k.bonus_cap, k.bonus, k.deduction_raw, k.deduction_cap, k.deduction, k.total, k.index,
          k.rank, k.block_size)`,
    units.params,
  );
  const areas = new SqlBuilder();
  const areaRows = await sql(
    `${leafBy(areas)},
  kept as (select * from result_area_snapshot where period_id = ${areas.bind(periodId)})
  select coalesce(f.unit_id, k.unit_id) as unit_id, row_to_json(f) as full, row_to_json(k) as kept
    from areas f full join kept k on k.unit_id = f.unit_id and k.area_id = f.area_id
   where (f.block, f.area_code, f.area_title, f.area_position, f.area_max, f.area_achieved, f.area_index, f.area_block_average)
         is distinct from
         (k.block, k.area_code, k.area_title, k.area_position, k.area_max, k.area_achieved, k.area_index, k.area_block_average)`,
    areas.params,
  );
  return { units: unitRows, areas: areaRows };
}

/** The whole ranking of a period against the previous one, every block, as the API reads it. */
const ranking = (periodId: number, previousPeriodId: number, snapshotted: number[] = []) =>
  queryRanking(t.orm.em.fork(), {
    periodId,
    previousPeriodId,
    offset: 0,
    limit: null,
    visible: { sql: 'true', bindings: [] },
    snapshotted,
  });

const snapshotRows = async (periodId: number) =>
  (await sql<{ n: number }>('select count(*)::int as n from result_snapshot where period_id = ?', [periodId]))[0]!.n;

let periodId: number;
let previousPeriodId: number;
let target: WriteTarget;
beforeAll(async () => {
  // The seeded finished and published years, 2022 compared with 2021: two blocks, 52 units.
  [{ id: periodId }] = await sql<{ id: number }>(`select id from period where year = 2022 order by id limit 1`);
  [{ id: previousPeriodId }] = await sql<{ id: number }>(`select id from period where year = 2021 order by id limit 1`);
  // Items of a few units of each block, so ranks and block averages move.
  const items: ResultItem[] = (
    await sql<{ score_id: number; unit_id: number; criterion_id: number; max: string }>(
      `select sc.id as score_id, sh.unit_id, c.id as criterion_id, c.max_points as max
         from score sc join score_sheet sh on sh.id = sc.sheet_id join criterion c on c.id = sc.criterion_id
        where sh.period_id = ? and sh.unit_id in (
                select unit_id from (select sh2.unit_id, row_number() over (partition by u.block order by sh2.unit_id) as n
                                       from score_sheet sh2 join unit u on u.id = sh2.unit_id where sh2.period_id = ?) x where n <= 3)
        order by sc.id`,
      [periodId, periodId],
    )
  ).map((row) => ({
    scoreId: row.score_id,
    unitId: row.unit_id,
    criterionId: row.criterion_id,
    maxHundredths: Math.round(Number(row.max) * 100),
  }));
  target = { periodId, items, ...(await surveyWriters(sql, periodId)) };
});

/** One change of what results are computed from: a score write, the period's caps or its status. */
const write = fc.oneof(
  ...scoreWrites,
  fc.record({
    type: fc.constant('caps' as const),
    bonus: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
    deduction: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
  }),
  fc.record({ type: fc.constant('status' as const), final: fc.boolean() }),
);

type Write = typeof write extends fc.Arbitrary<infer T> ? T : never;

async function apply(command: Write): Promise<void> {
  switch (command.type) {
    case 'caps':
      await sql(
        `insert into appraisal_cycle (period_id, bonus_cap, deduction_cap) values (?, ?, ?)
         on conflict (period_id) do update set bonus_cap = excluded.bonus_cap, deduction_cap = excluded.deduction_cap`,
        [periodId, command.bonus === null ? null : decimal(command.bonus), command.deduction === null ? null : decimal(command.deduction)],
      );
      return;
    case 'status':
      await sql(`update period set status = ? where id = ?`, [command.final ? 'FINALIZED' : 'APPRAISAL_ROUND_2', periodId]);
      return;
    default:
      await applyScoreWrite(sql, target, command);
  }
}

describe('results snapshot', () => {
  it('of the seeded published years equals the full computation', async () => {
    expect(target.items.length).toBeGreaterThan(100);
    for (const period of [periodId, previousPeriodId]) {
      expect(await snapshotRows(period)).toBeGreaterThan(0);
      expect(await differences(period)).toEqual({ units: [], areas: [] });
    }
  });

  it('is never stale: after any changes it is dropped or still equal; written again it equals them; it ranks as computed', async () => {
    let dropped = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 8 }), async (commands) => {
        expect(await snapshotRows(periodId)).toBeGreaterThan(0);
        for (const command of commands) await apply(command);
        // A change the results see drops the snapshot; one they do not (a value written again) leaves it exact.
        if ((await snapshotRows(periodId)) === 0) dropped++;
        else expect(await differences(periodId)).toEqual({ units: [], areas: [] });
        await snapshot(periodId);
        expect(await differences(periodId)).toEqual({ units: [], areas: [] });

        // The ranking from both snapshots, from the previous one only, and computed: the same to the last decimal.
        // Read from the snapshots alone (as the API does once it found them), then deciding in the statement.
        const fromSnapshots = await ranking(periodId, previousPeriodId, [periodId, previousPeriodId]);
        expect(fromSnapshots.rows.length).toBeGreaterThan(40);
        expect(await ranking(periodId, previousPeriodId)).toEqual(fromSnapshots);
        await sql('select drop_result_snapshots(array[?]::int[])', [periodId]);
        // A snapshot dropped after the caller found it: computed all the same.
        expect(await ranking(periodId, previousPeriodId, [periodId, previousPeriodId])).toEqual(fromSnapshots);
        expect(await ranking(periodId, previousPeriodId)).toEqual(fromSnapshots);

        await sql('select drop_result_snapshots(array[?]::int[])', [previousPeriodId]);
        expect(await ranking(periodId, previousPeriodId)).toEqual(fromSnapshots);
        await snapshot(previousPeriodId);
        await snapshot(periodId);
      }),
      { numRuns: 12 },
    );
    // The runs changed results, not only rewrote them.
    expect(dropped).toBeGreaterThan(3);
  }, 120_000);
});
