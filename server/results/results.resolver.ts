import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { authorize } from '../access/index.ts';
import { readablePeriod } from '../periods/index.ts';
import { PeriodView } from '../periods/index.ts';
import { connectionOf, decimalRange, pageOf, type ConnectionData } from '../shared/connection.ts';
import type { AppContext } from '../access/index.ts';
import { forbidden } from '../shared/errors.ts';
import { queryComparison } from './comparison.read.ts';
import { queryRanking, type RankingQuery, type ResultRow } from './ranking.read.ts';
import { canReadDetails, publicationLoader, resultsPeriod, type ResultsPeriod } from './results.read.ts';
import * as service from './results.service.ts';
import {
  PeriodResultConnection, PeriodResultView, ResultBasis, ResultFilter, ResultGroupInput, ResultGroupView, ResultOrder,
  ResultsPublicationView, ResultSheetState, ResultComparisonView, type CriterionComparisonView,
} from './results.types.ts';
import { groupsLoader } from './groups.read.ts';

/** A row as the caller may see it: details only for whom the rules allow. */
function toView(ctx: AppContext, period: ResultsPeriod, row: ResultRow): PeriodResultView {
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
          achieved: row.achieved, selfAchieved: row.selfAchieved, appraisedAchieved: row.appraisedAchieved,
          applicableMax: row.applicableMax, surveyPoints: row.surveyPoints, surveyMax: row.surveyMax, surveyMissing: row.surveyMissing,
          bonusRaw: row.bonusRaw, bonus: row.bonus, bonusCap: row.bonusCap,
          deductionRaw: row.deductionRaw, deduction: row.deduction, deductionCap: row.deductionCap,
          total: row.total, areas: row.areas,
        }
      : null,
  };
}

/** The filter as the ranking statement takes it, validated (ranges, decimals). */
function rankingFilter(filter: ResultFilter | undefined | null): RankingQuery['filter'] {
  if (!filter) return null;
  return {
    unitIds: filter.unitIds, groupCodes: filter.groupCodes, sheet: filter.sheet, rank: filter.rank,
    index: decimalRange(filter.index, 'filter.index'), change: decimalRange(filter.change, 'filter.change'),
  };
}

@Resolver()
export class ResultsResolver {
  @Query(() => PeriodResultConnection, {
    description: 'The ranking of a period: every unit’s index, rank within its block, group and change against the compared period '
      + '(by default the latest earlier year). Default order: block rank. One SQL statement whatever the number of units.',
  })
  async periodResults(
    @Arg('periodId', () => Int) periodId: number,
    @Arg('first', () => Int, { description: 'Page size, at most 100.' }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Arg('filter', () => ResultFilter, { nullable: true }) filter: ResultFilter | undefined,
    @Arg('orderBy', () => [ResultOrder], { nullable: true }) orderBy: ResultOrder[] | undefined,
    @Arg('compareWithPeriodId', () => Int, { nullable: true }) compareWithPeriodId: number | undefined,
    @Ctx() ctx: AppContext,
  ): Promise<ConnectionData<PeriodResultView> & Pick<PeriodResultConnection, 'aggregates'>> {
    const page = pageOf(first, after, { periodId, filter, orderBy, compareWithPeriodId });
    const period = await resultsPeriod(ctx, periodId, compareWithPeriodId);
    const { stats, rows } = await queryRanking(ctx.em, {
      periodId, previousPeriodId: period.previous?.id ?? null, block: filter?.block, filter: rankingFilter(filter),
      orderBy, offset: page.offset, limit: page.limit,
    });
    return {
      ...connectionOf(rows.map((row) => toView(ctx, period, row)), page, stats.totalCount),
      aggregates: {
        count: stats.totalCount,
        index: { avg: stats.avgIndex, min: stats.minIndex, max: stats.maxIndex },
        groups: Object.entries(stats.groupCounts).map(([code, count]) => ({ code: code || null, count })),
      },
    };
  }

  @Query(() => PeriodResultView, { nullable: true, description: 'One unit’s result (null when the unit is not assessed in the period).' })
  async unitResult(
    @Arg('periodId', () => Int) periodId: number,
    @Arg('unitId', () => Int) unitId: number,
    @Arg('compareWithPeriodId', () => Int, { nullable: true }) compareWithPeriodId: number | undefined,
    @Ctx() ctx: AppContext,
  ): Promise<PeriodResultView | null> {
    const period = await resultsPeriod(ctx, periodId, compareWithPeriodId);
    const { rows } = await queryRanking(ctx.em, {
      periodId, previousPeriodId: period.previous?.id ?? null, filter: { unitIds: [unitId] }, offset: 0, limit: 1,
    });
    return rows[0] ? toView(ctx, period, rows[0]) : null;
  }

  @Query(() => ResultComparisonView, {
    description: 'A unit’s points per area, criterion and sub-criterion against the compared period (by default the latest earlier year), '
      + 'matched by code across criteria-set versions.',
  })
  async resultComparison(
    @Arg('periodId', () => Int) periodId: number,
    @Arg('unitId', () => Int) unitId: number,
    @Arg('compareWithPeriodId', () => Int, { nullable: true }) compareWithPeriodId: number | undefined,
    @Ctx() ctx: AppContext,
  ): Promise<ResultComparisonView> {
    const period = await resultsPeriod(ctx, periodId, compareWithPeriodId);
    if (!canReadDetails(ctx, period, unitId)) throw forbidden();
    const previous = period.previous && canReadDetails(ctx, period.previous, unitId) ? period.previous : null;
    // Without a readable previous period every criterion comes back NEW.
    const criteria = await queryComparison(ctx.em, unitId, periodId, previous?.id ?? 0);
    return { periodId, previousPeriodId: previous?.id ?? null, previousYear: previous?.year ?? null, unitId, criteria: criteria as CriterionComparisonView[] };
  }

  @Query(() => [ResultGroupView], { description: 'The period’s ranking groups, highest first (the defaults when none are configured).' })
  async resultGroups(@Arg('periodId', () => Int) periodId: number, @Ctx() ctx: AppContext): Promise<ResultGroupView[]> {
    await resultsPeriod(ctx, periodId);
    return groupsLoader(ctx).load(periodId);
  }

  @Mutation(() => [ResultGroupView], { description: 'Replaces the period’s ranking groups (not after publication).' })
  async setResultGroups(
    @Arg('periodId', () => Int) periodId: number,
    @Arg('groups', () => [ResultGroupInput]) groups: ResultGroupInput[],
    @Ctx() ctx: AppContext,
  ): Promise<ResultGroupView[]> {
    const user = authorize(ctx, 'update', 'ResultGroup');
    await service.setResultGroups(ctx.em, periodId, groups, user.id);
    return groupsLoader(ctx).load(periodId);
  }

  @Mutation(() => PeriodView, {
    description: 'Publishes a FINALIZED period’s results: units then see every unit’s index and rank, analysts everything. '
      + 'Refused while survey points are missing unless allowMissingSurvey.',
  })
  async publishResults(
    @Arg('periodId', () => Int) periodId: number,
    @Arg('allowMissingSurvey', { defaultValue: false }) allowMissingSurvey: boolean,
    @Ctx() ctx: AppContext,
  ): Promise<PeriodView> {
    const user = authorize(ctx, 'publish', 'PeriodResult');
    await service.publishResults(ctx.em, periodId, user.id, allowMissingSurvey);
    return readablePeriod(ctx, periodId);
  }

  @Mutation(() => PeriodView, { description: 'Withdraws a publication (audited, with the reason).' })
  async withdrawResults(
    @Arg('periodId', () => Int) periodId: number,
    @Arg('reason') reason: string,
    @Ctx() ctx: AppContext,
  ): Promise<PeriodView> {
    const user = authorize(ctx, 'withdraw', 'PeriodResult');
    await service.withdrawResults(ctx.em, periodId, user.id, reason);
    return readablePeriod(ctx, periodId);
  }
}

@Resolver(() => PeriodView)
export class PeriodResultsFieldsResolver {
  @FieldResolver(() => ResultsPublicationView, { nullable: true, description: 'When and by whom the results were published; null until then.' })
  resultsPublication(@Root() period: PeriodView, @Ctx() ctx: AppContext): Promise<ResultsPublicationView | null> {
    return publicationLoader(ctx).load(period.id);
  }
}
