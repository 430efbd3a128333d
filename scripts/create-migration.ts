// Usage: npm run migration:create -- <name>
// Diffs the entities against the last migration's snapshot and writes migrations/Migration<timestamp>_<name>.ts.
import { MikroORM } from '@mikro-orm/postgresql';
import { ensureDatabase, startEmbeddedPostgres } from '../server/shared/database.ts';
import { ormConfig } from '../server/orm.config.ts';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const name = process.argv[2];
const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'par-migration-'));
const server = await startEmbeddedPostgres(dir);
try {
  const orm = await MikroORM.init(ormConfig(await ensureDatabase(server.adminUrl, 'par_migration')));
  await orm.getMigrator().up();
  const result = await orm.getMigrator().createMigration(undefined, false, false, name);
  console.log(result.fileName ? `Created migrations/${result.fileName}` : 'No changes: entities match the migrations.');
  await orm.close();
} finally {
  await server.stop();
  await fs.rm(dir, { recursive: true, force: true });
}
