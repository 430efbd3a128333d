import type DataLoader from 'dataloader';
import { listsByIdLoader, type AppContext } from '../access/index.ts';
import { DEFAULT_GROUPS } from './groups.ts';
import type { ResultGroupView } from './results.types.ts';

/** Each period's ranking groups, highest threshold first; the defaults for a period without any. Batched per request. */
export function groupsLoader(ctx: AppContext): DataLoader<number, ResultGroupView[]> {
  return listsByIdLoader(
    ctx,
    groupsLoader,
    'select period_id, code, label, min_index from result_group where period_id = any(?::int[]) order by min_index desc, code',
    (row: { period_id: number; code: string; label: string; min_index: string }) => row.period_id,
    (own) =>
      own.length
        ? own.map((row) => ({ code: row.code, label: row.label, minIndex: row.min_index }))
        : DEFAULT_GROUPS.map((group) => ({ ...group })),
  );
}
