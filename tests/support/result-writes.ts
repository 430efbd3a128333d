// Random writes to what results are computed from (scores, applicability, appraisal rounds, survey points), made in
// SQL on items of one period, for the property tests of the maintained totals and of the results snapshot.
import fc from 'fast-check';

export type Sql = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

/** A score of the period the writes land on, with its unit, criterion and maximum in hundredths. */
export interface ResultItem {
  scoreId: number;
  unitId: number;
  criterionId: number;
  maxHundredths: number;
}

/** Where the writes land: the period, its items, and who appraises and imports the survey. */
export interface WriteTarget {
  periodId: number;
  items: ResultItem[];
  appraiserId: number;
  importId: number;
}

export const decimal = (hundredths: number) => (hundredths / 100).toFixed(2);
const share = fc.double({ min: 0, max: 1, noNaN: true });

/** One write of each kind the totals' triggers watch, on a random item (`item` is taken modulo the items). */
export const scoreWrites = [
  fc.record({ type: fc.constant('self' as const), item: fc.nat(), share, nulled: fc.boolean() }),
  fc.record({ type: fc.constant('applicable' as const), item: fc.nat(), applicable: fc.boolean() }),
  fc.record({ type: fc.constant('appraise' as const), item: fc.nat(), round: fc.constantFrom(1, 2), share }),
  fc.record({ type: fc.constant('unappraise' as const), item: fc.nat(), round: fc.constantFrom(1, 2) }),
  fc.record({ type: fc.constant('survey' as const), item: fc.nat(), share }),
  fc.record({ type: fc.constant('unsurvey' as const), item: fc.nat() }),
] as const;

export type ScoreWrite = (typeof scoreWrites)[number] extends fc.Arbitrary<infer T> ? T : never;

/** The demo appraiser and a survey import of `periodId` made for the test's survey points. */
export async function surveyWriters(sql: Sql, periodId: number): Promise<{ appraiserId: number; importId: number }> {
  const [appraiser] = await sql<{ id: number }>(`select id from app_user where username = 'appraiser'`);
  const [surveyImport] = await sql<{ id: number }>(
    `insert into survey_import (period_id, file_name, sha256, row_count, replaced_count, imported_by_id)
     values (?, 'test.csv', md5(random()::text) || md5(random()::text), 0, 0, ?) returning id`,
    [periodId, appraiser!.id],
  );
  return { appraiserId: appraiser!.id, importId: surveyImport!.id };
}

/** Makes `write` in SQL, with exact two-decimal points (a share of the item's maximum). */
export async function applyScoreWrite(sql: Sql, target: WriteTarget, write: ScoreWrite): Promise<void> {
  const item = target.items[write.item % target.items.length]!;
  const points = 'share' in write ? decimal(Math.round(item.maxHundredths * write.share)) : null;
  switch (write.type) {
    case 'self':
      await sql(`update score set self_points = ? where id = ?`, [write.nulled ? null : points, item.scoreId]);
      return;
    case 'applicable':
      await sql(`update score set applicable = ? where id = ?`, [write.applicable, item.scoreId]);
      return;
    case 'appraise':
      await sql(
        `insert into appraisal (score_id, round, points, appraiser_id) values (?, ?, ?, ?)
         on conflict (score_id, round) do update set points = excluded.points`,
        [item.scoreId, write.round, points, target.appraiserId],
      );
      return;
    case 'unappraise':
      await sql(`delete from appraisal where score_id = ? and round = ?`, [item.scoreId, write.round]);
      return;
    case 'survey':
      await sql(
        `insert into survey_result (period_id, unit_id, criterion_id, points, survey_import_id) values (?, ?, ?, ?, ?)
         on conflict (period_id, unit_id, criterion_id) do update set points = excluded.points`,
        [target.periodId, item.unitId, item.criterionId, points, target.importId],
      );
      return;
    case 'unsurvey':
      await sql(`delete from survey_result where period_id = ? and unit_id = ? and criterion_id = ?`, [
        target.periodId,
        item.unitId,
        item.criterionId,
      ]);
      return;
  }
}
