import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { OPERATIONS, probe, type Operation } from '../support/permission-probe.ts';
import { buildWorld, PERIOD_STATES, worldUser, type PeriodState, type World } from '../support/permission-world.ts';

/**
 * Issue 10: the permission matrix, generated from ONE table: role × operation × own/other unit ×
 * period state → allowed (1) or denied (0), asked of the real GraphQL API. "Own" is the unit the user
 * belongs to (roles without a unit have none: both columns are other units to them). Period states:
 * under appraisal (nothing released), round 1 released to the units, results published.
 *
 * Operations: sheetAppraisal, comments (a score's thread), appraisalHistory, listedReview (the
 * review is in `sheetReviews`), listedSheet (the sheet is in `scoreSheets`), resultDetails (the
 * unit's result shows its details), rankedResult (the unit's index and rank are in `periodResults`).
 */
const TABLE = `
role                 operation          | own: appraisal released published | other: appraisal released published
UNIT_STAFF           sheetAppraisal     |      0         1        1         |        0         0        0
UNIT_STAFF           comments           |      0         1        1         |        0         0        0
UNIT_STAFF           appraisalHistory   |      0         0        0         |        0         0        0
UNIT_STAFF           listedReview       |      0         1        1         |        0         0        0
UNIT_STAFF           listedSheet        |      1         1        1         |        0         0        0
UNIT_STAFF           resultDetails      |      0         0        1         |        0         0        0
UNIT_STAFF           rankedResult       |      0         0        1         |        0         0        1
UNIT_LEAD            sheetAppraisal     |      0         1        1         |        0         0        0
UNIT_LEAD            comments           |      0         1        1         |        0         0        0
UNIT_LEAD            appraisalHistory   |      0         0        0         |        0         0        0
UNIT_LEAD            listedReview       |      0         1        1         |        0         0        0
UNIT_LEAD            listedSheet        |      1         1        1         |        0         0        0
UNIT_LEAD            resultDetails      |      0         0        1         |        0         0        0
UNIT_LEAD            rankedResult       |      0         0        1         |        0         0        1
APPRAISER            sheetAppraisal     |      1         1        1         |        1         1        1
APPRAISER            comments           |      1         1        1         |        1         1        1
APPRAISER            appraisalHistory   |      1         1        1         |        1         1        1
APPRAISER            listedReview       |      1         1        1         |        1         1        1
APPRAISER            listedSheet        |      1         1        1         |        1         1        1
APPRAISER            resultDetails      |      1         1        1         |        1         1        1
APPRAISER            rankedResult       |      1         1        1         |        1         1        1
APPRAISER@unit       sheetAppraisal     |      0         1        1         |        1         1        1
APPRAISER@unit       comments           |      0         1        1         |        1         1        1
APPRAISER@unit       appraisalHistory   |      0         0        0         |        1         1        1
APPRAISER@unit       listedReview       |      0         1        1         |        1         1        1
APPRAISER@unit       listedSheet        |      1         1        1         |        1         1        1
APPRAISER@unit       resultDetails      |      0         0        1         |        1         1        1
APPRAISER@unit       rankedResult       |      0         0        1         |        1         1        1
SECRETARIAT          sheetAppraisal     |      1         1        1         |        1         1        1
SECRETARIAT          comments           |      1         1        1         |        1         1        1
SECRETARIAT          appraisalHistory   |      1         1        1         |        1         1        1
SECRETARIAT          listedReview       |      1         1        1         |        1         1        1
SECRETARIAT          listedSheet        |      1         1        1         |        1         1        1
SECRETARIAT          resultDetails      |      1         1        1         |        1         1        1
SECRETARIAT          rankedResult       |      1         1        1         |        1         1        1
ANALYST              sheetAppraisal     |      0         0        1         |        0         0        1
ANALYST              comments           |      0         0        1         |        0         0        1
ANALYST              appraisalHistory   |      0         0        1         |        0         0        1
ANALYST              listedReview       |      0         0        1         |        0         0        1
ANALYST              listedSheet        |      1         1        1         |        1         1        1
ANALYST              resultDetails      |      0         0        1         |        0         0        1
ANALYST              rankedResult       |      0         0        1         |        0         0        1
ADMIN                sheetAppraisal     |      0         0        0         |        0         0        0
ADMIN                comments           |      0         0        0         |        0         0        0
ADMIN                appraisalHistory   |      0         0        0         |        0         0        0
ADMIN                listedReview       |      0         0        0         |        0         0        0
ADMIN                listedSheet        |      0         0        0         |        0         0        0
ADMIN                resultDetails      |      0         0        0         |        0         0        0
ADMIN                rankedResult       |      0         0        0         |        0         0        0
`;

interface Case {
  role: string;
  operation: Operation;
  own: boolean;
  state: PeriodState;
  allowed: boolean;
}

/** The table as cases: one per role, operation, own/other unit and period state. */
const CASES: Case[] = TABLE.trim()
  .split('\n')
  .slice(1)
  .flatMap((line) => {
    const [role, operation, ...cells] = line.replace(/\|/g, ' ').trim().split(/\s+/);
    if (!OPERATIONS.includes(operation as Operation)) throw new Error(`unknown operation ${operation}`);
    return cells.map((cell, index) => ({
      role: role!,
      operation: operation as Operation,
      own: index < PERIOD_STATES.length,
      state: PERIOD_STATES[index % PERIOD_STATES.length]!,
      allowed: cell === '1',
    }));
  });

let t: TestApp;
let world: World;
const results = new Map<string, boolean>();
const key = (role: string, operation: Operation, own: boolean, state: PeriodState) =>
  `${role} ${operation} ${own ? 'own' : 'other'} ${state}`;

beforeAll(async () => {
  t = await startTestApp();
  // Units 0 (the users' own) and 1 (another); in each state the units see what the state releases.
  world = await buildWorld(t, 2041, [
    { state: 'appraisal', released: [0, 0, 0], published: false },
    { state: 'released', released: [1, 1, 1], published: false },
    { state: 'published', released: [2, 2, 2], published: true },
  ]);
  const [own, other] = world.units;
  for (const role of new Set(CASES.map((c) => c.role))) {
    const [name, at] = role.split('@');
    const unitId = at || ['UNIT_STAFF', 'UNIT_LEAD'].includes(name!) ? own! : null;
    const user = await worldUser(t, [name!], unitId);
    const answers = await probe(t, user, world, 'http');
    for (const [row, allowed] of answers) {
      if (row.unitId !== own && row.unitId !== other) continue;
      for (const operation of OPERATIONS) results.set(key(role, operation, row.unitId === own, row.state), allowed[operation]);
    }
  }
});
afterAll(() => t.close());

describe('the permission matrix (one table, over GraphQL)', () => {
  it(`covers every role × operation × own/other unit × period state (${CASES.length} cases)`, () => {
    expect(CASES.length).toBe(7 * OPERATIONS.length * 2 * PERIOD_STATES.length);
    expect(new Set(CASES.map((c) => key(c.role, c.operation, c.own, c.state))).size).toBe(CASES.length);
  });

  it.each(CASES)('$role $operation own=$own $state → allowed=$allowed', ({ role, operation, own, state, allowed }) => {
    expect(results.get(key(role, operation, own, state))).toBe(allowed);
  });
});
