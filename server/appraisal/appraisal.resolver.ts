import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { authorize, requireUser } from '../access/index.ts';
import type { AppContext } from '../access/index.ts';
import { notFound } from '../shared/errors.ts';
import { findReview, querySheetSummaries, reviewSubject, type ReviewKey, type ReviewRow } from './appraisal.read.ts';
import * as service from './appraisal.service.ts';
import {
  AnswerExplanationInput, AppraisalItemView, EvidenceCheckView, AppraisalQueueView, AppraiseInput, AuditEntryView, EvidenceVerdictInput,
  QueueFilter, RequestExplanationInput, SheetAppraisalView, SheetReviewSummaryView,
} from './appraisal.types.ts';
import { readableCycle } from './cycle.resolver.ts';
import { verifyEvidence } from './evidence.read.ts';
import { answerExplanation, lockExplanation } from './explanation.service.ts';
import { queryScoreHistory } from './history.read.ts';
import { queryQueue } from './queue.read.ts';
import { buildSheetAppraisal } from './sheet.read.ts';

const SHEET = { vi: 'bảng điểm đang thẩm định', en: 'Sheet under appraisal' };

/** A sheet under review the caller may act on with `action`: NOT_FOUND or FORBIDDEN otherwise. */
export async function authorizedReview(ctx: AppContext, key: ReviewKey, action = 'read'): Promise<ReviewRow> {
  requireUser(ctx);
  const review = await findReview(ctx.em, key);
  if (!review) throw notFound(SHEET, Object.values(key).join('/'));
  authorize(ctx, action, 'SheetReview', reviewSubject(review));
  return review;
}

const actor = (ctx: AppContext): service.Actor => ({ user: requireUser(ctx), ability: ctx.ability });

async function itemView(ctx: AppContext, scoreId: number): Promise<AppraisalItemView> {
  const review = await authorizedReview(ctx, { scoreId });
  return (await buildSheetAppraisal(ctx, review)).items.find((item) => item.scoreId === scoreId)!;
}

@Resolver()
export class AppraisalResolver {
  @Query(() => AppraisalQueueView, { description: 'The caller’s appraisal work in a period (secretariat: everyone’s, or one appraiser’s).' })
  async appraisalQueue(
    @Arg('periodId', () => Int) periodId: number,
    @Arg('filter', () => QueueFilter, { nullable: true }) filter: QueueFilter | undefined,
    @Ctx() ctx: AppContext,
  ): Promise<AppraisalQueueView> {
    const cycle = await readableCycle(ctx, periodId);
    return { cycle, ...(await queryQueue(ctx, cycle, filter)) };
  }

  @Query(() => [SheetReviewSummaryView], { description: 'Sheets under review the caller may read, with progress.' })
  async sheetReviews(@Arg('periodId', () => Int) periodId: number, @Ctx() ctx: AppContext): Promise<SheetReviewSummaryView[]> {
    requireUser(ctx);
    return querySheetSummaries(ctx, periodId);
  }

  @Query(() => SheetAppraisalView, { description: 'A unit’s sheet under appraisal: each sub-criterion with self and appraised scores, evidence and requests.' })
  async sheetAppraisal(
    @Arg('periodId', () => Int) periodId: number,
    @Arg('unitId', () => Int) unitId: number,
    @Ctx() ctx: AppContext,
  ): Promise<SheetAppraisalView> {
    return buildSheetAppraisal(ctx, await authorizedReview(ctx, { periodId, unitId }));
  }

  @Query(() => [AuditEntryView], { description: 'Every recorded change to one sub-criterion’s appraisal, oldest first.' })
  async appraisalHistory(@Arg('scoreId', () => Int) scoreId: number, @Ctx() ctx: AppContext): Promise<AuditEntryView[]> {
    const review = await authorizedReview(ctx, { scoreId }, 'readHistory');
    return queryScoreHistory(ctx.em, review.sheetId, scoreId);
  }

  @Query(() => [EvidenceCheckView], { description: 'Re-reads the stored files of one sub-criterion’s evidence and checks them against the hashes recorded at submission.' })
  async verifyEvidence(@Arg('scoreId', () => Int) scoreId: number, @Ctx() ctx: AppContext): Promise<EvidenceCheckView[]> {
    await authorizedReview(ctx, { scoreId });
    return verifyEvidence(ctx.em, ctx.config.dataDir, scoreId);
  }

  @Mutation(() => AppraisalItemView, { description: 'Sets the appraised score of a sub-criterion in the open round.' })
  async appraiseScore(@Arg('input') input: AppraiseInput, @Ctx() ctx: AppContext): Promise<AppraisalItemView> {
    await service.appraise(ctx.em, actor(ctx), input);
    return itemView(ctx, input.scoreId);
  }

  @Mutation(() => AppraisalItemView, { description: 'Marks (or clears) a finding on one evidence document of a sub-criterion.' })
  async setEvidenceVerdict(@Arg('input') input: EvidenceVerdictInput, @Ctx() ctx: AppContext): Promise<AppraisalItemView> {
    await service.setEvidenceVerdict(ctx.em, actor(ctx), input);
    return itemView(ctx, input.scoreId);
  }

  @Mutation(() => AppraisalItemView, { description: 'Asks the unit to explain a sub-criterion (round 1).' })
  async requestExplanation(@Arg('input') input: RequestExplanationInput, @Ctx() ctx: AppContext): Promise<AppraisalItemView> {
    await service.requestExplanation(ctx.em, actor(ctx), input);
    return itemView(ctx, input.scoreId);
  }

  @Mutation(() => AppraisalItemView)
  async withdrawExplanationRequest(@Arg('scoreId', () => Int) scoreId: number, @Ctx() ctx: AppContext): Promise<AppraisalItemView> {
    await service.withdrawExplanationRequest(ctx.em, actor(ctx), scoreId);
    return itemView(ctx, scoreId);
  }

  @Mutation(() => AppraisalItemView, { description: 'The unit answers a request for explanation, with supplementary evidence.' })
  async answerExplanation(@Arg('input') input: AnswerExplanationInput, @Ctx() ctx: AppContext): Promise<AppraisalItemView> {
    await answerExplanation(ctx.em, actor(ctx), input);
    const [row] = await ctx.em.execute<{ score_id: number }[]>('select score_id from explanation_request where id = ?', [input.requestId]);
    return itemView(ctx, row!.score_id);
  }

  @Mutation(() => SheetAppraisalView, { description: 'The unit lead locks the explanation; supplementary evidence is frozen.' })
  async lockExplanation(
    @Arg('periodId', () => Int) periodId: number,
    @Arg('unitId', () => Int) unitId: number,
    @Ctx() ctx: AppContext,
  ): Promise<SheetAppraisalView> {
    await lockExplanation(ctx.em, actor(ctx), periodId, unitId);
    return buildSheetAppraisal(ctx, await authorizedReview(ctx, { periodId, unitId }));
  }
}
