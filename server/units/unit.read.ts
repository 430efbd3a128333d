import type DataLoader from 'dataloader';
import { requireReadable, requireUser, rowsByIdLoader, withPermission, type AppContext } from '../access/index.ts';
import { intArray } from '../shared/sql.ts';
import { Unit } from './unit.entity.ts';
import { UNIT } from './unit.errors.ts';
import type { UnitFilter, UnitView } from './unit.types.ts';

const UNIT_COLUMNS = 'id, code, name, block, active';

/** Units by id, batched per request: any number of `unit` fields cost one query (callers authorise). */
export function unitLoader(ctx: AppContext): DataLoader<number, UnitView | null> {
  return rowsByIdLoader(ctx, unitLoader, (ids) =>
    ctx.em.getConnection().execute<UnitView[]>(`select ${UNIT_COLUMNS} from unit where id = any(?::int[])`, [intArray(ids)]),
  );
}

/** The units the caller may read, by block then code. */
export async function queryUnits(ctx: AppContext, filter: UnitFilter | undefined): Promise<UnitView[]> {
  const actor = requireUser(ctx);
  const where = withPermission<Unit>(actor.ability, 'read', 'Unit', {
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

/** A unit the caller may read: NOT_FOUND or FORBIDDEN otherwise. */
export async function readableUnit(ctx: AppContext, id: number): Promise<UnitView> {
  return requireReadable(requireUser(ctx), 'Unit', UNIT, id, await unitLoader(ctx).load(id));
}
