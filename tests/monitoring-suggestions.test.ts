import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type GraphQLResponse, type TestApp } from './support/app.ts';

let t: TestApp;
const tokens = new Map<string, Promise<string>>();
/** One sign-in per account for the whole file (scrypt is deliberately slow). */
const login = (username: string) => {
  if (!tokens.has(username)) tokens.set(username, t.login(username));
  return tokens.get(username)!;
};
const as = async (username: string, query: string, variables?: Record<string, unknown>, locale?: string) =>
  t.gql(query, variables, { token: await login(username), locale });

function ok<T = any>(response: GraphQLResponse<T>): T {
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!;
}

const SHEET = `query($period: Int!, $unit: Int!) {
  scoreSheet(periodId: $period, unitId: $unit) { id criteriaSetId monitoringSuggestions { criterionId criterionCode measure value suggestedPoints facts } }
}`;
const SET_RULE = `mutation($input: SuggestionRuleInput!) { setSuggestionRule(input: $input) { criterionCode measure bands { atLeast points } } }`;

let periodId: number;
const unitIds = new Map<string, number>();
const db = () => t.orm.em.getConnection();
const sheetOf = async (user: string, unit: string, locale?: string) =>
  ok(await as(user, SHEET, { period: periodId, unit: unitIds.get(unit) }, locale)).scoreSheet;
const byCode = (sheet: any) => new Map(sheet.monitoringSuggestions.map((row: any) => [row.criterionCode, row]));

beforeAll(async () => {
  t = await startTestApp();
  for (const unit of await db().execute<{ id: number; code: string }[]>('select id, code from unit')) unitIds.set(unit.code, unit.id);
  periodId = (await db().execute<{ id: number }[]>('select id from period where year = 2023'))[0]!.id;
});
afterAll(() => t?.close());

describe('suggested area-1 self-scores from the monitoring facts', () => {
  it('shows Sơn Tây its 2023 suggestions for 1.1, 1.2 and 1.3 with the facts behind them', async () => {
    const suggestions = byCode(await sheetOf('sontay', 'SONTAY')) as Map<string, any>;
    expect(suggestions.get('1.1.1')).toMatchObject({
      measure: 'PLAN_ON_TIME',
      value: 100,
      suggestedPoints: '1.00',
      facts: 'Kế hoạch CCHC năm 243/KH-UBND ban hành ngày 05/01/2023, đúng hạn (hạn 31/01/2023).',
    });
    expect(suggestions.get('1.1.2')).toMatchObject({
      measure: 'TASKS_ON_TIME_RATE',
      value: 87.5,
      suggestedPoints: '1.00',
      facts: '14/16 nhiệm vụ hoàn thành đúng hạn (87,5%).',
    });
    expect(suggestions.get('1.1.3')).toMatchObject({ value: 100, suggestedPoints: '1.00' });
    expect(suggestions.get('1.2')).toMatchObject({ value: 0, suggestedPoints: '0.00', facts: '2/4 báo cáo đã gửi; 2/4 báo cáo đúng hạn.' });
    expect(suggestions.get('1.3.2')).toMatchObject({
      measure: 'INSPECTED_RATE',
      suggestedPoints: '0.50',
      facts: 'Đã kiểm tra 11/15 đơn vị (73,3%).',
    });
    expect(suggestions.get('1.3.3')!.measure).toBe('SHORTCOMINGS_HANDLED_RATE');
  });

  it('never writes a score by itself', async () => {
    const before = await db().execute(`select criterion_id, self_points, version from score order by id`);
    await sheetOf('sontay', 'SONTAY');
    expect(await db().execute(`select criterion_id, self_points, version from score order by id`)).toEqual(before);
  });

  it('follows the facts: a task done on time raises 1.1.2', async () => {
    const [task] = await db().execute<{ id: number; deadline: string; version: number }[]>(
      `select t.id, to_char(t.deadline, 'YYYY-MM-DD') as deadline, t.version from plan_task t join unit u on u.id = t.unit_id
        where u.code = 'SONTAY' and t.status = 'IN_PROGRESS' limit 1`,
    );
    ok(
      await as(
        'sontay',
        'mutation($id: Int!, $v: Int!, $d: String!) { updateTaskProgress(id: $id, input: { version: $v, status: DONE, progress: 100, completedOn: $d }) { id } }',
        {
          id: task!.id,
          v: task!.version,
          d: task!.deadline,
        },
      ),
    );
    const suggestion = (byCode(await sheetOf('sontay', 'SONTAY')) as Map<string, any>).get('1.1.2');
    expect(suggestion).toMatchObject({ value: 93.8, suggestedPoints: '2.00', facts: '15/16 nhiệm vụ hoàn thành đúng hạn (93,8%).' });
  });

  it('shows appraisers the same facts, in English on request', async () => {
    const suggestion = (byCode(await sheetOf('appraiser', 'SONTAY', 'en')) as Map<string, any>).get('1.1.2');
    expect(suggestion.facts).toBe('15/16 tasks done on time (93.8%).');
  });
});

describe('suggestion rules', () => {
  const criterion = async (code: string) =>
    (
      await db().execute<{ id: number }[]>(
        `select c.id from criterion c join criteria_set s on s.id = c.criteria_set_id where s.year = 2023 and s.block = 'DISTRICT' and s.version = 1 and c.code = ?`,
        [code],
      )
    )[0]!.id;

  it('are the secretariat’s to set, on area-1 sub-criteria only, within the maximum', async () => {
    const input = {
      criterionId: await criterion('1.1.2'),
      measure: 'TASKS_ON_TIME_RATE',
      bands: [
        { atLeast: 95, points: '2' },
        { atLeast: 0, points: '0' },
      ],
    };
    expect(errorCode(await as('sontay', SET_RULE, { input }))).toBe('FORBIDDEN');
    const outside = await as('secretariat', SET_RULE, { input: { ...input, criterionId: await criterion('3.2.1') } });
    expect(errorCode(outside)).toBe('CRITERION_NOT_IN_AREA_1');
    const parent = await as('secretariat', SET_RULE, { input: { ...input, criterionId: await criterion('1.1') } });
    expect(errorCode(parent)).toBe('CRITERION_NOT_IN_AREA_1');
    const above = await as('secretariat', SET_RULE, { input: { ...input, bands: [{ atLeast: 0, points: '2.5' }] } });
    expect(errorCode(above)).toBe('BAND_ABOVE_MAX');
    const noZero = await as('secretariat', SET_RULE, { input: { ...input, bands: [{ atLeast: 50, points: '1' }] } });
    expect(errorCode(noZero)).toBe('BAD_USER_INPUT');
    const saved = ok(await as('secretariat', SET_RULE, { input })).setSuggestionRule;
    expect(saved).toEqual({
      criterionCode: '1.1.2',
      measure: 'TASKS_ON_TIME_RATE',
      bands: [
        { atLeast: 95, points: '2.00' },
        { atLeast: 0, points: '0.00' },
      ],
    });
    const suggestion = (byCode(await sheetOf('sontay', 'SONTAY')) as Map<string, any>).get('1.1.2');
    expect(suggestion.suggestedPoints).toBe('0.00');
  });
});
