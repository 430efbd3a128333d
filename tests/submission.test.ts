import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from './support/app.ts';
import * as files from './support/files.ts';
import { fillSheet, leaf, readSheet, SAVE, scoringContext } from './support/scoring.ts';
import { uploadEvidence } from './support/upload.ts';

let t: TestApp;
let periodId: number;
let THANHOAI: number;
let staff: string;
let lead: string;
let secretariat: string;

const SUBMIT =
  'mutation($id: Int!) { submitSelfAssessment(sheetId: $id) { status submittedAt submittedBy { displayName } editable lockReason } }';
const REOPEN =
  'mutation($id: Int!, $reason: String!) { reopenSelfAssessment(sheetId: $id, reason: $reason) { status editable lockReason } }';
const LINK = 'mutation($input: EvidenceLinkInput!) { linkEvidence(input: $input) { id } }';

beforeAll(async () => {
  t = await startTestApp();
  const context = await scoringContext(t);
  periodId = context.periodId;
  THANHOAI = context.unitId('THANHOAI');
  staff = await t.login('thanhoai');
  secretariat = await t.login('secretariat');
  // Thanh Oai has no lead among the demo accounts: the admin creates one.
  const created = await t.gql(
    `mutation($unitId: Int!) { createUser(input: { username: "thanhoai.lead", displayName: "Lãnh đạo UBND huyện Thanh Oai",
      password: "lanhdao-thanhoai", roles: [UNIT_LEAD], unitId: $unitId }) { id } }`,
    { unitId: THANHOAI },
    { token: await t.login('admin') },
  );
  expect(created.errors).toBeUndefined();
  lead = await t.login('thanhoai.lead', 'lanhdao-thanhoai');
});
afterAll(() => t.close());

describe('submitting (chốt điểm) and reopening', () => {
  it('lets only the unit lead submit, only without blocking problems, and freezes the evidence set', async () => {
    let sheet = (await readSheet(t, staff, periodId, THANHOAI)).data.scoreSheet;
    const evidenceFor = leaf(sheet, '1.1.1');
    const upload = await uploadEvidence(
      t.url,
      sheet.id,
      { name: 'KH CCHC 2023.pdf', content: files.pdf('KH CCHC') },
      { token: staff, fields: { documentNumber: '12/KH-UBND', issueDate: '2023-01-10', criterionId: String(evidenceFor.criterion.id) } },
    );
    expect(upload.status).toBe(201);

    expect(errorCode(await t.gql(SUBMIT, { id: sheet.id }, { token: staff }))).toBe('FORBIDDEN');
    const blocked = await t.gql(SUBMIT, { id: sheet.id }, { token: lead });
    expect(errorCode(blocked)).toBe('CHECK_FAILED');
    expect(blocked.errors![0]!.extensions!.blockingCount).toBe(78); // every self-scored sub-criterion is still unscored
    expect((await readSheet(t, staff, periodId, THANHOAI)).data.scoreSheet.status).toBe('DRAFT');
    for (const username of ['sontay.lead', 'appraiser', 'secretariat']) {
      expect(errorCode(await t.gql(SUBMIT, { id: sheet.id }, { token: await t.login(username) })), username).toBe('FORBIDDEN');
    }

    await fillSheet(t, staff, sheet);
    const submitted = await t.gql(SUBMIT, { id: sheet.id }, { token: lead });
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data.submitSelfAssessment).toMatchObject({
      status: 'SUBMITTED',
      submittedBy: { displayName: 'Lãnh đạo UBND huyện Thanh Oai' },
      editable: false,
      lockReason: 'SUBMITTED',
    });
    sheet = (await readSheet(t, staff, periodId, THANHOAI)).data.scoreSheet;
    const link = leaf(sheet, '1.1.1').score!.links[0]!;
    expect(link.frozenSha256).toBe(upload.body.evidence.sha256);
    const [audit] = await t.orm.em
      .getConnection()
      .execute(`select after from audit_entry where subject_type = 'ScoreSheet' and subject_id = ? and action = 'submit'`, [sheet.id]);
    expect(audit.after.evidence).toEqual([
      { criterionId: evidenceFor.criterion.id, evidenceId: upload.body.evidence.id, sha256: upload.body.evidence.sha256 },
    ]);
    expect(errorCode(await t.gql(SUBMIT, { id: sheet.id }, { token: lead }))).toBe('SHEET_SUBMITTED');
  });

  it('makes the submitted sheet read-only for the unit: scores, uploads, links and citations', async () => {
    const sheet = (await readSheet(t, staff, periodId, THANHOAI)).data.scoreSheet;
    expect(sheet).toMatchObject({ status: 'SUBMITTED', editable: false, lockReason: 'SUBMITTED' });
    const node = leaf(sheet, '1.2');
    const before = await t.orm.em
      .getConnection()
      .execute('select id, self_points, version from score where sheet_id = ? order by id', [sheet.id]);
    for (const token of [staff, lead]) {
      const save = await t.gql(
        SAVE,
        { input: { sheetId: sheet.id, criterionId: node.criterion.id, version: node.score!.version, points: '0' } },
        { token },
      );
      expect(errorCode(save)).toBe('SHEET_SUBMITTED');
      const upload = await uploadEvidence(t.url, sheet.id, { name: 'muon.pdf', content: files.pdf('Nop muon') }, { token });
      expect(upload.status).toBe(409);
      expect(upload.body.error.code).toBe('SHEET_SUBMITTED');
      const evidenceId = sheet.evidence[0].id;
      expect(errorCode(await t.gql(LINK, { input: { sheetId: sheet.id, criterionId: node.criterion.id, evidenceId } }, { token }))).toBe(
        'SHEET_SUBMITTED',
      );
      expect(
        errorCode(
          await t.gql(
            'mutation($id: Int!) { updateEvidence(id: $id, input: { version: 1, title: "x" }) { id } }',
            { id: evidenceId },
            { token },
          ),
        ),
      ).toBe('SHEET_SUBMITTED');
      expect(errorCode(await t.gql('mutation($id: Int!) { deleteEvidence(id: $id) { id } }', { id: evidenceId }, { token }))).toBe(
        'SHEET_SUBMITTED',
      );
    }
    expect(
      await t.orm.em.getConnection().execute('select id, self_points, version from score where sheet_id = ? order by id', [sheet.id]),
    ).toEqual(before);
  });

  it('lets only the secretariat reopen, with a reason, audited; the unit can then edit and resubmit', async () => {
    const sheet = (await readSheet(t, staff, periodId, THANHOAI)).data.scoreSheet;
    expect(errorCode(await t.gql(REOPEN, { id: sheet.id, reason: 'Xin sửa' }, { token: lead }))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(REOPEN, { id: sheet.id, reason: 'x' }, { token: await t.login('appraiser') }))).toBe('FORBIDDEN');
    const empty = await t.gql(REOPEN, { id: sheet.id, reason: '   ' }, { token: secretariat });
    expect(empty.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });

    const reason = 'Đơn vị đề nghị bổ sung tài liệu kiểm chứng tiêu chí 1.2 (Công văn 55/UBND ngày 20/12/2023).';
    const reopened = await t.gql(REOPEN, { id: sheet.id, reason }, { token: secretariat });
    expect(reopened.errors).toBeUndefined();
    expect(reopened.data.reopenSelfAssessment).toMatchObject({ status: 'DRAFT', editable: false, lockReason: 'READ_ONLY' });
    const [audit] = await t.orm.em.getConnection().execute(
      `select a.reason, a.before, a.after, u.username from audit_entry a join app_user u on u.id = a.actor_id
        where a.subject_type = 'ScoreSheet' and a.subject_id = ? and a.action = 'reopen'`,
      [sheet.id],
    );
    expect(audit).toMatchObject({ reason, username: 'secretariat', before: { status: 'SUBMITTED' }, after: { status: 'DRAFT' } });
    expect(errorCode(await t.gql(REOPEN, { id: sheet.id, reason }, { token: secretariat }))).toBe('SHEET_NOT_SUBMITTED');

    const draft = (await readSheet(t, staff, periodId, THANHOAI)).data.scoreSheet;
    expect(draft).toMatchObject({ status: 'DRAFT', editable: true, submittedAt: null });
    expect(leaf(draft, '1.1.1').score!.links[0]!.frozenSha256).toBeNull();
    const node = leaf(draft, '1.2');
    const save = await t.gql(
      SAVE,
      { input: { sheetId: draft.id, criterionId: node.criterion.id, version: node.score!.version, points: '0.5' } },
      { token: staff },
    );
    expect(save.errors).toBeUndefined();
    expect((await t.gql(SUBMIT, { id: draft.id }, { token: lead })).data.submitSelfAssessment.status).toBe('SUBMITTED');
  });
});

describe('deadlines and period state', () => {
  /** A second 2023 district period, opened, then its deadline moved into the past. */
  async function closedPeriod(): Promise<number> {
    const sets = await t.gql('{ criteriaSets(filter: { year: 2023, block: DISTRICT }) { id } }', {}, { token: secretariat });
    const created = await t.gql(
      `mutation($sets: [Int!]!, $closes: DateTimeISO!) { createPeriod(input: { year: 2023, name: "Kỳ chấm bổ sung",
        criteriaSetIds: $sets, selfScoringClosesAt: $closes }) { id } }`,
      { sets: [sets.data.criteriaSets[0].id], closes: new Date(Date.now() + 86_400_000).toISOString() },
      { token: secretariat },
    );
    const id = created.data.createPeriod.id;
    await t.gql('mutation($id: Int!) { openPeriod(id: $id) { id } }', { id }, { token: secretariat });
    return id;
  }

  it('refuses a sheet of a planned period, and every write after the deadline, with its own code', async () => {
    const id = await closedPeriod();
    const sheet = (await readSheet(t, staff, id, THANHOAI)).data.scoreSheet;
    expect(sheet.editable).toBe(true);
    await t.orm.em.getConnection().execute(`update period set self_scoring_closes_at = now() - interval '1 minute' where id = ?`, [id]);

    const late = (await readSheet(t, staff, id, THANHOAI)).data.scoreSheet;
    expect(late).toMatchObject({ editable: false, lockReason: 'DEADLINE_PASSED', status: 'DRAFT' });
    const node = leaf(late, '1.1.1');
    const save = await t.gql(
      SAVE,
      { input: { sheetId: late.id, criterionId: node.criterion.id, version: node.score!.version, points: '1' } },
      { token: staff },
    );
    expect(errorCode(save)).toBe('DEADLINE_PASSED');
    expect(save.errors![0]!.extensions!.deadline).toBeTruthy();
    const upload = await uploadEvidence(t.url, late.id, { name: 'tre-han.pdf', content: files.pdf('Tre han') }, { token: staff });
    expect(upload.body.error.code).toBe('DEADLINE_PASSED');
    expect(errorCode(await t.gql(SUBMIT, { id: late.id }, { token: lead }))).toBe('DEADLINE_PASSED');
    const english = await t.gql(SUBMIT, { id: late.id }, { token: lead, locale: 'en' });
    expect(english.errors![0]!.message).toBe('The self-assessment deadline has passed.');

    // A period moved on to appraisal is closed to the unit whatever the deadline says.
    await t.orm.em
      .getConnection()
      .execute(`update period set self_scoring_closes_at = now() + interval '1 day', status = 'APPRAISAL_ROUND_1' where id = ?`, [id]);
    const appraisal = await t.gql(
      SAVE,
      { input: { sheetId: late.id, criterionId: node.criterion.id, version: node.score!.version, points: '1' } },
      { token: staff },
    );
    expect(errorCode(appraisal)).toBe('PERIOD_NOT_OPEN');

    const planned = await t.gql(
      `mutation($sets: [Int!]!) { createPeriod(input: { year: 2023, name: "Kỳ dự kiến", criteriaSetIds: $sets,
        selfScoringClosesAt: "2099-01-01T00:00:00Z" }) { id } }`,
      { sets: [late.criteriaSetId] },
      { token: secretariat },
    );
    expect(planned.errors).toBeUndefined();
    expect(errorCode(await readSheet(t, staff, planned.data.createPeriod.id, THANHOAI))).toBe('FORBIDDEN');
    expect(errorCode(await readSheet(t, secretariat, planned.data.createPeriod.id, THANHOAI))).toBe('PERIOD_NOT_OPEN');
  });
});
