import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_APPLICATION_NAME } from '../server/orm.config.ts';
import { freePort } from '../server/shared/database.ts';
import { requestRoleName } from '../server/shared/database-roles.ts';
import { errorCode, startTestApp, type TestApp } from './support/app.ts';
import { handWorkedFixture, type HandWorked } from './support/results-fixtures.ts';
import { leaf, readSheet, SAVE, scoringContext } from './support/scoring.ts';

/**
 * DATABASE_READ_URL (issue 13): the analysts' heavy reads go to the read replica, everything else to the primary.
 * No streaming replica here: the app's read URL is its own database, which the app reads in sessions of their own
 * (read-only, named READ_APPLICATION_NAME, as the request role), so where each statement ran is seen on both sides:
 * by the two connections' statement logs and by PostgreSQL's pg_stat_activity.
 */
let t: TestApp;
let fx: HandWorked;
let secretariat: string;
let analyst: string;
let sontay: string;
let periodId: number;
let unitId: (code: string) => number;

beforeAll(async () => {
  t = await startTestApp({ readReplica: true });
  fx = await handWorkedFixture(t.orm);
  ({ sontay, periodId, unitId } = await scoringContext(t));
  [secretariat, analyst] = await Promise.all(['secretariat', 'analyst'].map((name) => t.login(name)));
});
afterAll(() => t.close());

const primary = () => t.orm.em.getConnection('write');
const replica = () => t.orm.em.getConnection('read');

/** The statements `fn` sent to the primary (`t.recordQueries`, caches warmed for `warmAs`) and to the replica. */
async function recordBoth<T>(fn: () => Promise<T>, warmAs: string) {
  const onReplica: string[] = [];
  const listener = (query: { sql: string }) => onReplica.push(query.sql);
  const knex = replica().getKnex();
  knex.on('query', listener);
  try {
    const { result, statements } = await t.recordQueries(fn, { warmAs });
    return { result, onPrimary: statements, onReplica };
  } finally {
    knex.off('query', listener);
  }
}

const SCORES = `query($filter: ScoreRecordFilter!) { scoreRecords(filter: $filter, first: 50) {
  totalCount aggregates { count } nodes { unit { code } criterion { code } selfPoints } } }`;
const GROUPS = `query($filter: ScoreRecordFilter!) { scoreAggregates(filter: $filter, groupBy: UNIT, first: 50) { totalCount nodes { key count } } }`;
const EVIDENCE = `query($periodId: Int!) { evidenceRecords(filter: { periodId: $periodId }, first: 10) { totalCount } }`;
const COMMENTS = `query($periodId: Int!) { commentRecords(filter: { periodId: $periodId }, first: 10) { totalCount } }`;
const FEEDBACK = `{ feedbackRecords(first: 10) { totalCount } }`;

/** The request role of the test's database: the one the primary and the replica are read as. */
const role = () => requestRoleName(decodeURIComponent(new URL(t.databaseUrl).pathname.slice(1)));

describe('a read replica for the analysts (DATABASE_READ_URL)', () => {
  it('has a read connection of its own: read-only sessions of the request role', async () => {
    expect(replica()).not.toBe(primary());
    const [session] = await replica().execute(
      `select current_user as role, current_setting('application_name') as name, current_setting('transaction_read_only') as read_only`,
    );
    expect(session).toEqual({ role: role(), name: READ_APPLICATION_NAME, read_only: 'on' });
    // As on a hot standby, nothing can be written through it.
    await expect(replica().execute(`update unit set name = name where false`)).rejects.toThrow(/read-only transaction/);
    // The primary's sessions are as before: the same role, writable, no name.
    const [own] = await primary().execute(
      `select current_user as role, current_setting('application_name') as name, current_setting('transaction_read_only') as read_only`,
    );
    expect(own).toEqual({ role: role(), name: '', read_only: 'off' });
  });

  it('shows both pools in /metrics, each under its database', async () => {
    await replica().execute('select 1');
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(/^par_db_pool_max\{connection="primary"\} 10$/m);
    expect(metrics).toMatch(/^par_db_pool_max\{connection="replica"\} 10$/m);
    // The replica's connection just used is open: free or lent, counted under the replica.
    const replicaOpen = [...metrics.matchAll(/^par_db_pool_connections\{state="(?:free|used)",connection="replica"\} (\d+)$/gm)];
    expect(replicaOpen.reduce((sum, match) => sum + Number(match[1]), 0)).toBeGreaterThanOrEqual(1);
  });

  it('answers every analyst query from the replica, one statement each, and nothing of them from the primary', async () => {
    const filter = { periodId: fx.period2030 };
    const { result, onPrimary, onReplica } = await recordBoth(
      () =>
        Promise.all([
          t.gql(SCORES, { filter }, { token: secretariat }),
          t.gql(GROUPS, { filter }, { token: secretariat }),
          t.gql(EVIDENCE, { periodId: fx.period2030 }, { token: secretariat }),
          t.gql(COMMENTS, { periodId: fx.period2030 }, { token: secretariat }),
          t.gql(FEEDBACK, {}, { token: secretariat }),
        ]),
      secretariat,
    );
    for (const response of result) expect(response.errors).toBeUndefined();
    const [scores, groups] = result;
    // The fixture's 2030 period (see analyst.test.ts): unit A has 7 score rows.
    expect(scores!.data.scoreRecords.nodes.filter((n: any) => n.unit.code === 'XA')).toHaveLength(7);
    expect(groups!.data.scoreAggregates.nodes.find((n: any) => n.key === 'XA').count).toBe(7);
    expect(onReplica).toHaveLength(5);
    expect(onPrimary).toEqual([]);

    // PostgreSQL saw them in the replica's sessions (the last statement of each), as the request role, and in none of
    // the primary's. pg_stat_activity keeps a statement's first 1023 bytes: 500 characters are within them.
    const recorded = (query: string) => onReplica.some((sql) => sql.slice(0, 500) === query.slice(0, 500));
    const sessions = await primary().execute<{ usename: string; application_name: string; query: string }[]>(
      `select usename, application_name, query from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
    );
    const onReplicaSessions = sessions.filter((s) => s.application_name === READ_APPLICATION_NAME && s.query.startsWith('with '));
    expect(onReplicaSessions.length).toBeGreaterThan(0);
    expect(onReplicaSessions.every((s) => recorded(s.query) && s.usename === role())).toBe(true);
    expect(sessions.filter((s) => s.application_name !== READ_APPLICATION_NAME && recorded(s.query))).toEqual([]);
  });

  it('keeps each caller to what it may read: a unit sees its own sheets only, appraisals only when allowed', async () => {
    const filter = { periodId };
    const own = (await t.gql(SCORES, { filter }, { token: sontay })).data.scoreRecords;
    const [{ count }] = await primary().execute(
      `select count(*)::int as count from score s join score_sheet sh on sh.id = s.sheet_id where sh.period_id = ? and sh.unit_id = ?`,
      [periodId, unitId('SONTAY')],
    );
    expect(count).toBeGreaterThan(0);
    expect(own.totalCount).toBe(count);
    expect(own.aggregates.count).toBe(count);
    expect(new Set(own.nodes.map((n: any) => n.unit.code))).toEqual(new Set(['SONTAY']));
    // Another unit's sheet, asked for by name, is not there; the secretariat reads it.
    const other = { periodId: fx.period2030, unitIds: [fx.units.A] };
    expect((await t.gql(SCORES, { filter: other }, { token: sontay })).data.scoreRecords.totalCount).toBe(0);
    expect((await t.gql(SCORES, { filter: other }, { token: secretariat })).data.scoreRecords.totalCount).toBe(7);
    // Analysts read every sheet of 2030 but not its unpublished appraisal (the PeriodResult rules, in the same SQL).
    const asAnalyst = (
      await t.gql(
        `query($filter: ScoreRecordFilter!) { scoreRecords(filter: $filter, first: 50) { totalCount nodes { appraisalVisible finalPoints } } }`,
        { filter: { periodId: fx.period2030, unitIds: [fx.units.A] } },
        { token: analyst },
      )
    ).data.scoreRecords;
    expect(asAnalyst.totalCount).toBe(7);
    expect(asAnalyst.nodes.every((n: any) => !n.appraisalVisible && n.finalPoints === null)).toBe(true);
    // Without a session: refused before any statement, as on the primary.
    expect(errorCode(await t.gql(SCORES, { filter }))).toBe('UNAUTHENTICATED');
  });

  it('writes on the primary, never on the replica, and the analysts then read what was written', async () => {
    const sheet = (await readSheet(t, sontay, periodId, unitId('SONTAY'))).data.scoreSheet;
    const fixed = leaf(sheet, '1.4.2');
    const {
      result: saved,
      onPrimary,
      onReplica,
    } = await recordBoth(
      () =>
        t.gql(
          SAVE,
          { input: { sheetId: sheet.id, criterionId: fixed.criterion.id, version: fixed.score!.version, points: '0.25' } },
          { token: sontay },
        ),
      sontay,
    );
    expect(saved.errors).toBeUndefined();
    expect(onReplica).toEqual([]);
    expect(onPrimary.some((sql) => /update score set self_points/.test(sql))).toBe(true);
    // Here the replica is the same database (no lag): the analysts' view has the new points at once.
    const after = (await t.gql(SCORES, { filter: { periodId, criterionCodes: ['1.4.2'] } }, { token: sontay })).data.scoreRecords;
    expect(after.nodes).toEqual([{ unit: { code: 'SONTAY' }, criterion: { code: '1.4.2' }, selfPoints: '0.25' }]);
  });

  it('answers DATABASE_UNAVAILABLE to analyst queries while the replica is down, and everything else as usual', async () => {
    const nowhere = new URL(t.databaseUrl);
    nowhere.hostname = '127.0.0.1';
    nowhere.port = String(await freePort());
    const down = await startTestApp({ beside: t, readReplica: nowhere.toString() });
    try {
      const analystQuery = await down.gql(SCORES, { filter: { periodId } }, { token: secretariat });
      expect(errorCode(analystQuery)).toBe('DATABASE_UNAVAILABLE');
      // Sessions, permissions and the portal's own reads are the primary's.
      expect((await down.gql('{ me { username } }', {}, { token: secretariat })).data.me.username).toBe('secretariat');
      expect((await readSheet(down, sontay, periodId, unitId('SONTAY'))).data.scoreSheet.id).toBeGreaterThan(0);
    } finally {
      await down.close();
    }
  });
});
