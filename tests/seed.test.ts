import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openOrm } from '../server/orm.ts';
import { seedDatabase } from '../server/seed/index.ts';
import { readConfig } from '../server/shared/config.ts';
import { dropDatabase, ensureDatabase } from '../server/shared/database.ts';
import { errorCode, startTestApp, type TestApp } from './support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const counts = async () =>
  (
    await t.orm.em.getConnection().execute(
      `select (select count(*) from unit)::int as units, (select count(*) from criterion)::int as criteria,
            (select count(*) from app_user)::int as users, (select count(*) from period)::int as periods`,
    )
  )[0];

describe('demo seed', () => {
  it('has the Hà Nội units: the 22 city departments and the 30 district-level units', async () => {
    const rows = await t.orm.em.getConnection().execute(`select block, count(*)::int as n from unit group by block`);
    const byBlock = Object.fromEntries((rows as { block: string; n: number }[]).map((row) => [row.block, row.n]));
    expect(byBlock.DISTRICT).toBe(30);
    expect(byBlock.DEPARTMENT).toBe(22);
  });

  it('shows any unit to every signed-in user; NOT_FOUND for an unknown id, UNAUTHENTICATED without a session', async () => {
    const token = await t.login('thanhoai');
    const [sontay] = (await t.gql('{ units(filter: { block: DISTRICT }) { id code } }', {}, { token })).data.units.filter(
      (unit: { code: string }) => unit.code === 'SONTAY',
    );
    const UNIT = 'query($id: Int!) { unit(id: $id) { id code name block active } }';
    expect((await t.gql(UNIT, { id: sontay.id }, { token })).data.unit).toEqual({
      id: sontay.id,
      code: 'SONTAY',
      name: 'UBND thị xã Sơn Tây',
      block: 'DISTRICT',
      active: true,
    });
    expect(errorCode(await t.gql(UNIT, { id: 987654 }, { token }))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(UNIT, { id: sontay.id }))).toBe('UNAUTHENTICATED');
  });

  it('is idempotent: a second run seeds nothing twice', async () => {
    const before = await counts();
    expect(await seedDatabase(t.orm, { demo: true, now: new Date() })).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it('never creates demo accounts when demo data is off', async () => {
    // A new, empty database (the audit trail of the seeded one cannot be truncated away).
    const database = `${inject('runId')}_empty_${randomBytes(4).toString('hex')}`;
    const orm = await openOrm(await ensureDatabase(inject('adminUrl'), database));
    try {
      // The reference data only: Hà Nội's units and the criteria.
      expect(await seedDatabase(orm, { demo: false, now: new Date() })).toEqual(['hanoi-units', 'hanoi-criteria-2023']);
      expect(await orm.em.getConnection().execute(`select count(*)::int as users from app_user`)).toEqual([{ users: 0 }]);
    } finally {
      await orm.close();
      await dropDatabase(inject('adminUrl'), database);
    }
  });

  it('seeds demo data with the embedded database or PAR_DEMO, whatever NODE_ENV says', () => {
    expect(readConfig({ NODE_ENV: 'production' }).demo).toBe(true);
    expect(readConfig({ DATABASE_URL: 'postgres://db/par' }).demo).toBe(false);
    expect(readConfig({ DATABASE_URL: 'postgres://db/par', PAR_DEMO: '1' }).demo).toBe(true);
    expect(readConfig({ PAR_DEMO: 'false' }).demo).toBe(false);
  });
});
