import { appraisalRoundsJoin, capSql, finalPointsSql, joinedSources } from '../appraisal/index.ts';
import type { SqlBuilder } from '../shared/sql-builder.ts';
import type { UnitBlock } from '../units/index.ts';

/**
 * The index computation (docs/domain.md, how the index is built), as SQL common table
 * expressions over the periods asked for. Everything is numeric arithmetic in PostgreSQL:
 *
 * - a leaf's points: SURVEY leaves take the imported survey points (missing = 0, counted in
 *   `survey_missing`); other leaves take the self-score, or — once the period is FINALIZED — the
 *   appraised score (round 2, else round 1, else the self-score). `final` says which basis applies.
 * - applicable maximum: the maxima of the applicable SELF_SCORED and SURVEY leaves (not-applicable
 *   items leave the maximum; a leaf with no score row is applicable).
 * - bonus and deduction: the sums of the applicable BONUS / DEDUCTION leaves, each cut at its cap
 *   (see `CAPS`).
 * - total = achieved + bonus − deduction; index = round(total × 100 ÷ applicable maximum, 2),
 *   half away from zero; no index (null) when the applicable maximum is 0.
 * - per area (top-level criterion): the same without bonus and deduction.
 *
 * Units in scope: the units of each period's blocks that have a score sheet or survey results, and
 * while the period is not finalized, every active unit of the block (it still owes its sheet).
 */

const MAIN = `kind in ('SELF_SCORED', 'SURVEY')`;

/**
 * The bonus and deduction caps of each period and criteria set, by the appraisal module's rule
 * (`capSql`): the period's configured caps, else the maximum of the set's BONUS (9.1) and
 * DEDUCTION (9.2) sections, i.e. the sum of their leaves' maxima.
 */
const CAPS = `caps as materialized (
  select s.period_id, s.set_id,
         ${capSql('ac.bonus_cap', 'sections.bonus_max')} as bonus_cap, ${capSql('ac.deduction_cap', 'sections.deduction_max')} as deduction_cap
    from sets s
    join (select set_id, coalesce(sum(max_points) filter (where kind = 'BONUS'), 0) as bonus_max,
                 coalesce(sum(max_points) filter (where kind = 'DEDUCTION'), 0) as deduction_max
            from leaves group by set_id) sections on sections.set_id = s.set_id
    left join appraisal_cycle ac on ac.period_id = s.period_id
)`;

/** A criterion row's head as the sheet and comparison statements select it: its code, title, depth (1: area) and kind. */
export interface CriterionHead {
  code: string;
  title: string;
  level: number;
  kind: string;
}

export const criterionHeadOf = (row: Record<string, unknown>): CriterionHead => ({
  code: String(row.code),
  title: String(row.title),
  level: Number(row.level),
  kind: String(row.kind),
});

/**
 * `sets` (the periods' criteria sets), `nodes` (every criterion with its area, id path and sort path) and `leaves`.
 * `unsnapshotted`: only the periods without a results snapshot (the others are read from it, see `rankedResultsCtes`).
 */
export function criteriaCtes(q: SqlBuilder, periodIds: readonly number[], block?: UnitBlock | null, unsnapshotted = false): string {
  return `sets as (
  select pcs.period_id, pcs.criteria_set_id as set_id, cs.block, p.status = 'FINALIZED' as final
    from period_criteria_sets pcs
    join criteria_set cs on cs.id = pcs.criteria_set_id
    join period p on p.id = pcs.period_id
   where pcs.period_id = any(${q.ints(periodIds)})${block ? ` and cs.block = ${q.bind(block)}::unit_block` : ''}${
     unsnapshotted
       ? `
     and not exists (select 1 from result_snapshot rs where rs.period_id = pcs.period_id)`
       : ''
   }
),
nodes as (
  select c.id, c.criteria_set_id as set_id, c.id as area_id, array[c.id] as path, array[c.position] as sort_path
    from criterion c
   where c.parent_id is null and c.criteria_set_id in (select set_id from sets)
  union all
  select c.id, n.set_id, n.area_id, n.path || c.id, n.sort_path || c.position from criterion c join nodes n on c.parent_id = n.id
),
leaves as (
  select n.set_id, n.id, n.area_id, n.path, c.kind, c.max_points
    from nodes n join criterion c on c.id = n.id
   where not exists (select 1 from criterion k where k.parent_id = n.id)
)`;
}

/** `scope`: the units in each period's results, with their sheet (see the header comment). */
function scopeCte(q: SqlBuilder, unitIds?: readonly number[] | null): string {
  return `scope as (
  select s.period_id, s.set_id, s.block, s.final, u.id as unit_id, sh.id as sheet_id, sh.status as sheet_status
    from sets s
    join unit u on u.block = s.block
    left join score_sheet sh on sh.period_id = s.period_id and sh.unit_id = u.id
   where ${unitIds ? `u.id = any(${q.ints(unitIds)}) and ` : ''}(sh.id is not null
      or (u.active and not s.final)
      or exists (select 1 from survey_result sr where sr.period_id = s.period_id and sr.unit_id = u.id))
)`;
}

/**
 * Per leaf of every unit in scope: its area and points on both bases. Leaf by leaf, for one
 * unit's tree or one-off checks; the ranking aggregates without this cross product (resultCtes).
 */
export function leafPointsCtes(
  q: SqlBuilder,
  periodIds: readonly number[],
  block?: UnitBlock | null,
  unitIds?: readonly number[] | null,
): string {
  return `${criteriaCtes(q, periodIds, block)},
${scopeCte(q, unitIds)},
leaf_points as (
  select sc.period_id, sc.unit_id, l.id as criterion_id, l.area_id, l.path, l.kind, l.max_points,
         coalesce(sco.applicable, true) as applicable,
         case when l.kind = 'SURVEY' then sr.points else sco.self_points end as self_value,
         case when l.kind = 'SURVEY' then sr.points else ${finalPointsSql(joinedSources('sco'))} end as appraised_value,
         case when l.kind = 'SURVEY' then sr.points else
           case when sc.final then ${finalPointsSql(joinedSources('sco'))} else sco.self_points end end as value,
         sr.points as survey_value
    from scope sc
    join leaves l on l.set_id = sc.set_id
    left join score sco on sco.sheet_id = sc.sheet_id and sco.criterion_id = l.id
    ${appraisalRoundsJoin('sco')}
    left join survey_result sr on sr.period_id = sc.period_id and sr.unit_id = sc.unit_id and sr.criterion_id = l.id
)`;
}

/**
 * Adds `by_area` (per period, unit and area) and `ranked` (per period and unit, with rank and
 * block size). Same definitions as leaf_points, aggregated without crossing every unit with every
 * leaf: a leaf without a score row is applicable and scores 0, so an area's applicable maximum is
 * its full maximum less the not-applicable rows, and its points are the sums over the score and
 * survey rows that exist, which the database keeps summed per unit and area in `result_total`
 * (migration Migration20261130112201_totals, checked against leaf_points by tests/result-totals.test.ts).
 * Those contributions are summed in one aggregate, never joined to each other, so the plan stays
 * one pass at every scale and reads one row per unit and area, never every score.
 */
export function resultCtes(q: SqlBuilder, periodIds: readonly number[], block?: UnitBlock | null, unsnapshotted = false): string {
  return `${criteriaCtes(q, periodIds, block, unsnapshotted)},
${scopeCte(q)},
${CAPS},
area_max as (
  select l.set_id, l.area_id, a.code as area_code, a.title as area_title, a.position as area_position,
         bool_or(l.${MAIN}) as scored_area,
         coalesce(sum(l.max_points) filter (where l.${MAIN}), 0) as full_max,
         coalesce(sum(l.max_points) filter (where l.kind = 'SURVEY'), 0) as survey_full_max,
         count(*) filter (where l.kind = 'SURVEY') as survey_count
    from leaves l join criterion a on a.id = l.area_id
   group by l.set_id, l.area_id, a.code, a.title, a.position
),
contributions as (
  -- Every unit and area of its set, at its full maxima with nothing achieved; these rows also carry
  -- what the totals need (block, basis, sheet, caps, area labels), so no later step joins back …
  select sc.period_id, sc.unit_id, am.area_id, sc.block, sc.final, sc.sheet_status, caps.bonus_cap, caps.deduction_cap,
         am.area_code, am.area_title, am.area_position, am.scored_area,
         am.full_max as max, 0 as achieved, 0 as self_achieved, 0 as appraised_achieved, 0 as survey,
         am.survey_full_max as survey_max, am.survey_count as survey_missing, 0 as bonus_raw, 0 as deduction_raw
    from scope sc
    join area_max am on am.set_id = sc.set_id
    join caps on caps.period_id = sc.period_id and caps.set_id = sc.set_id
  union all
  -- … and what the unit's score and survey rows add, as maintained in result_total (one row per
  -- area, not one per score): not-applicable items take their maximum off, applicable ones add
  -- their points on the period's basis.
  select sc.period_id, sc.unit_id, t.area_id, null, null, null, null, null, null, null, null, null,
         t.max_off, case when sc.final then t.appraised_achieved else t.self_achieved end, t.self_achieved, t.appraised_achieved,
         t.survey, t.survey_max_off, t.survey_missing_off,
         case when sc.final then t.appraised_bonus else t.self_bonus end,
         case when sc.final then t.appraised_deduction else t.self_deduction end
    from scope sc
    join result_total t on t.period_id = sc.period_id and t.unit_id = sc.unit_id
),
by_area as (
  -- One hash aggregate over the contributions: no join between intermediate results to misplan.
  select period_id, unit_id, area_id, max(block) as block, bool_or(final) as final, max(sheet_status) as sheet_status,
         max(bonus_cap) as bonus_cap, max(deduction_cap) as deduction_cap,
         max(area_code) as area_code, max(area_title) as area_title, max(area_position) as area_position, bool_or(scored_area) as scored_area,
         sum(max) as max, sum(achieved) as achieved, sum(self_achieved) as self_achieved, sum(appraised_achieved) as appraised_achieved,
         sum(survey) as survey, sum(survey_max) as survey_max, sum(survey_missing) as survey_missing,
         sum(bonus_raw) as bonus_raw, sum(deduction_raw) as deduction_raw
    from contributions
   group by period_id, unit_id, area_id
),
totals as (
  select period_id, unit_id, max(block) as block, bool_or(final) as final, max(sheet_status) as sheet_status,
         max(bonus_cap) as bonus_cap, max(deduction_cap) as deduction_cap,
         sum(max) as max, sum(achieved) as achieved, sum(self_achieved) as self_achieved,
         sum(appraised_achieved) as appraised_achieved, sum(survey) as survey, sum(survey_max) as survey_max,
         sum(survey_missing)::int as survey_missing, sum(bonus_raw) as bonus_raw, sum(deduction_raw) as deduction_raw,
         least(sum(bonus_raw), max(bonus_cap)) as bonus, least(sum(deduction_raw), max(deduction_cap)) as deduction
    from by_area
   group by period_id, unit_id
),
indexed as (
  select t.*, t.achieved + t.bonus - t.deduction as total,
         case when t.max > 0 then round((t.achieved + t.bonus - t.deduction) * 100 / t.max, 2) end as index
    from totals t
),
ranked as (
  select i.*,
         case when i.index is not null then rank() over (partition by i.period_id, i.block, i.index is null order by i.index desc) end::int as rank,
         count(*) over (partition by i.period_id, i.block)::int as block_size
    from indexed i
),
area_indexed as (
  -- Component indices of the scored areas, with the block's average over every unit (not only those a caller sees).
  select a.period_id, a.unit_id, a.area_id, a.block, a.area_code, a.area_title, a.area_position,
         a.max as area_max, a.achieved as area_achieved, a.index as area_index,
         round(avg(a.index) over (partition by a.period_id, a.block, a.area_code), 2) as area_block_average
    from (select b.*, case when b.max > 0 then round(b.achieved * 100 / b.max, 2) end as index from by_area b where b.scored_area) a
)`;
}

/** The columns of a unit's result, as `ranked` and `result_snapshot` both have them. */
export const RESULT_COLUMNS = `period_id, unit_id, block, final, sheet_status, max, achieved, self_achieved, appraised_achieved, survey,
  survey_max, survey_missing, bonus_raw, bonus_cap, bonus, deduction_raw, deduction_cap, deduction, total, index, rank, block_size`;

/** The columns of a unit's area, as `area_indexed` and `result_area_snapshot` both have them. */
export const AREA_COLUMNS = `period_id, unit_id, area_id, block, area_code, area_title, area_position, area_max, area_achieved,
  area_index, area_block_average`;

/**
 * `results` (one row per unit, RESULT_COLUMNS) of the periods asked for, and `area_indexed` when some are computed:
 * a published period's from its snapshot (`snapshotResults`), those in `computed` by `resultCtes`, which skips any
 * that has a snapshot all the same. `missing_snapshots` counts the periods not computed that have no snapshot (one
 * dropped since the caller looked): their rows are missing, and the caller asks again computing every period.
 */
export function rankedResultsCtes(
  q: SqlBuilder,
  periodIds: readonly number[],
  block: UnitBlock | null | undefined,
  computed: readonly number[],
): string {
  const snapshotted = periodIds.filter((id) => !computed.includes(id));
  return `${computed.length ? `${resultCtes(q, computed, block, true)},\n` : ''}results as (
  ${computed.length ? `select ${RESULT_COLUMNS} from ranked\n  union all\n  ` : ''}select ${RESULT_COLUMNS} from result_snapshot
   where period_id = any(${q.ints(periodIds)})${block ? ` and block = ${q.bind(block)}::unit_block` : ''}
),
missing_snapshots as (
  select count(*)::int as n from unnest(${q.ints(snapshotted)}) as p(id)
   where not exists (select 1 from result_snapshot s where s.period_id = p.id)
)`;
}

/**
 * One period's `area_indexed` rows for some units (`units`: an int[] SQL expression), from its snapshot or, when
 * `computed`, from `rankedResultsCtes`'s computation.
 */
export function areaResultsSql(q: SqlBuilder, periodId: number, units: string, computed: boolean): string {
  // Bindings in text order.
  const live = computed
    ? `select ${AREA_COLUMNS} from area_indexed where period_id = ${q.bind(periodId)} and unit_id = any(${units})\n  union all\n  `
    : '';
  return `${live}select ${AREA_COLUMNS} from result_area_snapshot where period_id = ${q.bind(periodId)} and unit_id = any(${units})`;
}

/** A period's result groups: its configured thresholds, or the defaults when it has none. */
export function groupsCte(
  q: SqlBuilder,
  periodIds: readonly number[],
  defaults: readonly { code: string; label: string; minIndex: string }[],
): string {
  const values = () =>
    defaults.map((group) => `(${q.bind(group.code)}, ${q.bind(group.label)}, ${q.bind(group.minIndex)}::numeric)`).join(', ');
  // Bindings in text order: each q.bind() runs where it stands in the template.
  return `groups as (
  select g.period_id, g.code, g.label, g.min_index from result_group g where g.period_id = any(${q.ints(periodIds)})
  union all
  select p.id, d.code::varchar, d.label::varchar, d.min_index
    from unnest(${q.ints(periodIds)}) as p(id)
   cross join (values ${values()}) as d(code, label, min_index)
   where not exists (select 1 from result_group g where g.period_id = p.id)
)`;
}
