import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireUser } from '../access/index.ts';
import { criteriaSetLoader } from '../criteria/index.ts';
import { CriteriaSetView } from '../criteria/index.ts';
import type { AppContext } from '../access/index.ts';
import { UnitBlock } from '../units/index.ts';
import { periodSetIdsLoader, readablePeriod, readablePeriods } from './period.read.ts';
import { createPeriod, openPeriod, updatePeriod } from './period.service.ts';
import { CreatePeriodInput, PeriodView, UpdatePeriodInput } from './period.types.ts';
import { IdArg } from '../shared/args.ts';

@Resolver(() => PeriodView)
export class PeriodResolver {
  @Query(() => [PeriodView], { description: 'Periods the caller may read, newest first.' })
  periods(@Arg('year', () => Int, { nullable: true }) year: number | undefined, @Ctx() ctx: AppContext): Promise<PeriodView[]> {
    return readablePeriods(ctx, year);
  }

  @Query(() => PeriodView)
  period(@IdArg() id: number, @Ctx() ctx: AppContext): Promise<PeriodView> {
    return readablePeriod(ctx, id);
  }

  @FieldResolver(() => [CriteriaSetView], { description: 'One criteria set per block.' })
  async criteriaSets(@Root() period: PeriodView, @Ctx() ctx: AppContext): Promise<CriteriaSetView[]> {
    const ids = await periodSetIdsLoader(ctx).load(period.id);
    const sets = await criteriaSetLoader(ctx).loadMany(ids);
    return sets.filter((set): set is CriteriaSetView => set !== null && !(set instanceof Error));
  }

  @FieldResolver(() => [UnitBlock])
  async blocks(@Root() period: PeriodView, @Ctx() ctx: AppContext): Promise<UnitBlock[]> {
    return (await this.criteriaSets(period, ctx)).map((set) => set.block);
  }

  @Mutation(() => PeriodView)
  async createPeriod(@Arg('input') input: CreatePeriodInput, @Ctx() ctx: AppContext): Promise<PeriodView> {
    return readablePeriod(ctx, (await createPeriod(ctx.em, requireUser(ctx), input)).id);
  }

  @Mutation(() => PeriodView)
  async updatePeriod(@IdArg() id: number, @Arg('input') input: UpdatePeriodInput, @Ctx() ctx: AppContext): Promise<PeriodView> {
    await updatePeriod(ctx.em, requireUser(ctx), id, input);
    return readablePeriod(ctx, id);
  }

  @Mutation(() => PeriodView, { description: 'PLANNED → SELF_ASSESSMENT.' })
  async openPeriod(@IdArg() id: number, @Ctx() ctx: AppContext): Promise<PeriodView> {
    await openPeriod(ctx.em, requireUser(ctx), id);
    return readablePeriod(ctx, id);
  }
}
