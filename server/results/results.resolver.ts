import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireUser, type AppContext } from '../access/index.ts';
import { PeriodView, readablePeriod } from '../periods/index.ts';
import { SheetArgs } from '../scoring/index.ts';
import { connectionOf, PageArgs, pageOf, type ConnectionData } from '../shared/connection.ts';
import { forbidden } from '../shared/errors.ts';
import { groupsLoader } from './groups.read.ts';
import {
  canReadUnitResult,
  publicationLoader,
  rankingFilter,
  rankingOf,
  readableComparison,
  resultsPeriod,
  resultView,
} from './results.read.ts';
import * as service from './results.service.ts';
import {
  PeriodResultConnection,
  PeriodResultView,
  ResultComparisonView,
  ResultFilter,
  ResultGroupInput,
  ResultGroupView,
  ResultOrder,
  ResultsPublicationView,
} from './results.types.ts';
import { IdArg } from '../shared/args.ts';

@Resolver()
export class ResultsResolver {
  @Query(() => PeriodResultConnection, {
    description:
      'The ranking of a period: every unit’s index, rank within its block, group and change against the compared period ' +
      '(by default the latest earlier year). Default order: block rank. One SQL statement whatever the number of units.',
  })
  async periodResults(
    @IdArg('periodId') periodId: number,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Arg('filter', () => ResultFilter, { nullable: true }) filter: ResultFilter | undefined,
    @Arg('orderBy', () => [ResultOrder], { nullable: true }) orderBy: ResultOrder[] | undefined,
    @IdArg('compareWithPeriodId', { nullable: true }) compareWithPeriodId: number | undefined,
    @Ctx() ctx: AppContext,
  ): Promise<ConnectionData<PeriodResultView> & Pick<PeriodResultConnection, 'aggregates'>> {
    const page = pageOf(first, after, { periodId, filter, orderBy, compareWithPeriodId });
    const period = await resultsPeriod(ctx, periodId, compareWithPeriodId);
    const { stats, rows } = await rankingOf(ctx, period, {
      block: filter?.block,
      filter: rankingFilter(filter),
      orderBy,
      offset: page.offset,
      limit: page.limit,
    });
    return {
      ...connectionOf(
        rows.map((row) => resultView(ctx, period, row)),
        page,
        stats.totalCount,
      ),
      aggregates: {
        count: stats.totalCount,
        index: { avg: stats.avgIndex, min: stats.minIndex, max: stats.maxIndex },
        groups: Object.entries(stats.groupCounts).map(([code, count]) => ({ code: code || null, count })),
      },
    };
  }

  @Query(() => PeriodResultView, { nullable: true, description: 'One unit’s result (null when the unit is not assessed in the period).' })
  async unitResult(
    @Args(() => SheetArgs) { periodId, unitId }: SheetArgs,
    @IdArg('compareWithPeriodId', { nullable: true }) compareWithPeriodId: number | undefined,
    @Ctx() ctx: AppContext,
  ): Promise<PeriodResultView | null> {
    const period = await resultsPeriod(ctx, periodId, compareWithPeriodId);
    if (!canReadUnitResult(ctx, period, unitId)) throw forbidden();
    const { rows } = await rankingOf(ctx, period, { filter: { unitIds: [unitId] }, offset: 0, limit: 1 });
    return rows[0] ? resultView(ctx, period, rows[0]) : null;
  }

  @Query(() => ResultComparisonView, {
    description:
      'A unit’s points per area, criterion and sub-criterion against the compared period (by default the latest earlier year), ' +
      'matched by code across criteria-set versions.',
  })
  async resultComparison(
    @Args(() => SheetArgs) { periodId, unitId }: SheetArgs,
    @IdArg('compareWithPeriodId', { nullable: true }) compareWithPeriodId: number | undefined,
    @Ctx() ctx: AppContext,
  ): Promise<ResultComparisonView> {
    return readableComparison(ctx, periodId, unitId, compareWithPeriodId);
  }

  @Query(() => [ResultGroupView], { description: 'The period’s ranking groups, highest first (the defaults when none are configured).' })
  async resultGroups(@IdArg('periodId') periodId: number, @Ctx() ctx: AppContext): Promise<ResultGroupView[]> {
    await resultsPeriod(ctx, periodId);
    return groupsLoader(ctx).load(periodId);
  }

  @Mutation(() => [ResultGroupView], { description: 'Replaces the period’s ranking groups (not after publication).' })
  async setResultGroups(
    @IdArg('periodId') periodId: number,
    @Arg('groups', () => [ResultGroupInput]) groups: ResultGroupInput[],
    @Ctx() ctx: AppContext,
  ): Promise<ResultGroupView[]> {
    await service.setResultGroups(ctx.em, requireUser(ctx), periodId, groups);
    return groupsLoader(ctx).load(periodId);
  }

  @Mutation(() => PeriodView, {
    description:
      'Publishes a FINALIZED period’s results: units then see every unit’s index and rank, analysts everything. ' +
      'Refused while survey points are missing unless allowMissingSurvey.',
  })
  async publishResults(
    @IdArg('periodId') periodId: number,
    @Arg('allowMissingSurvey', { defaultValue: false }) allowMissingSurvey: boolean,
    @Ctx() ctx: AppContext,
  ): Promise<PeriodView> {
    await service.publishResults(ctx.em, requireUser(ctx), periodId, allowMissingSurvey);
    return readablePeriod(ctx, periodId);
  }

  @Mutation(() => PeriodView, { description: 'Withdraws a publication (audited, with the reason).' })
  async withdrawResults(@IdArg('periodId') periodId: number, @Arg('reason') reason: string, @Ctx() ctx: AppContext): Promise<PeriodView> {
    await service.withdrawResults(ctx.em, requireUser(ctx), periodId, reason);
    return readablePeriod(ctx, periodId);
  }
}

@Resolver(() => PeriodView)
export class PeriodResultsFieldsResolver {
  @FieldResolver(() => ResultsPublicationView, {
    nullable: true,
    description: 'When and by whom the results were published; null until then.',
  })
  resultsPublication(@Root() period: PeriodView, @Ctx() ctx: AppContext): Promise<ResultsPublicationView | null> {
    return publicationLoader(ctx).load(period.id);
  }
}
