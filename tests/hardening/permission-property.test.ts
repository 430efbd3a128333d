import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { OPERATIONS, probe, type Operation } from '../support/permission-probe.ts';
import { buildWorld, PERIOD_STATES, worldUser, type PeriodState, type World, type WorldRow } from '../support/permission-world.ts';

/**
 * Issue 10: a property test of at least 10,000 random (user, row, action) cases. Users have any set
 * of roles and any unit (or none); rows are the sheets under review of a world made at random
 * (period states, what each unit was released, whether results are published). The API's answer,
 * asked over GraphQL, is compared with an oracle written from the domain (docs/domain.md,
 * ../shared/domain.md and issue 10), not from the app's CASL rules: 0 disagreements.
 */
const ROLES = ['UNIT_STAFF', 'UNIT_LEAD', 'APPRAISER', 'SECRETARIAT', 'ANALYST', 'ADMIN'] as const;
const SEED = 20_231_130;
const USERS = 150;

interface OracleUser {
  roles: readonly string[];
  unitId: number | null;
}

/**
 * Who may see what, in the words of the domain:
 * - the secretariat runs appraisal and the appraisers do it: they read every sheet under review, its
 *   history and the results before publication;
 * - a unit sees its own sheet; its own appraisal once released to it (round 1 or final); results
 *   (its own in full) once published;
 * - an analyst reads everything once published, as the published results (issue 10, item 7);
 * - whoever belongs to a unit (an appraiser or analyst too) reads its appraisal only as the unit does:
 *   never before release, never its internal history; its result before publication not at all, not
 *   even its index and rank in the ranking (which the council sees of every other unit);
 * - once published, every unit reads every unit's index and rank (the ranking), its own result in full;
 * - an administrator manages accounts and reads none of this.
 */
function oracle(user: OracleUser, row: WorldRow, operation: Operation): boolean {
  const has = (role: string) => user.roles.includes(role);
  const member = user.unitId !== null && user.unitId === row.unitId;
  const unitUser = user.unitId !== null && (has('UNIT_STAFF') || has('UNIT_LEAD'));
  const council = has('SECRETARIAT') || has('APPRAISER');
  const analyst = has('ANALYST');
  switch (operation) {
    case 'sheetAppraisal':
    case 'comments':
    case 'listedReview':
      if (member && row.releasedRound < 1) return false;
      return council || (analyst && row.published) || (unitUser && member);
    case 'appraisalHistory':
      if (member) return false;
      return council || (analyst && row.published);
    case 'listedSheet':
      return council || analyst || (unitUser && member);
    case 'resultDetails':
      if (member && !row.published) return false;
      return council || (analyst && row.published) || (unitUser && member && row.published);
    case 'rankedResult':
      if (member && !row.published) return false;
      return council || (row.published && (analyst || unitUser));
  }
}

let t: TestApp;
let world: World;

const worldSpec = fc.array(
  fc.record({
    state: fc.constantFrom<PeriodState>(...PERIOD_STATES),
    released: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 3, maxLength: 3 }),
    published: fc.boolean(),
  }),
  { minLength: 4, maxLength: 4 },
);

beforeAll(async () => {
  t = await startTestApp();
  const [spec] = fc.sample(worldSpec, { seed: SEED, numRuns: 1 });
  world = await buildWorld(t, 2051, spec!);
});
afterAll(() => t.close());

describe('the API against an independent oracle', () => {
  it(`agrees on at least 10,000 random (user, row, action) cases`, async () => {
    const userSpec = fc.record({
      roles: fc.subarray([...ROLES], { minLength: 0, maxLength: 3 }),
      unit: fc.integer({ min: -1, max: world.units.length - 1 }),
    });
    let cases = 0;
    const disagreements: string[] = [];
    await fc
      .assert(
        fc.asyncProperty(userSpec, async ({ roles, unit }) => {
          const unitId = unit < 0 ? null : world.units[unit]!;
          const user = await worldUser(t, roles, unitId);
          const answers = await probe(t, user, world, 'resolvers');
          let agree = true;
          for (const [row, api] of answers) {
            for (const operation of OPERATIONS) {
              cases += 1;
              const expected = oracle(user, row, operation);
              if (api[operation] !== expected) {
                agree = false;
                disagreements.push(
                  `${JSON.stringify({ roles, unit })} ${operation} on ${JSON.stringify({ ...row, unitIndex: world.units.indexOf(row.unitId) })}: API ${api[operation]}, oracle ${expected}`,
                );
              }
            }
          }
          return agree;
        }),
        { seed: SEED, numRuns: USERS, endOnFailure: true },
      )
      .catch((error: unknown) => {
        throw new Error(`${disagreements.slice(0, 10).join('\n')}\n${String(error)}`);
      });
    console.log(
      `permission property: ${cases} cases (${USERS} users × ${world.rows.length} rows × ${OPERATIONS.length} actions), 0 disagreements`,
    );
    expect(disagreements).toEqual([]);
    expect(cases).toBeGreaterThanOrEqual(10_000);
  }, 180_000);
});
