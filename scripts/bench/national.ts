// The national scale (docs/domain.md): every commune (~3,400 units, block COMMUNE), about 100
// sub-criteria each, three finished years. Written with set-based SQL (generate_series, INSERT …
// SELECT), so a million score rows take seconds, not minutes. Used by generate-national.ts and ranking.ts.
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { seedCriteriaSet } from '../../server/seed/steps/criteria.ts';
import { districtCriteria2023 } from '../../server/seed/data/hanoi-criteria.ts';
import { districtCriteriaOf } from '../../server/seed/data/hanoi-criteria-earlier.ts';
import { UnitBlock } from '../../server/units/unit.entity.ts';
import { snapshotResults } from '../../server/results/index.ts';

export interface NationalOptions {
  units: number;
  years: number[];
  log?: (line: string) => void;
}

export async function generateNational(orm: MikroORM, options: NationalOptions): Promise<Record<number, number>> {
  // One transaction without the statement timeout requests get (a million-row INSERT … SELECT on a busy
  // machine outlasts it): a half-written national scale is worse than none.
  return orm.em.fork().transactional(async (em) => {
    await em.execute('set local statement_timeout = 0');
    return generate(em, options);
  });
}

/** The communes XA00001… (block COMMUNE, active); those already there are kept. */
export async function insertCommunes(em: EntityManager, units: number): Promise<void> {
  await em.execute(
    `insert into unit (code, name, block, active)
             select 'XA' || lpad(i::text, 5, '0'), 'UBND xã số ' || i, 'COMMUNE', true from generate_series(1, ?) as i
             on conflict (code) do nothing`,
    [units],
  );
}

async function generate(em: EntityManager, { units, years, log = console.log }: NationalOptions): Promise<Record<number, number>> {
  const sql = (text: string, params: unknown[] = []) => em.execute(text, params);
  const started = Date.now();
  const step = (what: string) => log(`  ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);

  await insertCommunes(em, units);
  step(`${units} communes`);
  const [secretariat] = await sql(`select id from app_user where username = 'secretariat'`);
  const [appraiser] = await sql(`select id from app_user where username = 'appraiser'`);
  const periods: Record<number, number> = {};
  for (const year of years) {
    const set = seedCriteriaSet(
      em,
      year,
      UnitBlock.COMMUNE,
      `Bộ Chỉ số CCHC năm ${year} – khối UBND cấp xã (dữ liệu đo hiệu năng)`,
      year >= 2023 ? districtCriteria2023 : districtCriteriaOf(year),
    );
    await em.flush();
    const [period] = await sql(
      `insert into period (year, name, status, self_scoring_closes_at) values (?, ?, 'FINALIZED', now()) returning id`,
      [year, `Chỉ số CCHC cấp xã năm ${year} (dữ liệu đo hiệu năng)`],
    );
    const periodId = period!.id as number;
    periods[year] = periodId;
    await sql('insert into period_criteria_sets (period_id, criteria_set_id) values (?, ?)', [periodId, set.id]);
    await sql(
      `insert into score_sheet (period_id, unit_id, criteria_set_id, status, submitted_at)
               select ?, u.id, ?, 'SUBMITTED', now() from unit u where u.block = 'COMMUNE'`,
      [periodId, set.id],
    );
    // Self-scores between 60 % and 100 % of the maximum; every 50th item not applicable.
    await sql(
      `insert into score (sheet_id, criterion_id, self_points, applicable)
               select sh.id, c.id,
                      case when (sh.id + c.id) % 50 = 0 then null else round(c.max_points * (0.6 + 0.4 * random())::numeric, 2) end,
                      (sh.id + c.id) % 50 <> 0
                 from score_sheet sh
                 join criterion c on c.criteria_set_id = sh.criteria_set_id and c.kind <> 'SURVEY'
                  and not exists (select 1 from criterion k where k.parent_id = c.id)
                where sh.period_id = ?`,
      [periodId],
    );
    // Fresh statistics before the statements whose totals triggers join what was just written: planned on
    // the empty tables' estimates, the survey's recount nests loops over a million rows and takes an hour.
    await sql('analyze criterion, score_sheet, score, appraisal, survey_result, result_total');
    // About one item in eight lowered in round 1, a third of those set again in round 2.
    await sql(
      `insert into appraisal (score_id, round, points, appraiser_id, comment)
               select s.id, 1, round(s.self_points * 0.7, 2), ?, 'Tài liệu kiểm chứng chưa đầy đủ.'
                 from score s join score_sheet sh on sh.id = s.sheet_id
                where sh.period_id = ? and s.self_points is not null and random() < 0.125`,
      [appraiser!.id, periodId],
    );
    await sql(
      `insert into appraisal (score_id, round, points, appraiser_id, comment)
               select a.score_id, 2, s.self_points, ?, 'Đã giải trình.'
                 from appraisal a join score s on s.id = a.score_id join score_sheet sh on sh.id = s.sheet_id
                where sh.period_id = ? and a.round = 1 and random() < 0.35`,
      [appraiser!.id, periodId],
    );
    const [batch] = await sql(
      `insert into survey_import (period_id, file_name, sha256, row_count, replaced_count, imported_by_id)
                               values (?, 'bench.csv', md5(random()::text) || md5(random()::text), 0, 0, ?) returning id`,
      [periodId, secretariat!.id],
    );
    await sql(
      `insert into survey_result (period_id, unit_id, criterion_id, points, survey_import_id)
               select ?, sh.unit_id, c.id, round(c.max_points * (0.7 + 0.3 * random())::numeric, 2), ?
                 from score_sheet sh
                 join criterion c on c.criteria_set_id = sh.criteria_set_id and c.kind = 'SURVEY'
                  and not exists (select 1 from criterion k where k.parent_id = c.id)
                where sh.period_id = ?`,
      [periodId, batch!.id, periodId],
    );
    await sql('insert into period_publication (period_id, published_by_id) values (?, ?)', [periodId, secretariat!.id]);
    await snapshotResults(em, periodId); // as publishResults does
    step(`${year}: sheets, scores, appraisals, survey`);
  }
  await sql('analyze');
  const [counts] = await sql(`select (select count(*) from score)::int as scores, (select count(*) from appraisal)::int as appraisals,
                                     (select count(*) from survey_result)::int as survey`);
  step(`done: ${counts!.scores} scores, ${counts!.appraisals} appraisals, ${counts!.survey} survey points in the database`);
  return periods;
}
