import cluster from 'node:cluster';
import { configOrExit, type AppConfig } from './shared/config.ts';
import { openConfiguredDatabase } from './shared/database.ts';
import { startJobs } from './shared/jobs.ts';
import { log } from './shared/log.ts';
import { keepServingOnStrayRejections } from './shared/process-guard.ts';
import { whenAskedToStop } from './shared/shutdown.ts';
import { sweepStaging } from './shared/upload.ts';
import { openServingOrm } from './orm.ts';
import { requestsInFlight } from './observability.ts';
import { serverModules } from './modules.ts';
import { serveApi } from './serve.ts';
import { serveAsWorker, startWorkers } from './workers.ts';
import { demoAccounts, seedDatabase } from './seed/index.ts';
import { evidenceStorage } from './evidence/index.ts';

const config = configOrExit();
log.level = config.logLevel;
keepServingOnStrayRejections();
await (cluster.isWorker ? serveAsWorker(config) : start(config));

/** `npm start`: the database ready (embedded or DATABASE_URL), migrated and seeded, then the API on the port. */
async function start(config: AppConfig): Promise<void> {
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

  // API_PROCESSES > 1: workers answer on the port (server/workers.ts); this process keeps the database and the jobs.
  const serving = await (config.apiProcesses > 1 ? startWorkers(orm, config.apiProcesses) : serveApi(orm, config)).catch(
    async (error: Error) => {
      // A port already taken, say: said plainly, and the embedded database is not left running behind us.
      log.fatal(error.message);
      await orm.close();
      await database.stop();
      process.exit(1);
    },
  );
  const stopJobs = startJobs(
    orm,
    serverModules.flatMap((module) => module.jobs ?? []),
    config,
  );
  const base = `http://localhost:${config.port}`;
  log.info(
    { port: config.port, processes: config.apiProcesses },
    `PAR Index portal ${base}/ · GraphQL API ${base}/graphql · health ${base}/healthz, ${base}/readyz · metrics ${base}/metrics`,
  );
  if (config.demo) {
    const accounts = demoAccounts.map((account) => `${account.username} (${account.roles.join(', ')})`).join(', ');
    // Even the demo password stays out of the logs (README gives it).
    log.info(`Demo accounts (the demo password of README.md): ${accounts}`);
  }

  // Stopping: no new connections; the requests in flight (uploads included) get at most SHUTDOWN_TIMEOUT_S to finish,
  // the jobs' runs end, then the pool and the embedded database close.
  whenAskedToStop(config.shutdownTimeoutMs + 30_000, async (reason) => {
    const started = Date.now();
    log.info(
      { inFlight: requestsInFlight() },
      config.apiProcesses > 1
        ? `${reason}: stopping — the API workers finish their requests (at most ${config.shutdownTimeoutMs / 1000} s) …`
        : `${reason}: stopping — no new connections; ${requestsInFlight()} request(s) in flight get up to ${config.shutdownTimeoutMs / 1000} s to finish …`,
    );
    const jobsStopped = stopJobs();
    await serving.close();
    await jobsStopped;
    await orm.close();
    await database.stop();
    log.info(`Stopped in ${Date.now() - started} ms.`);
    process.exit(0);
  });
}
