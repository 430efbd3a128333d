import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type GraphQLResponse, type TestApp } from '../support/app.ts';
import * as files from '../support/files.ts';
import { uploadEvidence } from '../support/upload.ts';
import { readSheet, scoringContext, type SheetNode } from '../support/scoring.ts';

/**
 * Issue 10, item 6: requests that race over the same rows answer CONFLICT (or succeed), never 500;
 * unique and foreign-key violations are mapped in one place (shared/errors.ts fromDatabaseError),
 * and an edit of shared text carries the version it was made on.
 */
let t: TestApp;
let sontay: string;
let sheetId: number;
let leaves: SheetNode[];

beforeAll(async () => {
  t = await startTestApp();
  const context = await scoringContext(t);
  sontay = context.sontay;
  const sheet = (await readSheet(t, sontay, context.periodId, context.unitId('SONTAY'))).data.scoreSheet;
  sheetId = sheet.id;
  leaves = sheet.nodes.filter((node: SheetNode) => node.criterion.isLeaf && node.criterion.kind === 'SELF_SCORED').slice(0, 8);
  expect(leaves).toHaveLength(8);
});
afterAll(() => t.close());

const LINK = 'mutation($input: EvidenceLinkInput!) { linkEvidence(input: $input) { id } }';
const UNLINK = 'mutation($input: EvidenceLinkInput!) { unlinkEvidence(input: $input) { id } }';
const DELETE = 'mutation($id: Int!) { deleteEvidence(id: $id) { id } }';

/** Every answer is a success or one of `allowed`, never an internal error. */
function expectOnly(results: GraphQLResponse[], allowed: string[]) {
  for (const result of results) {
    expect(result.status).toBeLessThan(500);
    const code = result.errors?.[0]?.extensions?.code;
    if (code !== undefined) expect(allowed, JSON.stringify(result.errors)).toContain(code);
  }
}

async function newEvidence(name: string): Promise<number> {
  const uploaded = await uploadEvidence(
    t.url,
    sheetId,
    { name: `${name}.pdf`, content: files.pdf(`${name} ${Math.random()}`) },
    { token: sontay },
  );
  expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
  return uploaded.body.evidence.id as number;
}

const links = async (evidenceId: number) =>
  (await t.orm.em.getConnection().execute('select count(*)::int as n from evidence_link where evidence_id = ?', [evidenceId]))[0]
    .n as number;

describe('races over evidence links', () => {
  it('links the same pair ten times at once: every request succeeds (linking is idempotent), one link, one audit row', async () => {
    const evidenceId = await newEvidence('cung-cap');
    const input = { sheetId, evidenceId, criterionId: leaves[0]!.criterion.id };
    const results = await Promise.all(Array.from({ length: 10 }, () => t.gql(LINK, { input }, { token: sontay })));
    expectOnly(results, []);
    expect(await links(evidenceId)).toBe(1);
    const [audited] = await t.orm.em
      .getConnection()
      .execute(`select count(*)::int as n from audit_entry where action = 'evidence-link' and after->>'evidenceId' = ?`, [
        String(evidenceId),
      ]);
    expect(audited.n).toBe(1);
  });

  it('links and unlinks the same pair at once, ending linked or not, never broken', async () => {
    const evidenceId = await newEvidence('lien-ket');
    const input = { sheetId, evidenceId, criterionId: leaves[1]!.criterion.id };
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => t.gql(i % 2 ? UNLINK : LINK, { input }, { token: sontay })));
    expectOnly(results, ['CONFLICT', 'NOT_FOUND', 'NOT_LINKED']);
    expect(await links(evidenceId)).toBeLessThanOrEqual(1);
  });

  /**
   * A link and a delete of the same document take turns on the document's row: a link that holds it first succeeds and
   * the delete then removes it with the document; a link that comes after the delete finds no document and answers
   * NOT_FOUND. The delete always succeeds; whichever way they interleave, no other code (before: a foreign-key CONFLICT
   * when the delete landed between the link's read and its insert, BAD_USER_INPUT when it came before the read).
   */
  it('deletes a document while links to it are added: each link is done before the delete or NOT_FOUND after it', async () => {
    const evidenceId = await newEvidence('xoa');
    // Each link its own sub-criterion, so the only race is with the delete (two links of one pair race each other: above).
    const [before, after] = [leaves.slice(0, 4), leaves.slice(4, 8)];
    const link = (node: SheetNode) => t.gql(LINK, { input: { sheetId, evidenceId, criterionId: node.criterion.id } }, { token: sontay });
    const results = await Promise.all([...before.map(link), t.gql(DELETE, { id: evidenceId }, { token: sontay }), ...after.map(link)]);
    const deleted = results[before.length]!;
    expect(deleted.errors).toBeUndefined();
    const linked = results.filter((result) => result !== deleted);
    for (const result of linked) {
      expect(result.status).toBeLessThan(500);
      if (result.errors) expect(result.errors[0]!.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'evidenceId', id: evidenceId });
    }
    const [row] = await t.orm.em.getConnection().execute('select count(*)::int as n from evidence where id = ?', [evidenceId]);
    expect(row.n).toBe(0);
    expect(await links(evidenceId)).toBe(0);
    // Each link that was done is in the audit trail, though the delete then removed it with the document.
    const linkedPairs = linked.filter((result) => !result.errors).length;
    const [audited] = await t.orm.em
      .getConnection()
      .execute(`select count(*)::int as n from audit_entry where action = 'evidence-link' and (after ->> 'evidenceId')::int = ?`, [
        evidenceId,
      ]);
    expect(audited.n).toBe(linkedPairs);
    // Once the delete has answered, a link is NOT_FOUND every time.
    expect((await link(leaves[0]!)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('races over consultation feedback', () => {
  it('edits one comment from two tabs at once: one edit wins, the other gets CONFLICT', async () => {
    const consultations = await t.gql('{ consultations { id status } }', {}, { token: sontay });
    const open = consultations.data.consultations.find((c: { status: string }) => c.status === 'OPEN');
    const added = await t.gql(
      'mutation($input: FeedbackCommentInput!) { addFeedbackComment(input: $input) { id version } }',
      { input: { consultationId: open.id, aspect: 'GENERAL', text: 'Góp ý chung.' } },
      { token: sontay },
    );
    expect(added.errors).toBeUndefined();
    const { id, version } = added.data.addFeedbackComment;
    const UPDATE =
      'mutation($id: Int!, $input: UpdateFeedbackCommentInput!) { updateFeedbackComment(id: $id, input: $input) { version text } }';
    const results = await Promise.all(
      ['Bản sửa thứ nhất.', 'Bản sửa thứ hai.', 'Bản sửa thứ ba.'].map((text) =>
        t.gql(UPDATE, { id, input: { version, text } }, { token: sontay }),
      ),
    );
    expectOnly(results, ['CONFLICT']);
    const won = results.filter((result) => !result.errors);
    expect(won).toHaveLength(1);
    expect(won[0]!.data.updateFeedbackComment.version).toBe(version + 1);
    const stale = await t.gql(UPDATE, { id, input: { version, text: 'Bản cũ.' } }, { token: sontay, locale: 'en' });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', version: version + 1 });
  });
});

/**
 * Every edit of a shared record carries the version it was made on. Two edits sent at once on the same version: exactly
 * one wins and the other is CONFLICT (never a 500), the row holds the winner's value; an edit sent afterwards on the
 * same old version is CONFLICT too, with the version the row is at, in both languages, and changes nothing.
 */
async function raceOnOneVersion<V>(
  values: [V, V],
  edit: (value: V, locale?: string) => Promise<GraphQLResponse>,
  stored: () => Promise<V>,
) {
  const results = await Promise.all(values.map((value) => edit(value)));
  expectOnly(results, ['CONFLICT']);
  const winners = values.filter((_, i) => !results[i]!.errors);
  expect(winners, JSON.stringify(results.map((result) => result.errors))).toHaveLength(1);
  expect(await stored()).toEqual(winners[0]);
  const [vi, en] = [await edit(values[0], 'vi'), await edit(values[0], 'en')];
  for (const stale of [vi, en]) {
    expect(stale.status).toBeLessThan(500);
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(stale.errors?.[0]?.extensions?.version).toEqual(expect.any(Number));
  }
  expect(vi.errors![0]!.message).not.toBe(en.errors![0]!.message);
  expect(await stored()).toEqual(winners[0]);
}

const one = async <T>(sql: string, params: unknown[]): Promise<T> => (await t.orm.em.getConnection().execute(sql, params))[0] as T;
const column =
  <V>(sql: string, params: unknown[]) =>
  async () =>
    Object.values(await one<Record<string, V>>(sql, params))[0] as V;

describe('races over the secretariat’s consultation edits', () => {
  let secretariat: string;
  let round: { id: number; version: number };
  beforeAll(async () => {
    secretariat = await t.login('secretariat');
    // A round Sơn Tây is invited to, so that it can comment.
    const rounds = (await t.gql('{ consultations { id status version } }', {}, { token: sontay })).data.consultations;
    round = rounds.find((c: { status: string }) => c.status === 'OPEN');
  });

  it('answers one comment twice at once (respondToComments): one answer, the other CONFLICT', async () => {
    const added = await t.gql(
      'mutation($input: FeedbackCommentInput!) { addFeedbackComment(input: $input) { id } }',
      { input: { consultationId: round.id, aspect: 'GENERAL', text: 'Đề nghị làm rõ cách tính điểm.' } },
      { token: sontay },
    );
    expect(added.errors).toBeUndefined();
    const commentId = added.data.addFeedbackComment.id as number;
    const RESPOND = 'mutation($input: RespondInput!) { respondToComments(input: $input) { id response { explanation version } } }';
    const answer = (versions: number[]) => (explanation: string, locale?: string) =>
      t.gql(RESPOND, { input: { commentIds: [commentId], versions, resolution: 'NOTED', explanation } }, { token: secretariat, locale });
    const stored = column<string>('select explanation from feedback_response where comment_id = ?', [commentId]);
    // First answers (nothing answered yet: version 0), then a change of the answer.
    await raceOnOneVersion(['Ghi nhận, sẽ làm rõ.', 'Ghi nhận ý kiến.'], answer([0]), stored);
    const { version } = await one<{ version: number }>('select version from feedback_response where comment_id = ?', [commentId]);
    await raceOnOneVersion(['Tiếp thu, bổ sung ví dụ.', 'Giữ nguyên cách tính.'], answer([version]), stored);
  });

  it('changes one round twice at once (updateConsultation): one title, the other CONFLICT', async () => {
    const UPDATE = 'mutation($id: Int!, $input: UpdateConsultationInput!) { updateConsultation(id: $id, input: $input) { version } }';
    const { version } = await one<{ version: number }>('select version from consultation where id = ?', [round.id]);
    await raceOnOneVersion(
      ['Lấy ý kiến dự thảo (lần 2)', 'Lấy ý kiến dự thảo (gia hạn)'],
      (title, locale) => t.gql(UPDATE, { id: round.id, input: { version, title } }, { token: secretariat, locale }),
      column('select title from consultation where id = ?', [round.id]),
    );
  });

  it('rewrites one answer template twice at once (updateResponseTemplate): one text, the other CONFLICT', async () => {
    const created = await t.gql(
      'mutation($input: ResponseTemplateInput!) { createResponseTemplate(input: $input) { id version } }',
      { input: { title: 'Ghi nhận', resolution: 'NOTED' } },
      { token: secretariat },
    );
    const { id, version } = created.data.createResponseTemplate;
    const UPDATE =
      'mutation($id: Int!, $input: UpdateResponseTemplateInput!) { updateResponseTemplate(id: $id, input: $input) { version } }';
    await raceOnOneVersion(
      ['Ghi nhận, nghiên cứu thêm', 'Ghi nhận, tiếp thu khi sửa đổi'],
      (title, locale) => t.gql(UPDATE, { id, input: { version, title, resolution: 'NOTED' } }, { token: secretariat, locale }),
      column('select title from response_template where id = ?', [id]),
    );
  });
});

describe('races over the secretariat’s draft criteria', () => {
  it('rewrites one criterion of a draft twice at once (updateCriterion): one title, the other CONFLICT', async () => {
    const secretariat = await t.login('secretariat');
    const sets = (await t.gql('{ criteriaSets { id status } }', {}, { token: secretariat })).data.criteriaSets;
    const published = sets.find((set: { status: string }) => set.status === 'PUBLISHED');
    const draft = await t.gql(
      'mutation($from: Int!) { createCriteriaSet(input: { copyFromId: $from, year: 2040 }) { criteria { id isLeaf version } } }',
      { from: published.id },
      { token: secretariat },
    );
    expect(draft.errors).toBeUndefined();
    const leaf = draft.data.createCriteriaSet.criteria.find((criterion: { isLeaf: boolean }) => criterion.isLeaf);
    const UPDATE = 'mutation($id: Int!, $input: UpdateCriterionInput!) { updateCriterion(id: $id, input: $input) { id } }';
    await raceOnOneVersion(
      ['Ban hành kế hoạch đúng hạn (bản A)', 'Ban hành kế hoạch đúng hạn (bản B)'],
      (title, locale) => t.gql(UPDATE, { id: leaf.id, input: { version: leaf.version, title } }, { token: secretariat, locale }),
      column('select title from criterion where id = ?', [leaf.id]),
    );
  });
});

describe('races over a unit’s monitoring records', () => {
  let lead: string;
  let unitId: number;
  const tasks: { id: number; version: number }[] = [];
  beforeAll(async () => {
    lead = await t.login('sontay.lead');
    unitId = (await one<{ id: number }>(`select id from unit where code = 'SONTAY'`, [])).id;
    tasks.push(
      ...(await t.orm.em.getConnection().execute<{ id: number; version: number }[]>(
        `select id, version from plan_task where unit_id = ? and year = 2023 and not city_assigned and status <> 'CANCELLED'
            order by status = 'IN_PROGRESS' desc, id limit 2`,
        [unitId],
      )),
    );
    expect(tasks).toHaveLength(2);
  });

  it('redefines one task twice at once (updatePlanTask): one title, the other CONFLICT', async () => {
    const [, task] = tasks;
    const UPDATE = 'mutation($id: Int!, $input: UpdatePlanTaskInput!) { updatePlanTask(id: $id, input: $input) { version } }';
    await raceOnOneVersion(
      ['Rà soát thủ tục hành chính (bản A)', 'Rà soát thủ tục hành chính (bản B)'],
      (title, locale) => t.gql(UPDATE, { id: task!.id, input: { version: task!.version, title, area: 2 } }, { token: sontay, locale }),
      column('select title from plan_task where id = ?', [task!.id]),
    );
  });

  it('records progress on one task twice at once (updateTaskProgress): one figure, the other CONFLICT', async () => {
    const [task] = tasks;
    const PROGRESS = 'mutation($id: Int!, $input: TaskProgressInput!) { updateTaskProgress(id: $id, input: $input) { version } }';
    await raceOnOneVersion(
      [30, 60],
      (progress, locale) =>
        t.gql(PROGRESS, { id: task!.id, input: { version: task!.version, status: 'IN_PROGRESS', progress } }, { token: sontay, locale }),
      column('select progress from plan_task where id = ?', [task!.id]),
    );
  });

  it('records the plan document twice at once (saveAnnualPlan): one number, the other CONFLICT', async () => {
    const plan = await one<{ id: number; version: number }>(
      `select id, version from annual_plan where unit_id = ? and year = 2023 and kind = 'PAR'`,
      [unitId],
    );
    const SAVE = 'mutation($input: AnnualPlanInput!) { saveAnnualPlan(input: $input) { version } }';
    await raceOnOneVersion(
      ['250/KH-UBND', '251/KH-UBND'],
      (documentNumber, locale) =>
        t.gql(SAVE, { input: { version: plan.version, year: 2023, kind: 'PAR', documentNumber } }, { token: sontay, locale }),
      column('select document_number from annual_plan where id = ?', [plan.id]),
    );
  });

  it('changes one inspection twice at once (updateInspection): one target, the other CONFLICT', async () => {
    const input = { year: 2023, target: 'UBND phường Lê Lợi', inspectedOn: '2023-05-10', shortcomingsFound: 2, shortcomingsHandled: 1 };
    const recorded = await t.gql(
      'mutation($input: InspectionInput!) { recordInspection(input: $input) { id version } }',
      { input },
      { token: sontay },
    );
    expect(recorded.errors).toBeUndefined();
    const { id, version } = recorded.data.recordInspection;
    const UPDATE = 'mutation($id: Int!, $input: UpdateInspectionInput!) { updateInspection(id: $id, input: $input) { version } }';
    await raceOnOneVersion(
      ['UBND phường Ngô Quyền', 'UBND xã Đường Lâm'],
      (target, locale) => t.gql(UPDATE, { id, input: { ...input, version, target } }, { token: sontay, locale }),
      column('select target from inspection where id = ?', [id]),
    );
  });

  it('saves and submits one periodic report at once (saveReport, submitReport): one write, the other CONFLICT', async () => {
    const periods = (
      await t.gql(
        'query { reportPeriods(year: 2023) { id kind template { key kind } myReport { version status } } }',
        {},
        { token: sontay },
      )
    ).data.reportPeriods;
    const period =
      periods.find((p: { myReport: unknown }) => p.myReport === null) ?? periods.find((p: any) => p.myReport.status === 'DRAFT');
    expect(period).toBeDefined();
    const text = period.template.find((field: { kind: string }) => field.kind !== 'NUMBER').key as string;
    const full = (value: string) =>
      period.template.map((field: { key: string; kind: string }) => ({ key: field.key, value: field.key === text ? value : '7' }));
    const SAVE = 'mutation($input: ReportValuesInput!) { saveReport(input: $input) { version } }';
    const SUBMIT = 'mutation($input: ReportValuesInput!) { submitReport(input: $input) { version status } }';
    const save = (version: number) => (value: string, locale?: string) =>
      t.gql(SAVE, { input: { version, periodId: period.id, values: full(value) } }, { token: sontay, locale });
    const reportOf = () =>
      one<{ version: number; value: string; status: string } | undefined>(
        'select version, values ->> ? as value, status from periodic_report where period_id = ? and unit_id = ?',
        [text, period.id, unitId],
      );
    const stored = async () => (await reportOf())?.value as string;
    // Two first saves of a report not written yet (version 0), then two saves of the draft.
    const first = period.myReport?.version ?? 0;
    await raceOnOneVersion(['Đã rà soát 12 thủ tục.', 'Đã rà soát 15 thủ tục.'], save(first), stored);
    await raceOnOneVersion(['Đã rà soát 18 thủ tục.', 'Đã rà soát 20 thủ tục.'], save((await reportOf())!.version), stored);
    // A save and the lead's submission on one version: one of them, the other CONFLICT; a stale submission changes nothing.
    const { version } = (await reportOf())!;
    const submit = (value: string, locale?: string) =>
      t.gql(SUBMIT, { input: { version, periodId: period.id, values: full(value) } }, { token: lead, locale });
    const results = await Promise.all([save(version)('Bản lưu của cán bộ.'), submit('Bản gửi của lãnh đạo.')]);
    expectOnly(results, ['CONFLICT']);
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    const after = (await reportOf())!;
    expect(after.value).toBe(results[0]!.errors ? 'Bản gửi của lãnh đạo.' : 'Bản lưu của cán bộ.');
    expect(after.status).toBe(results[0]!.errors ? 'SUBMITTED' : 'DRAFT');
    const stale = await submit('Bản cũ.');
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await reportOf()).toEqual(after);
  });
});

describe('races over the secretariat’s period, a unit’s citation and an administrator’s account', () => {
  it('changes one period twice at once (updatePeriod): one name, the other CONFLICT', async () => {
    const secretariat = await t.login('secretariat');
    const period = await one<{ id: number; version: number }>('select id, version from period where year = 2023', []);
    const UPDATE = 'mutation($id: Int!, $input: UpdatePeriodInput!) { updatePeriod(id: $id, input: $input) { version } }';
    await raceOnOneVersion(
      ['Đánh giá Chỉ số CCHC năm 2023 (điều chỉnh A)', 'Đánh giá Chỉ số CCHC năm 2023 (điều chỉnh B)'],
      (name, locale) => t.gql(UPDATE, { id: period.id, input: { version: period.version, name } }, { token: secretariat, locale }),
      column('select name from period where id = ?', [period.id]),
    );
  });

  it('corrects one document’s citation twice at once (updateEvidence): one number, the other CONFLICT', async () => {
    const evidenceId = await newEvidence('trich-dan');
    const { version } = await one<{ version: number }>('select version from evidence where id = ?', [evidenceId]);
    const UPDATE = 'mutation($id: Int!, $input: UpdateEvidenceInput!) { updateEvidence(id: $id, input: $input) { version } }';
    await raceOnOneVersion(
      ['112/KH-UBND', '113/KH-UBND'],
      (documentNumber, locale) => t.gql(UPDATE, { id: evidenceId, input: { version, documentNumber } }, { token: sontay, locale }),
      column('select document_number from evidence where id = ?', [evidenceId]),
    );
  });

  it('renames one account twice at once (updateUser): one name, the other CONFLICT', async () => {
    const admin = await t.login('admin');
    const user = await one<{ id: number; version: number }>(`select id, version from app_user where username = 'analyst'`, []);
    const UPDATE = 'mutation($id: Int!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { version } }';
    await raceOnOneVersion(
      ['Chuyên viên phân tích (Sở Nội vụ)', 'Chuyên viên phân tích (Văn phòng UBND)'],
      (displayName, locale) => t.gql(UPDATE, { id: user.id, input: { version: user.version, displayName } }, { token: admin, locale }),
      column('select display_name from app_user where id = ?', [user.id]),
    );
  });
});
