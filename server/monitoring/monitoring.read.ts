import { requireReadable, requireUser, type AppContext, type SubjectName } from '../access/index.ts';
import type { Localized } from '../shared/i18n.ts';

/** The columns of each record table the read rules look at (monitoringPermissions), under their property names. */
const RULE_COLUMNS = {
  annual_plan: 'id, unit_id as unit, year',
  plan_task: 'id, unit_id as unit, year',
  periodic_report: 'id, unit_id as unit, year, status',
};

/**
 * Record `id` of `table` as `query` reads it (a query that returns only the rows the caller may read). When it
 * returns nothing, the row's rule columns alone tell
 * NOT_FOUND from FORBIDDEN, so nothing of a record the caller may not read is shown.
 */
export async function readableRecord<T extends object>(
  ctx: AppContext,
  subject: SubjectName,
  what: Localized,
  table: keyof typeof RULE_COLUMNS,
  id: number,
  query: (ids: number[]) => Promise<T[]>,
): Promise<T> {
  const actor = requireUser(ctx);
  const [row] = await query([id]);
  if (row) return row;
  const [facts] = await ctx.em.getConnection().execute<object[]>(`select ${RULE_COLUMNS[table]} from ${table} where id = ?`, [id]);
  return requireReadable(actor, subject, what, id, (facts as T | undefined) ?? null);
}
