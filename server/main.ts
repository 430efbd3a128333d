import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.ts';
import { configOrExit } from './shared/config.ts';
import { openConfiguredDatabase } from './shared/database.ts';
import { startJobs } from './shared/jobs.ts';
import { keepServingOnStrayRejections } from './shared/process-guard.ts';
import { sweepStaging } from './shared/upload.ts';
import { openServingOrm } from './orm.ts';
import { serverModules } from './modules.ts';
import { DEMO_PASSWORD, demoAccounts, seedDatabase } from './seed/index.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const config = configOrExit();
keepServingOnStrayRejections();
// Files a crash left half-uploaded; no request is running yet.
const swept = await sweepStaging(config.dataDir);
if (swept.length) console.log(`Removed ${swept.length} unfinished upload(s) left by the previous run.`);

const database = await openConfiguredDatabase(config, console.log, { restartOnExit: true });
const orm = await openServingOrm(database);
const seeded = await seedDatabase(orm, { demo: config.demo, now: new Date(), dataDir: config.dataDir });
if (seeded.length) console.log(`Seeded: ${seeded.join(', ')}`);

const app = await createApp(orm, config, path.join(root, 'portal/dist'));
await new Promise<void>((resolve) => app.server.listen(config.port, resolve));
const stopJobs = startJobs(
  orm,
  serverModules.flatMap((module) => module.jobs ?? []),
  config,
);
const base = `http://localhost:${config.port}`;
console.log(`\nPAR Index portal:  ${base}/\nGraphQL API:       ${base}/graphql\nHealth:            ${base}/healthz, ${base}/readyz`);
if (config.demo) {
  console.log(`\nDemo accounts (password "${DEMO_PASSWORD}"):`);
  for (const account of demoAccounts) console.log(`  ${account.username.padEnd(12)} ${account.roles.join(', ')}  ${account.displayName}`);
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping …`);
  stopJobs();
  await app.close();
  await orm.close();
  await database.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
