import type { EntityManager, Knex } from '@mikro-orm/postgresql';

/**
 * Knex (under MikroORM's `execute`) expands an array binding into a list of parameters, which
 * `= any(?)` cannot take. Bind ids as one PostgreSQL array literal instead: `= any(?::int[])`.
 */
export const intArray = (ids: readonly number[]): string => `{${ids.map((id) => Math.trunc(Number(id))).join(',')}}`;

/** SQL text with `?` placeholders and its bindings, to splice into a larger raw statement. */
export interface SqlFragment {
  sql: string;
  bindings: unknown[];
}

/**
 * A QueryBuilder (typically narrowed by `withPermission`) as a fragment for a raw statement, so a
 * permission filter written once in CASL also narrows hand-written SQL (e.g. inside a CTE).
 */
export function toFragment(qb: { getKnexQuery(): { toSQL(): { sql: string; bindings: readonly unknown[] } } }): SqlFragment {
  const { sql, bindings } = qb.getKnexQuery().toSQL();
  return { sql, bindings: [...bindings] };
}

/** Raw rows carry timestamps as PostgreSQL text (MikroORM's pg setup); read models want Dates. */
export function toDate(value: Date | string): Date;
export function toDate(value: Date | string | null): Date | null;
export function toDate(value: Date | string | null): Date | null {
  return value === null ? null : new Date(value);
}

/**
 * A hot statement as a named prepared statement with bound parameters (`?` placeholders, as for
 * `em.execute`). MikroORM's `execute` splices every parameter into the text, so each call is a new
 * statement for PostgreSQL to parse and plan and for Node to escape; prepared under `name`, it is
 * parsed once per connection and planned as PostgreSQL sees fit. One `name`, one text. Runs in
 * the entity manager's transaction when there is one.
 */
export async function preparedQuery<T>(em: EntityManager, name: string, sql: string, params: readonly Knex.RawBinding[]): Promise<T[]> {
  const query = em.getKnex().raw(sql, params).options({ name });
  const transaction = em.getTransactionContext<Knex.Transaction>();
  if (transaction) query.transacting(transaction);
  const started = Date.now();
  const { rows } = (await query) as { rows: T[] };
  // Logged as MikroORM logs its own statements (ORM_DEBUG=1 prints every one); the line is built only then.
  const logger = em.config.getLogger();
  if (logger.isEnabled('query')) {
    logger.logQuery({ query: `${sql} -- prepared as ${name}`, params: [...params], took: Date.now() - started, results: rows.length });
  }
  return rows;
}
