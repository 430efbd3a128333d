import DataLoader from 'dataloader';
import { intArray } from '../shared/sql.ts';
import { perRequest, type AppContext } from './context.ts';

/**
 * The request's DataLoader of `key` (use the loader function itself): every `load(id)` of one tick becomes one
 * `batch(ids)` call, which answers in the order of `ids`.
 */
export function requestLoader<V>(ctx: AppContext, key: unknown, batch: (ids: readonly number[]) => Promise<V[]>): DataLoader<number, V> {
  return perRequest(ctx, key, () => new DataLoader<number, V>(batch));
}

/**
 * A per-request DataLoader of rows by id: every `load(id)` of one tick becomes one
 * `fetchRows(ids)` call; missing ids resolve to null. `key` identifies the loader (use the function).
 */
export function rowsByIdLoader<T extends { id: number }>(
  ctx: AppContext,
  key: unknown,
  fetchRows: (ids: number[]) => Promise<T[]>,
): DataLoader<number, T | null> {
  return requestLoader(ctx, key, async (ids) => {
    const byId = new Map((await fetchRows([...ids])).map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** The rows of each key, in row order (the value of a batched loader that answers lists). */
export function groupBy<K, T>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): T[][] {
  const groups = new Map<K, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key)!);
}

/**
 * A per-request DataLoader of each id's list, read in one statement: `sql` takes the batch's ids as its one
 * parameter (`… = any(?::int[])`), `keyOf` names the id a row belongs to, and `toList` makes an id's rows (in the
 * statement's order, none for an id without rows) its value.
 */
export function listsByIdLoader<R extends object, V>(
  ctx: AppContext,
  key: unknown,
  sql: string,
  keyOf: (row: R) => number,
  toList: (rows: R[]) => V,
): DataLoader<number, V> {
  return requestLoader(ctx, key, async (ids) => groupBy(ids, await ctx.em.execute<R[]>(sql, [intArray(ids)]), keyOf).map(toList));
}
