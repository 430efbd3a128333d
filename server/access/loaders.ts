import DataLoader from 'dataloader';
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
