import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { withPermission } from '../access/index.ts';
import { requireReadable, requireUser } from '../access/index.ts';
import type { AppContext } from '../access/index.ts';
import { Unit } from './unit.entity.ts';
import { unitLoader } from './unit.read.ts';
import { UnitFilter, UnitView } from './unit.types.ts';

@Resolver(() => UnitView)
export class UnitsResolver {
  @Query(() => [UnitView], { description: 'Units ordered by block, then code.' })
  async units(@Arg('filter', () => UnitFilter, { nullable: true }) filter: UnitFilter | undefined, @Ctx() ctx: AppContext): Promise<UnitView[]> {
    requireUser(ctx);
    const where = withPermission<Unit>(ctx.ability, 'read', 'Unit', {
      ...(filter?.block ? { block: filter.block } : {}),
      ...(filter?.active !== undefined && filter.active !== null ? { active: filter.active } : {}),
    });
    if (!where) return [];
    return ctx.em
      .createQueryBuilder(Unit)
      .select(['id', 'code', 'name', 'block', 'active'])
      .where(where)
      .orderBy({ block: 'asc', code: 'asc' })
      .execute('all');
  }

  @Query(() => UnitView)
  async unit(@Arg('id', () => Int) id: number, @Ctx() ctx: AppContext): Promise<UnitView> {
    requireUser(ctx);
    return requireReadable(ctx, 'Unit', { vi: 'đơn vị', en: 'Unit' }, id, await unitLoader(ctx).load(id));
  }
}
