import { DefaultLogger, MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ormConfig } from '../server/orm.config.ts';
import { preparedQuery } from '../server/shared/sql.ts';

/**
 * preparedQuery (server/shared/sql.ts), which the self-score save runs on: a named prepared statement with bound
 * parameters, in the entity manager's transaction when there is one, logged like MikroORM's own statements.
 */
let orm: MikroORM;
const logged: string[] = [];

beforeAll(async () => {
  orm = await MikroORM.init({
    ...ormConfig(inject('adminUrl')),
    pool: { min: 0, max: 1 }, // one connection: the statement prepared is the one the next query sees
    debug: ['query'],
    loggerFactory: (options) => new DefaultLogger({ ...options, writer: (line) => logged.push(line) }),
  });
});
afterAll(() => orm.close(true));

describe('preparedQuery', () => {
  it('prepares the statement under its name, binds the parameters and logs it with them', async () => {
    const em = orm.em.fork();
    const rows = await preparedQuery<{ n: number; text: string }>(em, 'probe', 'select ?::int as n, ?::text as text', [5, "it's ?"]);
    expect(rows).toEqual([{ n: 5, text: "it's ?" }]);
    const prepared = await em.execute<{ name: string; statement: string }[]>('select name, statement from pg_prepared_statements');
    expect(prepared).toContainEqual({ name: 'probe', statement: 'select $1::int as n, $2::text as text' });
    expect(logged.some((line) => line.includes('-- prepared as probe'))).toBe(true);
  });

  it('runs in the transaction of the entity manager', async () => {
    await orm.em.fork().transactional(async (tx) => {
      const [mine] = await preparedQuery<{ id: string }>(tx, 'transaction-id', 'select txid_current()::text as id', []);
      const [outer] = await tx.execute<{ id: string }[]>('select txid_current()::text as id');
      expect(mine!.id).toBe(outer!.id);
    });
  });
});
