import type { MikroORM } from '@mikro-orm/postgresql';
import type { Express } from 'express';

/** How long the database may take to answer `select 1` before the API calls itself not ready. */
export const READY_TIMEOUT_MS = 1_000;

/** Resolves true when the database answers within `ms`, false when it fails or stays silent. */
async function databaseAnswers(orm: MikroORM, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const probe = orm.em
    .getConnection()
    .execute('select 1')
    .then(
      () => true,
      () => false,
    );
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([probe, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `/healthz`: the process is alive and serving (never touches the database, so it answers even
 * when PostgreSQL is frozen). `/readyz`: the database answered within READY_TIMEOUT_MS; 503 when
 * it did not, so a load balancer stops sending traffic instead of letting requests hang.
 */
export function healthRoutes(app: Express, orm: MikroORM): void {
  app.get('/healthz', (_req, res) => {
    res.set('cache-control', 'no-store').json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = await databaseAnswers(orm, READY_TIMEOUT_MS);
    res
      .status(ready ? 200 : 503)
      .set('cache-control', 'no-store')
      .json(ready ? { status: 'ready', database: 'ok' } : { status: 'unavailable', database: `no answer within ${READY_TIMEOUT_MS} ms` });
  });
}
