// Generates the national scale (3,400 communes × ~100 sub-criteria × 3 years, and the 2023 monitoring year:
// 20 plan tasks and 4 periodic reports per commune) into a database:
// DATABASE_URL if set, else an embedded PostgreSQL in a temporary folder (kept; its path is printed).
// Usage: node --import ./server/register.js scripts/bench/generate-national.ts [units] [firstYear-lastYear]
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureDatabase, startEmbeddedPostgres } from '../../server/shared/database.ts';
import { openOrm } from '../../server/orm.ts';
import { seedDatabase } from '../../server/seed/index.ts';
import { generateNational } from './national.ts';
import { generateNationalMonitoring } from './national-monitoring.ts';

const units = Number(process.argv[2] ?? 3400);
const [from, to] = (process.argv[3] ?? '2021-2023').split('-').map(Number) as [number, number];
let url = process.env.DATABASE_URL;
let stop = async () => {};
if (!url) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'par-national-'));
  await fs.chmod(dir, 0o755);
  const server = await startEmbeddedPostgres(path.join(dir, 'pg'));
  url = await ensureDatabase(server.adminUrl, 'par_index');
  stop = () => server.stop();
  console.log(`Embedded PostgreSQL in ${dir}/pg (start the app on it with DATA_DIR=${dir})`);
}
const orm = await openOrm(url, { requestTimeouts: false });
await seedDatabase(orm, { demo: true, now: new Date() });
console.log(`Generating ${units} communes for ${from}–${to} …`);
await generateNational(orm, { units, years: Array.from({ length: to - from + 1 }, (_, i) => from + i) });
console.log(`Generating the 2023 monitoring year of ${units} communes …`);
await generateNationalMonitoring(orm, { units, year: 2023 });
await orm.close();
await stop();
