import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { dropDatabase, ensureDatabase, startEmbeddedPostgres, type DatabaseServer } from '../../server/shared/database.ts';
import { openOrm } from '../../server/orm.ts';
import { seedDatabase } from '../../server/seed/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDatabase: string;
    runId: string;
    /** The run's data folder (evidence files): seeded files and uploads of every test file land here. */
    dataDir: string;
  }
}

/**
 * One PostgreSQL for the run: the server at DATABASE_URL, or an embedded one in a fresh folder
 * on a free port. A template database is migrated and seeded once; every test file gets its own
 * copy (CREATE DATABASE … TEMPLATE), so files never see each other's rows. All are dropped at the end.
 */
export default async function setup(project: TestProject) {
  const runId = `par_test_${randomBytes(4).toString('hex')}`;
  let embedded: DatabaseServer | undefined;
  let dataDir: string | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'par-test-pg-'));
    embedded = await startEmbeddedPostgres(dataDir);
    adminUrl = embedded.adminUrl;
  }
  const templateDatabase = `${runId}_template`;
  const appDataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'par-test-data-'));
  const orm = await openOrm(await ensureDatabase(adminUrl, templateDatabase));
  await seedDatabase(orm, { demo: true, now: new Date(), storage: { dataDir: appDataDir } });
  await orm.close();

  project.provide('adminUrl', adminUrl);
  project.provide('templateDatabase', templateDatabase);
  project.provide('runId', runId);
  project.provide('dataDir', appDataDir);

  return async () => {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${runId}%`]);
    await client.end();
    for (const { datname } of rows) await dropDatabase(adminUrl!, datname);
    // Request roles dropDatabase could not drop while another database of the run still referred to them.
    const sweep = new pg.Client({ connectionString: adminUrl });
    await sweep.connect();
    const roles = await sweep.query<{ rolname: string }>('select rolname from pg_roles where rolname like $1', [`${runId}%`]);
    for (const { rolname } of roles.rows) await sweep.query(`drop role if exists "${rolname}"`).catch(() => undefined);
    await sweep.end();
    await embedded?.stop();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
    await fs.rm(appDataDir, { recursive: true, force: true });
  };
}
