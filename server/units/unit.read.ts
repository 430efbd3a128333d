import type DataLoader from 'dataloader';
import type { AppContext } from '../access/index.ts';
import { rowsByIdLoader } from '../access/index.ts';
import { intArray } from '../shared/sql.ts';
import type { UnitView } from './unit.types.ts';

export const UNIT_COLUMNS = 'id, code, name, block, active';

/** Units by id, batched per request: any number of `unit` fields cost one query. */
export function unitLoader(ctx: AppContext): DataLoader<number, UnitView | null> {
  return rowsByIdLoader(ctx, unitLoader, (ids) =>
    ctx.em.getConnection().execute<UnitView[]>(`select ${UNIT_COLUMNS} from unit where id = any(?::int[])`, [intArray(ids)]),
  );
}
