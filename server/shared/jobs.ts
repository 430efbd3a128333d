import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { readConfig, type AppConfig } from './config.ts';
import { log } from './log.ts';
import { jobDuration, jobRuns } from './metrics.ts';

/** Work a module wants done periodically (reminders…), each run on a fresh EntityManager. */
export interface BackgroundJob {
  name: string;
  everyMs: number;
  run(em: EntityManager, now: Date, config: AppConfig): Promise<unknown>;
}

/**
 * Starts every job (first run right away); returns a function that stops them and resolves once the runs under way
 * have ended (a stopping server closes the database only then). A failed run is logged and counted; the next one comes.
 */
export function startJobs(orm: MikroORM, jobs: BackgroundJob[], config: AppConfig = readConfig()): () => Promise<void> {
  const running = new Set<Promise<void>>();
  const timers = jobs.map((job) => {
    const tick = () => {
      const done = jobDuration.startTimer({ job: job.name });
      const run = job
        .run(orm.em.fork(), new Date(), config)
        .then(
          () => void jobRuns.inc({ job: job.name, outcome: 'ok' }),
          (error: unknown) => {
            jobRuns.inc({ job: job.name, outcome: 'failed' });
            log.error({ err: error, job: job.name }, `job ${job.name} failed`);
          },
        )
        .finally(() => {
          done();
          running.delete(run);
        });
      running.add(run);
    };
    tick();
    const timer = setInterval(tick, job.everyMs);
    timer.unref();
    return timer;
  });
  return async () => {
    timers.forEach((timer) => clearInterval(timer));
    await Promise.allSettled([...running]);
  };
}
