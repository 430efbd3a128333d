import type { EntityManager } from '@mikro-orm/postgresql';
import { appraisalRoundsJoin, finalAppraisalSql, joinedSources } from '../appraisal/index.ts';
import { decimalText } from '../shared/decimal.ts';
import type { SqlFragment } from '../shared/sql.ts';
import { SqlBuilder } from '../shared/sql-builder.ts';
import type { UnitBlock } from '../units/index.ts';
import { criteriaCtes } from './results.sql.ts';

export type CalibrationDimension = 'CRITERION' | 'UNIT' | 'APPRAISER';
export type CalibrationOrderField =
  'LOWERED_COUNT' | 'LOWERED_SHARE' | 'OVER_SCORE' | 'GAP_SUM' | 'AVERAGE_GAP' | 'APPRAISED_COUNT' | 'CODE';

export interface CalibrationQuery {
  periodId: number;
  by: CalibrationDimension;
  block?: UnitBlock | null;
  unitIds?: number[] | null;
  areaCodes?: string[] | null;
  orderBy?: { field: CalibrationOrderField; direction: 'ASC' | 'DESC' } | null;
  offset: number;
  limit: number | null;
  /** The units whose appraisal the caller may see, on the sheet `sh` (`sh.period_id`, `sh.unit_id`): see `visibleResults`. */
  visible: SqlFragment;
}

export interface CalibrationRow {
  id: number;
  code: string;
  label: string;
  block: UnitBlock | null;
  areaCode: string | null;
  maxPoints: string | null;
  appraisedCount: number;
  loweredCount: number;
  raisedCount: number;
  unchangedCount: number;
  selfSum: string;
  appraisedSum: string;
  gapSum: string;
  overScoreSum: string;
  averageGap: string;
  loweredShare: string;
}

export interface CalibrationStats {
  totalCount: number;
  appraisedCount: number;
  loweredCount: number;
  raisedCount: number;
  gapSum: string;
  overScoreSum: string;
}

/** What the rows are grouped by, and the label columns shown for each group. */
const DIMENSION: Record<CalibrationDimension, { key: string; columns: string; join: string; group: string }> = {
  CRITERION: {
    key: 'g.criterion_id',
    columns: `c.code, c.title as label, g.block::text as block, area.code as area_code, c.max_points`,
    join: 'join criterion c on c.id = g.criterion_id join criterion area on area.id = g.area_id',
    group: 'g.criterion_id, c.code, c.title, g.block, area.code, c.max_points',
  },
  UNIT: {
    key: 'g.unit_id',
    columns: `u.code, u.name as label, u.block::text as block, null::varchar as area_code, null::numeric as max_points`,
    join: 'join unit u on u.id = g.unit_id',
    group: 'g.unit_id, u.code, u.name, u.block',
  },
  APPRAISER: {
    key: 'g.appraiser_id',
    columns: `a.username as code, a.display_name as label, null::text as block, null::varchar as area_code, null::numeric as max_points`,
    join: 'join app_user a on a.id = g.appraiser_id',
    group: 'g.appraiser_id, a.username, a.display_name',
  },
};

const ORDER: Record<CalibrationOrderField, string> = {
  LOWERED_COUNT: 'lowered_count',
  LOWERED_SHARE: 'lowered_share',
  OVER_SCORE: 'over_score_sum',
  GAP_SUM: 'gap_sum',
  AVERAGE_GAP: 'average_gap',
  APPRAISED_COUNT: 'appraised_count',
  CODE: 'code',
};
const DEFAULT_ORDER: Record<CalibrationDimension, { field: CalibrationOrderField; direction: 'ASC' | 'DESC' }> = {
  CRITERION: { field: 'LOWERED_COUNT', direction: 'DESC' },
  UNIT: { field: 'OVER_SCORE', direction: 'DESC' },
  APPRAISER: { field: 'APPRAISED_COUNT', direction: 'DESC' },
};

/**
 * Calibration: the gap between the self-score and the final appraised score (round 2, else round 1)
 * of every appraised, applicable, self-scored sub-criterion of the period, grouped by sub-criterion,
 * unit or appraiser (the one who set the final score). One statement.
 */
export function calibrationStatement(query: CalibrationQuery): { sql: string; params: unknown[] } {
  const q = new SqlBuilder();
  const dimension = DIMENSION[query.by];
  const order = query.orderBy ?? DEFAULT_ORDER[query.by];
  const sql = `with recursive ${criteriaCtes(q, [query.periodId], query.block)},
gaps as (
  select sh.unit_id, l.id as criterion_id, l.area_id, s.block,
         sco.self_points, ${finalAppraisalSql(joinedSources('sco'))} as appraised,
         case when a2.id is not null then a2.appraiser_id else a1.appraiser_id end as appraiser_id,
         ${finalAppraisalSql(joinedSources('sco'))} - sco.self_points as gap
    from sets s
    join score_sheet sh on sh.period_id = s.period_id and sh.criteria_set_id = s.set_id
    join score sco on sco.sheet_id = sh.id
    join leaves l on l.id = sco.criterion_id
    ${appraisalRoundsJoin('sco')}
   where l.kind <> 'SURVEY' and sco.applicable and sco.self_points is not null and (a1.id is not null or a2.id is not null)
     and ${q.splice(query.visible)}
     ${query.unitIds?.length ? `and sh.unit_id = any(${q.ints(query.unitIds)})` : ''}
     ${query.areaCodes?.length ? `and l.area_id in (select id from criterion where parent_id is null and code = any(${q.texts(query.areaCodes)}))` : ''}
),
grouped as (
  select ${dimension.key} as id, ${dimension.columns},
         count(*)::int as appraised_count,
         count(*) filter (where g.gap < 0)::int as lowered_count,
         count(*) filter (where g.gap > 0)::int as raised_count,
         count(*) filter (where g.gap = 0)::int as unchanged_count,
         sum(g.self_points) as self_sum, sum(g.appraised) as appraised_sum, sum(g.gap) as gap_sum,
         sum(greatest(-g.gap, 0)) as over_score_sum,
         round(avg(g.gap), 2) as average_gap,
         round(count(*) filter (where g.gap < 0) * 100.0 / count(*), 2) as lowered_share
    from gaps g ${dimension.join}
   group by ${dimension.group}
),
ordered as (
  select gr.*, row_number() over (order by ${ORDER[order.field]} ${order.direction === 'DESC' ? 'desc' : 'asc'} nulls last, code, id) as position
    from grouped gr
),
stats as (
  select (select count(*)::int from grouped) as total_count, count(*)::int as all_appraised,
         count(*) filter (where gap < 0)::int as all_lowered, count(*) filter (where gap > 0)::int as all_raised,
         coalesce(sum(gap), 0) as all_gap, coalesce(sum(greatest(-gap, 0)), 0) as all_over_score
    from gaps
)
select st.*, o.*
  from stats st
  left join ordered o on o.position > ${q.bind(query.offset)}${query.limit === null ? '' : ` and o.position <= ${q.bind(query.offset + query.limit)}`}
 order by o.position`;
  return { sql, params: q.params };
}

export async function queryCalibration(
  em: EntityManager,
  query: CalibrationQuery,
): Promise<{ stats: CalibrationStats; rows: CalibrationRow[] }> {
  const { sql, params } = calibrationStatement(query);
  const raw = await em.execute<Record<string, unknown>[]>(sql, params);
  const first = raw[0];
  const decimal = (value: unknown) => decimalText(value ?? '0')!;
  const stats: CalibrationStats = {
    totalCount: Number(first?.total_count ?? 0),
    appraisedCount: Number(first?.all_appraised ?? 0),
    loweredCount: Number(first?.all_lowered ?? 0),
    raisedCount: Number(first?.all_raised ?? 0),
    gapSum: decimal(first?.all_gap),
    overScoreSum: decimal(first?.all_over_score),
  };
  const rows = raw
    .filter((row) => row.id !== null && row.id !== undefined)
    .map((row) => ({
      id: Number(row.id),
      code: String(row.code),
      label: String(row.label),
      block: (row.block as UnitBlock | null) ?? null,
      areaCode: (row.area_code as string | null) ?? null,
      maxPoints: decimalText(row.max_points),
      appraisedCount: Number(row.appraised_count),
      loweredCount: Number(row.lowered_count),
      raisedCount: Number(row.raised_count),
      unchangedCount: Number(row.unchanged_count),
      selfSum: decimal(row.self_sum),
      appraisedSum: decimal(row.appraised_sum),
      gapSum: decimal(row.gap_sum),
      overScoreSum: decimal(row.over_score_sum),
      averageGap: decimal(row.average_gap),
      loweredShare: decimal(row.lowered_share),
    }));
  return { stats, rows };
}
