import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { errorCode, startTestApp, type TestApp } from './support/app.ts';
import { leaf, readSheet, SAVE, scoringContext } from './support/scoring.ts';

// The response cache (server/response-cache.ts): a repeated query is answered from memory only while PostgreSQL's
// snapshot is unchanged, whoever wrote; per caller, locale and ability; never past its age.
let t: TestApp;
let sontay: string;
let periodId: number;
let SONTAY: number;

/**
 * The SQL statements `app` sends while `fn` runs, every document as sent (the harness's recordQueries makes each one
 * new, which is right for the data path's counts and wrong here).
 */
async function statementsOf<T>(fn: () => Promise<T>, app: TestApp = t): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const knex = app.orm.em.getConnection().getKnex();
  const listener = (query: { sql: string }) => statements.push(query.sql);
  knex.on('query', listener);
  try {
    return { result: await fn(), statements };
  } finally {
    knex.off('query', listener);
  }
}

const SHEET_NOTES = `query($p: Int!, $u: Int!) { scoreSheet(periodId: $p, unitId: $u) { id nodes { criterion { id code } score { note version } } } }`;
const notesOf = (token: string, options: { locale?: string } = {}) => t.gql(SHEET_NOTES, { p: periodId, u: SONTAY }, { token, ...options });
const noteOf = (response: Awaited<ReturnType<typeof notesOf>>, code: string) =>
  response.data.scoreSheet.nodes.find((node: any) => node.criterion.code === code).score.note as string | null;

beforeAll(async () => {
  t = await startTestApp();
  const context = await scoringContext(t);
  ({ sontay, periodId } = context);
  SONTAY = context.unitId('SONTAY');
  await readSheet(t, sontay, periodId, SONTAY); // the sheet exists (a writer's first read creates it)
});
afterAll(() => t.close());

describe('a repeated query', () => {
  it('costs nothing extra the first time, one snapshot read the second, and only that read while nothing changed', async () => {
    const query = `{ me { id username } periods(year: 2023) { id name status } }`;
    const first = await statementsOf(() => t.gql(query, {}, { token: sontay }));
    expect(first.statements.some((sql) => sql.includes('pg_current_snapshot'))).toBe(false);
    const second = await statementsOf(() => t.gql(query, {}, { token: sontay }));
    expect(second.statements[0]).toContain('pg_current_snapshot');
    const third = await statementsOf(() => t.gql(query, {}, { token: sontay }));
    expect(third.statements).toEqual(['select pg_current_snapshot()::text as snapshot']);
    expect(third.result).toEqual(second.result);
    expect(third.result.data.periods.length).toBeGreaterThan(0);
  });

  it('sees a save made through the API at once', async () => {
    await notesOf(sontay);
    const before = await notesOf(sontay);
    const sheet = (await readSheet(t, sontay, periodId, SONTAY)).data.scoreSheet;
    const node = leaf(sheet, '1.4.2');
    const saved = await t.gql(
      SAVE,
      { input: { sheetId: sheet.id, criterionId: node.criterion.id, version: node.score!.version, points: '0.25', note: 'Lần một' } },
      { token: sontay },
    );
    expect(saved.errors).toBeUndefined();
    expect(noteOf(before, '1.4.2')).not.toBe('Lần một');
    expect(noteOf(await notesOf(sontay), '1.4.2')).toBe('Lần một');
  });

  it('sees a write made by another connection (a script, another instance) at once', async () => {
    await notesOf(sontay);
    expect(noteOf(await notesOf(sontay), '1.4.2')).toBe('Lần một');
    const other = new pg.Client({ connectionString: t.databaseUrl });
    await other.connect();
    try {
      await other.query(
        `update score set note = 'Sửa ngoài ứng dụng' where sheet_id = (select id from score_sheet where period_id = $1 and unit_id = $2)
           and criterion_id = (select c.id from criterion c join score_sheet s on s.criteria_set_id = c.criteria_set_id
                               where s.period_id = $1 and s.unit_id = $2 and c.code = '1.4.2')`,
        [periodId, SONTAY],
      );
    } finally {
      await other.end();
    }
    expect(noteOf(await notesOf(sontay), '1.4.2')).toBe('Sửa ngoài ứng dụng');
  });

  it('is kept per caller: another user gets their own answer, never the first one’s', async () => {
    const thanhoai = await t.login('thanhoai');
    for (let i = 0; i < 3; i++) expect((await notesOf(sontay)).errors).toBeUndefined();
    const foreign = await notesOf(thanhoai);
    expect(errorCode(foreign)).toBe('FORBIDDEN');
    expect(foreign.data).toBeFalsy();
  });

  it('is kept per locale', async () => {
    await t.orm.em.getConnection().execute(
      `insert into notification (recipient_id, kind, params) select id, 'RESULTS_RELEASED', '{"round": 2, "periodName": "Kỳ 2023"}'
         from app_user where username = 'sontay'`,
    );
    const ask = (locale: string) => t.gql('{ notifications { message } }', {}, { token: sontay, locale });
    for (let i = 0; i < 3; i++) await ask('vi');
    const messages = async (locale: string) => (await ask(locale)).data.notifications.map((n: any) => n.message);
    expect(await messages('vi')).toContain('Đã có kết quả thẩm định chính thức của Kỳ 2023.');
    expect(await messages('en')).toContain('Final appraisal results of Kỳ 2023 are out.');
  });

  it('refuses a signed-out session even though its answer is kept', async () => {
    const token = await t.login('sontay');
    for (let i = 0; i < 3; i++) expect((await notesOf(token)).errors).toBeUndefined();
    await t.gql('mutation { logout }', {}, { token });
    const after = await notesOf(token);
    expect(after.status).toBe(401);
    expect(errorCode(after)).toBe('UNAUTHENTICATED');
  });

  it('is not kept past its age (answers that depend on the clock)', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    try {
      await notesOf(sontay);
      await notesOf(sontay);
      const kept = await statementsOf(() => notesOf(sontay));
      expect(kept.statements).toHaveLength(1);
      vi.setSystemTime(Date.now() + 1_500); // RESPONSE_CACHE_S defaults to 1
      const aged = await statementsOf(() => notesOf(sontay));
      expect(aged.statements.length).toBeGreaterThan(1);
      expect(aged.result).toEqual(kept.result);
    } finally {
      vi.useRealTimers();
    }
  });

  it('runs the query again when the client asks for a fresh answer (Cache-Control: no-cache)', async () => {
    const ask = () =>
      fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${sontay}`, 'cache-control': 'no-cache' },
        body: JSON.stringify({ query: SHEET_NOTES, variables: { p: periodId, u: SONTAY } }),
      }).then((response) => response.json() as Promise<{ data: unknown }>);
    await notesOf(sontay);
    await notesOf(sontay);
    const kept = await notesOf(sontay);
    for (let i = 0; i < 2; i++) {
      const { result, statements } = await statementsOf(ask);
      expect(statements.some((sql) => sql.includes('pg_current_snapshot'))).toBe(false);
      expect(statements.length).toBeGreaterThan(1);
      expect(result.data).toEqual(kept.data);
    }
  });

  it('keeps no answer with errors, and no mutation', async () => {
    const failing = `query { scoreSheet(periodId: 999999, unitId: 999999) { id } }`;
    for (let i = 0; i < 3; i++) {
      const { result, statements } = await statementsOf(() => t.gql(failing, {}, { token: sontay }));
      expect(result.errors).toBeDefined();
      if (i === 2) expect(statements.length).toBeGreaterThan(1);
    }
    for (let i = 0; i < 3; i++) {
      const { statements } = await statementsOf(() => t.gql('mutation { logout }', {}, { token: sontay }));
      expect(statements.some((sql) => sql.includes('pg_current_snapshot'))).toBe(false);
    }
    sontay = await t.login('sontay');
  });
});

describe('without the cache (RESPONSE_CACHE_S=0)', () => {
  it('reads no snapshot and answers the same', async () => {
    const plain = await startTestApp({ beside: t, config: { responseCacheMs: 0 } });
    try {
      const token = await plain.login('sontay');
      const answers: Awaited<ReturnType<TestApp['gql']>>[] = [];
      const { statements } = await statementsOf(async () => {
        for (let i = 0; i < 3; i++) answers.push(await plain.gql(SHEET_NOTES, { p: periodId, u: SONTAY }, { token }));
      }, plain);
      expect(statements.some((sql) => sql.includes('pg_current_snapshot'))).toBe(false);
      expect(answers[2]).toEqual(answers[0]);
      expect(answers[0]!.data).toEqual((await notesOf(sontay)).data);
    } finally {
      await plain.close();
    }
  });
});
