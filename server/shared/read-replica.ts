import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Runs one read-only statement on the read replica (DATABASE_READ_URL, see openServingOrm in server/orm.ts) when the
 * server has one, as `em.execute` would on the primary otherwise: the same statement, bindings and result, and
 * without a replica exactly `em.execute` (the same connection, no statement added).
 *
 * For the heavy reads that may trail the primary by the replica's lag (the analysts' records and aggregates). The
 * replica is read as the same request role, and the statement carries the caller's permission conditions as it
 * does on the primary. Inside a transaction the primary answers, so a request reads what it wrote.
 */
export async function executeOnReplica<T extends Record<string, unknown>[]>(em: EntityManager, sql: string, params: unknown[]): Promise<T> {
  const driver = em.getDriver();
  const read = driver.getConnection('read');
  if (read === driver.getConnection('write') || em.isInTransaction()) return em.execute<T>(sql, params);
  // As the driver does for the primary: PostgreSQL's errors become MikroORM's (the same SQLSTATE for fromDatabaseError).
  return read.execute<T>(sql, params, 'all').catch((error: Error) => {
    throw driver.convertException(error);
  });
}
