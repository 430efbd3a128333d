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

/** Starts every job (first run right away); returns a function that stops them. */
export function startJobs(orm: MikroORM, jobs: BackgroundJob[], config: AppConfig = readConfig()): () => void {
  const timers = jobs.map((job) => {
    const tick = () => {
      const done = jobDuration.startTimer({ job: job.name });
      return job
        .run(orm.em.fork(), new Date(), config)
        .then(
          () => jobRuns.inc({ job: job.name, outcome: 'ok' }),
          (error: unknown) => {
            jobRuns.inc({ job: job.name, outcome: 'failed' });
            log.error({ err: error, job: job.name }, `job ${job.name} failed`);
          },
        )
        .finally(() => done());
    };
    void tick();
    const timer = setInterval(tick, job.everyMs);
    timer.unref();
    return timer;
  });
  return () => timers.forEach((timer) => clearInterval(timer));
}
