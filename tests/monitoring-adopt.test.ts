import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type GraphQLResponse, type TestApp } from './support/app.ts';
import * as files from './support/files.ts';
import { leaf, readSheet, type SheetNode } from './support/scoring.ts';
import { sqlOf } from './support/sql.ts';
import { uploadTo } from './support/upload.ts';

/**
 * Issue 11, capability 5: the unit adopts a monitoring suggestion — the suggested points become its self-score through
 * scoring's own save, and the plan, task outputs and inspection conclusions behind the facts become its evidence —
 * and the pre-submit check warns of a self-score above the monitored figure. Refusals change nothing.
 */
let t: TestApp;
let dataDir: string;
const tokens = new Map<string, string>();
const { sql, one } = sqlOf(() => t);
const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');
let periodId: number;
const unitIds: Record<string, number> = {};

const ADOPT = `mutation($input: AdoptSuggestionInput!, $criterionId: Int!) {
  adoptMonitoringSuggestion(input: $input) { id node(criterionId: $criterionId) { score { points version } } }
}`;
const adopt = (user: string, input: { sheetId: number; criterionId: number; version: number }, locale?: string) =>
  t.gql(ADOPT, { input, criterionId: input.criterionId }, { token: tokens.get(user), locale });
const CHECK = `query($p: Int!, $u: Int!) { selfAssessmentCheck(periodId: $p, unitId: $u) { warningCount
  problems { criterionCode code severity message } } }`;

function ok<T = any>(response: GraphQLResponse<T>): T {
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!;
}
const sheetOf = async (user = 'sontay') => ok(await readSheet(t, tokens.get(user)!, periodId, unitIds.SONTAY!)).scoreSheet;
const node = async (code: string): Promise<SheetNode & { sheetId: number }> => {
  const sheet = await sheetOf();
  return { ...leaf(sheet, code), sheetId: sheet.id };
};
const inputFor = (row: SheetNode & { sheetId: number }) => ({
  sheetId: row.sheetId,
  criterionId: row.criterion.id,
  version: row.score!.version,
});
/** What an adoption writes, which a refused (or repeated) one must leave as it was. */
const state = () =>
  Promise.all(
    ['score', 'evidence', 'evidence_link', 'audit_entry'].map(
      async (table) =>
        (await sql<{ sum: string }>(`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as sum from ${table} t`))[0]!.sum,
    ),
  );

const planFile = files.pdf('Ke hoach CCHC 2023 Son Tay');
const outputFile = files.pdf('Bao cao ket qua nhiem vu Son Tay');
const lateOutputFile = files.pdf('Bao cao nhiem vu cham han');

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'par-monitoring-adopt-'));
  t = await startTestApp({ config: { dataDir } });
  for (const user of ['sontay', 'sontay.lead', 'thanhoai', 'appraiser', 'analyst', 'secretariat']) tokens.set(user, await t.login(user));
  for (const code of ['SONTAY', 'THANHOAI']) unitIds[code] = await one('select id from unit where code = ?', [code]);
  periodId = await one('select id from period where year = 2023');
  // The documents the monitoring records of Sơn Tây cite: its PAR plan, a task done on time, a task not done on time.
  const upload = async (url: string, name: string, content: Buffer, fields?: Record<string, string>) => {
    const result = await uploadTo(`${t.url}${url}`, { name, content }, { token: tokens.get('sontay'), fields });
    expect(result.status, JSON.stringify(result.body)).toBe(200);
  };
  const plan = await one(`select id from annual_plan where unit_id = ? and year = 2023 and kind = 'PAR'`, [unitIds.SONTAY]);
  await upload(`/api/monitoring/plans/${plan}/file`, 'KH 243-KH-UBND (bản ký số).pdf', planFile);
  const onTime = await one(
    `select id from plan_task where unit_id = ? and year = 2023 and status = 'DONE' and completed_on <= deadline order by id limit 1`,
    [unitIds.SONTAY],
  );
  await upload(`/api/monitoring/tasks/${onTime}/output`, 'Báo cáo kết quả nhiệm vụ.pdf', outputFile, { documentNumber: '15/BC-UBND' });
  const late = await one(`select id from plan_task where unit_id = ? and year = 2023 and status <> 'DONE' order by id limit 1`, [
    unitIds.SONTAY,
  ]);
  await upload(`/api/monitoring/tasks/${late}/output`, 'Dự thảo.pdf', lateOutputFile);
});
afterAll(async () => {
  await t?.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('adopting a monitoring suggestion', () => {
  it('writes the suggested points as the self-score and links the plan and the on-time task’s output as evidence', async () => {
    const before = await node('1.1.2');
    expect(before.score!.points).toBe('2.00'); // the demo's hand-typed figure
    const adopted = ok(await adopt('sontay', inputFor(before))).adoptMonitoringSuggestion;
    // 14/16 tasks on time (87,5%): the 70% band, 1 point.
    expect(adopted.node.score).toEqual({ points: '1.00', version: before.score!.version + 1 });

    const after = await node('1.1.2');
    const linked = after.score!.links.map((link) => link.evidence.sha256);
    // The demo's plan and report stay; the plan's own file and the on-time output come in; the open task's draft does not.
    expect(linked).toEqual([...before.score!.links.map((link) => link.evidence.sha256), sha256(planFile), sha256(outputFile)]);
    expect(linked).not.toContain(sha256(lateOutputFile));
    const sheet = await sheetOf();
    const filed = (sha: string) => sheet.evidence.find((evidence: { sha256: string }) => evidence.sha256 === sha);
    expect(filed(sha256(planFile))).toMatchObject({
      fileName: 'KH 243-KH-UBND (bản ký số).pdf',
      documentNumber: '243/KH-UBND',
      issueDate: '2023-01-05',
      title: 'Kế hoạch cải cách hành chính năm 2023',
      linkedCriterionIds: [after.criterion.id],
    });
    expect(filed(sha256(outputFile))).toMatchObject({
      fileName: 'Báo cáo kết quả nhiệm vụ.pdf',
      documentNumber: '15/BC-UBND',
      issueDate: null,
    });

    // Through scoring's save (audited old → new) and the evidence module's links, and recorded as an adoption.
    const audits = await sql<{ action: string; before: any; after: any }>(
      `select action, before, after from audit_entry where sheet_id = ? and action in ('self-score', 'evidence-upload', 'evidence-link', 'suggestion-adopt')
        order by id desc limit 6`,
      [before.sheetId],
    );
    expect(audits.map((audit) => audit.action).sort()).toEqual(
      ['evidence-link', 'evidence-link', 'evidence-upload', 'evidence-upload', 'self-score', 'suggestion-adopt'].sort(),
    );
    expect(audits.find((audit) => audit.action === 'self-score')).toMatchObject({ before: { points: '2.00' }, after: { points: '1.00' } });
    expect(audits.find((audit) => audit.action === 'suggestion-adopt')!.after).toMatchObject({
      criterionId: after.criterion.id,
      measure: 'TASKS_ON_TIME_RATE',
      value: 87.5,
      points: '1.00',
    });
  });

  it('is idempotent: adopting again at the current version changes nothing, at the old one answers CONFLICT', async () => {
    const current = await node('1.1.2');
    const unchanged = await state();
    const again = ok(await adopt('sontay', inputFor(current))).adoptMonitoringSuggestion;
    expect(again.node.score).toEqual({ points: '1.00', version: current.score!.version });
    expect(await state()).toEqual(unchanged);
    const stale = await adopt('sontay', { ...inputFor(current), version: current.score!.version - 1 });
    expect(errorCode(stale)).toBe('CONFLICT');
    expect(await state()).toEqual(unchanged);
  });

  it('links a document already on the sheet once, and reuses the sheet’s document for the same file', async () => {
    // 1.1.1 judges the PAR plan: its file is already on the sheet (filed for 1.1.2), so only a link is added.
    const plan = await node('1.1.1');
    const documents = (await sql<{ n: number }>('select count(*)::int as n from evidence where sheet_id = ?', [plan.sheetId]))[0]!.n;
    ok(await adopt('sontay', inputFor(plan)));
    const after = await node('1.1.1');
    expect(after.score!.points).toBe('1.00');
    expect(after.score!.links.map((link) => link.evidence.sha256)).toContain(sha256(planFile));
    expect((await sql<{ n: number }>('select count(*)::int as n from evidence where sheet_id = ?', [plan.sheetId]))[0]!.n).toBe(documents);
  });

  it('refuses a sub-criterion without a suggestion, and one whose facts cannot say yet, in both languages', async () => {
    const sheet = await sheetOf();
    const unchanged = await state();
    // Area 3 has no monitoring rule.
    const outside = await adopt('sontay', inputFor({ ...leaf(sheet, '3.1.2'), sheetId: sheet.id }));
    expect(errorCode(outside)).toBe('NO_SUGGESTION');
    expect(outside.errors![0]!.message).toBe('Tiêu chí này không có gợi ý điểm từ hệ thống theo dõi CCHC.');
    const english = await adopt('sontay', inputFor({ ...leaf(sheet, '3.1.2'), sheetId: sheet.id }), 'en');
    expect(english.errors![0]!.message).toBe('The PAR monitoring system suggests no score for this criterion.');

    // Without the number of offices its inspection plan covers, the inspected share cannot be measured.
    await sql(`update annual_plan set planned_inspections = null where unit_id = ? and year = 2023 and kind = 'INSPECTION'`, [
      unitIds.SONTAY,
    ]);
    try {
      const unready = await adopt('sontay', inputFor({ ...leaf(sheet, '1.3.2'), sheetId: sheet.id }));
      expect(errorCode(unready)).toBe('SUGGESTION_NOT_READY');
      expect(unready.errors![0]!.message).toBe('Chưa đủ số liệu theo dõi để gợi ý điểm: Kế hoạch kiểm tra chưa ghi số đơn vị.');
      expect(await state()).toEqual(unchanged);
    } finally {
      await sql(`update annual_plan set planned_inspections = 15 where unit_id = ? and year = 2023 and kind = 'INSPECTION'`, [
        unitIds.SONTAY,
      ]);
    }
  });

  it('is the unit staff’s, on their own sheet while it is open: another unit, the appraiser, the analyst and the secretariat are refused', async () => {
    const target = await node('1.1.3');
    const unchanged = await state();
    for (const user of ['thanhoai', 'appraiser', 'analyst', 'secretariat']) {
      expect(errorCode(await adopt(user, inputFor(target))), user).toBe('FORBIDDEN');
    }
    expect(await state()).toEqual(unchanged);

    // A submitted sheet takes no adoption (set directly: the demo sheet is far from passing the check).
    await sql(`update score_sheet set status = 'SUBMITTED' where id = ?`, [target.sheetId]);
    try {
      expect(errorCode(await adopt('sontay', inputFor(target)))).toBe('SHEET_SUBMITTED');
    } finally {
      await sql(`update score_sheet set status = 'DRAFT' where id = ?`, [target.sheetId]);
    }
    // A period no longer in self-assessment takes none either.
    const [{ status }] = await sql<{ status: string }>('select status from period where id = ?', [periodId]);
    await sql(`update period set status = 'APPRAISAL_ROUND_1' where id = ?`, [periodId]);
    try {
      expect(errorCode(await adopt('sontay', inputFor(target)))).toBe('PERIOD_NOT_OPEN');
    } finally {
      await sql('update period set status = ? where id = ?', [status, periodId]);
    }
    expect(await state()).toEqual(unchanged);
  });
});

describe('the pre-submit check against the monitored figures', () => {
  it('warns when a self-score is above the figure the monitoring facts give, naming the facts', async () => {
    const sheet = await sheetOf();
    const reports = leaf(sheet, '1.2');
    expect(reports.score!.points).toBe('1.00'); // the demo's, while 2 of the 4 reports are missing
    const check = ok(await t.gql(CHECK, { p: periodId, u: unitIds.SONTAY }, { token: tokens.get('sontay') })).selfAssessmentCheck;
    const above = check.problems.filter((problem: { code: string }) => problem.code === 'ABOVE_MONITORED');
    expect(above).toEqual([
      {
        criterionCode: '1.2',
        code: 'ABOVE_MONITORED',
        severity: 'WARNING',
        message: 'Điểm tự chấm 1,00 cao hơn mức 0,00 theo số liệu theo dõi CCHC: 2/4 báo cáo đã gửi; 2/4 báo cáo đúng hạn.',
      },
    ]);
    // 1.1.2 was adopted above: at the monitored figure, no warning.
    expect(
      check.problems.some(
        (problem: { criterionCode: string; code: string }) => problem.criterionCode === '1.1.2' && problem.code === 'ABOVE_MONITORED',
      ),
    ).toBe(false);

    // At the figure or below, no warning.
    const saved = await t.gql(
      `mutation($input: SaveSelfScoreInput!) { saveSelfScore(input: $input) { id } }`,
      { input: { sheetId: sheet.id, criterionId: reports.criterion.id, version: reports.score!.version, points: '0' } },
      { token: tokens.get('sontay') },
    );
    ok(saved);
    const after = ok(
      await t.gql(CHECK, { p: periodId, u: unitIds.SONTAY }, { token: tokens.get('sontay'), locale: 'en' }),
    ).selfAssessmentCheck;
    expect(after.problems.filter((problem: { code: string }) => problem.code === 'ABOVE_MONITORED')).toEqual([]);
    expect(after.warningCount).toBe(check.warningCount - 1);
  });
});
