import { createHash, randomBytes } from 'node:crypto';
import type { TestApp } from './app.ts';
import { ResultsFixtures, SET_2029 } from './results-fixtures.ts';

/**
 * A world for permission tests, made straight through SQL: three commune units, periods in the
 * states that decide who sees appraisal (under appraisal, released to the units, published), a
 * submitted and appraised sheet per unit and period with its review and a comment, and users of any
 * roles and unit with a session token each (no sign-in, so thousands of cases stay fast).
 */
export type PeriodState = 'appraisal' | 'released' | 'published';
export const PERIOD_STATES: PeriodState[] = ['appraisal', 'released', 'published'];

export interface WorldRow {
  periodId: number;
  unitId: number;
  state: PeriodState;
  /** What the unit may see: 0 nothing, 1 round 1, 2 final. */
  releasedRound: number;
  published: boolean;
  sheetId: number;
  scoreId: number;
}

export interface World {
  units: number[];
  rows: WorldRow[];
  periods: { id: number; state: PeriodState; published: boolean }[];
}

const STATUS: Record<PeriodState, string> = { appraisal: 'APPRAISAL_ROUND_1', released: 'EXPLANATION', published: 'FINALIZED' };

/**
 * `periods`: one entry per period to make, with the released round of each unit's review (in unit
 * order) and whether its results are published.
 */
export async function buildWorld(
  t: TestApp,
  year: number,
  periods: { state: PeriodState; released: number[]; published: boolean }[],
): Promise<World> {
  const f = new ResultsFixtures(t.orm);
  const sql = <T = any>(text: string, params: unknown[] = []) => t.orm.em.getConnection().execute<T[]>(text, params);
  const set = await f.criteriaSet(year, 'COMMUNE', 1, SET_2029);
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const units = [
    await f.unit(`PW${tag}1`, 'Xã Phú Nghĩa'),
    await f.unit(`PW${tag}2`, 'Xã Tân Ước'),
    await f.unit(`PW${tag}3`, 'Xã Đông Sơn'),
  ];
  const appraiser = await f.userId('appraiser');
  const secretariat = await f.userId('secretariat');
  const world: World = { units, rows: [], periods: [] };
  for (const spec of periods) {
    const periodId = await f.period(year, STATUS[spec.state], [set.id]);
    if (spec.published) await sql('insert into period_publication (period_id, published_by_id) values (?, ?)', [periodId, secretariat]);
    world.periods.push({ id: periodId, state: spec.state, published: spec.published });
    for (const [index, unitId] of units.entries()) {
      const sheetId = await f.sheet(
        periodId,
        unitId,
        set,
        { '1.1': { self: '4', r1: '3', r2: '3.5' }, '1.2': { self: '6', r1: '6' } },
        appraiser,
      );
      const [review] = await sql<{ id: number }>(
        'insert into sheet_review (sheet_id, period_id, unit_id, released_round) values (?, ?, ?, ?) returning id',
        [sheetId, periodId, unitId, spec.released[index] ?? 0],
      );
      const [score] = await sql<{ id: number }>('select id from score where sheet_id = ? order by id limit 1', [sheetId]);
      await sql('insert into comment (score_id, review_id, author_id, body) values (?, ?, ?, ?)', [
        score!.id,
        review!.id,
        appraiser,
        'Đề nghị bổ sung tài liệu kiểm chứng.',
      ]);
      world.rows.push({
        periodId,
        unitId,
        state: spec.state,
        releasedRound: spec.released[index] ?? 0,
        published: spec.published,
        sheetId,
        scoreId: score!.id,
      });
    }
  }
  return world;
}

export interface WorldUser {
  id: number;
  username: string;
  roles: string[];
  unitId: number | null;
  token: string;
}

/** A user with these roles and unit, signed in by a session row (its token returned). */
export async function worldUser(t: TestApp, roles: string[], unitId: number | null): Promise<WorldUser> {
  const sql = <T = any>(text: string, params: unknown[] = []) => t.orm.em.getConnection().execute<T[]>(text, params);
  const name = `pw_${randomBytes(6).toString('hex')}`;
  const [user] = await sql<{ id: number }>(
    `insert into app_user (username, display_name, password_hash, roles, unit_id) values (?, ?, 'not-a-hash', ?::text[], ?) returning id`,
    [name, `Người dùng ${name}`, `{${roles.join(',')}}`, unitId],
  );
  const token = randomBytes(24).toString('base64url');
  await sql(`insert into session (token_hash, user_id, expires_at) values (?, ?, now() + interval '1 hour')`, [
    createHash('sha256').update(token).digest('hex'),
    user!.id,
  ]);
  return { id: user!.id, username: name, roles, unitId, token };
}
