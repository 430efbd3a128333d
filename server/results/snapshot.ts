import type { EntityManager } from '@mikro-orm/postgresql';
import { SqlBuilder } from '../shared/sql-builder.ts';
import { AREA_COLUMNS, RESULT_COLUMNS, resultCtes } from './results.sql.ts';

/**
 * Writes a period's results snapshot (every unit of every block, with its areas), computed by the ranking's own
 * CTEs, for a published period: call it in the publication's transaction. Replaces a snapshot already there.
 */
export async function snapshotResults(em: EntityManager, periodId: number): Promise<void> {
  await em.execute('select drop_result_snapshots(array[?]::int[])', [periodId]);
  const q = new SqlBuilder();
  // One statement: the totals are computed once for both tables.
  await em.execute(
    `with recursive ${resultCtes(q, [periodId])},
units_written as (insert into result_snapshot (${RESULT_COLUMNS}) select ${RESULT_COLUMNS} from ranked returning 1)
insert into result_area_snapshot (${AREA_COLUMNS}) select ${AREA_COLUMNS} from area_indexed`,
    q.params,
  );
}
