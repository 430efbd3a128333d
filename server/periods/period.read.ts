import DataLoader from 'dataloader';
import type { ObjectQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { perRequest, type AppContext } from '../access/index.ts';
import { rowsByIdLoader } from '../access/index.ts';
import { intArray } from '../shared/sql.ts';
import { Period } from './period.entity.ts';
import type { PeriodView } from './period.types.ts';

export async function queryPeriods(em: EntityManager, where: ObjectQuery<Period>): Promise<PeriodView[]> {
  return em
    .createQueryBuilder(Period)
    .select(['id', 'year', 'name', 'status', 'selfScoringClosesAt', 'explanationClosesAt', 'createdAt'])
    .where(where)
    .orderBy({ year: 'desc', id: 'desc' })
    .execute('all') as Promise<PeriodView[]>;
}

/** Periods by id, batched per request (callers authorise). */
export function periodLoader(ctx: AppContext): DataLoader<number, PeriodView | null> {
  return rowsByIdLoader(ctx, periodLoader, (ids) => queryPeriods(ctx.em, { id: { $in: ids } }));
}

/** The criteria set ids of each period, batched per request. */
export function periodSetIdsLoader(ctx: AppContext): DataLoader<number, number[]> {
  return perRequest(ctx, periodSetIdsLoader, () =>
    new DataLoader<number, number[]>(async (ids) => {
      const rows = await ctx.em.getConnection().execute<{ period_id: number; criteria_set_id: number }[]>(
        'select period_id, criteria_set_id from period_criteria_sets where period_id = any(?::int[]) order by criteria_set_id',
        [intArray(ids)],
      );
      return ids.map((id) => rows.filter((row) => row.period_id === id).map((row) => row.criteria_set_id));
    }),
  );
}
