import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { AppContext } from '../access/index.ts';
import { queryUnits, readableUnit } from './unit.read.ts';
import { UnitFilter, UnitView } from './unit.types.ts';
import { IdArg } from '../shared/args.ts';

@Resolver(() => UnitView)
export class UnitsResolver {
  @Query(() => [UnitView], { description: 'Units ordered by block, then code.' })
  units(@Arg('filter', () => UnitFilter, { nullable: true }) filter: UnitFilter | undefined, @Ctx() ctx: AppContext): Promise<UnitView[]> {
    return queryUnits(ctx, filter);
  }

  @Query(() => UnitView)
  unit(@IdArg() id: number, @Ctx() ctx: AppContext): Promise<UnitView> {
    return readableUnit(ctx, id);
  }
}
