import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireUser, type AppContext } from '../access/index.ts';
import { readablePeriod, PeriodView } from '../periods/index.ts';
import { selfScoringOverview } from './window.read.ts';
import { extendSelfScoring, remindUnits, setSelfScoringDeadline } from './window.service.ts';
import { ExtendSelfScoringInput, SelfScoringDeadlineInput, UnitSelfScoringView } from './window.types.ts';
import { IdArg } from '../shared/args.ts';

/** The secretariat runs self-scoring: every unit's standing, the period's deadline, extensions and reminders. */
@Resolver()
export class SelfScoringWindowResolver {
  @Query(() => [UnitSelfScoringView], {
    description: 'Every active unit of the period’s blocks, by block and name (secretariat, appraisers, analysts).',
  })
  selfScoringOverview(@IdArg('periodId') periodId: number, @Ctx() ctx: AppContext): Promise<UnitSelfScoringView[]> {
    return selfScoringOverview(ctx, periodId);
  }

  @Mutation(() => PeriodView, { description: 'Closes self-scoring now (no `closesAt`) or moves its deadline later; audited.' })
  async setSelfScoringDeadline(@Arg('input') input: SelfScoringDeadlineInput, @Ctx() ctx: AppContext): Promise<PeriodView> {
    await setSelfScoringDeadline(ctx.em, requireUser(ctx), input);
    return readablePeriod(ctx, input.periodId);
  }

  @Mutation(() => [UnitSelfScoringView], {
    description: 'Extends one unit’s self-scoring deadline, with the reason (audited); returns the overview.',
  })
  async extendSelfScoring(@Arg('input') input: ExtendSelfScoringInput, @Ctx() ctx: AppContext): Promise<UnitSelfScoringView[]> {
    await extendSelfScoring(ctx.em, requireUser(ctx), input);
    return selfScoringOverview(ctx, input.periodId);
  }

  @Mutation(() => Int, {
    description: 'Reminds these units of their self-scoring deadline (those not submitted and still open); returns how many.',
  })
  remindSelfScoring(
    @IdArg('periodId') periodId: number,
    @Arg('unitIds', () => [Int]) unitIds: number[],
    @Ctx() ctx: AppContext,
  ): Promise<number> {
    return remindUnits(ctx.em, requireUser(ctx), periodId, unitIds);
  }
}
