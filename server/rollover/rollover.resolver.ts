import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { requireUser, type AppContext } from '../access/index.ts';
import { readablePeriod } from '../periods/index.ts';
import { planRollover } from './rollover.read.ts';
import { rollOverYear } from './rollover.service.ts';
import { RolloverInput, RolloverOutcomeView, RolloverPlanView } from './rollover.types.ts';

@Resolver()
export class RolloverResolver {
  @Query(() => RolloverPlanView, { description: 'What starting the next year would create (secretariat). Refuses as rollOverYear would.' })
  rolloverPreview(@Arg('input') input: RolloverInput, @Ctx() ctx: AppContext): Promise<RolloverPlanView> {
    return planRollover(ctx.em, requireUser(ctx), input);
  }

  @Mutation(() => RolloverOutcomeView, {
    description: 'Starts the next year as the preview with this digest showed, in one transaction; a second run for the year refuses.',
  })
  async rollOverYear(
    @Arg('input') input: RolloverInput,
    @Arg('previewDigest') previewDigest: string,
    @Ctx() ctx: AppContext,
  ): Promise<RolloverOutcomeView> {
    const { periodId, plan } = await rollOverYear(ctx.em, requireUser(ctx), input, previewDigest);
    return { period: await readablePeriod(ctx, periodId), plan };
  }
}
