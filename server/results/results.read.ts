import { subject as asSubject } from '@casl/ability';
import type DataLoader from 'dataloader';
import { authorize, permissionSql, requestLoader, requireUser, type AppContext } from '../access/index.ts';
import { periodNotFound, type PeriodStatus } from '../periods/index.ts';
import { unitNotFound, type UnitBlock } from '../units/index.ts';
import { decimalRange } from '../shared/connection.ts';
import { AppError, forbidden } from '../shared/errors.ts';
import { intArray, type SqlFragment } from '../shared/sql.ts';
import { queryComparison } from './comparison.read.ts';
import { queryRanking, type RankingQuery, type ResultRow } from './ranking.read.ts';
import { periodResultColumns } from './results.permissions.ts';
import {
  type CriterionComparisonView,
  type PeriodResultView,
  ResultBasis,
  type ResultComparisonView,
  type ResultFilter,
  type ResultSheetState,
  type ResultsPublicationView,
} from './results.types.ts';

export interface ResultsPeriod {
  id: number;
  year: number;
  status: PeriodStatus;
  published: boolean;
  /** Whether its results snapshot was there (a published period's, see `snapshotResults`). */
  snapshot: boolean;
  /** The period compared against, when the caller may read its results. */
  previous: { id: number; year: number; published: boolean; snapshot: boolean } | null;
}

interface PeriodRow {
  id: number;
  year: number;
  status: PeriodStatus;
  published: boolean;
  snapshot: boolean;
  previous_id: number | null;
  previous_year: number | null;
  previous_published: boolean | null;
  previous_snapshot: boolean | null;
}

/** Whether the caller may read results of a period in that publication state (the `summary` at least). */
export const canReadResults = (ctx: AppContext, period: { id: number; published: boolean }) =>
  ctx.ability.can('read', asSubject('PeriodResult', { period: period.id, published: period.published }));

/** Whether the caller may read one unit's full result (details, areas, its scores' appraisal). */
export const canReadDetails = (ctx: AppContext, period: { id: number; published: boolean }, unitId: number) =>
  ctx.ability.can('read', asSubject('PeriodResult', { period: period.id, published: period.published, unit: unitId }), 'details');

/** Whether the caller may read one unit's result in the ranking (its index and rank, the `summary` at least). */
export const canReadUnitResult = (ctx: AppContext, period: { id: number; published: boolean }, unitId: number) =>
  ctx.ability.can('read', asSubject('PeriodResult', { period: period.id, published: period.published, unit: unitId }));

/**
 * The units' results the caller may read, as SQL on the period and unit expressions given: the PeriodResult rules
 * (`field` 'details' for what only the unit's full result shows). Every read of results, listed or aggregated, is
 * narrowed by it, so a member of a unit (an appraiser too) meets nothing of that unit before publication: not its
 * row, nor its index in an average, a count or a filter.
 */
export function visibleResults(ctx: AppContext, period: string, unit: string, field?: 'details'): SqlFragment {
  return permissionSql(ctx.ability, 'read', 'PeriodResult', periodResultColumns(period, unit), field) ?? { sql: 'false', bindings: [] };
}

/**
 * A period, its publication state and the period to compare with (`compareWith`, else the latest
 * period of an earlier year), in one statement. FORBIDDEN when the caller may not read its
 * results yet (not published); the comparison is dropped when its results are not readable.
 */
export async function resultsPeriod(ctx: AppContext, periodId: number, compareWith?: number | null): Promise<ResultsPeriod> {
  const actor = requireUser(ctx);
  const key = `results-period:${periodId}:${compareWith ?? ''}`;
  const cached = ctx.memo.get(key) as ResultsPeriod | undefined;
  if (cached) return cached;
  const [row] = await ctx.em.execute<PeriodRow[]>(
    `select p.id, p.year, p.status, exists (select 1 from period_publication pp where pp.period_id = p.id) as published,
            exists (select 1 from result_snapshot rs where rs.period_id = p.id) as snapshot,
            prev.id as previous_id, prev.year as previous_year,
            exists (select 1 from period_publication pp where pp.period_id = prev.id) as previous_published,
            exists (select 1 from result_snapshot rs where rs.period_id = prev.id) as previous_snapshot
       from period p
       left join lateral (
         select q.id, q.year from period q
          where case when ?::int is null then q.year < p.year else q.id = ?::int end
          order by q.year desc, q.id desc limit 1
       ) prev on true
      where p.id = ?`,
    [compareWith ?? null, compareWith ?? null, periodId],
  );
  if (!row) throw periodNotFound(actor, periodId);
  if (compareWith != null && row.previous_id === null) throw periodNotFound(actor, compareWith);
  const period: ResultsPeriod = {
    id: row.id,
    year: row.year,
    status: row.status,
    published: row.published,
    snapshot: row.snapshot,
    previous: null,
  };
  if (!canReadResults(ctx, period)) {
    // "Not published yet" only to who may see the period at all: for any other it would tell that the id exists.
    const seen = ctx.ability.can('read', asSubject('Period', { id: row.id, status: row.status }));
    if (!seen || !ctx.ability.can('read', 'PeriodResult')) throw forbidden();
    throw new AppError(
      'FORBIDDEN',
      {
        vi: 'Kết quả của kỳ đánh giá này chưa được công bố.',
        en: 'The results of this period are not published yet.',
      },
      { reason: 'NOT_PUBLISHED' },
    );
  }
  if (row.previous_id !== null) {
    const previous = {
      id: row.previous_id,
      year: row.previous_year!,
      published: Boolean(row.previous_published),
      snapshot: Boolean(row.previous_snapshot),
    };
    // Compared only with a period whose results the caller sees as fully as this one's: a member of a unit is never
    // shown the change against an unpublished year of their own unit.
    const ownHidden =
      actor.unitId !== null && canReadUnitResult(ctx, period, actor.unitId) && !canReadUnitResult(ctx, previous, actor.unitId);
    if (canReadResults(ctx, previous) && !ownHidden) period.previous = previous;
  }
  ctx.memo.set(key, period);
  return period;
}

/** The periods of `period` (and the one it is compared with) whose ranking reads a snapshot (`RankingQuery.snapshotted`). */
const snapshottedPeriods = (period: ResultsPeriod): number[] => [period, period.previous].flatMap((p) => (p?.snapshot ? [p.id] : []));

/**
 * The ranking of `period` as the caller may see it: compared with `period.previous`, over the results the caller
 * may read, from the snapshots `resultsPeriod` found. `query` says which rows and in what order.
 */
export const rankingOf = (
  ctx: AppContext,
  period: ResultsPeriod,
  query: Omit<RankingQuery, 'periodId' | 'previousPeriodId' | 'visible' | 'snapshotted'>,
) =>
  queryRanking(ctx.em, {
    ...query,
    periodId: period.id,
    previousPeriodId: period.previous?.id ?? null,
    visible: visibleResults(ctx, 'r.period_id', 'r.unit_id'),
    snapshotted: snapshottedPeriods(period),
  });

/** Publication of each period, batched per request. */
export function publicationLoader(ctx: AppContext): DataLoader<number, ResultsPublicationView | null> {
  return requestLoader<ResultsPublicationView | null>(ctx, publicationLoader, async (ids) => {
    const rows = await ctx.em.execute<{ period_id: number; published_at: Date; display_name: string }[]>(
      `select pp.period_id, pp.published_at, u.display_name
       from period_publication pp join app_user u on u.id = pp.published_by_id
      where pp.period_id = any(?::int[])`,
      [intArray(ids)],
    );
    const byId = new Map(rows.map((row) => [row.period_id, { publishedAt: new Date(row.published_at), publishedBy: row.display_name }]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** The period, when the caller may read its calibration (secretariat and appraisers; analysts once published). */
export async function readableCalibration(ctx: AppContext, periodId: number): Promise<ResultsPeriod> {
  const period = await resultsPeriod(ctx, periodId);
  authorize(requireUser(ctx), 'read', 'Calibration', { period: period.id, published: period.published });
  return period;
}

/** A row as the caller may see it: details only for whom the rules allow. */
export function resultView(ctx: AppContext, period: ResultsPeriod, row: ResultRow): PeriodResultView {
  const details = canReadDetails(ctx, period, row.unitId);
  return {
    periodId: row.periodId,
    unit: { id: row.unitId, code: row.unitCode, name: row.unitName, block: row.block, active: row.unitActive },
    index: row.index,
    rank: row.rank,
    blockSize: row.blockSize,
    group: row.groupCode === null ? null : { code: row.groupCode, label: row.groupLabel!, minIndex: row.groupMinIndex! },
    previousPeriodId: period.previous?.id ?? null,
    previousIndex: row.previousIndex,
    previousRank: row.previousRank,
    change: row.change,
    published: period.published,
    details: details
      ? {
          basis: row.final ? ResultBasis.APPRAISED : ResultBasis.SELF_ASSESSED,
          sheetState: row.sheetState as ResultSheetState,
          achieved: row.achieved,
          selfAchieved: row.selfAchieved,
          appraisedAchieved: row.appraisedAchieved,
          applicableMax: row.applicableMax,
          surveyPoints: row.surveyPoints,
          surveyMax: row.surveyMax,
          surveyMissing: row.surveyMissing,
          bonusRaw: row.bonusRaw,
          bonus: row.bonus,
          bonusCap: row.bonusCap,
          deductionRaw: row.deductionRaw,
          deduction: row.deduction,
          deductionCap: row.deductionCap,
          total: row.total,
          areas: row.areas,
        }
      : null,
  };
}

/** The filter as the ranking statement takes it, validated (ranges, decimals). */
export function rankingFilter(filter: ResultFilter | undefined | null): RankingQuery['filter'] {
  if (!filter) return null;
  return {
    unitIds: filter.unitIds,
    groupCodes: filter.groupCodes,
    sheet: filter.sheet,
    rank: filter.rank,
    index: decimalRange(filter.index, 'filter.index'),
    change: decimalRange(filter.change, 'filter.change'),
  };
}

/**
 * A unit's points per area, criterion and sub-criterion against the compared period, for whom may
 * read the unit's details (FORBIDDEN otherwise); without a readable previous period every criterion is NEW.
 */
export async function readableComparison(
  ctx: AppContext,
  periodId: number,
  unitId: number,
  compareWith: number | undefined,
): Promise<ResultComparisonView> {
  const period = await resultsPeriod(ctx, periodId, compareWith);
  if (!canReadDetails(ctx, period, unitId)) throw forbidden();
  const previous = period.previous && canReadDetails(ctx, period.previous, unitId) ? period.previous : null;
  const criteria = await queryComparison(ctx.em, unitId, periodId, previous?.id ?? 0);
  return {
    periodId,
    previousPeriodId: previous?.id ?? null,
    previousYear: previous?.year ?? null,
    unitId,
    criteria: criteria as CriterionComparisonView[],
  };
}

/**
 * The period and unit of a score-sheet export, for the unit's own staff (under the scoring rules)
 * or whoever may read the unit's result details: NOT_FOUND or FORBIDDEN otherwise.
 */
export async function exportableSheet(ctx: AppContext, periodId: number, unitId: number) {
  const actor = requireUser(ctx);
  const [row] = await ctx.em.execute<
    { year: number | null; published: boolean; code: string; name: string; block: UnitBlock; sheet_id: number | null }[]
  >(
    `select p.year, exists (select 1 from period_publication pp where pp.period_id = p.id) as published, u.code, u.name, u.block,
            sh.id as sheet_id
       from unit u left join period p on p.id = ?
       left join score_sheet sh on sh.period_id = p.id and sh.unit_id = u.id
      where u.id = ?`,
    [periodId, unitId],
  );
  if (!row) throw unitNotFound(actor, unitId);
  if (row.year === null) throw periodNotFound(actor, periodId);
  const period = { id: periodId, year: row.year, published: row.published };
  const ownSheet = actor.ability.can('read', asSubject('ScoreSheet', { unit: unitId, period: periodId }));
  if (!ownSheet && !canReadDetails(ctx, period, unitId)) throw forbidden();
  return { period, unit: { id: unitId, code: row.code, name: row.name, block: row.block }, sheetId: row.sheet_id };
}

/** The period of a survey import template, for the secretariat: NOT_FOUND or FORBIDDEN otherwise. */
export async function surveyTemplatePeriod(ctx: AppContext, periodId: number): Promise<{ id: number; year: number }> {
  const actor = requireUser(ctx);
  authorize(actor, 'import', 'SurveyResult');
  const [period] = await ctx.em.execute<{ id: number; year: number }[]>('select id, year from period where id = ?', [periodId]);
  if (!period) throw periodNotFound(actor, periodId);
  return period;
}
