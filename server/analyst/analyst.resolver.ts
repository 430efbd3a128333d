import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { requireUser, type Actor, type AppContext } from '../access/index.ts';
import type { FeedbackResolution } from '../consultation/index.ts';
import type { CriterionKind } from '../criteria/index.ts';
import type { ResultSheetState } from '../results/index.ts';
import { connectionOf, decimalRange, PageArgs, pageOf, type ConnectionData } from '../shared/connection.ts';
import {
  CommentRecordConnection,
  CommentRecordFilter,
  CommentRecordView,
  EvidenceRecordConnection,
  EvidenceRecordFilter,
  EvidenceRecordView,
  FeedbackRecordConnection,
  FeedbackRecordFilter,
  ScoreGroupBy,
  ScoreGroupConnection,
  ScoreGroupOrder,
  ScoreGroupView,
  ScoreRecordConnection,
  ScoreRecordFilter,
  ScoreRecordOrder,
  ScoreRecordView,
} from './analyst.types.ts';
import { queryComments, queryFeedback, type FeedbackRecordRow } from './discussion.read.ts';
import { queryEvidence } from './evidence.read.ts';
import { queryScoreGroups, queryScores, type ScoreQueryFilter } from './scores.read.ts';

function scoreFilter(filter: ScoreRecordFilter): ScoreQueryFilter {
  return {
    ...filter,
    selfPoints: decimalRange(filter.selfPoints, 'filter.selfPoints'),
    finalPoints: decimalRange(filter.finalPoints, 'filter.finalPoints'),
  };
}

/** A page of the records `query` reads for the caller by `filter`, and `aggregates` of what it counted over every match. */
async function filteredPage<F, R extends { totalCount: number; rows: object[] }, A>(
  ctx: AppContext,
  filter: F,
  { first, after }: PageArgs,
  query: (em: EntityManager, actor: Actor, filter: F, offset: number, limit: number) => Promise<R>,
  aggregates: (found: R) => A,
): Promise<ConnectionData<R['rows'][number]> & { aggregates: A }> {
  const actor = requireUser(ctx);
  const page = pageOf(first, after, { filter });
  const found = await query(ctx.em, actor, filter, page.offset, page.limit);
  return { ...connectionOf(found.rows, page, found.totalCount), aggregates: aggregates(found) };
}

/** The analysts' view of the scores: any filter, sort and grouping, under the same CASL rules as the portal. */
@Resolver()
export class AnalystResolver {
  @Query(() => ScoreRecordConnection, {
    description: 'Score rows of a period (sheets the caller may read), filtered, sorted and paged; with totals.',
  })
  async scoreRecords(
    @Arg('filter', () => ScoreRecordFilter) filter: ScoreRecordFilter,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Arg('orderBy', () => [ScoreRecordOrder], { nullable: true }) orderBy: ScoreRecordOrder[] | undefined,
    @Ctx() ctx: AppContext,
  ): Promise<ConnectionData<ScoreRecordView> & Pick<ScoreRecordConnection, 'aggregates'>> {
    const actor = requireUser(ctx);
    const page = pageOf(first, after, { filter, orderBy });
    const { stats, rows } = await queryScores(ctx.em, actor, scoreFilter(filter), orderBy, page.offset, page.limit);
    const nodes: ScoreRecordView[] = rows.map((row) => ({
      id: row.id,
      periodId: row.periodId,
      unit: row.unit,
      criterion: {
        id: row.criterionId,
        code: row.criterionCode,
        title: row.criterionTitle,
        maxPoints: row.maxPoints,
        kind: row.kind as CriterionKind,
      },
      areaCode: row.areaCode,
      areaTitle: row.areaTitle,
      sheetStatus: row.sheetStatus as ResultSheetState,
      applicable: row.applicable,
      selfPoints: row.selfPoints,
      appraisalVisible: row.appraisalVisible,
      round1Points: row.round1Points,
      round2Points: row.round2Points,
      finalPoints: row.finalPoints,
    }));
    return { ...connectionOf(nodes, page, stats.count), aggregates: stats };
  }

  @Query(() => EvidenceRecordConnection, {
    description: 'Evidence documents’ metadata of the sheets the caller may read, filtered and paged.',
  })
  async evidenceRecords(
    @Arg('filter', () => EvidenceRecordFilter) filter: EvidenceRecordFilter,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: AppContext,
  ): Promise<ConnectionData<EvidenceRecordView> & Pick<EvidenceRecordConnection, 'aggregates'>> {
    return filteredPage(ctx, filter, page, queryEvidence, ({ totalCount, totalBytes }) => ({ count: totalCount, totalBytes }));
  }

  @Query(() => CommentRecordConnection, {
    description: 'Appraisal comments of the sheets under review the caller may read, filtered and paged.',
  })
  async commentRecords(
    @Arg('filter', () => CommentRecordFilter) filter: CommentRecordFilter,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: AppContext,
  ): Promise<ConnectionData<CommentRecordView> & Pick<CommentRecordConnection, 'aggregates'>> {
    return filteredPage(ctx, filter, page, queryComments, ({ totalCount, resolvedCount }) => ({ count: totalCount, resolvedCount }));
  }

  @Query(() => FeedbackRecordConnection, {
    description: 'Consultation feedback and its answers, as far as the caller may read them, filtered and paged.',
  })
  async feedbackRecords(
    @Arg('filter', () => FeedbackRecordFilter, { nullable: true }) filter: FeedbackRecordFilter | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: AppContext,
  ): Promise<ConnectionData<FeedbackRecordRow> & Pick<FeedbackRecordConnection, 'aggregates'>> {
    return filteredPage(ctx, filter ?? {}, page, queryFeedback, ({ totalCount, byResolution }) => ({
      count: totalCount,
      byResolution: Object.entries(byResolution).map(([resolution, count]) => ({
        resolution: (resolution || null) as FeedbackResolution | null,
        count,
      })),
    }));
  }

  @Query(() => ScoreGroupConnection, {
    description: 'count, sum, avg, min, max of self and final points grouped by unit, area, criterion or block.',
  })
  async scoreAggregates(
    @Arg('filter', () => ScoreRecordFilter) filter: ScoreRecordFilter,
    @Arg('groupBy', () => ScoreGroupBy) groupBy: ScoreGroupBy,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Arg('orderBy', () => ScoreGroupOrder, { nullable: true }) orderBy: ScoreGroupOrder | undefined,
    @Ctx() ctx: AppContext,
  ): Promise<ConnectionData<ScoreGroupView>> {
    const actor = requireUser(ctx);
    const page = pageOf(first, after, { filter, groupBy, orderBy });
    const { totalCount, rows } = await queryScoreGroups(ctx.em, actor, scoreFilter(filter), groupBy, orderBy, page.offset, page.limit);
    return connectionOf(rows, page, totalCount);
  }
}
