import type DataLoader from 'dataloader';
import { groupBy, requestLoader, type AppContext } from '../access/index.ts';
import { intArray } from '../shared/sql.ts';
import { DEFAULT_GROUPS } from './groups.ts';
import type { ResultGroupView } from './results.types.ts';

/** Each period's ranking groups, highest threshold first; the defaults for a period without any. Batched per request. */
export function groupsLoader(ctx: AppContext): DataLoader<number, ResultGroupView[]> {
  return requestLoader<ResultGroupView[]>(ctx, groupsLoader, async (ids) => {
    const rows = await ctx.em.execute<{ period_id: number; code: string; label: string; min_index: string }[]>(
      'select period_id, code, label, min_index from result_group where period_id = any(?::int[]) order by min_index desc, code',
      [intArray(ids)],
    );
    return groupBy(ids, rows, (row) => row.period_id).map((own) =>
      own.length
        ? own.map((row) => ({ code: row.code, label: row.label, minIndex: row.min_index }))
        : DEFAULT_GROUPS.map((group) => ({ ...group })),
    );
  });
}
