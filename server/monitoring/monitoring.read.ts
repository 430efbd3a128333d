import { permissionSql, requireReadable, requireUser, type AppContext, type SubjectName } from '../access/index.ts';
import type { Localized } from '../shared/i18n.ts';
import { SqlBuilder } from '../shared/sql-builder.ts';
import { monitoringColumns } from './monitoring.permissions.ts';

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

/** What the record queries filter by, each optionally: some ids, a year, a unit. */
export interface RecordWhere {
  ids?: number[];
  year?: number;
  unitId?: number;
}

/**
 * The start of a query of `subject`'s rows aliased `alias`: the conditions that the caller may read a row and that it
 * matches `where`, bound in a new `q`. Null when the caller may read none of them.
 */
export function readableConditions(ctx: AppContext, subject: SubjectName, alias: string, where: RecordWhere) {
  const permitted = permissionSql(requireUser(ctx).ability, 'read', subject, monitoringColumns(alias));
  if (!permitted) return null;
  const q = new SqlBuilder();
  const conditions = [q.splice(permitted)];
  if (where.ids) conditions.push(`${alias}.id = any(${q.ints(where.ids)})`);
  if (where.year != null) conditions.push(`${alias}.year = ${q.bind(where.year)}`);
  if (where.unitId != null) conditions.push(`${alias}.unit_id = ${q.bind(where.unitId)}`);
  return { q, conditions };
}
