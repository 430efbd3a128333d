import cluster, { type Worker } from 'node:cluster';
import { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from './shared/config.ts';
import { answerWorkersMetrics, offerWorkerMetrics } from './shared/cluster-metrics.ts';
import { isIpcMessage, nextMessage } from './shared/ipc.ts';
import { log } from './shared/log.ts';
import { whenAskedToStop } from './shared/shutdown.ts';
import { requestsInFlight } from './observability.ts';
import { ormConfig } from './orm.config.ts';
import { serveApi } from './serve.ts';

/**
 * API_PROCESSES > 1: node:cluster workers answer on the one port (the supervising process hands them connections in
 * turn), each with its own pool. They act as one server as separate instances do (README, "Several instances"):
 * sessions, abilities and throttling live in PostgreSQL and its notifications, answers are kept per database snapshot.
 * The supervising process keeps what must happen once: the embedded database, migrations and seed, background jobs.
 */

/** Where a worker connects: the serving ORM's URLs (the request role, and the read replica if any). */
interface Handoff {
  type: 'par:handoff';
  clientUrl: string;
  readUrl?: string;
}
const HANDOFF_ASK = { type: 'par:handoff-ask' } as const;
const STOP = { type: 'par:stop' } as const;

/**
 * In the supervising process, once the database is migrated and seeded: forks `count` workers connecting as `orm`
 * does, resolves when all listen (rejects if one stops before), and forks a replacement for one that stops later.
 * `close` asks every worker to finish its requests and resolves when all have exited.
 */
export async function startWorkers(orm: MikroORM, count: number): Promise<{ close(): Promise<void> }> {
  const handoff: Handoff = {
    type: 'par:handoff',
    clientUrl: orm.config.get('clientUrl')!,
    readUrl: orm.config.get('replicas')?.[0]?.clientUrl,
  };
  answerWorkersMetrics();
  let stopping = false;
  const fork = (restarts = 0) =>
    new Promise<Worker>((resolve, reject) => {
      const worker = cluster.fork();
      let listening = false;
      // Asked for by the worker once it listens for it: a message sent before its code has loaded would be lost.
      worker.on('message', (message: unknown) => isIpcMessage(message, HANDOFF_ASK.type) && worker.send(handoff));
      worker.once('listening', () => {
        listening = true;
        resolve(worker);
      });
      worker.once('exit', (code, signal) => {
        if (stopping) return;
        const how = signal ?? `exit ${code}`;
        if (!listening && restarts === 0) return reject(new Error(`API worker ${worker.process.pid} stopped while starting (${how})`));
        log.error(`API worker ${worker.process.pid} stopped (${how}); starting another …`);
        // A worker that keeps dying (its port taken away, the database refusing it) is retried ever more slowly.
        setTimeout(() => void fork(listening ? 1 : restarts + 1).catch(() => undefined), Math.min(restarts + 1, 5) * 1_000);
      });
    });
  await Promise.all(Array.from({ length: count }, () => fork()));
  return {
    async close() {
      stopping = true;
      const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
      await Promise.all(
        workers.map(
          (worker) =>
            new Promise<void>((resolve) => {
              if (worker.isDead()) return resolve();
              worker.once('exit', () => resolve());
              if (worker.isConnected()) worker.send(STOP);
            }),
        ),
      );
    },
  };
}

/**
 * A worker's life: waits for the supervising process to say where to connect, serves on the shared port, and
 * stops (letting its requests finish) when asked, on a signal, or when the supervising process is gone.
 */
export async function serveAsWorker(config: AppConfig): Promise<void> {
  offerWorkerMetrics();
  // Without a timeout it resolves only with the handoff.
  const handoff = nextMessage<Handoff>(process, 'par:handoff');
  process.send!(HANDOFF_ASK);
  const { clientUrl, readUrl } = (await handoff)!;
  const orm = await MikroORM.init(ormConfig(clientUrl, { readUrl }));
  const app = await serveApi(orm, config).catch(async (error: Error) => {
    log.fatal(`API worker ${process.pid}: ${error.message}`);
    await orm.close();
    process.exit(1);
  });
  const stop = whenAskedToStop(config.shutdownTimeoutMs + 30_000, async (reason) => {
    log.info({ inFlight: requestsInFlight() }, `API worker ${process.pid}: ${reason}; finishing ${requestsInFlight()} request(s) …`);
    await app.close();
    await orm.close();
    process.exit(0);
  });
  process.on('message', (message: unknown) => isIpcMessage<typeof STOP>(message, STOP.type) && stop('asked to stop'));
  process.on('disconnect', () => stop('the supervising process is gone'));
}
