import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { inject, vi } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createApp, type App } from '../../server/app.ts';
import { readConfig, type AppConfig } from '../../server/shared/config.ts';
import { createLogger, type Logger } from '../../server/shared/log.ts';
import { dropDatabase, ensureDatabase } from '../../server/shared/database.ts';
import { openServingOrm } from '../../server/orm.ts';
import { DEMO_PASSWORD } from '../../server/seed/index.ts';
import { forgetImmutableTrees } from '../../server/criteria/index.ts';

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string; field?: string; [key: string]: unknown } }[];
}

export interface TestApp {
  url: string;
  /** This test file's own database as its owner, for commands run beside the app (admin:create, backup). */
  databaseUrl: string;
  /** The app's own ORM: connected as the request role (see server/shared/database-roles.ts). */
  orm: MikroORM;
  app: App;
  /** POSTs a GraphQL operation; `token` as Bearer, `locale` as Accept-Language. */
  gql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string; locale?: string },
  ): Promise<GraphQLResponse<T>>;
  /**
   * Runs `fn` and returns the SQL statements the app sent meanwhile (for "fixed number of queries" tests).
   * `warmAs` (a token) first warms that user's session and ability caches with `{ me { id } }`, so the count
   * holds the request's own statements only.
   */
  recordQueries<T>(fn: () => Promise<T>, options?: { warmAs?: string }): Promise<{ result: T; statements: string[] }>;
  /** Signs in a demo account and returns its bearer token. */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The app on an ephemeral port over its own copy of the seeded template database (or `beside` another's). Its log shows warnings and errors
 * only, unless a test hands it a `logger` (to read what it wrote). `readReplica`: its DATABASE_READ_URL, `true` for its own database
 * (a read connection in read-only sessions, see ormConfig), standing in for a streaming replica.
 */
export async function startTestApp(
  options: { portal?: boolean; config?: Partial<AppConfig>; logger?: Logger; beside?: TestApp; readReplica?: true | string } = {},
): Promise<TestApp> {
  const adminUrl = inject('adminUrl');
  // `beside`: a second API process on that app's database (closed first: the database goes with the first).
  const database = options.beside ? null : `${inject('runId')}_${randomBytes(4).toString('hex')}`;
  const databaseUrl = options.beside?.databaseUrl ?? (await ensureDatabase(adminUrl, database!, inject('templateDatabase')));
  // Served as the request role, like `npm start`; `databaseUrl` is the owner's (the superuser's in tests).
  const orm = await openServingOrm({ url: databaseUrl, readUrl: options.readReplica === true ? databaseUrl : options.readReplica });
  const config = { ...readConfig({}), port: 0, dataDir: inject('dataDir'), ...options.config };
  const logger = options.logger ?? createLogger({ level: 'warn' });
  const app = await createApp(orm, config, options.portal ? path.resolve('portal/dist') : undefined, { logger });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  // While statements are recorded, each document is made new with a comment: the count is the data path's, never
  // the response cache's (its own statements are counted in tests/response-cache.test.ts).
  let recording = 0;
  let measured = 0;
  const gql: TestApp['gql'] = async (query, variables, { token, locale } = {}) => {
    if (recording) query = `${query}\n# measured ${++measured}`;
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(locale ? { 'accept-language': locale } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as GraphQLResponse;
    return { status: response.status, data: body.data, errors: body.errors };
  };

  const recordQueries: TestApp['recordQueries'] = async (fn, { warmAs } = {}) => {
    const statements: string[] = [];
    const knex = orm.em.getConnection().getKnex();
    const listener = (query: { sql: string }) => statements.push(query.sql);
    // The session and ability caches trust what they hold for 10 s of Date.now(). The clock stands still
    // (Date only; timers and I/O run) from the warm-up to the end of `fn`, so the caches stay warm however
    // slow the machine: the count never includes a re-validation that a pause happened to cause.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    try {
      if (warmAs) await gql('{ me { id } }', {}, { token: warmAs });
      // Published criteria trees are kept once read (criteria.read.ts): counts start with none kept, as on a fresh server.
      forgetImmutableTrees(orm.em);
      knex.on('query', listener);
      recording += 1;
      return { result: await fn(), statements };
    } finally {
      recording -= 1;
      knex.off('query', listener);
      vi.useRealTimers();
    }
  };

  return {
    url,
    databaseUrl,
    orm,
    app,
    gql,
    recordQueries,
    async login(username, password = DEMO_PASSWORD) {
      const result = await gql('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
        u: username,
        p: password,
      });
      if (!result.data?.login) throw new Error(`login ${username} failed: ${JSON.stringify(result.errors)}`);
      return result.data.login.token as string;
    },
    async close() {
      await app.close();
      await orm.close();
      if (database) await dropDatabase(adminUrl, database);
    },
  };
}

/** The code of the first error, for `expect(errorCode(r)).toBe('FORBIDDEN')`. */
export const errorCode = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;
