import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';
import type { ScoringBand } from '../../criteria/index.ts';
import { snapshotResults } from '../../results/index.ts';
import { fromHundredths, toHundredths } from '../../shared/decimal.ts';
import { UnitBlock } from '../../units/index.ts';
import { departmentCriteriaOf, districtCriteriaOf } from '../data/hanoi-criteria-earlier.ts';
import type { SeedStepDefinition } from '../seed.ts';
import { seedCriteriaSet } from './criteria.ts';

/**
 * Demo seed: the 2021 and 2022 cycles, finished and published, so the results dashboard, the
 * year-over-year comparison and the calibration have something to show. ILLUSTRATIVE: scores are
 * generated deterministically (a hash of unit, criterion and year), departments a little below
 * the districts, as in the published 2023 figures; about one item in eight is lowered in round 1.
 */

/** A deterministic number in [0, 1) for the given key. */
const unitHash = (...parts: (string | number)[]) => createHash('sha256').update(parts.join('|')).digest().readUInt32BE(0) / 2 ** 32;

interface LeafRow {
  id: number;
  code: string;
  kind: string;
  max_points: string;
  bands: ScoringBand[];
  parent_code: string | null;
}
interface UnitRow {
  id: number;
  code: string;
  block: UnitBlock;
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** A valid value of a leaf for a unit of quality q (0–1): the best band most of the time. */
function valueFor(leaf: LeafRow, q: number, r: number): number {
  const max = toHundredths(leaf.max_points, leaf.code);
  const bands = [...leaf.bands].sort((a, b) => toHundredths(b.maxPoints, 'band') - toHundredths(a.maxPoints, 'band'));
  if (!bands.length) return Math.round(max * q);
  const best = bands[0]!;
  const low = toHundredths(best.minPoints, 'band');
  const high = toHundredths(best.maxPoints, 'band');
  if (low !== high) return clamp(Math.round(high * clamp(q + (r - 0.5) * 0.3, 0, 1)), low, high);
  if (r < q) return high;
  const fallback = bands[r < q + (1 - q) / 2 ? Math.min(1, bands.length - 1) : bands.length - 1]!;
  return toHundredths(fallback.maxPoints, 'band');
}

/** The next lower allowed value (the appraiser's correction), or null when there is none. */
function lowered(leaf: LeafRow, value: number): number | null {
  const candidates = leaf.bands.flatMap((band) => {
    const low = toHundredths(band.minPoints, 'band');
    const high = toHundredths(band.maxPoints, 'band');
    if (low !== high) return value > low ? [Math.max(low, Math.round(value * 0.8))] : [];
    return high < value ? [high] : [];
  });
  return candidates.length ? Math.max(...candidates) : null;
}

const REASONS = [
  'Tài liệu kiểm chứng chưa thể hiện đúng thời hạn ban hành.',
  'Số liệu báo cáo không khớp với số liệu trên hệ thống của Thành phố.',
  'Tài liệu kiểm chứng không phải văn bản của cơ quan có thẩm quyền.',
  'Văn bản kiểm chứng thuộc năm đánh giá trước.',
];

async function seedCycle(
  em: EntityManager,
  year: number,
  sets: Record<typeof UnitBlock.DEPARTMENT | typeof UnitBlock.DISTRICT, number>,
  users: Record<string, number>,
): Promise<void> {
  const connection = em; // em.execute joins the seed step's transaction
  const [period] = await connection.execute<{ id: number }[]>(
    `insert into period (year, name, status, self_scoring_closes_at, explanation_closes_at)
     values (?, ?, 'FINALIZED', ?, ?) returning id`,
    [year, `Đánh giá, xác định Chỉ số CCHC năm ${year}`, new Date(`${year + 1}-01-15T10:00:00Z`), new Date(`${year + 1}-02-01T10:00:00Z`)],
  );
  const periodId = period!.id;
  await connection.execute('insert into period_criteria_sets (period_id, criteria_set_id) values (?, ?), (?, ?)', [
    periodId,
    sets.DEPARTMENT,
    periodId,
    sets.DISTRICT,
  ]);
  const units = await connection.execute<UnitRow[]>(
    `select id, code, block from unit where block in ('DEPARTMENT', 'DISTRICT') order by id`,
  );
  const leaves = (await connection.execute<LeafRow[]>(
    `select c.id, c.code, c.kind, c.max_points, c.bands, p.code as parent_code, c.criteria_set_id
       from criterion c left join criterion p on p.id = c.parent_id
      where c.criteria_set_id in (?, ?) and not exists (select 1 from criterion k where k.parent_id = c.id)
      order by c.id`,
    [sets.DEPARTMENT, sets.DISTRICT],
  )) as (LeafRow & { criteria_set_id: number })[];

  const scores: object[] = [];
  const appraisals: object[] = [];
  const survey: object[] = [];
  for (const unit of units) {
    const setId = sets[unit.block as typeof UnitBlock.DEPARTMENT | typeof UnitBlock.DISTRICT];
    // Districts averaged 94 % in 2023, departments 88.4 % (lowest 63.9 %).
    const base = unit.block === UnitBlock.DISTRICT ? 0.96 : 0.9;
    const q = clamp(
      base + (unitHash(unit.code) - 0.5) * 0.2 + (unitHash(unit.code, year) - 0.5) * 0.06 - (unit.code === 'BQLKCN' ? 0.2 : 0),
      0.5,
      1,
    );
    const noProcedures = unit.block === UnitBlock.DEPARTMENT && unitHash(unit.code, 'tthc') < 0.15;
    for (const leaf of leaves.filter((row) => row.criteria_set_id === setId)) {
      const r = unitHash(unit.code, leaf.code, year);
      if (leaf.kind === 'SURVEY') {
        const max = toHundredths(leaf.max_points, leaf.code);
        survey.push({
          unit: unit.id,
          criterion: leaf.id,
          points: fromHundredths(clamp(Math.round(max * clamp(q + (r - 0.5) * 0.15, 0, 1)), 0, max)),
        });
        continue;
      }
      let self: number;
      if (leaf.kind === 'BONUS') self = r < 0.25 ? valueFor(leaf, 0.5, r * 4) : 0;
      else if (leaf.kind === 'DEDUCTION')
        self = r < 0.08 ? toHundredths(leaf.bands.find((band) => band.maxPoints !== '0')?.minPoints ?? '0', 'band') : 0;
      else self = valueFor(leaf, q, r);
      const applicable = !(noProcedures && leaf.parent_code === '3.2');
      scores.push({
        sheet: unit.id,
        criterion: leaf.id,
        self: applicable ? fromHundredths(self) : null,
        applicable,
        reason: applicable ? null : 'Đơn vị không có thủ tục hành chính thuộc thẩm quyền giải quyết.',
      });
      // The appraisers lower about one item in eight (more for units that score themselves generously);
      // in round 2, after the unit's explanation, about a third of those go back up.
      const lower = applicable && leaf.kind !== 'DEDUCTION' ? lowered(leaf, self) : null;
      if (lower !== null && unitHash(unit.code, leaf.code, year, 'r1') < 0.1 + (1 - q) * 0.3) {
        const reason = REASONS[Math.floor(unitHash(unit.code, leaf.code, 'why') * REASONS.length)];
        appraisals.push({ sheet: unit.id, criterion: leaf.id, round: 1, points: fromHundredths(lower), comment: reason });
        if (unitHash(unit.code, leaf.code, year, 'r2') < 0.35) {
          appraisals.push({
            sheet: unit.id,
            criterion: leaf.id,
            round: 2,
            points: fromHundredths(self),
            comment: 'Đơn vị đã giải trình và bổ sung tài liệu kiểm chứng phù hợp.',
          });
        }
      }
    }
  }

  const submittedAt = new Date(`${year + 1}-01-10T09:00:00Z`);
  await connection.execute(
    `insert into score_sheet (period_id, unit_id, criteria_set_id, status, submitted_at)
     select ?, u.id, case when u.block = 'DEPARTMENT' then ?::int else ?::int end, 'SUBMITTED', ?
       from unit u where u.block in ('DEPARTMENT', 'DISTRICT')`,
    [periodId, sets.DEPARTMENT, sets.DISTRICT, submittedAt],
  );
  await connection.execute(
    `insert into score (sheet_id, criterion_id, self_points, applicable, not_applicable_reason)
     select sh.id, f.criterion, f.self::numeric, f.applicable, f.reason
       from jsonb_to_recordset(?::jsonb) as f(sheet int, criterion int, self text, applicable boolean, reason text)
       join score_sheet sh on sh.period_id = ? and sh.unit_id = f.sheet`,
    [JSON.stringify(scores), periodId],
  );
  await connection.execute(
    `insert into appraisal (score_id, round, points, comment, appraiser_id)
     select s.id, f.round, f.points::numeric, f.comment, ?
       from jsonb_to_recordset(?::jsonb) as f(sheet int, criterion int, round int, points text, comment text)
       join score_sheet sh on sh.period_id = ? and sh.unit_id = f.sheet
       join score s on s.sheet_id = sh.id and s.criterion_id = f.criterion`,
    [users.appraiser, JSON.stringify(appraisals), periodId],
  );
  const surveyJson = JSON.stringify(survey);
  const [batch] = await connection.execute<{ id: number }[]>(
    `insert into survey_import (period_id, file_name, sha256, row_count, replaced_count, imported_by_id, imported_at)
     values (?, ?, ?, ?, 0, ?, ?) returning id`,
    [
      periodId,
      `ket-qua-dieu-tra-xhh-${year}.xlsx`,
      createHash('sha256').update(surveyJson).digest('hex'),
      survey.length,
      users.secretariat,
      new Date(`${year + 1}-02-10T09:00:00Z`),
    ],
  );
  await connection.execute(
    `insert into survey_result (period_id, unit_id, criterion_id, points, survey_import_id)
     select ?, f.unit, f.criterion, f.points::numeric, ? from jsonb_to_recordset(?::jsonb) as f(unit int, criterion int, points text)`,
    [periodId, batch!.id, surveyJson],
  );
  await connection.execute('insert into period_publication (period_id, published_by_id, published_at) values (?, ?, ?)', [
    periodId,
    users.secretariat,
    new Date(`${year + 1}-02-20T09:00:00Z`),
  ]);
  await snapshotResults(em, periodId);
}

export const hanoiResultsStep: SeedStepDefinition = {
  name: 'hanoi-results-2021-2022',
  demoOnly: true,
  async run(em) {
    const rows = await em.execute<{ id: number; username: string }[]>(
      `select id, username from app_user where username in ('appraiser', 'secretariat')`,
    );
    const users = Object.fromEntries(rows.map((row) => [row.username, row.id]));
    for (const year of [2021, 2022]) {
      const department = seedCriteriaSet(
        em,
        year,
        UnitBlock.DEPARTMENT,
        `Bộ Chỉ số CCHC năm ${year} – khối Sở, ban, ngành`,
        departmentCriteriaOf(year),
      );
      const district = seedCriteriaSet(
        em,
        year,
        UnitBlock.DISTRICT,
        `Bộ Chỉ số CCHC năm ${year} – khối UBND quận, huyện, thị xã`,
        districtCriteriaOf(year),
      );
      await em.flush();
      await seedCycle(em, year, { DEPARTMENT: department.id, DISTRICT: district.id }, users);
    }
  },
};
