import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ormConfig } from '../../server/orm.config.ts';
import { fromDatabaseError } from '../../server/shared/errors.ts';
import { startTestApp, type GraphQLResponse, type TestApp } from '../support/app.ts';

// A burst larger than the connection pool while every connection waits on a lock (deadline day, one slow
// statement): a request that gets no connection within the pool's acquire timeout is told the database is not
// answering (DATABASE_UNAVAILABLE, in its language), never a bare INTERNAL_SERVER_ERROR.
let t: TestApp;
let secretariat: string;

beforeAll(async () => {
  t = await startTestApp();
  secretariat = await t.login('secretariat');
});
afterAll(() => t.close());

const ask = async (): Promise<GraphQLResponse> => {
  const response = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${secretariat}`,
      'accept-language': 'en',
      'cache-control': 'no-cache',
    },
    body: JSON.stringify({ query: '{ criteriaSets { id } }' }),
  });
  return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse, 'status'>) };
};

describe('more requests than connections, all waiting', () => {
  it('answers those left without a connection DATABASE_UNAVAILABLE, and the others once the lock is gone', async () => {
    const holder = new pg.Client({ connectionString: t.databaseUrl });
    await holder.connect();
    await holder.query('begin');
    await holder.query('lock table criteria_set in access exclusive mode');
    const answers = Array.from({ length: 14 }, ask);
    // Every pooled connection is stuck behind the lock, so the first answer is a request that never got one.
    const first = await Promise.race(answers);
    await holder.query('commit');
    await holder.end();
    expect(first.errors?.[0]).toMatchObject({
      message: 'The database is not answering right now; try again in a few minutes.',
      extensions: { code: 'DATABASE_UNAVAILABLE' },
    });
    const codes = (await Promise.all(answers)).map((answer) => answer.errors?.[0]?.extensions?.code ?? 'OK');
    expect(codes.filter((code) => code !== 'OK' && code !== 'DATABASE_UNAVAILABLE')).toEqual([]);
    expect(codes).toContain('OK');
  });
});

describe('the pool timeout as MikroORM reports it', () => {
  // A query (not the sign-in) that waits past the timeout reaches us as MikroORM's DriverException, without SQLSTATE.
  it('is DATABASE_UNAVAILABLE', async () => {
    const config = ormConfig(t.databaseUrl);
    const orm = await MikroORM.init({
      ...config,
      pool: { min: 0, max: 1 },
      driverOptions: { ...config.driverOptions, acquireConnectionTimeout: 200 },
    });
    try {
      // The one connection is held by a transaction that has begun before the query asks for one.
      let release = () => {};
      let begun = () => {};
      const holding = new Promise<void>((resolve) => (begun = resolve));
      const held = orm.em.fork().transactional(async (em) => {
        await em.execute('select 1');
        begun();
        await new Promise<void>((resolve) => (release = resolve));
      });
      await holding;
      const error: unknown = await orm.em
        .fork()
        .execute('select 1')
        .catch((caught: unknown) => caught);
      release();
      await held;
      expect(error).toMatchObject({ name: 'DriverException' });
      expect(fromDatabaseError(error)?.code).toBe('DATABASE_UNAVAILABLE');
    } finally {
      await orm.close();
    }
  });
});
