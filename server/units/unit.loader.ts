import DataLoader from 'dataloader';
import { perRequest, type AppContext } from '../shared/context.ts';
import { intArray } from '../shared/sql.ts';
import type { UnitView } from './unit.types.ts';

export const UNIT_COLUMNS = 'id, code, name, block, active';

/** Units by id, batched per request: any number of `unit` fields cost one query. */
export function unitLoader(ctx: AppContext): DataLoader<number, UnitView | null> {
  return perRequest(ctx, unitLoader, () =>
    new DataLoader<number, UnitView | null>(async (ids) => {
      const rows = await ctx.em.getConnection().execute<UnitView[]>(
        `select ${UNIT_COLUMNS} from unit where id = any(?::int[])`, [intArray(ids)],
      );
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  );
}
