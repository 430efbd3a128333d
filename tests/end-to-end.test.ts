import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLResponse, TestApp } from './support/app.ts';
import { startTestApp } from './support/app.ts';

/**
 * One whole cycle through the API alone, from an empty criteria set to published results, and the
 * index, component indices and rank worked out by hand. A small 2027 district set keeps the sums
 * readable (20 points, every leaf banded, as publishing requires):
 *
 *   1   Area 1            1.1 SELF_SCORED max 4 (4 | 2 | 0)     1.2 SELF_SCORED max 6 (0–6)
 *   2   Area 2            2.1 SELF_SCORED max 5 (5 | 0)         2.2 SURVEY max 5 (0–5)
 *
 * Sơn Tây scores 4, 6, 5; round 1 lowers 1.1 to 2 and asks why; Sơn Tây explains, its lead locks;
 * round 2 gives the 4 back. Thanh Oai scores 4, 5 and marks 2.1 not applicable; round 1 lowers
 * 1.2 to 3. The survey brings 4.5 (Sơn Tây) and 3 (Thanh Oai) on 2.2.
 */
let t: TestApp;
const tokens: Record<string, string> = {};
let setId: number;
let periodId: number;
const criterionIds = new Map<string, number>();
const unitIds = new Map<string, number>();
const sheets = new Map<string, { id: number; scores: Map<string, { scoreId: number; version: number }> }>();

const ok = <T = any>(response: GraphQLResponse<T>): T => {
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!;
};
const as = (user: string) => ({ token: tokens[user] });
const gql = async (user: string, query: string, variables: Record<string, unknown> = {}) => ok(await t.gql(query, variables, as(user)));
const cycleStep = async (name: string) =>
  (await gql('secretariat', `mutation($p: Int!) { ${name}(periodId: $p) { status } }`, { p: periodId }))[name].status as string;

const band = (label: string, minPoints: string, maxPoints = minPoints) => ({ label, minPoints, maxPoints });
const TREE: { code: string; title: string; parent?: string; kind?: string; maxPoints?: string; bands?: object[] }[] = [
  { code: '1', title: 'Công tác chỉ đạo, điều hành', maxPoints: '10' },
  {
    code: '1.1',
    parent: '1',
    title: 'Kế hoạch CCHC',
    maxPoints: '4',
    bands: [band('Đúng hạn', '4'), band('Chậm', '2'), band('Không có', '0')],
  },
  { code: '1.2', parent: '1', title: 'Báo cáo CCHC', maxPoints: '6', bands: [band('Theo số báo cáo', '0', '6')] },
  { code: '2', title: 'Cải cách thủ tục hành chính', maxPoints: '10' },
  { code: '2.1', parent: '2', title: 'Công bố TTHC', maxPoints: '5', bands: [band('Đầy đủ', '5'), band('Không', '0')] },
  { code: '2.2', parent: '2', title: 'Mức độ hài lòng', kind: 'SURVEY', maxPoints: '5', bands: [band('Theo khảo sát', '0', '5')] },
];

async function readSheet(unit: string, user: string) {
  const sheet = (
    await gql(
      user,
      'query($p: Int!, $u: Int!) { scoreSheet(periodId: $p, unitId: $u) { id nodes { criterion { code } score { id version } } } }',
      { p: periodId, u: unitIds.get(unit) },
    )
  ).scoreSheet;
  const scores = new Map<string, { scoreId: number; version: number }>();
  for (const node of sheet.nodes) if (node.score) scores.set(node.criterion.code, { scoreId: node.score.id, version: node.score.version });
  sheets.set(unit, { id: sheet.id, scores });
  return sheets.get(unit)!;
}

const SAVE = 'mutation($input: SaveSelfScoreInput!) { saveSelfScore(input: $input) { id } }';
async function selfScore(unit: string, user: string, scores: Record<string, string | null>) {
  const sheet = await readSheet(unit, user);
  for (const [code, points] of Object.entries(scores)) {
    const input =
      points === null
        ? { applicable: false, notApplicableReason: 'Năm 2027 không có thủ tục phải công bố.' }
        : { points, note: 'Có văn bản kèm theo.' };
    await gql(user, SAVE, {
      input: { sheetId: sheet.id, criterionId: criterionIds.get(code), version: sheet.scores.get(code)?.version, ...input },
    });
  }
}

const APPRAISE = 'mutation($input: AppraiseInput!) { appraiseScore(input: $input) { scoreId finalPoints } }';
async function appraise(unit: string, code: string, points: string, comment?: string) {
  const scoreId = (await readSheet(unit, 'secretariat')).scores.get(code)!.scoreId;
  return (await gql('appraiser', APPRAISE, { input: { scoreId, points, comment } })).appraiseScore;
}

beforeAll(async () => {
  t = await startTestApp();
  for (const user of ['admin', 'secretariat', 'appraiser', 'sontay', 'sontay.lead', 'thanhoai', 'analyst'])
    tokens[user] = await t.login(user);
  for (const unit of (await gql('admin', '{ units(filter: { block: DISTRICT }) { id code } }')).units) unitIds.set(unit.code, unit.id);
  // Thanh Oai has no lead among the demo accounts: the administrator creates one, with a password the
  // strength policy accepts (the demo accounts' one predates it).
  const leadPassword = 'Thanh-Oai lúc 7 giờ sáng';
  await gql('admin', 'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }', {
    input: {
      username: 'thanhoai.lead',
      displayName: 'Lãnh đạo UBND huyện Thanh Oai',
      password: leadPassword,
      roles: ['UNIT_LEAD'],
      unitId: unitIds.get('THANHOAI'),
    },
  });
  tokens['thanhoai.lead'] = await t.login('thanhoai.lead', leadPassword);
});
afterAll(() => t.close());

describe('a whole cycle through the API', () => {
  it('the secretariat writes and publishes a criteria set, and opens a period on it', async () => {
    setId = (
      await gql('secretariat', 'mutation { createCriteriaSet(input: { year: 2027, block: DISTRICT, title: "Bộ tiêu chí 2027" }) { id } }')
    ).createCriteriaSet.id;
    for (const { code, title, parent, kind, maxPoints, bands } of TREE) {
      const set = (
        await gql('secretariat', 'mutation($input: AddCriterionInput!) { addCriterion(input: $input) { criteria { id code } } }', {
          input: { criteriaSetId: setId, code, title, parentId: parent ? criterionIds.get(parent) : null, kind, maxPoints, bands },
        })
      ).addCriterion;
      for (const criterion of set.criteria) criterionIds.set(criterion.code, criterion.id);
    }
    expect(
      (await gql('secretariat', 'mutation($id: Int!) { publishCriteriaSet(id: $id) { status } }', { id: setId })).publishCriteriaSet,
    ).toEqual({
      status: 'PUBLISHED',
    });
    periodId = (
      await gql('secretariat', 'mutation($input: CreatePeriodInput!) { createPeriod(input: $input) { id } }', {
        input: {
          year: 2027,
          name: 'Đánh giá, xác định Chỉ số CCHC năm 2027',
          criteriaSetIds: [setId],
          selfScoringClosesAt: new Date(Date.now() + 86_400_000).toISOString(),
        },
      })
    ).createPeriod.id;
    expect((await gql('secretariat', 'mutation($id: Int!) { openPeriod(id: $id) { status } }', { id: periodId })).openPeriod.status).toBe(
      'SELF_ASSESSMENT',
    );
  });

  it('the units score themselves and their leads submit', async () => {
    await selfScore('SONTAY', 'sontay', { '1.1': '4', '1.2': '6', '2.1': '5' });
    await selfScore('THANHOAI', 'thanhoai', { '1.1': '4', '1.2': '5', '2.1': null });
    for (const [unit, lead] of [
      ['SONTAY', 'sontay.lead'],
      ['THANHOAI', 'thanhoai.lead'],
    ] as const) {
      const submitted = await gql(
        lead,
        'mutation($id: Int!) { submitSelfAssessment(sheetId: $id) { status totals { achieved applicableMax } } }',
        {
          id: sheets.get(unit)!.id,
        },
      );
      // Self-assessed, without the survey: Sơn Tây 4 + 6 + 5 = 15 of 15; Thanh Oai 4 + 5 = 9 of 10 (2.1 not applicable).
      expect(submitted.submitSelfAssessment).toEqual({
        status: 'SUBMITTED',
        totals: unit === 'SONTAY' ? { achieved: '15.00', applicableMax: '15.00' } : { achieved: '9.00', applicableMax: '10.00' },
      });
    }
  });

  it('round 1 lowers two scores and asks Sơn Tây why; round 1 is released and the explanation opened', async () => {
    for (const areaCode of ['1', '2'])
      await gql('secretariat', 'mutation($input: AssignAppraiserInput!) { assignAppraiser(input: $input) { id } }', {
        input: { periodId, appraiserId: (await gql('secretariat', '{ appraisers { id } }')).appraisers[0].id, areaCode },
      });
    await gql('secretariat', 'mutation($id: Int!, $input: UpdatePeriodInput!) { updatePeriod(id: $id, input: $input) { id } }', {
      id: periodId,
      input: {
        version: (await gql('secretariat', 'query($id: Int!) { period(id: $id) { version } }', { id: periodId })).period.version,
        selfScoringClosesAt: new Date(Date.now() - 60_000).toISOString(),
      },
    });
    await cycleStep('openAppraisalRound1');
    expect(await appraise('SONTAY', '1.1', '2', 'Kế hoạch ban hành chậm.')).toMatchObject({ finalPoints: '2.00' });
    expect(await appraise('THANHOAI', '1.2', '3', 'Thiếu hai báo cáo quý.')).toMatchObject({ finalPoints: '3.00' });
    await gql('appraiser', 'mutation($i: RequestExplanationInput!) { requestExplanation(input: $i) { scoreId } }', {
      i: { scoreId: sheets.get('SONTAY')!.scores.get('1.1')!.scoreId, question: 'Đề nghị cung cấp quyết định ban hành kế hoạch.' },
    });
    await cycleStep('releaseRound1Results');
    await gql('secretariat', 'mutation($p: Int!, $at: DateTimeISO) { openExplanation(periodId: $p, closesAt: $at) { status } }', {
      p: periodId,
      at: new Date(Date.now() + 86_400_000).toISOString(),
    });
  });

  it('Sơn Tây explains, its lead locks, round 2 gives the points back, and the appraisal is finalised', async () => {
    const scoreId = sheets.get('SONTAY')!.scores.get('1.1')!.scoreId;
    const item = (
      await gql(
        'sontay',
        'query($p: Int!, $u: Int!) { sheetAppraisal(periodId: $p, unitId: $u) { items { scoreId explanationRequest { id version } } } }',
        {
          p: periodId,
          u: unitIds.get('SONTAY'),
        },
      )
    ).sheetAppraisal.items.find((row: any) => row.scoreId === scoreId);
    await gql('sontay', 'mutation($input: AnswerExplanationInput!) { answerExplanation(input: $input) { scoreId } }', {
      input: {
        requestId: item.explanationRequest.id,
        version: item.explanationRequest.version,
        answer: 'Kế hoạch ban hành đúng hạn theo Quyết định 12/QĐ-UBND.',
      },
    });
    await gql('sontay.lead', 'mutation($p: Int!, $u: Int!) { lockExplanation(periodId: $p, unitId: $u) { explanationStatus } }', {
      p: periodId,
      u: unitIds.get('SONTAY'),
    });
    await cycleStep('openAppraisalRound2');
    expect(await appraise('SONTAY', '1.1', '4', 'Đã chứng minh ban hành đúng hạn.')).toMatchObject({ finalPoints: '4.00' });
    expect(await cycleStep('finalizeAppraisal')).toBe('FINALIZED');
  });

  it('imports the sociological survey and publishes; the index, component indices and ranks are the hand-worked ones', async () => {
    const csv = 'Mã đơn vị,Mã tiêu chí,Điểm\nSONTAY,2.2,4.5\nTHANHOAI,2.2,3\n';
    const imported = await fetch(`${t.url}/api/results/survey?periodId=${periodId}&fileName=xhh.csv`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${tokens.secretariat}` },
      body: csv,
    });
    expect(imported.status, await imported.clone().text()).toBe(200);
    await gql('secretariat', 'mutation($id: Int!) { publishResults(periodId: $id, allowMissingSurvey: true) { id } }', { id: periodId });

    const results = (
      await gql(
        'analyst',
        `query($p: Int!) { periodResults(periodId: $p, first: 50, filter: { block: DISTRICT }) { totalCount nodes {
          unit { code } index rank group { code }
          details { achieved applicableMax surveyPoints total areas { code achieved applicableMax index } } } } }`,
        { p: periodId },
      )
    ).periodResults;
    // Only units with a sheet in the period have a result: the other 28 districts never opened theirs.
    expect(results.totalCount).toBe(2);
    const rows = Object.fromEntries(results.nodes.map((node: any) => [node.unit.code, node]));
    // Sơn Tây: 1.1 = 4 (round 2), 1.2 = 6, 2.1 = 5, survey 2.2 = 4.5 → 19.5 of 20 = 97.50 %.
    //   Area 1: (4 + 6) / 10 = 100.00 %; area 2: (5 + 4.5) / 10 = 95.00 %.
    expect(rows.SONTAY).toEqual({
      unit: { code: 'SONTAY' },
      index: '97.50',
      rank: 1,
      group: { code: 'A' },
      details: {
        achieved: '19.50',
        applicableMax: '20.00',
        surveyPoints: '4.50',
        total: '19.50',
        areas: [
          { code: '1', achieved: '10.00', applicableMax: '10.00', index: '100.00' },
          { code: '2', achieved: '9.50', applicableMax: '10.00', index: '95.00' },
        ],
      },
    });
    // Thanh Oai: 1.1 = 4, 1.2 = 3 (round 1), 2.1 not applicable, survey 2.2 = 3 → 10 of 15 = 66.666… → 66.67 %,
    //   group C (under 80 %), second.
    //   Area 1: (4 + 3) / 10 = 70.00 %; area 2: 3 / 5 = 60.00 %.
    expect(rows.THANHOAI).toEqual({
      unit: { code: 'THANHOAI' },
      index: '66.67',
      rank: 2,
      group: { code: 'C' },
      details: {
        achieved: '10.00',
        applicableMax: '15.00',
        surveyPoints: '3.00',
        total: '10.00',
        areas: [
          { code: '1', achieved: '7.00', applicableMax: '10.00', index: '70.00' },
          { code: '2', achieved: '3.00', applicableMax: '5.00', index: '60.00' },
        ],
      },
    });
  });
});
