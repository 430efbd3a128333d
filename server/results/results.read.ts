import { subject as asSubject } from '@casl/ability';
import DataLoader from 'dataloader';
import { requireUser } from '../access/index.ts';
import { perRequest, type AppContext } from '../access/index.ts';
import { AppError, forbidden, notFound } from '../shared/errors.ts';
import { intArray } from '../shared/sql.ts';
import type { PeriodStatus } from '../periods/index.ts';
import type { ResultsPublicationView } from './results.types.ts';

export interface ResultsPeriod {
  id: number;
  year: number;
  status: PeriodStatus;
  published: boolean;
  /** The period compared against, when the caller may read its results. */
  previous: { id: number; year: number; published: boolean } | null;
}

interface PeriodRow {
  id: number; year: number; status: PeriodStatus; published: boolean;
  previous_id: number | null; previous_year: number | null; previous_published: boolean | null;
}

const PERIOD = { vi: 'kỳ đánh giá', en: 'Period' };

/** Whether the caller may read results of a period in that publication state (the `summary` at least). */
export const canReadResults = (ctx: AppContext, period: { id: number; published: boolean }) =>
  ctx.ability.can('read', asSubject('PeriodResult', { period: period.id, published: period.published }));

/** Whether the caller may read one unit's full result (details, areas, its scores' appraisal). */
export const canReadDetails = (ctx: AppContext, period: { id: number; published: boolean }, unitId: number) =>
  ctx.ability.can('read', asSubject('PeriodResult', { period: period.id, published: period.published, unit: unitId }), 'details');

/**
 * A period, its publication state and the period to compare with (`compareWith`, else the latest
 * period of an earlier year), in one statement. FORBIDDEN when the caller may not read its
 * results yet (not published); the comparison is dropped when its results are not readable.
 */
export async function resultsPeriod(ctx: AppContext, periodId: number, compareWith?: number | null): Promise<ResultsPeriod> {
  requireUser(ctx);
  const key = `results-period:${periodId}:${compareWith ?? ''}`;
  const cached = ctx.memo.get(key) as ResultsPeriod | undefined;
  if (cached) return cached;
  const [row] = await ctx.em.execute<PeriodRow[]>(
    `select p.id, p.year, p.status, exists (select 1 from period_publication pp where pp.period_id = p.id) as published,
            prev.id as previous_id, prev.year as previous_year,
            exists (select 1 from period_publication pp where pp.period_id = prev.id) as previous_published
       from period p
       left join lateral (
         select q.id, q.year from period q
          where case when ?::int is null then q.year < p.year else q.id = ?::int end
          order by q.year desc, q.id desc limit 1
       ) prev on true
      where p.id = ?`,
    [compareWith ?? null, compareWith ?? null, periodId],
  );
  if (!row) throw notFound(PERIOD, periodId);
  if (compareWith != null && row.previous_id === null) throw notFound(PERIOD, compareWith);
  const period: ResultsPeriod = { id: row.id, year: row.year, status: row.status, published: row.published, previous: null };
  if (!canReadResults(ctx, period)) {
    if (!ctx.ability.can('read', 'PeriodResult')) throw forbidden();
    throw new AppError('FORBIDDEN', {
      vi: 'Kết quả của kỳ đánh giá này chưa được công bố.',
      en: 'The results of this period are not published yet.',
    }, { reason: 'NOT_PUBLISHED' });
  }
  if (row.previous_id !== null) {
    const previous = { id: row.previous_id, year: row.previous_year!, published: Boolean(row.previous_published) };
    if (canReadResults(ctx, previous)) period.previous = previous;
  }
  ctx.memo.set(key, period);
  return period;
}

/** Publication of each period, batched per request. */
export function publicationLoader(ctx: AppContext): DataLoader<number, ResultsPublicationView | null> {
  return perRequest(ctx, publicationLoader, () =>
    new DataLoader<number, ResultsPublicationView | null>(async (ids) => {
      const rows = await ctx.em.execute<{ period_id: number; published_at: Date; display_name: string }[]>(
        `select pp.period_id, pp.published_at, u.display_name
           from period_publication pp join app_user u on u.id = pp.published_by_id
          where pp.period_id = any(?::int[])`,
        [intArray(ids)],
      );
      const byId = new Map(rows.map((row) => [row.period_id, { publishedAt: new Date(row.published_at), publishedBy: row.display_name }]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  );
}

/** The period, when the caller may read its calibration (secretariat and appraisers; analysts once published). */
export async function readableCalibration(ctx: AppContext, periodId: number): Promise<ResultsPeriod> {
  const period = await resultsPeriod(ctx, periodId);
  if (!ctx.ability.can('read', asSubject('Calibration', { period: period.id, published: period.published }))) throw forbidden();
  return period;
}
