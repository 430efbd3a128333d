import type { EntityManager } from '@mikro-orm/postgresql';
import { decimalText } from '../shared/decimal.ts';
import type { SqlFragment } from '../shared/sql.ts';
import { SqlBuilder } from '../shared/sql-builder.ts';
import type { UnitBlock } from '../units/index.ts';
import { DEFAULT_GROUPS } from './groups.ts';
import { areaResultsSql, groupsCte, rankedResultsCtes } from './results.sql.ts';

export type ResultOrderField = 'RANK' | 'INDEX' | 'CHANGE' | 'TOTAL' | 'ACHIEVED' | 'UNIT_CODE' | 'UNIT_NAME' | 'BLOCK';
export type SheetState = 'NO_SHEET' | 'DRAFT' | 'SUBMITTED';
export interface DecimalRange {
  min?: string | null;
  max?: string | null;
}

export interface RankingFilter {
  unitIds?: number[] | null;
  groupCodes?: string[] | null;
  index?: DecimalRange | null;
  rank?: { min?: number | null; max?: number | null } | null;
  change?: DecimalRange | null;
  sheet?: SheetState[] | null;
}

export interface RankingQuery {
  periodId: number;
  /** Compared against (change, previous index and rank); null = no comparison. */
  previousPeriodId: number | null;
  block?: UnitBlock | null;
  filter?: RankingFilter | null;
  orderBy?: { field: ResultOrderField; direction: 'ASC' | 'DESC' }[] | null;
  offset: number;
  /** null = every row (exports). */
  limit: number | null;
  /**
   * The units' results the caller may read, on the row `r` (`r.period_id`, `r.unit_id`): see `visibleResults`.
   * Filters, counts, averages and paging see only these; ranks are still those of the whole block.
   */
  visible: SqlFragment;
  /**
   * The periods the caller found with a results snapshot (`resultsPeriod`): read from it alone, without the
   * computation's CTEs. Should one have been dropped since, `queryRanking` asks again computing it.
   */
  snapshotted?: readonly number[];
}

export interface AreaResultRow {
  code: string;
  title: string;
  achieved: string;
  applicableMax: string;
  index: string | null;
  blockAverage: string | null;
  previousIndex: string | null;
  change: string | null;
}

export interface ResultRow {
  periodId: number;
  unitId: number;
  unitCode: string;
  unitName: string;
  unitActive: boolean;
  block: UnitBlock;
  final: boolean;
  sheetState: SheetState;
  applicableMax: string;
  achieved: string;
  selfAchieved: string;
  appraisedAchieved: string;
  surveyPoints: string;
  surveyMax: string;
  surveyMissing: number;
  bonusRaw: string;
  bonus: string;
  bonusCap: string;
  deductionRaw: string;
  deduction: string;
  deductionCap: string;
  total: string;
  index: string | null;
  rank: number | null;
  blockSize: number;
  groupCode: string | null;
  groupLabel: string | null;
  groupMinIndex: string | null;
  previousIndex: string | null;
  previousRank: number | null;
  change: string | null;
  areas: AreaResultRow[];
}

export interface RankingStats {
  totalCount: number;
  avgIndex: string | null;
  minIndex: string | null;
  maxIndex: string | null;
  /** Rows per group code ('' = no group). */
  groupCounts: Record<string, number>;
}

const ORDER_COLUMN: Record<ResultOrderField, string> = {
  RANK: 'rank',
  INDEX: 'index',
  CHANGE: 'change',
  TOTAL: 'total',
  ACHIEVED: 'achieved',
  UNIT_CODE: 'unit_code',
  UNIT_NAME: 'unit_name',
  BLOCK: 'block',
};

function rangeSql(q: SqlBuilder, column: string, range: DecimalRange | null | undefined, cast = '::numeric'): string[] {
  const parts: string[] = [];
  if (range?.min != null) parts.push(`${column} >= ${q.bind(range.min)}${cast}`);
  if (range?.max != null) parts.push(`${column} <= ${q.bind(range.max)}${cast}`);
  return parts;
}

function filterSql(q: SqlBuilder, filter: RankingFilter | null | undefined): string {
  if (!filter) return 'true';
  const parts: string[] = [];
  if (filter.unitIds?.length) parts.push(`unit_id = any(${q.ints(filter.unitIds)})`);
  if (filter.groupCodes?.length) parts.push(`group_code = any(${q.texts(filter.groupCodes)})`);
  parts.push(...rangeSql(q, 'index', filter.index));
  parts.push(...rangeSql(q, 'change', filter.change));
  parts.push(...rangeSql(q, 'rank', filter.rank ? { min: filter.rank.min?.toString(), max: filter.rank.max?.toString() } : null, '::int'));
  if (filter.sheet?.length) parts.push(`sheet_state = any(${q.texts(filter.sheet)})`);
  return parts.length ? parts.join(' and ') : 'true';
}

function orderSql(orderBy: RankingQuery['orderBy']): string {
  const terms = (orderBy?.length ? orderBy : [{ field: 'RANK' as const, direction: 'ASC' as const }]).map(
    ({ field, direction }) => `${ORDER_COLUMN[field]} ${direction === 'DESC' ? 'desc' : 'asc'} nulls last`,
  );
  return [...terms, 'unit_code asc'].join(', ');
}

/**
 * The ranking of a period: every unit's totals, index, rank within its block, group, and change
 * against the previous period, with the per-area breakdown — ONE statement whatever the number
 * of units. Ranks are computed over the whole block before filters and paging apply. A published
 * period is read from its snapshot (thousands of rows), any other computed from the maintained totals.
 */
export function rankingStatement(query: RankingQuery): { sql: string; params: unknown[] } {
  // Bindings are collected in text order: every q.bind() is evaluated where it stands in the template.
  const q = new SqlBuilder();
  const periods = query.previousPeriodId === null ? [query.periodId] : [query.periodId, query.previousPeriodId];
  const previous = query.previousPeriodId ?? 0;
  const pageUnits = 'array(select unit_id from page)';
  const computed = periods.filter((id) => !query.snapshotted?.includes(id));
  const sql = `with recursive ${rankedResultsCtes(q, periods, query.block, computed)},
${groupsCte(q, [query.periodId], DEFAULT_GROUPS)},
group_ranges as (
  -- Each group up to the next one's threshold (thresholds are distinct), so a row finds its group by a range.
  select g.*, lead(g.min_index) over (partition by g.period_id order by g.min_index, g.code) as next_min_index from groups g
),
compared as (
  -- The previous period's index and rank beside each unit's row, without a join on the CTE.
  select r.*, max(r.index) filter (where r.period_id = ${q.bind(previous)}) over (partition by r.unit_id) as previous_index,
         max(r.rank) filter (where r.period_id = ${q.bind(previous)}) over (partition by r.unit_id) as previous_rank
    from results r
),
current_results as (
  select r.*, u.code as unit_code, u.name as unit_name, u.active as unit_active,
         case when r.sheet_status is null then 'NO_SHEET' else r.sheet_status end as sheet_state,
         g.code as group_code, g.label as group_label, g.min_index as group_min_index,
         r.index - r.previous_index as change
    from compared r
    join unit u on u.id = r.unit_id
    left join group_ranges g
      on g.period_id = r.period_id and r.index >= g.min_index and (g.next_min_index is null or r.index < g.next_min_index)
   where r.period_id = ${q.bind(query.periodId)} and ${q.splice(query.visible)}
),
filtered as (select * from current_results where ${filterSql(q, query.filter)}),
ordered as (select f.*, row_number() over (order by ${orderSql(query.orderBy)}) as position from filtered f),
stats as (
  select count(*)::int as total_count, round(avg(index), 2) as avg_index, min(index) as min_index, max(index) as max_index,
         (select coalesce(json_object_agg(coalesce(gc.group_code, ''), gc.n), '{}') from
            (select group_code, count(*)::int as n from filtered group by group_code) gc) as group_counts
    from filtered
),
page as (
  select * from ordered
   where position > ${q.bind(query.offset)}${query.limit === null ? '' : ` and position <= ${q.bind(query.offset + query.limit)}`}
),
area_page as materialized (
  -- The page's units only, in both periods; an array, not a join, so the planner cannot re-run a window per page row.
  ${areaResultsSql(q, query.periodId, pageUnits, computed.includes(query.periodId))}
),
area_previous as materialized (
  ${areaResultsSql(q, previous, pageUnits, computed.includes(previous))}
)
select (select n from missing_snapshots) as missing_snapshots, st.total_count, st.avg_index as stats_avg_index, st.min_index as stats_min_index, st.max_index as stats_max_index,
       st.group_counts, pg.*,
       ac.area_code, ac.area_title, ac.area_max, ac.area_achieved, ac.area_index, ac.area_block_average,
       ap.area_index as area_previous_index, ac.area_index - ap.area_index as area_change
  from stats st
  left join page pg on true
  left join area_page ac on ac.unit_id = pg.unit_id
  left join area_previous ap on ap.unit_id = ac.unit_id and ap.area_code = ac.area_code
 order by pg.position, ac.area_position`;
  return { sql, params: q.params };
}

type RawRow = Record<string, unknown>;
const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
const decimal = (value: unknown): string => decimalText(value ?? '0')!;
const optionalDecimal = decimalText;

/** Flat rows (one per unit and area) → one result per unit with its areas, in page order. */
export function assembleRanking(raw: RawRow[]): { stats: RankingStats; rows: ResultRow[] } {
  const first = raw[0];
  const stats: RankingStats = {
    totalCount: Number(first?.total_count ?? 0),
    avgIndex: optionalDecimal(first?.stats_avg_index),
    minIndex: optionalDecimal(first?.stats_min_index),
    maxIndex: optionalDecimal(first?.stats_max_index),
    groupCounts: (typeof first?.group_counts === 'string' ? JSON.parse(first.group_counts) : (first?.group_counts ?? {})) as Record<
      string,
      number
    >,
  };
  const rows: ResultRow[] = [];
  let row: ResultRow | undefined;
  for (const r of raw) {
    if (r.unit_id === null || r.unit_id === undefined) continue;
    if (!row || row.unitId !== r.unit_id) {
      row = {
        periodId: Number(r.period_id),
        unitId: Number(r.unit_id),
        unitCode: String(r.unit_code),
        unitName: String(r.unit_name),
        unitActive: Boolean(r.unit_active),
        block: r.block as UnitBlock,
        final: Boolean(r.final),
        sheetState: r.sheet_state as SheetState,
        applicableMax: decimal(r.max),
        achieved: decimal(r.achieved),
        selfAchieved: decimal(r.self_achieved),
        appraisedAchieved: decimal(r.appraised_achieved),
        surveyPoints: decimal(r.survey),
        surveyMax: decimal(r.survey_max),
        surveyMissing: Number(r.survey_missing),
        bonusRaw: decimal(r.bonus_raw),
        bonus: decimal(r.bonus),
        bonusCap: decimal(r.bonus_cap),
        deductionRaw: decimal(r.deduction_raw),
        deduction: decimal(r.deduction),
        deductionCap: decimal(r.deduction_cap),
        total: decimal(r.total),
        index: optionalDecimal(r.index),
        rank: r.rank === null ? null : Number(r.rank),
        blockSize: Number(r.block_size),
        groupCode: text(r.group_code),
        groupLabel: text(r.group_label),
        groupMinIndex: optionalDecimal(r.group_min_index),
        previousIndex: optionalDecimal(r.previous_index),
        previousRank: r.previous_rank === null || r.previous_rank === undefined ? null : Number(r.previous_rank),
        change: optionalDecimal(r.change),
        areas: [],
      };
      rows.push(row);
    }
    if (r.area_code !== null && r.area_code !== undefined) {
      row.areas.push({
        code: String(r.area_code),
        title: String(r.area_title),
        achieved: decimal(r.area_achieved),
        applicableMax: decimal(r.area_max),
        index: optionalDecimal(r.area_index),
        blockAverage: optionalDecimal(r.area_block_average),
        previousIndex: optionalDecimal(r.area_previous_index),
        change: optionalDecimal(r.area_change),
      });
    }
  }
  return { stats, rows };
}

export async function queryRanking(em: EntityManager, query: RankingQuery): Promise<{ stats: RankingStats; rows: ResultRow[] }> {
  const { sql, params } = rankingStatement(query);
  const raw = await em.execute<RawRow[]>(sql, params);
  // A snapshot dropped since the caller looked (a withdrawal, a correction): its rows are missing; compute them.
  if (Number(raw[0]?.missing_snapshots ?? 0) > 0) return queryRanking(em, { ...query, snapshotted: [] });
  return assembleRanking(raw);
}
