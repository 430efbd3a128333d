import type { ObjectQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';
import { listsByIdLoader, requireReadable, requireUser, rowsByIdLoader, withPermission, type AppContext } from '../access/index.ts';
import { Period } from './period.entity.ts';
import { PERIOD } from './period.errors.ts';
import type { PeriodView } from './period.types.ts';

export async function queryPeriods(em: EntityManager, where: ObjectQuery<Period>): Promise<PeriodView[]> {
  return em
    .createQueryBuilder(Period)
    .select(['id', 'year', 'name', 'status', 'selfScoringClosesAt', 'explanationClosesAt', 'createdAt', 'version'])
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
  return listsByIdLoader(
    ctx,
    periodSetIdsLoader,
    'select period_id, criteria_set_id from period_criteria_sets where period_id = any(?::int[]) order by criteria_set_id',
    (row: { period_id: number; criteria_set_id: number }) => row.period_id,
    (rows) => rows.map((row) => row.criteria_set_id),
  );
}

/** A period the caller may read: NOT_FOUND or FORBIDDEN otherwise. */
export async function readablePeriod(ctx: AppContext, id: number): Promise<PeriodView> {
  return requireReadable(requireUser(ctx), 'Period', PERIOD, id, await periodLoader(ctx).load(id));
}

/** The periods the caller may read (of one year), newest first. */
export async function readablePeriods(ctx: AppContext, year: number | undefined): Promise<PeriodView[]> {
  const where = withPermission<Period>(requireUser(ctx).ability, 'read', 'Period', year ? { year } : {});
  return where ? queryPeriods(ctx.em, where) : [];
}
