import type { EntityManager } from '@mikro-orm/postgresql';
import { permissionSql, type Actor } from '../access/index.ts';
import { appraisalRoundsJoin, finalPointsSql, joinedSources } from '../appraisal/index.ts';
import { criteriaCtes, periodResultColumns } from '../results/index.ts';
import { scoreSheetColumns } from '../scoring/index.ts';
import { decimalText } from '../shared/decimal.ts';
import { SqlBuilder } from '../shared/sql-builder.ts';
import { executeOnReplica } from '../shared/read-replica.ts';
import type { UnitBlock, UnitView } from '../units/index.ts';
import { UNIT_COLUMNS, unitOf } from './records.sql.ts';

export interface ScoreQueryFilter {
  periodId: number;
  block?: UnitBlock | null;
  unitIds?: number[] | null;
  areaCodes?: string[] | null;
  criterionCodes?: string[] | null;
  kinds?: string[] | null;
  sheetStatus?: string[] | null;
  applicable?: boolean | null;
  selfPoints?: { min: string | null; max: string | null } | null;
  finalPoints?: { min: string | null; max: string | null } | null;
  changedByAppraisal?: boolean | null;
}

export type ScoreOrderField = 'UNIT_CODE' | 'CRITERION_CODE' | 'SELF_POINTS' | 'FINAL_POINTS' | 'GAP';
export type ScoreGroupBy = 'UNIT' | 'AREA' | 'CRITERION' | 'BLOCK';
export type ScoreGroupOrderField = 'KEY' | 'COUNT' | 'SELF_SUM' | 'FINAL_SUM' | 'FINAL_AVERAGE';
interface Order<F> {
  field: F;
  direction: 'ASC' | 'DESC';
}

/**
 * Every score row of a period the caller may read (ScoreSheet rules, in SQL), with its unit,
 * sub-criterion and area; appraised points only where the caller may see the unit's result
 * details (PeriodResult rules: secretariat and appraisers always, others once published).
 * `null` when the caller may read no sheet at all.
 */
function scoreRowsCte(q: SqlBuilder, actor: Actor, filter: ScoreQueryFilter): string | null {
  const sheets = permissionSql(actor.ability, 'read', 'ScoreSheet', scoreSheetColumns('sh'));
  if (!sheets) return null;
  const ctes = criteriaCtes(q, [filter.periodId], filter.block);
  const visible = permissionSql(actor.ability, 'read', 'PeriodResult', periodResultColumns('sh.period_id', 'sh.unit_id'), 'details');
  // Bound in text order: the visibility test comes before the sheets' condition in the statement.
  const visibleSql = visible ? q.splice(visible) : 'false';
  const sheetsSql = q.splice(sheets);
  const where: string[] = [];
  if (filter.unitIds?.length) where.push(`sh.unit_id = any(${q.ints(filter.unitIds)})`);
  if (filter.areaCodes?.length) where.push(`area.code = any(${q.texts(filter.areaCodes)})`);
  if (filter.criterionCodes?.length) where.push(`c.code = any(${q.texts(filter.criterionCodes)})`);
  if (filter.kinds?.length) where.push(`c.kind = any(${q.texts(filter.kinds)})`);
  if (filter.sheetStatus?.length) where.push(`sh.status = any(${q.texts(filter.sheetStatus)})`);
  if (filter.applicable != null) where.push(`sco.applicable = ${q.bind(filter.applicable)}`);
  return `${ctes},
score_rows as (
  select sco.id, sh.period_id, sh.unit_id, ${UNIT_COLUMNS},
         c.id as criterion_id, c.code as criterion_code, c.title as criterion_title, c.max_points, c.kind, n.sort_path,
         area.code as area_code, area.title as area_title, sh.status as sheet_status, sco.applicable, sco.self_points,
         v.visible as appraisal_visible,
         case when v.visible then a1.points end as round1_points,
         case when v.visible then a2.points end as round2_points,
         case when v.visible then ${finalPointsSql(joinedSources('sco'))} end as final_points
    from sets s
    join score_sheet sh on sh.period_id = s.period_id and sh.criteria_set_id = s.set_id
    join unit u on u.id = sh.unit_id
    join score sco on sco.sheet_id = sh.id
    join leaves l on l.id = sco.criterion_id
    join nodes n on n.id = l.id
    join criterion c on c.id = l.id
    join criterion area on area.id = l.area_id
    ${appraisalRoundsJoin('sco')}
    cross join lateral (select ${visibleSql} as visible) v
   where ${sheetsSql}${where.map((part) => ` and ${part}`).join('')}
),
filtered as (
  select * from score_rows where true
  ${filter.selfPoints?.min != null ? `and self_points >= ${q.bind(filter.selfPoints.min)}::numeric` : ''}
  ${filter.selfPoints?.max != null ? `and self_points <= ${q.bind(filter.selfPoints.max)}::numeric` : ''}
  ${filter.finalPoints?.min != null ? `and final_points >= ${q.bind(filter.finalPoints.min)}::numeric` : ''}
  ${filter.finalPoints?.max != null ? `and final_points <= ${q.bind(filter.finalPoints.max)}::numeric` : ''}
  ${filter.changedByAppraisal != null ? `and appraisal_visible and (final_points is distinct from self_points) = ${q.bind(filter.changedByAppraisal)}` : ''}
)`;
}

const SCORE_ORDER: Record<ScoreOrderField, string> = {
  UNIT_CODE: 'unit_code',
  CRITERION_CODE: 'sort_path',
  SELF_POINTS: 'self_points',
  FINAL_POINTS: 'final_points',
  GAP: '(final_points - self_points)',
};

export interface ScoreRow {
  id: number;
  periodId: number;
  unit: UnitView;
  criterionId: number;
  criterionCode: string;
  criterionTitle: string;
  maxPoints: string;
  kind: string;
  areaCode: string;
  areaTitle: string;
  sheetStatus: string;
  applicable: boolean;
  selfPoints: string | null;
  appraisalVisible: boolean;
  round1Points: string | null;
  round2Points: string | null;
  finalPoints: string | null;
}

export interface PointStats {
  sum: string | null;
  avg: string | null;
  min: string | null;
  max: string | null;
}
export interface ScoreStats {
  count: number;
  self: PointStats;
  final: PointStats;
}

const stats = (row: Record<string, unknown> | undefined, prefix: string): PointStats => ({
  sum: decimalText(row?.[`${prefix}_sum`]),
  avg: decimalText(row?.[`${prefix}_avg`]),
  min: decimalText(row?.[`${prefix}_min`]),
  max: decimalText(row?.[`${prefix}_max`]),
});
const statColumns = (column: string, prefix: string) =>
  `sum(${column}) as ${prefix}_sum, round(avg(${column}), 2) as ${prefix}_avg, min(${column}) as ${prefix}_min, max(${column}) as ${prefix}_max`;

/** One page of score rows with the totals of every matching row: one statement. */
export async function queryScores(
  em: EntityManager,
  actor: Actor,
  filter: ScoreQueryFilter,
  orderBy: Order<ScoreOrderField>[] | null | undefined,
  offset: number,
  limit: number,
): Promise<{ stats: ScoreStats; rows: ScoreRow[] }> {
  const q = new SqlBuilder();
  const ctes = scoreRowsCte(q, actor, filter);
  if (!ctes) return { stats: { count: 0, self: stats(undefined, 'self'), final: stats(undefined, 'final') }, rows: [] };
  const order = [
    ...(orderBy ?? []).map((o) => `${SCORE_ORDER[o.field]} ${o.direction === 'DESC' ? 'desc' : 'asc'} nulls last`),
    'unit_code',
    'sort_path',
    'id',
  ].join(', ');
  const sql = `with recursive ${ctes},
stats as (select count(*)::int as total_count, ${statColumns('self_points', 'self')}, ${statColumns('final_points', 'final')} from filtered),
page as (
  select * from (select f.*, row_number() over (order by ${order}) as position from filtered f) numbered
   where position > ${q.bind(offset)} and position <= ${q.bind(offset + limit)}
)
select st.*, pg.* from stats st left join page pg on true order by pg.position`;
  const raw = await executeOnReplica<Record<string, unknown>[]>(em, sql, q.params);
  const first = raw[0];
  return {
    stats: { count: Number(first?.total_count ?? 0), self: stats(first, 'self'), final: stats(first, 'final') },
    rows: raw
      .filter((row) => row.id != null)
      .map((row) => ({
        id: Number(row.id),
        periodId: Number(row.period_id),
        unit: unitOf(row),
        criterionId: Number(row.criterion_id),
        criterionCode: String(row.criterion_code),
        criterionTitle: String(row.criterion_title),
        maxPoints: decimalText(row.max_points)!,
        kind: String(row.kind),
        areaCode: String(row.area_code),
        areaTitle: String(row.area_title),
        sheetStatus: String(row.sheet_status),
        applicable: Boolean(row.applicable),
        selfPoints: decimalText(row.self_points),
        appraisalVisible: Boolean(row.appraisal_visible),
        round1Points: decimalText(row.round1_points),
        round2Points: decimalText(row.round2_points),
        finalPoints: decimalText(row.final_points),
      })),
  };
}

const GROUP: Record<ScoreGroupBy, { key: string; label: string; sort: string }> = {
  UNIT: { key: 'unit_code', label: 'min(unit_name)', sort: 'unit_code' },
  AREA: { key: 'area_code', label: 'min(area_title)', sort: 'min(sort_path[1])' },
  CRITERION: { key: 'criterion_code', label: 'min(criterion_title)', sort: 'min(sort_path)' },
  BLOCK: { key: 'block::text', label: 'min(block::text)', sort: 'block::text' },
};
const GROUP_ORDER: Record<ScoreGroupOrderField, string> = {
  KEY: 'sort_key',
  COUNT: 'count',
  SELF_SUM: 'self_sum',
  FINAL_SUM: 'final_sum',
  FINAL_AVERAGE: 'final_avg',
};

export interface ScoreGroupRow {
  key: string;
  label: string;
  count: number;
  scoredCount: number;
  applicableCount: number;
  self: PointStats;
  final: PointStats;
}

/**
 * count, sum, avg, min and max of the self and final points, grouped by unit, area, criterion or
 * block, over the same rows (and rules) as `queryScores`: one statement. Criterion and area codes
 * group across blocks' sets (the same code in each).
 */
export async function queryScoreGroups(
  em: EntityManager,
  actor: Actor,
  filter: ScoreQueryFilter,
  groupBy: ScoreGroupBy,
  orderBy: Order<ScoreGroupOrderField> | null | undefined,
  offset: number,
  limit: number,
): Promise<{ totalCount: number; rows: ScoreGroupRow[] }> {
  const q = new SqlBuilder();
  const ctes = scoreRowsCte(q, actor, filter);
  if (!ctes) return { totalCount: 0, rows: [] };
  const group = GROUP[groupBy];
  const order = orderBy ?? { field: 'KEY', direction: 'ASC' };
  const sql = `with recursive ${ctes},
grouped as (
  select ${group.key} as key, ${group.label} as label, ${group.sort} as sort_key, count(*)::int as count,
         count(self_points)::int as scored_count, count(*) filter (where applicable)::int as applicable_count,
         ${statColumns('self_points', 'self')}, ${statColumns('final_points', 'final')}
    from filtered group by ${group.key}
),
ordered as (select g.*, row_number() over (order by ${GROUP_ORDER[order.field]} ${order.direction === 'DESC' ? 'desc' : 'asc'} nulls last, key) as position from grouped g)
select (select count(*)::int from grouped) as total_count, o.*
  from (select 1) one
  left join ordered o on o.position > ${q.bind(offset)} and o.position <= ${q.bind(offset + limit)}
 order by o.position`;
  const raw = await executeOnReplica<Record<string, unknown>[]>(em, sql, q.params);
  return {
    totalCount: Number(raw[0]?.total_count ?? 0),
    rows: raw
      .filter((row) => row.key != null)
      .map((row) => ({
        key: String(row.key),
        label: String(row.label),
        count: Number(row.count),
        scoredCount: Number(row.scored_count),
        applicableCount: Number(row.applicable_count),
        self: stats(row, 'self'),
        final: stats(row, 'final'),
      })),
  };
}
