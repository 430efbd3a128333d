import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.ts';
import { configOrExit } from './shared/config.ts';
import { openConfiguredDatabase } from './shared/database.ts';
import { startJobs } from './shared/jobs.ts';
import { log } from './shared/log.ts';
import { keepServingOnStrayRejections } from './shared/process-guard.ts';
import { sweepStaging } from './shared/upload.ts';
import { openServingOrm } from './orm.ts';
import { serverModules } from './modules.ts';
import { demoAccounts, seedDatabase } from './seed/index.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const config = configOrExit();
log.level = config.logLevel;
keepServingOnStrayRejections();
// Files a crash left half-uploaded; no request is running yet.
const swept = await sweepStaging(config.dataDir);
if (swept.length) log.info(`Removed ${swept.length} unfinished upload(s) left by the previous run.`);

const database = await openConfiguredDatabase(config, (line) => log.info(line), { restartOnExit: true });
const orm = await openServingOrm(database);
const seeded = await seedDatabase(orm, { demo: config.demo, now: new Date(), dataDir: config.dataDir });
if (seeded.length) log.info(`Seeded: ${seeded.join(', ')}`);

const app = await createApp(orm, config, path.join(root, 'portal/dist'));
await new Promise<void>((resolve) => app.server.listen(config.port, resolve));
const stopJobs = startJobs(
  orm,
  serverModules.flatMap((module) => module.jobs ?? []),
  config,
);
const base = `http://localhost:${config.port}`;
log.info(
  { port: config.port },
  `PAR Index portal ${base}/ · GraphQL API ${base}/graphql · health ${base}/healthz, ${base}/readyz · metrics ${base}/metrics`,
);
if (config.demo) {
  const accounts = demoAccounts.map((account) => `${account.username} (${account.roles.join(', ')})`).join(', ');
  // Even the demo password stays out of the logs (README gives it).
  log.info(`Demo accounts (the demo password of README.md): ${accounts}`);
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info(`${signal}: stopping …`);
  await stopJobs();
  await app.close();
  await orm.close();
  await database.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
