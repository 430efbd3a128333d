import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from './support/app.ts';

let t: TestApp;
let secretariat: string;
let setIds: { DEPARTMENT: number; DISTRICT: number };

beforeAll(async () => {
  t = await startTestApp();
  secretariat = await t.login('secretariat');
  const sets = await t.gql('{ criteriaSets(filter: { year: 2023 }) { id block } }', {}, { token: secretariat });
  setIds = Object.fromEntries(sets.data.criteriaSets.map((set: { id: number; block: string }) => [set.block, set.id])) as typeof setIds;
});
afterAll(() => t.close());

const CREATE = `mutation($input: CreatePeriodInput!) { createPeriod(input: $input) { id status year blocks criteriaSets { id block } } }`;
const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('periods', () => {
  it('shows the seeded 2023 period, open for self-assessment, to every signed-in user', async () => {
    const token = await t.login('sontay');
    const response = await t.gql(
      '{ periods { year status name selfScoringClosesAt blocks criteriaSets { block status } } }',
      {},
      { token },
    );
    const period = response.data.periods.find((p: { year: number }) => p.year === 2023);
    expect(period.status).toBe('SELF_ASSESSMENT');
    expect([...period.blocks].sort()).toEqual(['DEPARTMENT', 'DISTRICT']);
    expect(new Date(period.selfScoringClosesAt).getTime()).toBeGreaterThan(Date.now());
  });

  it('lets the secretariat plan a period, hidden from units until it is opened', async () => {
    const created = await t.gql(
      CREATE,
      { input: { year: 2023, name: 'Kỳ thử nghiệm', criteriaSetIds: [setIds.DISTRICT], selfScoringClosesAt: future(10) } },
      { token: secretariat },
    );
    expect(created.errors).toBeUndefined();
    const { id } = created.data.createPeriod;
    expect(created.data.createPeriod).toMatchObject({ status: 'PLANNED', blocks: ['DISTRICT'] });

    const unit = await t.login('thanhoai');
    const hidden = await t.gql('query($id: Int!) { period(id: $id) { id } }', { id }, { token: unit });
    expect(errorCode(hidden)).toBe('FORBIDDEN');
    expect((await t.gql('{ periods { id } }', {}, { token: unit })).data.periods.map((p: { id: number }) => p.id)).not.toContain(id);

    const opened = await t.gql('mutation($id: Int!) { openPeriod(id: $id) { status } }', { id }, { token: secretariat });
    expect(opened.data.openPeriod.status).toBe('SELF_ASSESSMENT');
    expect((await t.gql('query($id: Int!) { period(id: $id) { name } }', { id }, { token: unit })).data.period.name).toBe('Kỳ thử nghiệm');
    expect(errorCode(await t.gql('mutation($id: Int!) { openPeriod(id: $id) { status } }', { id }, { token: secretariat }))).toBe(
      'PERIOD_STARTED',
    );
  });

  it('refuses inconsistent periods with the field at fault', async () => {
    const count = async () => (await t.orm.em.getConnection().execute('select count(*)::int as n from period'))[0].n;
    const before = await count();
    const wrongYear = await t.gql(
      CREATE,
      { input: { year: 2024, name: 'Sai năm', criteriaSetIds: [setIds.DISTRICT], selfScoringClosesAt: future(5) } },
      { token: secretariat },
    );
    expect(wrongYear.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'criteriaSetIds' });
    const unknown = await t.gql(
      CREATE,
      { input: { year: 2023, name: 'Không có', criteriaSetIds: [777777], selfScoringClosesAt: future(5) } },
      { token: secretariat },
    );
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'criteriaSetIds' });
    const deadlines = await t.gql(
      CREATE,
      {
        input: {
          year: 2023,
          name: 'Hạn',
          criteriaSetIds: [setIds.DISTRICT],
          selfScoringClosesAt: future(5),
          explanationClosesAt: future(1),
        },
      },
      { token: secretariat },
    );
    expect(deadlines.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'explanationClosesAt' });
    const badDate = await t.gql(
      CREATE,
      { input: { year: 2023, name: 'Ngày', criteriaSetIds: [setIds.DISTRICT], selfScoringClosesAt: 'not a date' } },
      { token: secretariat },
    );
    expect(errorCode(badDate)).toBe('BAD_USER_INPUT');
    const empty = await t.gql(
      CREATE,
      { input: { year: 2023, name: '', criteriaSetIds: [setIds.DISTRICT], selfScoringClosesAt: future(5) } },
      { token: secretariat },
    );
    expect(empty.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(await count()).toBe(before);
  });

  it('refuses to open a period whose criteria set is still a draft', async () => {
    const draft = await t.gql('mutation { createCriteriaSet(input: { year: 2026, block: DISTRICT }) { id } }', {}, { token: secretariat });
    const created = await t.gql(
      CREATE,
      { input: { year: 2026, name: 'Kỳ 2026', criteriaSetIds: [draft.data.createCriteriaSet.id], selfScoringClosesAt: future(30) } },
      { token: secretariat },
    );
    const opened = await t.gql(
      'mutation($id: Int!) { openPeriod(id: $id) { status } }',
      { id: created.data.createPeriod.id },
      { token: secretariat },
    );
    expect(errorCode(opened)).toBe('SET_NOT_PUBLISHED');
  });

  it('lets only the secretariat create periods', async () => {
    for (const username of ['sontay.lead', 'appraiser', 'analyst', 'admin']) {
      const response = await t.gql(
        CREATE,
        { input: { year: 2023, name: 'x', criteriaSetIds: [setIds.DISTRICT], selfScoringClosesAt: future(5) } },
        { token: await t.login(username) },
      );
      expect(errorCode(response)).toBe('FORBIDDEN');
    }
  });
});

describe('updatePeriod', () => {
  const UPDATE = `mutation($id: Int!, $input: UpdatePeriodInput!) { updatePeriod(id: $id, input: $input) {
    name status selfScoringClosesAt explanationClosesAt criteriaSets { block } } }`;
  const READ = `query($id: Int!) { period(id: $id) { name selfScoringClosesAt explanationClosesAt criteriaSets { block } } }`;
  /** An edit made on the version the period is at (a stale one: tests/hardening/races.test.ts). */
  const edit = async (id: number, input: Record<string, unknown>, token = secretariat) => {
    const [row] = await t.orm.em.getConnection().execute('select version from period where id = ?', [id]);
    return t.gql(UPDATE, { id, input: { version: row?.version ?? 1, ...input } }, { token });
  };
  const plan = async () =>
    (
      await t.gql(
        CREATE,
        { input: { year: 2023, name: 'Kỳ dự kiến', criteriaSetIds: [setIds.DISTRICT], selfScoringClosesAt: future(10) } },
        { token: secretariat },
      )
    ).data.createPeriod.id as number;

  it('renames a planned period, moves its deadlines and changes its sets; keeps what is left out', async () => {
    const id = await plan();
    const selfScoringClosesAt = future(20);
    const explanationClosesAt = future(40);
    const updated = await edit(id, {
      name: '  Kỳ đánh giá bổ sung ',
      selfScoringClosesAt,
      explanationClosesAt,
      criteriaSetIds: [setIds.DISTRICT, setIds.DEPARTMENT],
    });
    expect(updated.errors).toBeUndefined();
    expect({ ...updated.data.updatePeriod, criteriaSets: updated.data.updatePeriod.criteriaSets.map((s: any) => s.block).sort() }).toEqual({
      name: 'Kỳ đánh giá bổ sung',
      status: 'PLANNED',
      selfScoringClosesAt,
      explanationClosesAt,
      criteriaSets: ['DEPARTMENT', 'DISTRICT'],
    });
    // Only the name: the deadlines and sets stay; explanationClosesAt: null clears that deadline.
    expect((await edit(id, { name: 'Kỳ 2023 (bổ sung)' })).data.updatePeriod).toMatchObject({
      name: 'Kỳ 2023 (bổ sung)',
      selfScoringClosesAt,
      explanationClosesAt,
    });
    expect((await edit(id, { explanationClosesAt: null })).data.updatePeriod.explanationClosesAt).toBeNull();
    // Every change moves the version on, a change of the sets alone too (so an edit made before it is a CONFLICT).
    const versionOf = async () =>
      (await t.gql('query($id: Int!) { period(id: $id) { version } }', { id }, { token: secretariat })).data.period.version;
    const read = await versionOf();
    expect((await edit(id, { criteriaSetIds: [setIds.DISTRICT] })).errors).toBeUndefined();
    expect(await versionOf()).toBe(read + 1);
    const stale = await t.gql(UPDATE, { id, input: { version: read, name: 'Bản cũ' } }, { token: secretariat });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', version: read + 1 });
  });

  it('refuses inconsistent changes with the field at fault, sets of a started period, unknown periods and anyone but the secretariat, changing nothing', async () => {
    const id = await plan();
    const before = (await t.gql(READ, { id }, { token: secretariat })).data.period;
    const cases: [Record<string, unknown>, string, string][] = [
      [{ name: '' }, 'BAD_USER_INPUT', 'name'],
      [{ name: '   ' }, 'BAD_USER_INPUT', 'name'],
      // Against the stored self-scoring deadline (10 days from now) when only the explanation's is given.
      [{ explanationClosesAt: future(5) }, 'BAD_USER_INPUT', 'explanationClosesAt'],
      [{ selfScoringClosesAt: future(30), explanationClosesAt: future(20) }, 'BAD_USER_INPUT', 'explanationClosesAt'],
      [{ criteriaSetIds: [] }, 'BAD_USER_INPUT', 'criteriaSetIds'],
      [{ criteriaSetIds: [777777] }, 'BAD_USER_INPUT', 'criteriaSetIds'],
    ];
    for (const [input, code, field] of cases) {
      const response = await edit(id, input);
      expect(response.errors?.[0]?.extensions, JSON.stringify(input)).toMatchObject({ code, field });
    }
    expect(errorCode(await edit(id, { selfScoringClosesAt: 'not a date' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await edit(987654, { name: 'x' }))).toBe('NOT_FOUND');
    for (const username of ['sontay.lead', 'appraiser', 'analyst', 'admin']) {
      const response = await edit(id, { name: 'x' }, await t.login(username));
      expect(errorCode(response), username).toBe('FORBIDDEN');
    }
    expect((await t.gql(READ, { id }, { token: secretariat })).data.period).toEqual(before);

    await t.gql('mutation($id: Int!) { openPeriod(id: $id) { status } }', { id }, { token: secretariat });
    const started = await edit(id, { criteriaSetIds: [setIds.DEPARTMENT] });
    expect(started.errors![0]!.extensions).toMatchObject({ code: 'PERIOD_STARTED', field: 'criteriaSetIds' });
    expect((await t.gql(READ, { id }, { token: secretariat })).data.period.criteriaSets).toEqual([{ block: 'DISTRICT' }]);
  });
});
