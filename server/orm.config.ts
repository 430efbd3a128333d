import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, DataloaderType, DefaultLogger, type LogContext, type LoggerNamespace } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { serverModules } from './modules.ts';
import { log } from './shared/log.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** How long the API waits on PostgreSQL (see ormConfig). */
export const DATABASE_TIMEOUTS = { connectMs: 5_000, acquireMs: 5_000, statementMs: 30_000 } as const;

/** MikroORM's lines (the migrator's, and every SQL statement with ORM_DEBUG=1) as structured log lines. */
class OrmLogger extends DefaultLogger {
  override log(namespace: LoggerNamespace, message: string, context?: LogContext): void {
    if (!this.isEnabled(namespace, context)) return;
    const level = context?.level === 'error' ? 'error' : context?.level === 'warning' ? 'warn' : 'info';
    log[level]({ orm: namespace }, message.replace(/\s+/g, ' ').trim());
  }
}

/** What a read replica's sessions are named in `pg_stat_activity` (the primary's keep pg's default, none). */
export const READ_APPLICATION_NAME = 'par-index-read';

/**
 * `requestTimeouts: false` is for offline tools (bench data, bulk loads) whose statements may rightly run long.
 * `readUrl`: a read replica, with its credentials (see openServingOrm), used only where a query asks for the read
 * connection (server/shared/read-replica.ts); its sessions are read-only whatever server it is, even a writable one.
 */
export function ormConfig(clientUrl: string, { requestTimeouts = true, readUrl }: { requestTimeouts?: boolean; readUrl?: string } = {}) {
  return defineConfig({
    clientUrl,
    ...(readUrl && {
      // Nothing goes to the replica unless asked for: writes, and reads that must see them, stay on the primary.
      preferReadReplicas: false,
      replicas: [
        {
          name: 'read',
          clientUrl: readUrl,
          // Merged over the shared driverOptions below (timeouts): startup parameters, so no statement is added.
          driverOptions: {
            connection: {
              connectionString: readUrl,
              application_name: READ_APPLICATION_NAME,
              options: '-c default_transaction_read_only=on',
            },
          },
        },
      ],
    }),
    entities: serverModules.flatMap((module) => module.entities),
    extensions: [Migrator],
    // Batches Reference/Collection loads per forked EntityManager (one per request).
    dataloader: DataloaderType.ALL,
    forceUtcTimezone: true,
    // Migrations are .ts files; a plain import() lets vitest and the SWC hook load them.
    dynamicImportProvider: (id: string) => import(id),
    migrations: {
      path: path.join(root, 'migrations'),
      pathTs: path.join(root, 'migrations'),
      glob: '!(*.d).ts',
      transactional: true,
      allOrNothing: true,
      // No snapshot: scripts/create-migration.ts diffs the entities against a database migrated
      // from scratch, so parallel branches never conflict over one snapshot file.
      snapshot: false,
      emit: 'ts',
      fileName: (timestamp: string, name?: string) => `Migration${timestamp}${name ? `_${name}` : ''}`,
    },
    pool: { min: 0, max: 10 },
    // A stuck database gives errors, not hung sockets: a connection must open within 5 s, a request
    // waits at most 5 s for a free one, PostgreSQL cancels a statement past 30 s, and the client
    // gives up 5 s later if even the cancel goes unanswered (a frozen server).
    driverOptions: {
      acquireConnectionTimeout: DATABASE_TIMEOUTS.acquireMs,
      connection: {
        // MikroORM reads only the URL's host, port, user, password and database; pg reads the rest of it too
        // (`?sslmode=…`, `?sslrootcert=…`, `?host=/socket/dir`), which would otherwise be dropped without a word.
        connectionString: clientUrl,
        connectionTimeoutMillis: DATABASE_TIMEOUTS.connectMs,
        ...(requestTimeouts && { statement_timeout: DATABASE_TIMEOUTS.statementMs, query_timeout: DATABASE_TIMEOUTS.statementMs + 5_000 }),
      },
    },
    debug: process.env.ORM_DEBUG === '1',
    colors: false,
    loggerFactory: (options) => new OrmLogger(options),
  });
}
