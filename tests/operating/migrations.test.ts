import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { dropDatabase, ensureDatabase, freePort } from '../../server/shared/database.ts';
import { openOrm } from '../../server/orm.ts';

/**
 * Issue 15, item 7, upgrades: migrations (and the seed) run at start under a PostgreSQL advisory lock, so two
 * instances started together against one empty database migrate and seed it once; all pending migrations run in one
 * transaction, so one that fails leaves the database as it was.
 */
const TIMEOUT = 240_000;
const databases: string[] = [];
const folders: string[] = [];
afterAll(async () => {
  for (const database of databases) await dropDatabase(inject('adminUrl'), database);
  for (const folder of folders) await fs.rm(folder, { recursive: true, force: true });
}, TIMEOUT);

async function emptyDatabase(): Promise<string> {
  const database = `${inject('runId')}_migrate_${randomBytes(3).toString('hex')}`;
  databases.push(database);
  return ensureDatabase(inject('adminUrl'), database);
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

const tables = (url: string) =>
  query<{ table_name: string }>(url, `select table_name from information_schema.tables where table_schema = 'public' order by 1`).then(
    (rows) => rows.map((row) => row.table_name),
  );

const migrationFiles = async () =>
  (await fs.readdir('migrations')).filter((name) => /^Migration\d+.*\.ts$/.test(name) && !name.endsWith('.d.ts'));

describe('migrations at start', () => {
  it(
    'run once when two instances start together against one empty database, and the seed once too',
    async () => {
      const url = await emptyDatabase();
      const instances: { child: ChildProcess; port: number; output: string }[] = [];
      for (let i = 0; i < 2; i++) {
        const port = await freePort();
        const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'par-migrate-'));
        folders.push(dataDir);
        const child = spawn(process.execPath, ['--import', './server/register.js', 'server/main.ts'], {
          env: { ...process.env, DATABASE_URL: url, PORT: String(port), DATA_DIR: dataDir, PAR_DEMO: '1' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const instance = { child, port, output: '' };
        child.stdout!.on('data', (chunk) => (instance.output += chunk));
        child.stderr!.on('data', (chunk) => (instance.output += chunk));
        instances.push(instance);
      }
      try {
        for (const instance of instances) {
          await expect
            .poll(
              () =>
                instance.child.exitCode === null
                  ? fetch(`http://127.0.0.1:${instance.port}/readyz`).then(
                      (response) => response.status,
                      () => 0,
                    )
                  : -1,
              { timeout: TIMEOUT, interval: 500 },
            )
            .toBe(200)
            .catch((error: unknown) => {
              throw new Error(`${String(error)}\n${instances.map((each) => each.output).join('\n---\n')}`);
            });
        }
        const files = await migrationFiles();
        const applied = await query<{ name: string; n: number }>(
          url,
          'select name, count(*)::int as n from mikro_orm_migrations group by name',
        );
        expect(applied).toHaveLength(files.length);
        expect(applied.every((row) => row.n === 1)).toBe(true);
        // One instance applied them all; the other found nothing left to do.
        const appliers = instances.filter((instance) => instance.output.includes(`"msg":"Applied ${files.length} migration(s)."`));
        expect(appliers).toHaveLength(1);
        expect(instances.filter((instance) => /"msg":"Seeded: /.test(instance.output))).toHaveLength(1);
        const [users] = await query<{ n: number }>(url, `select count(*)::int as n from app_user where username = 'sontay'`);
        expect(users!.n).toBe(1);
      } finally {
        for (const instance of instances) instance.child.kill('SIGTERM');
        const codes = await Promise.all(
          instances.map((instance) =>
            instance.child.exitCode !== null ? instance.child.exitCode : new Promise((resolve) => instance.child.once('exit', resolve)),
          ),
        );
        expect(codes).toEqual([0, 0]);
      }
    },
    TIMEOUT * 2,
  );

  it(
    'leave the database as it was when one of them fails, and apply all once the cause is gone',
    async () => {
      const url = await emptyDatabase();
      // A table a late migration creates is already there: that migration fails after the earlier ones have run.
      await query(url, 'create table suggestion_rule (left_by_hand int)');
      const before = await tables(url);
      await expect(openOrm(url)).rejects.toThrow(/suggestion_rule/);
      const after = await tables(url);
      // The earlier migrations' tables are gone with the transaction; at most the (empty) record of migrations remains.
      expect(after.filter((name) => name !== 'mikro_orm_migrations')).toEqual(before);
      if (after.includes('mikro_orm_migrations')) expect(await query(url, 'select * from mikro_orm_migrations')).toEqual([]);

      await query(url, 'drop table suggestion_rule');
      const orm = await openOrm(url);
      try {
        const [row] = await query<{ n: number }>(url, 'select count(*)::int as n from mikro_orm_migrations');
        expect(row!.n).toBe((await migrationFiles()).length);
      } finally {
        await orm.close();
      }
    },
    TIMEOUT,
  );
});
