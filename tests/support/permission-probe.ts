import {
  AbilityCache,
  type AppContext,
  type AuthUser,
  type PermissionFactsLoader,
  type PermissionRules,
} from '../../server/access/index.ts';
import { readableThread } from '../../server/appraisal/comments.read.ts';
import { readableScoreHistory } from '../../server/appraisal/history.read.ts';
import { readableSheetAppraisal } from '../../server/appraisal/sheet.read.ts';
import { serverModules } from '../../server/modules.ts';
import { readConfig } from '../../server/shared/config.ts';
import { AppError } from '../../server/shared/errors.ts';
import type { TestApp } from './app.ts';
import type { World, WorldRow, WorldUser } from './permission-world.ts';

/** The read operations permission tests ask about, each answered allowed (true) or denied (false). */
export type Operation =
  'sheetAppraisal' | 'comments' | 'appraisalHistory' | 'listedReview' | 'listedSheet' | 'resultDetails' | 'rankedResult';
export const OPERATIONS: Operation[] = [
  'sheetAppraisal',
  'comments',
  'appraisalHistory',
  'listedReview',
  'listedSheet',
  'resultDetails',
  'rankedResult',
];

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { path?: string[]; extensions?: { code?: string } }[];
}

/** One GraphQL request over HTTP as the user; any error but FORBIDDEN fails the test. */
async function ask(t: TestApp, token: string, query: string): Promise<Body> {
  const response = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as Body;
  for (const error of body.errors ?? []) {
    if (error.extensions?.code !== 'FORBIDDEN') throw new Error(`unexpected error: ${JSON.stringify(error)}`);
  }
  return body;
}

/** Whether the one (non-null) root field of `query` was answered: a denial nulls the whole response, so each goes alone. */
const answered = async (t: TestApp, token: string, query: string) => (await ask(t, token, query)).data != null;

/** Whether a read function of a resolver answers (true) or refuses with FORBIDDEN (false). */
async function allowed(read: () => Promise<unknown>): Promise<boolean> {
  try {
    await read();
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'FORBIDDEN') return false;
    throw error;
  }
}

/**
 * Asks the API as `user` every operation on every row of the world. `via: 'http'` sends every
 * question as GraphQL over HTTP: the lists of each period and every unit's result (a nullable field)
 * in one request of at most 20 aliases (the query limits), and each row's non-null queries
 * (sheetAppraisal, comments, appraisalHistory) and each period's ranking (periodResults: is the unit's
 * index and rank in it) one per request, since a denied non-null root field nulls the whole answer. `via: 'resolvers'` sends the lists the same way and asks the row queries of
 * the read functions those resolvers call, with the ability the server builds for the user (no HTTP
 * round trip per question, for thousands of cases).
 */
export async function probe(
  t: TestApp,
  user: WorldUser,
  world: World,
  via: 'http' | 'resolvers',
): Promise<Map<WorldRow, Record<Operation, boolean>>> {
  const fields = [
    ...world.periods.flatMap((period) => [
      `r${period.id}: sheetReviews(periodId: ${period.id}) { unit { id } }`,
      `s${period.id}: scoreSheets(periodId: ${period.id}) { unitId }`,
    ]),
    ...world.rows.map((row, index) => `d${index}: unitResult(periodId: ${row.periodId}, unitId: ${row.unitId}) { details { achieved } }`),
  ];
  if (fields.length > 20) throw new Error('more than 20 aliases: make a smaller world');
  const lists = await ask(t, user.token, `{ ${fields.join('\n')} }`);
  const rankings = new Map(
    await Promise.all(
      world.periods.map(async (period) => {
        const body = await ask(t, user.token, `{ periodResults(periodId: ${period.id}, first: 100) { nodes { unit { id } } } }`);
        const nodes = (body.data?.periodResults as { nodes: { unit: { id: number } }[] } | undefined)?.nodes ?? [];
        return [period.id, new Set(nodes.map((node) => node.unit.id))] as const;
      }),
    ),
  );
  const rowReads =
    via === 'http'
      ? (row: WorldRow) =>
          Promise.all([
            answered(t, user.token, `{ sheetAppraisal(periodId: ${row.periodId}, unitId: ${row.unitId}) { reviewId } }`),
            answered(t, user.token, `{ comments(scoreId: ${row.scoreId}) { id } }`),
            answered(t, user.token, `{ appraisalHistory(scoreId: ${row.scoreId}) { id } }`),
          ])
      : await resolverReads(t, user);
  const rows = await Promise.all(world.rows.map(rowReads));
  const data = lists.data ?? {};
  const answers = new Map<WorldRow, Record<Operation, boolean>>();
  for (const [index, row] of world.rows.entries()) {
    const reviews = (data[`r${row.periodId}`] as { unit: { id: number } }[]) ?? [];
    const sheets = (data[`s${row.periodId}`] as { unitId: number }[]) ?? [];
    const result = data[`d${index}`] as { details: unknown } | null;
    const [sheetAppraisal, comments, appraisalHistory] = rows[index]!;
    answers.set(row, {
      sheetAppraisal,
      comments,
      appraisalHistory,
      listedReview: reviews.some((review) => review.unit.id === row.unitId),
      listedSheet: sheets.some((sheet) => sheet.unitId === row.unitId),
      resultDetails: result != null && result.details != null,
      rankedResult: rankings.get(row.periodId)!.has(row.unitId),
    });
  }
  return answers;
}

let abilities: AbilityCache | null = null;

/** The row reads of the appraisal resolvers, in a request context of `user` like the server builds. */
async function resolverReads(t: TestApp, user: WorldUser): Promise<(row: WorldRow) => Promise<[boolean, boolean, boolean]>> {
  abilities ??= new AbilityCache(
    t.orm,
    serverModules.flatMap((module) => (module.permissions ? [module.permissions] : [])) as PermissionRules[],
    serverModules.flatMap((module) => (module.permissionFacts ? [module.permissionFacts] : [])) as PermissionFactsLoader[],
  );
  const authUser: AuthUser = {
    id: user.id,
    username: user.username,
    displayName: user.username,
    roles: user.roles as AuthUser['roles'],
    unitId: user.unitId,
  };
  const ability = await abilities.for(authUser);
  const context = (): AppContext => ({
    em: t.orm.em.fork(),
    user: authUser,
    ability,
    abilities: abilities!,
    token: null,
    locale: 'vi',
    config: readConfig({}),
    sessions: t.app.sessions,
    memo: new Map(),
  });
  return (row) =>
    Promise.all([
      allowed(() => readableSheetAppraisal(context(), { periodId: row.periodId, unitId: row.unitId })),
      allowed(() => readableThread(context(), row.scoreId)),
      allowed(() => readableScoreHistory(context(), row.scoreId)),
    ]);
}
