import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { requireUser, type AppContext } from '../access/index.ts';
import { SheetArgs } from '../scoring/index.ts';
import { querySheetReviews, readableCycle } from './appraisal.read.ts';
import * as service from './appraisal.service.ts';
import {
  AnswerExplanationInput,
  AppraisalItemView,
  AppraisalQueueView,
  AppraiseInput,
  AuditEntryView,
  EvidenceCheckView,
  EvidenceVerdictInput,
  QueueFilter,
  RequestExplanationInput,
  SheetAppraisalView,
  SheetReviewSummaryView,
} from './appraisal.types.ts';
import { verifyEvidence } from './evidence.read.ts';
import { answerExplanation, lockExplanation } from './explanation.service.ts';
import { readableScoreHistory } from './history.read.ts';
import { queryQueue } from './queue.read.ts';
import { readableItem, readableSheetAppraisal } from './sheet.read.ts';
import { IdArg } from '../shared/args.ts';

@Resolver()
export class AppraisalResolver {
  @Query(() => AppraisalQueueView, {
    description: 'The caller’s appraisal work in a period (secretariat: everyone’s, or one appraiser’s).',
  })
  async appraisalQueue(
    @IdArg('periodId') periodId: number,
    @Arg('filter', () => QueueFilter, { nullable: true }) filter: QueueFilter | undefined,
    @Ctx() ctx: AppContext,
  ): Promise<AppraisalQueueView> {
    const cycle = await readableCycle(ctx, periodId);
    return { cycle, ...(await queryQueue(ctx, cycle, filter)) };
  }

  @Query(() => [SheetReviewSummaryView], { description: 'Sheets under review the caller may read, with progress.' })
  async sheetReviews(@IdArg('periodId') periodId: number, @Ctx() ctx: AppContext): Promise<SheetReviewSummaryView[]> {
    return querySheetReviews(ctx, periodId);
  }

  @Query(() => SheetAppraisalView, {
    description: 'A unit’s sheet under appraisal: each sub-criterion with self and appraised scores, evidence and requests.',
  })
  async sheetAppraisal(@Args(() => SheetArgs) { periodId, unitId }: SheetArgs, @Ctx() ctx: AppContext): Promise<SheetAppraisalView> {
    return readableSheetAppraisal(ctx, { periodId, unitId });
  }

  @Query(() => [AuditEntryView], { description: 'Every recorded change to one sub-criterion’s appraisal, oldest first.' })
  async appraisalHistory(@IdArg('scoreId') scoreId: number, @Ctx() ctx: AppContext): Promise<AuditEntryView[]> {
    return readableScoreHistory(ctx, scoreId);
  }

  @Query(() => [EvidenceCheckView], {
    description: 'Re-reads the stored files of one sub-criterion’s evidence and checks them against the hashes recorded at submission.',
  })
  async verifyEvidence(@IdArg('scoreId') scoreId: number, @Ctx() ctx: AppContext): Promise<EvidenceCheckView[]> {
    return verifyEvidence(ctx, scoreId);
  }

  @Mutation(() => AppraisalItemView, { description: 'Sets the appraised score of a sub-criterion in the open round.' })
  async appraiseScore(@Arg('input') input: AppraiseInput, @Ctx() ctx: AppContext): Promise<AppraisalItemView> {
    await service.appraise(ctx.em, requireUser(ctx), input);
    return readableItem(ctx, input.scoreId);
  }

  @Mutation(() => AppraisalItemView, { description: 'Marks (or clears) a finding on one evidence document of a sub-criterion.' })
  async setEvidenceVerdict(@Arg('input') input: EvidenceVerdictInput, @Ctx() ctx: AppContext): Promise<AppraisalItemView> {
    await service.setEvidenceVerdict(ctx.em, requireUser(ctx), input);
    return readableItem(ctx, input.scoreId);
  }

  @Mutation(() => AppraisalItemView, { description: 'Asks the unit to explain a sub-criterion (round 1).' })
  async requestExplanation(@Arg('input') input: RequestExplanationInput, @Ctx() ctx: AppContext): Promise<AppraisalItemView> {
    await service.requestExplanation(ctx.em, requireUser(ctx), input);
    return readableItem(ctx, input.scoreId);
  }

  @Mutation(() => AppraisalItemView)
  async withdrawExplanationRequest(@IdArg('scoreId') scoreId: number, @Ctx() ctx: AppContext): Promise<AppraisalItemView> {
    await service.withdrawExplanationRequest(ctx.em, requireUser(ctx), scoreId);
    return readableItem(ctx, scoreId);
  }

  @Mutation(() => AppraisalItemView, { description: 'The unit answers a request for explanation, with supplementary evidence.' })
  async answerExplanation(@Arg('input') input: AnswerExplanationInput, @Ctx() ctx: AppContext): Promise<AppraisalItemView> {
    return readableItem(ctx, await answerExplanation(ctx.em, requireUser(ctx), input));
  }

  @Mutation(() => SheetAppraisalView, { description: 'The unit lead locks the explanation; supplementary evidence is frozen.' })
  async lockExplanation(@Args(() => SheetArgs) { periodId, unitId }: SheetArgs, @Ctx() ctx: AppContext): Promise<SheetAppraisalView> {
    await lockExplanation(ctx.em, requireUser(ctx), periodId, unitId);
    return readableSheetAppraisal(ctx, { periodId, unitId });
  }
}
