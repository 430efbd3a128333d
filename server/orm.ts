import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { prepareRequestRole, withCredentials } from './shared/database-roles.ts';
import { log } from './shared/log.ts';
import { DATABASE_TIMEOUTS, ormConfig } from './orm.config.ts';

/**
 * The PostgreSQL advisory lock (one per database) held while an instance migrates and seeds at start: a second
 * instance started at the same moment waits for it, then finds nothing left to do.
 */
export const STARTUP_LOCK = 0x5041_5231; // "PAR1"

/**
 * Runs `fn` holding the startup lock of the database at `url`, on a connection of its own: PostgreSQL releases it
 * when that session ends, so an instance killed while migrating never leaves it held.
 */
export async function withStartupLock<T>(url: string, fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [STARTUP_LOCK]);
    if (!rows[0]!.locked) {
      log.info('Another instance is migrating this database; waiting for it …');
      await client.query('select pg_advisory_lock($1)', [STARTUP_LOCK]);
    }
    return await fn();
  } finally {
    await client.end();
  }
}

/**
 * Connects and applies every pending migration (unless `migrate: false`, for a restore that brings its own schema),
 * under the startup lock, all in one transaction (`allOrNothing`: a migration that fails leaves the database as it
 * was); `then` (the seed) runs under the same lock.
 */
export async function openOrm(
  url: string,
  options: { migrate?: boolean; requestTimeouts?: boolean; then?: (orm: MikroORM) => Promise<void> } = {},
): Promise<MikroORM> {
  const orm = await MikroORM.init(ormConfig(url, options));
  if (options.migrate === false) return orm;
  try {
    await withStartupLock(url, async () => {
      const applied = await orm.getMigrator().up();
      if (applied.length) log.info({ migrations: applied.map((migration) => migration.name) }, `Applied ${applied.length} migration(s).`);
      await options.then?.(orm);
    });
  } catch (error) {
    await orm.close();
    throw error;
  }
  return orm;
}

/**
 * The ORM that serves requests: migrates as the database's owner (`url`), grants the request role what serving needs
 * (server/shared/database-roles.ts), and connects as that role, which cannot alter the audit trail or the schema;
 * `then` (the seed) runs with it, all under the startup lock.
 * With `readUrl` (DATABASE_READ_URL, a physical copy of the database: the same roles, passwords and grants) the ORM
 * also has a read connection there, as the same request role (its name and password replace the URL's), in
 * read-only sessions; only queries that ask for it use it (server/shared/read-replica.ts).
 */
export async function openServingOrm(
  database: { url: string; requestPassword?: string; readUrl?: string },
  options: { then?: (orm: MikroORM) => Promise<void> } = {},
): Promise<MikroORM> {
  // Under the startup lock with the migrations: the role's grants and `then` (the seed) are done once too.
  let serving: MikroORM | undefined;
  const owner = await openOrm(database.url, {
    then: async () => {
      const requestUrl = await prepareRequestRole(database.url, {
        password: database.requestPassword,
        statementTimeoutMs: DATABASE_TIMEOUTS.statementMs,
      });
      const request = new URL(requestUrl);
      const readUrl = database.readUrl
        ? withCredentials(database.readUrl, decodeURIComponent(request.username), decodeURIComponent(request.password))
        : undefined;
      serving = await MikroORM.init(ormConfig(requestUrl, { readUrl }));
      await options.then?.(serving);
    },
  }).catch(async (error: unknown) => {
    await serving?.close();
    throw error;
  });
  await owner.close();
  return serving!;
}
