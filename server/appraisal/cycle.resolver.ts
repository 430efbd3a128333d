import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { requireUser, type Actor, type AppContext } from '../access/index.ts';
import { queryAppraisers, queryAssignments, readableAssignments, readableCycle } from './appraisal.read.ts';
import { AppraisalCycleView, AppraisalSettingsInput, AppraiserView, AssignAppraiserInput, AssignmentView } from './appraisal.types.ts';
import { assignAppraiser, removeAssignment } from './assignment.service.ts';
import * as cycle from './cycle.service.ts';
import { IdArg } from '../shared/args.ts';

/** A step of the period's cycle, taken as the caller; the answer is the cycle as it then stands. */
async function step(
  ctx: AppContext,
  periodId: number,
  take: (em: EntityManager, actor: Actor) => Promise<void>,
): Promise<AppraisalCycleView> {
  await take(ctx.em, requireUser(ctx));
  return readableCycle(ctx, periodId);
}

/** The secretariat runs the appraisal cycle of a period: assignments, caps, and each step. */
@Resolver()
export class CycleResolver {
  @Query(() => AppraisalCycleView)
  appraisalCycle(@IdArg('periodId') periodId: number, @Ctx() ctx: AppContext): Promise<AppraisalCycleView> {
    return readableCycle(ctx, periodId);
  }

  @Query(() => [AssignmentView], { description: 'Secretariat: every assignment of the period; an appraiser: their own.' })
  appraisalAssignments(@IdArg('periodId') periodId: number, @Ctx() ctx: AppContext): Promise<AssignmentView[]> {
    return readableAssignments(ctx, periodId);
  }

  @Query(() => [AppraiserView], { description: 'Secretariat: the appraisers who can be assigned.' })
  appraisers(@Ctx() ctx: AppContext): Promise<AppraiserView[]> {
    return queryAppraisers(ctx);
  }

  @Mutation(() => [AssignmentView], { description: 'Returns the period’s assignments.' })
  async assignAppraiser(@Arg('input') input: AssignAppraiserInput, @Ctx() ctx: AppContext): Promise<AssignmentView[]> {
    await assignAppraiser(ctx.em, requireUser(ctx), input);
    return queryAssignments(ctx, input.periodId);
  }

  @Mutation(() => [AssignmentView], { description: 'Returns the period’s remaining assignments.' })
  async removeAppraisalAssignment(@IdArg() id: number, @Ctx() ctx: AppContext): Promise<AssignmentView[]> {
    return queryAssignments(ctx, await removeAssignment(ctx.em, requireUser(ctx), id));
  }

  @Mutation(() => AppraisalCycleView, { description: 'Bonus and deduction caps of the period.' })
  configureAppraisal(
    @IdArg('periodId') periodId: number,
    @Arg('input') input: AppraisalSettingsInput,
    @Ctx() ctx: AppContext,
  ): Promise<AppraisalCycleView> {
    return step(ctx, periodId, (em, actor) => cycle.configureAppraisal(em, actor, periodId, input));
  }

  @Mutation(() => AppraisalCycleView, { description: 'SELF_ASSESSMENT → APPRAISAL_ROUND_1: submitted sheets go under review.' })
  openAppraisalRound1(@IdArg('periodId') periodId: number, @Ctx() ctx: AppContext): Promise<AppraisalCycleView> {
    return step(ctx, periodId, (em, actor) => cycle.openAppraisalRound1(em, actor, periodId));
  }

  @Mutation(() => AppraisalCycleView, { description: 'Closes round 1; each unit then sees its round-1 scores, comments and requests.' })
  releaseRound1Results(@IdArg('periodId') periodId: number, @Ctx() ctx: AppContext): Promise<AppraisalCycleView> {
    return step(ctx, periodId, (em, actor) => cycle.releaseRound1Results(em, actor, periodId));
  }

  @Mutation(() => AppraisalCycleView, {
    description: 'APPRAISAL_ROUND_1 → EXPLANATION until `closesAt` (default: the period’s explanation deadline).',
  })
  openExplanation(
    @IdArg('periodId') periodId: number,
    @Arg('closesAt', () => Date, { nullable: true }) closesAt: Date | null,
    @Ctx() ctx: AppContext,
  ): Promise<AppraisalCycleView> {
    return step(ctx, periodId, (em, actor) => cycle.openExplanation(em, actor, periodId, closesAt));
  }

  @Mutation(() => AppraisalCycleView, { description: 'EXPLANATION → APPRAISAL_ROUND_2; explanations still open are locked as they stand.' })
  openAppraisalRound2(@IdArg('periodId') periodId: number, @Ctx() ctx: AppContext): Promise<AppraisalCycleView> {
    return step(ctx, periodId, (em, actor) => cycle.openAppraisalRound2(em, actor, periodId));
  }

  @Mutation(() => AppraisalCycleView, { description: 'APPRAISAL_ROUND_2 → FINALIZED: final scores become read-only.' })
  finalizeAppraisal(@IdArg('periodId') periodId: number, @Ctx() ctx: AppContext): Promise<AppraisalCycleView> {
    return step(ctx, periodId, (em, actor) => cycle.finalizeAppraisal(em, actor, periodId));
  }
}
