import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type GraphQLResponse, type TestApp } from './support/app.ts';

let t: TestApp;
let secretariat: string;
let thanhoai: string;
let sontay: string;
let sontayLead: string;
let district2023: number;
const unitIds = new Map<string, number>();
const tokens = new Map<string, Promise<string>>();
/** One sign-in per account for the whole file (scrypt is deliberately slow). */
const login = (username: string, password?: string) => {
  if (!tokens.has(username)) tokens.set(username, t.login(username, password));
  return tokens.get(username)!;
};

const HOUR = 3_600_000;
const COMMENT = `id consultationId unitId criterionId aspect text proposedWording status version authorName
  unit { code } criterion { code } response { resolution explanation status revisedCriterionId version }`;

const ADD = `mutation($input: FeedbackCommentInput!) { addFeedbackComment(input: $input) { ${COMMENT} } }`;
const UPDATE = `mutation($id: Int!, $input: UpdateFeedbackCommentInput!) { updateFeedbackComment(id: $id, input: $input) { ${COMMENT} revisions { version text status } } }`;
const WITHDRAW = `mutation($id: Int!) { withdrawFeedbackComment(id: $id) { ${COMMENT} } }`;
const RESPOND = `mutation($input: RespondInput!) { respondToComments(input: $input) { ${COMMENT} } }`;
const PUBLISH = 'mutation($id: Int!, $ids: [Int!]) { publishResponses(consultationId: $id, commentIds: $ids) }';
const COMMENTS = `query($id: Int!, $filter: FeedbackCommentFilter) { consultation(id: $id) { id status comments(filter: $filter) { ${COMMENT} } } }`;

function ok<T = any>(response: GraphQLResponse<T>): T {
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!;
}

/** The version a row is at now (0: no such row), for an edit made on it (optimistic concurrency). */
const versionOf = async (sql: string, params: unknown[]) =>
  ((await t.orm.em.getConnection().execute<{ version: number }[]>(sql, params))[0]?.version ?? 0) as number;
const answerVersion = (commentId: number) => versionOf('select version from feedback_response where comment_id = ?', [commentId]);
const roundVersion = (id: number) => versionOf('select version from consultation where id = ?', [id]);
const templateVersion = (id: number) => versionOf('select version from response_template where id = ?', [id]);
const count = async (sql: string, params: unknown[] = []) =>
  Number((await t.orm.em.getConnection().execute<{ n: string }[]>(`select count(*) as n from (${sql}) q`, params))[0]!.n);
const commentCount = () => count('select 1 from feedback_comment');
const revisionCount = () => count('select 1 from feedback_comment_revision');

interface Round {
  id: number;
  setId: number;
  leaf: { id: number; code: string };
  criteria: { id: number; code: string; isLeaf: boolean }[];
}

/** A fresh draft copied from the 2023 district set, under a consultation open now, inviting Thanh Oai and Sơn Tây. */
async function openRound(options: { opensAt?: Date; closesAt?: Date; units?: string[] } = {}): Promise<Round> {
  const copy = ok(
    await t.gql(
      `mutation($from: Int!) { createCriteriaSet(input: { copyFromId: $from, year: 2025 }) { id criteria { id code isLeaf kind } } }`,
      { from: district2023 },
      { token: secretariat },
    ),
  ).createCriteriaSet;
  const opened = await t.gql(
    `mutation($input: OpenConsultationInput!) { openConsultation(input: $input) { id status criteriaSetId } }`,
    {
      input: {
        criteriaSetId: copy.id,
        title: 'Lấy ý kiến dự thảo 2025',
        introduction: 'Đề nghị các đơn vị góp ý.',
        opensAt: (options.opensAt ?? new Date(Date.now() - HOUR)).toISOString(),
        closesAt: (options.closesAt ?? new Date(Date.now() + 24 * HOUR)).toISOString(),
        invitedUnitIds: (options.units ?? ['THANHOAI', 'SONTAY']).map((code) => unitIds.get(code)),
      },
    },
    { token: secretariat },
  );
  const leaf = copy.criteria.find((c: { code: string }) => c.code === '3.2.2');
  return { id: ok(opened).openConsultation.id, setId: copy.id, leaf, criteria: copy.criteria };
}

const comment = (round: Round, token: string, extra: Record<string, unknown> = {}) =>
  t.gql(
    ADD,
    {
      input: {
        consultationId: round.id,
        criterionId: round.leaf.id,
        aspect: 'EVIDENCE_REQUIREMENT',
        text: 'Đề nghị quy định rõ hơn.',
        ...extra,
      },
    },
    { token },
  );

beforeAll(async () => {
  t = await startTestApp();
  [secretariat, thanhoai, sontay, sontayLead] = await Promise.all(
    ['secretariat', 'thanhoai', 'sontay', 'sontay.lead'].map((u) => login(u)),
  );
  const data = ok(
    await t.gql('{ units { id code } criteriaSets(filter: { year: 2023, block: DISTRICT }) { id } }', {}, { token: secretariat }),
  );
  for (const unit of data.units) unitIds.set(unit.code, unit.id);
  district2023 = data.criteriaSets[0].id;
});
afterAll(() => t.close());

describe('opening a round (SECRETARIAT)', () => {
  it('puts a draft out for consultation and lets exactly the invited units read it', async () => {
    const round = await openRound();
    const status = await t.gql('query($id: Int!) { criteriaSet(id: $id) { status } }', { id: round.setId }, { token: secretariat });
    expect(ok(status).criteriaSet.status).toBe('CONSULTATION');
    // Invited at once (the abilities are rebuilt after the opening).
    const read = await t.gql(
      'query($id: Int!) { consultation(id: $id) { status criteriaSet { id areas { code } } myParticipation { state unit { code } } } }',
      { id: round.id },
      { token: thanhoai },
    );
    expect(ok(read).consultation).toMatchObject({
      status: 'OPEN',
      criteriaSet: { id: round.setId },
      myParticipation: { state: 'NOT_ANSWERED', unit: { code: 'THANHOAI' } },
    });
    const tree = await t.gql(
      'query($id: Int!) { criteriaSet(id: $id) { criteria { code evidenceRequirement } } }',
      { id: round.setId },
      { token: thanhoai },
    );
    expect(ok(tree).criteriaSet.criteria.length).toBe(round.criteria.length);

    const outsider = await login('admin');
    expect(errorCode(await t.gql('query($id: Int!) { consultation(id: $id) { id } }', { id: round.id }, { token: outsider }))).toBe(
      'FORBIDDEN',
    );
    const excluded = await openRound({ units: ['SONTAY'] });
    expect(errorCode(await t.gql('query($id: Int!) { criteriaSet(id: $id) { id } }', { id: excluded.setId }, { token: thanhoai }))).toBe(
      'FORBIDDEN',
    );
    const list = ok(await t.gql('{ consultations { id } }', {}, { token: thanhoai })).consultations.map((c: { id: number }) => c.id);
    expect(list).toContain(round.id);
    expect(list).not.toContain(excluded.id);
  });

  it('invites whole blocks', async () => {
    const copy = ok(
      await t.gql(
        'mutation($from: Int!) { createCriteriaSet(input: { copyFromId: $from, year: 2026 }) { id } }',
        { from: district2023 },
        { token: secretariat },
      ),
    );
    const opened = ok(
      await t.gql(
        `mutation($input: OpenConsultationInput!) { openConsultation(input: $input) { participations { unit { block } } } }`,
        {
          input: {
            criteriaSetId: copy.createCriteriaSet.id,
            title: 'Khối huyện',
            introduction: '',
            opensAt: new Date().toISOString(),
            closesAt: new Date(Date.now() + HOUR).toISOString(),
            invitedBlocks: ['DISTRICT'],
          },
        },
        { token: secretariat },
      ),
    );
    expect(opened.openConsultation.participations).toHaveLength(30);
  });

  it('refuses bad rounds with a clear code and changes nothing', async () => {
    const before = await count('select 1 from consultation');
    const open = (input: Record<string, unknown>, token = secretariat) =>
      t.gql(
        'mutation($input: OpenConsultationInput!) { openConsultation(input: $input) { id } }',
        {
          input: {
            criteriaSetId: district2023,
            title: 'x',
            introduction: '',
            opensAt: new Date().toISOString(),
            closesAt: new Date(Date.now() + HOUR).toISOString(),
            invitedUnitIds: [unitIds.get('SONTAY')],
            ...input,
          },
        },
        { token },
      );
    const published = await open({});
    expect(published.errors![0]!.extensions).toMatchObject({ code: 'SET_NOT_DRAFT', field: 'criteriaSetId' });
    const draft = ok(
      await t.gql(
        'mutation($from: Int!) { createCriteriaSet(input: { copyFromId: $from, year: 2027 }) { id } }',
        { from: district2023 },
        { token: secretariat },
      ),
    ).createCriteriaSet.id;
    expect(
      (
        await open({
          criteriaSetId: draft,
          closesAt: new Date(Date.now() - HOUR).toISOString(),
          opensAt: new Date(Date.now() - 2 * HOUR).toISOString(),
        })
      ).errors![0]!.extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'closesAt' });
    expect(
      (await open({ criteriaSetId: draft, opensAt: new Date(Date.now() + 2 * HOUR).toISOString() })).errors![0]!.extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'closesAt' });
    expect((await open({ criteriaSetId: draft, invitedUnitIds: [987654] })).errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'invitedUnitIds',
    });
    expect((await open({ criteriaSetId: draft, invitedUnitIds: [] })).errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'invitedUnitIds',
    });
    expect(errorCode(await open({ criteriaSetId: 987654 }))).toBe('NOT_FOUND');
    for (const user of ['sontay', 'sontay.lead', 'appraiser', 'analyst', 'admin']) {
      expect(errorCode(await open({ criteriaSetId: draft }, await login(user)))).toBe('FORBIDDEN');
    }
    expect(await count('select 1 from consultation')).toBe(before);
    const set = ok(await t.gql('query($id: Int!) { criteriaSet(id: $id) { status } }', { id: draft }, { token: secretariat }));
    expect(set.criteriaSet.status).toBe('DRAFT');
  });
});

describe('feedback from the units', () => {
  it('stores a comment with its proposed wording exactly, in Unicode NFC', async () => {
    const round = await openRound();
    const decomposed = 'Đề nghị bổ sung phiếu xin lỗi có chữ ký'.normalize('NFD');
    const proposal = 'Phiếu xin lỗi (bản điện tử hoặc bản chụp có chữ ký)'.normalize('NFD');
    const added = ok(await comment(round, thanhoai, { text: `  ${decomposed}  `, proposedWording: proposal })).addFeedbackComment;
    expect(added).toMatchObject({
      text: 'Đề nghị bổ sung phiếu xin lỗi có chữ ký',
      proposedWording: 'Phiếu xin lỗi (bản điện tử hoặc bản chụp có chữ ký)',
      aspect: 'EVIDENCE_REQUIREMENT',
      status: 'ACTIVE',
      version: 1,
      unit: { code: 'THANHOAI' },
      criterion: { code: '3.2.2' },
      authorName: 'Cán bộ CCHC – huyện Thanh Oai',
      response: null,
    });
    expect(added.text).toBe(added.text.normalize('NFC'));
    const general = ok(
      await t.gql(ADD, { input: { consultationId: round.id, aspect: 'GENERAL', text: 'Nhất trí với dự thảo.' } }, { token: thanhoai }),
    );
    expect(general.addFeedbackComment).toMatchObject({ criterionId: null, criterion: null, aspect: 'GENERAL' });
  });

  it('refuses bad feedback with a clear code each time and changes nothing', async () => {
    const round = await openRound();
    const upcoming = await openRound({ opensAt: new Date(Date.now() + HOUR), closesAt: new Date(Date.now() + 2 * HOUR) });
    const closed = await openRound();
    ok(await t.gql('mutation($id: Int!) { closeConsultation(id: $id) { status } }', { id: closed.id }, { token: secretariat }));
    const notInvited = await openRound({ units: ['SONTAY'] });
    const foreignLeaf = closed.criteria.find((c) => c.code === '3.2.2')!;
    const comments = await commentCount();
    const revisions = await revisionCount();

    const cases: [string, Promise<GraphQLResponse>, string, string?][] = [
      ['before the window', comment(upcoming, thanhoai, { criterionId: upcoming.leaf.id }), 'OUTSIDE_CONSULTATION_WINDOW'],
      ['after the close', comment(closed, thanhoai, { criterionId: closed.leaf.id }), 'OUTSIDE_CONSULTATION_WINDOW'],
      ['criterion of another set', comment(round, thanhoai, { criterionId: foreignLeaf.id }), 'CRITERION_NOT_IN_SET', 'criterionId'],
      ['unknown criterion', comment(round, thanhoai, { criterionId: 987654 }), 'CRITERION_NOT_IN_SET', 'criterionId'],
      ['unknown aspect', comment(round, thanhoai, { aspect: 'WORDING' }), 'BAD_USER_INPUT'],
      ['aspect without a criterion', comment(round, thanhoai, { criterionId: null }), 'BAD_USER_INPUT', 'criterionId'],
      ['empty text', comment(round, thanhoai, { text: ' \n ' }), 'BAD_USER_INPUT', 'text'],
      ['over-long text', comment(round, thanhoai, { text: 'ý'.repeat(10_001) }), 'BAD_USER_INPUT', 'text'],
      ['over-long proposal', comment(round, thanhoai, { proposedWording: 'a'.repeat(10_001) }), 'BAD_USER_INPUT', 'proposedWording'],
      ['unit not invited', comment(notInvited, thanhoai, { criterionId: notInvited.leaf.id }), 'NOT_INVITED'],
      // A unit gets for an unknown round what it gets for one it is not invited to (permission before existence).
      [
        'unknown round',
        t.gql(ADD, { input: { consultationId: 987654, aspect: 'GENERAL', text: 'x' } }, { token: thanhoai }),
        'NOT_INVITED',
      ],
      ['the secretariat', comment(round, secretariat), 'FORBIDDEN'],
      ['an appraiser', comment(round, await login('appraiser')), 'FORBIDDEN'],
      ['anonymous', comment(round, ''), 'UNAUTHENTICATED'],
    ];
    for (const [label, pending, code, field] of cases) {
      const response = await pending;
      expect(errorCode(response), label).toBe(code);
      if (field) expect(response.errors![0]!.extensions!.field, label).toBe(field);
    }
    // Exactly 10,000 characters (after NFC and trimming) is accepted.
    expect(errorCode(await comment(round, thanhoai, { text: ` ${'ý'.normalize('NFD').repeat(10_000)} ` }))).toBeUndefined();
    expect(await commentCount()).toBe(comments + 1);
    expect(await revisionCount()).toBe(revisions + 1);
  });

  it('lets a unit edit and withdraw its own comments, keeping every version', async () => {
    const round = await openRound();
    const added = ok(await comment(round, thanhoai)).addFeedbackComment;
    const edited = ok(
      await t.gql(
        UPDATE,
        { id: added.id, input: { version: 1, text: 'Đề nghị quy định rõ hình thức phiếu.', proposedWording: 'Phiếu điện tử' } },
        { token: thanhoai },
      ),
    );
    expect(edited.updateFeedbackComment).toMatchObject({
      version: 2,
      text: 'Đề nghị quy định rõ hình thức phiếu.',
      proposedWording: 'Phiếu điện tử',
    });
    const withdrawn = ok(await t.gql(WITHDRAW, { id: added.id }, { token: thanhoai })).withdrawFeedbackComment;
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', version: 3 });
    const history = ok(
      await t.gql(
        `query($id: Int!) { consultation(id: $id) { comments(filter: { includeWithdrawn: true }) { id revisions { version text status savedAt savedByName } } } }`,
        { id: round.id },
        { token: thanhoai },
      ),
    ).consultation.comments[0].revisions;
    const author = { savedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), savedByName: 'Cán bộ CCHC – huyện Thanh Oai' };
    expect(history).toEqual([
      { version: 1, text: 'Đề nghị quy định rõ hơn.', status: 'ACTIVE', ...author },
      { version: 2, text: 'Đề nghị quy định rõ hình thức phiếu.', status: 'ACTIVE', ...author },
      { version: 3, text: 'Đề nghị quy định rõ hình thức phiếu.', status: 'WITHDRAWN', ...author },
    ]);
    // Withdrawn comments drop out of the default list.
    expect(ok(await t.gql(COMMENTS, { id: round.id }, { token: thanhoai })).consultation.comments).toEqual([]);
    expect(errorCode(await t.gql(UPDATE, { id: added.id, input: { version: 3, text: 'lại' } }, { token: thanhoai }))).toBe(
      'COMMENT_WITHDRAWN',
    );
  });

  it('refuses edits of another unit’s comment, or after the close', async () => {
    const round = await openRound();
    const added = ok(await comment(round, thanhoai)).addFeedbackComment;
    const revisions = await revisionCount();
    expect(errorCode(await t.gql(UPDATE, { id: added.id, input: { version: 1, text: 'Sửa của Sơn Tây' } }, { token: sontay }))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await t.gql(WITHDRAW, { id: added.id }, { token: sontay }))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(UPDATE, { id: added.id, input: { version: 1, text: 'x' } }, { token: secretariat }))).toBe('FORBIDDEN');
    // An unknown comment answers like another unit's: FORBIDDEN (permission before existence).
    expect(errorCode(await t.gql(UPDATE, { id: 987654, input: { version: 1, text: 'x' } }, { token: thanhoai }))).toBe('FORBIDDEN');
    ok(await t.gql('mutation($id: Int!) { closeConsultation(id: $id) { id } }', { id: round.id }, { token: secretariat }));
    expect(errorCode(await t.gql(UPDATE, { id: added.id, input: { version: 1, text: 'Sau hạn' } }, { token: thanhoai }))).toBe(
      'OUTSIDE_CONSULTATION_WINDOW',
    );
    expect(errorCode(await t.gql(WITHDRAW, { id: added.id }, { token: thanhoai }))).toBe('OUTSIDE_CONSULTATION_WINDOW');
    expect(await revisionCount()).toBe(revisions);
    const unchanged = ok(await t.gql(COMMENTS, { id: round.id }, { token: thanhoai })).consultation.comments[0];
    expect(unchanged).toMatchObject({ text: 'Đề nghị quy định rõ hơn.', version: 1, status: 'ACTIVE' });
  });

  it('records agreement without comment, and the unit lead’s official submission', async () => {
    const round = await openRound();
    const agree = (token: string, agrees = true) =>
      t.gql(
        'mutation($id: Int!, $a: Boolean!) { setAgreesWithoutComment(consultationId: $id, agrees: $a) { state agreesWithoutComment submittedAt } }',
        { id: round.id, a: agrees },
        { token },
      );
    expect(ok(await agree(sontay)).setAgreesWithoutComment).toMatchObject({ state: 'AGREED_WITHOUT_COMMENT', agreesWithoutComment: true });
    // A comment replaces the agreement; agreeing again needs the comments withdrawn.
    const added = ok(await comment(round, sontay)).addFeedbackComment;
    expect(errorCode(await agree(sontay))).toBe('HAS_COMMENTS');
    const submit = (token: string) =>
      t.gql(
        'mutation($id: Int!) { submitFeedback(consultationId: $id) { state submittedAt submittedByName activeComments } }',
        { id: round.id },
        { token },
      );
    expect(errorCode(await submit(sontay))).toBe('FORBIDDEN'); // staff write, the lead submits
    const submitted = ok(await submit(sontayLead)).submitFeedback;
    expect(submitted).toMatchObject({ state: 'COMMENTED', submittedByName: 'Lãnh đạo UBND thị xã Sơn Tây', activeComments: 1 });
    expect(errorCode(await comment(round, sontay))).toBe('FEEDBACK_SUBMITTED');
    expect(errorCode(await t.gql(WITHDRAW, { id: added.id }, { token: sontay }))).toBe('FEEDBACK_SUBMITTED');
    expect(errorCode(await submit(sontayLead))).toBe('FEEDBACK_SUBMITTED');
    const reopened = ok(
      await t.gql('mutation($id: Int!) { reopenFeedback(consultationId: $id) { submittedAt } }', { id: round.id }, { token: sontayLead }),
    );
    expect(reopened.reopenFeedback.submittedAt).toBeNull();
    ok(await t.gql(WITHDRAW, { id: added.id }, { token: sontay }));
    // A lead submitting no comment means the unit agrees.
    expect(ok(await submit(sontayLead)).submitFeedback.state).toBe('AGREED_WITHOUT_COMMENT');
    // Thanh Oai's lead (none in the demo) cannot act for Sơn Tây, nor Sơn Tây's lead for a round it is not invited to.
    const elsewhere = await openRound({ units: ['THANHOAI'] });
    expect(
      errorCode(
        await t.gql('mutation($id: Int!) { submitFeedback(consultationId: $id) { state } }', { id: elsewhere.id }, { token: sontayLead }),
      ),
    ).toBe('NOT_INVITED');
  });
});

describe('answers from the secretariat', () => {
  it('drafts, links to the next version and publishes an answer; the unit sees it only once published', async () => {
    const round = await openRound();
    const asked = ok(await comment(round, thanhoai, { proposedWording: 'Phiếu xin lỗi bản điện tử' })).addFeedbackComment;
    // The next version of the draft, where the evidence requirement is reworded.
    const next = ok(
      await t.gql(
        'mutation($from: Int!) { createCriteriaSet(input: { copyFromId: $from }) { id version criteria { id code } } }',
        { from: round.setId },
        { token: secretariat },
      ),
    ).createCriteriaSet;
    const revised = next.criteria.find((c: { code: string }) => c.code === '3.2.2');
    ok(
      await t.gql(
        'mutation($id: Int!, $v: Int!, $e: String) { updateCriterion(id: $id, input: { version: $v, evidenceRequirement: $e }) { id } }',
        {
          id: revised.id,
          v: await versionOf('select version from criterion where id = ?', [revised.id]),
          e: 'Danh sách hồ sơ quá hạn và Phiếu xin lỗi bản điện tử tương ứng',
        },
        { token: secretariat },
      ),
    );

    const answer = await t.gql(
      RESPOND,
      {
        input: {
          commentIds: [asked.id],
          versions: [0],
          resolution: 'PARTIALLY_ACCEPTED',
          explanation: 'Tiếp thu hình thức bản điện tử; bản giấy vẫn được chấp nhận.',
          revisedCriterionId: revised.id,
        },
      },
      { token: secretariat },
    );
    expect(ok(answer).respondToComments[0].response).toMatchObject({
      resolution: 'PARTIALLY_ACCEPTED',
      status: 'DRAFT',
      revisedCriterionId: revised.id,
    });
    const diff = ok(
      await t.gql(
        `query($id: Int!) { consultation(id: $id) { comments { response { revisedCriterion { code }
      revisionChange { kind code fields { field before after segments { kind text } } } } } } }`,
        { id: round.id },
        { token: secretariat },
      ),
    );
    const change = diff.consultation.comments[0].response.revisionChange;
    expect(diff.consultation.comments[0].response.revisedCriterion.code).toBe('3.2.2');
    const evidence = change.fields.find((f: { field: string }) => f.field === 'EVIDENCE_REQUIREMENT');
    expect(evidence.after).toBe('Danh sách hồ sơ quá hạn và Phiếu xin lỗi bản điện tử tương ứng');
    expect(
      evidence.segments
        .filter((s: { kind: string }) => s.kind === 'ADDED')
        .map((s: { text: string }) => s.text)
        .join(''),
    ).toContain('bản điện tử');
    expect(
      evidence.segments
        .filter((s: { kind: string }) => s.kind !== 'REMOVED')
        .map((s: { text: string }) => s.text)
        .join(''),
    ).toBe(evidence.after);

    const seen = () => t.gql(COMMENTS, { id: round.id }, { token: thanhoai }).then((r) => ok(r).consultation.comments[0].response);
    expect(await seen()).toBeNull();
    expect(ok(await t.gql(PUBLISH, { id: round.id, ids: [asked.id] }, { token: secretariat })).publishResponses).toBe(1);
    expect(await seen()).toMatchObject({
      resolution: 'PARTIALLY_ACCEPTED',
      status: 'PUBLISHED',
      explanation: 'Tiếp thu hình thức bản điện tử; bản giấy vẫn được chấp nhận.',
    });
    // Sơn Tây sees neither Thanh Oai's comment nor its answer before the synthesis is published.
    expect(ok(await t.gql(COMMENTS, { id: round.id }, { token: sontay })).consultation.comments).toEqual([]);
    // Re-answering makes it a draft again, hidden from the unit until published.
    ok(
      await t.gql(
        RESPOND,
        { input: { commentIds: [asked.id], versions: [await answerVersion(asked.id)], resolution: 'ACCEPTED' } },
        { token: secretariat },
      ),
    );
    expect(await seen()).toBeNull();
  });

  it('answers several comments at once from a template', async () => {
    const round = await openRound();
    const a = ok(await comment(round, thanhoai)).addFeedbackComment;
    const b = ok(await comment(round, sontay, { text: 'Cùng ý kiến: cần quy định rõ hơn.' })).addFeedbackComment;
    const template = ok(
      await t.gql(
        'mutation($input: ResponseTemplateInput!) { createResponseTemplate(input: $input) { id title resolution explanation } }',
        { input: { title: 'Giữ nguyên', resolution: 'NOT_ACCEPTED', explanation: 'Giữ nguyên theo hướng dẫn của Bộ Nội vụ.' } },
        { token: secretariat },
      ),
    ).createResponseTemplate;
    const answered = ok(
      await t.gql(RESPOND, { input: { commentIds: [a.id, b.id], versions: [0, 0], templateId: template.id } }, { token: secretariat }),
    ).respondToComments;
    expect(answered.map((c: any) => c.response)).toEqual(
      [a, b].map(() =>
        expect.objectContaining({ resolution: 'NOT_ACCEPTED', explanation: 'Giữ nguyên theo hướng dẫn của Bộ Nội vụ.', status: 'DRAFT' }),
      ),
    );
    const templates = ok(await t.gql('{ responseTemplates { id title } }', {}, { token: secretariat })).responseTemplates;
    expect(templates.map((x: { id: number }) => x.id)).toContain(template.id);
    expect(errorCode(await t.gql('{ responseTemplates { id } }', {}, { token: thanhoai }))).toBe('FORBIDDEN');
    expect(ok(await t.gql(PUBLISH, { id: round.id }, { token: secretariat })).publishResponses).toBe(2);
  });

  it('refuses bad answers with a clear code and changes nothing', async () => {
    const round = await openRound();
    const asked = ok(await comment(round, thanhoai)).addFeedbackComment;
    const gone = ok(await comment(round, thanhoai, { text: 'Sẽ rút' })).addFeedbackComment;
    ok(await t.gql(WITHDRAW, { id: gone.id }, { token: thanhoai }));
    const otherRound = await openRound();
    const foreign = ok(await comment(otherRound, thanhoai)).addFeedbackComment;
    const before = await count('select 1 from feedback_response');
    const respond = (input: Record<string, unknown>, token = secretariat) => {
      const commentIds = (input.commentIds as number[] | undefined) ?? [asked.id];
      return t.gql(RESPOND, { input: { commentIds, versions: commentIds.map(() => 0), ...input } }, { token });
    };

    for (const resolution of ['PARTIALLY_ACCEPTED', 'NOT_ACCEPTED']) {
      const missing = await respond({ resolution, explanation: '   ' });
      expect(missing.errors![0]!.extensions).toMatchObject({ code: 'EXPLANATION_REQUIRED', field: 'explanation' });
    }
    expect(errorCode(await respond({ commentIds: [gone.id], resolution: 'NOTED' }))).toBe('COMMENT_WITHDRAWN');
    expect(errorCode(await respond({ commentIds: [asked.id, gone.id], resolution: 'NOTED' }))).toBe('COMMENT_WITHDRAWN');
    expect((await respond({ commentIds: [asked.id, foreign.id], resolution: 'NOTED' })).errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'commentIds',
    });
    expect(errorCode(await respond({ commentIds: [987654], resolution: 'NOTED' }))).toBe('NOT_FOUND');
    expect((await respond({})).errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'resolution' });
    expect(errorCode(await respond({ templateId: 987654 }))).toBe('NOT_FOUND');
    expect(errorCode(await respond({ resolution: 'MAYBE' }))).toBe('BAD_USER_INPUT');
    // The linked criterion must be in a later version of this draft: not the draft itself, not the 2023 set.
    const sameSet = await respond({ resolution: 'ACCEPTED', revisedCriterionId: round.leaf.id });
    expect(sameSet.errors![0]!.extensions).toMatchObject({ code: 'NOT_A_LATER_VERSION', field: 'revisedCriterionId' });
    const tree2023 = ok(
      await t.gql('query($id: Int!) { criteriaSet(id: $id) { criteria { id } } }', { id: district2023 }, { token: secretariat }),
    );
    expect(errorCode(await respond({ resolution: 'ACCEPTED', revisedCriterionId: tree2023.criteriaSet.criteria[0].id }))).toBe(
      'NOT_A_LATER_VERSION',
    );
    for (const user of ['thanhoai', 'sontay.lead', 'appraiser', 'analyst']) {
      expect(errorCode(await respond({ resolution: 'NOTED' }, await login(user)))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(PUBLISH, { id: round.id }, { token: await login(user) }))).toBe('FORBIDDEN');
    }
    expect(await count('select 1 from feedback_response')).toBe(before);
  });
});

describe('closing and the synthesis', () => {
  it('opens a closed round to appraisers and analysts, and the published synthesis to every invited unit', async () => {
    const round = await openRound();
    const asked = ok(await comment(round, thanhoai)).addFeedbackComment;
    ok(await comment(round, sontay, { aspect: 'SCORING_METHOD', text: 'Cách tính chưa rõ.' }));
    const appraiser = await login('appraiser');
    const analyst = await login('analyst');
    for (const token of [appraiser, analyst]) {
      expect(errorCode(await t.gql(COMMENTS, { id: round.id }, { token }))).toBe('FORBIDDEN');
    }
    const publish = () =>
      t.gql('mutation($id: Int!) { publishSynthesis(id: $id) { status synthesisPublishedAt } }', { id: round.id }, { token: secretariat });
    expect(errorCode(await publish())).toBe('CONSULTATION_OPEN');
    expect(
      ok(await t.gql('mutation($id: Int!) { closeConsultation(id: $id) { status } }', { id: round.id }, { token: secretariat }))
        .closeConsultation.status,
    ).toBe('CLOSED');
    expect(
      errorCode(await t.gql('mutation($id: Int!) { closeConsultation(id: $id) { status } }', { id: round.id }, { token: secretariat })),
    ).toBe('CONSULTATION_CLOSED');
    for (const token of [appraiser, analyst]) {
      const read = ok(
        await t.gql(
          `query($id: Int!) { consultation(id: $id) { criteriaSet { id } comments { id } summary { comments } } }`,
          { id: round.id },
          { token },
        ),
      );
      expect(read.consultation.comments).toHaveLength(2);
      expect(read.consultation.summary.comments).toBe(2);
    }
    const incomplete = await publish();
    expect(incomplete.errors![0]!.extensions).toMatchObject({ code: 'SYNTHESIS_INCOMPLETE', unanswered: 2 });
    const all = ok(await t.gql(COMMENTS, { id: round.id }, { token: secretariat })).consultation.comments.map((c: { id: number }) => c.id);
    ok(
      await t.gql(
        RESPOND,
        { input: { commentIds: all, versions: all.map(() => 0), resolution: 'NOTED', explanation: 'Ghi nhận.' } },
        { token: secretariat },
      ),
    );
    // Units see nothing of the others' until the synthesis is published…
    expect(ok(await t.gql(COMMENTS, { id: round.id }, { token: sontay })).consultation.comments).toHaveLength(1);
    expect(ok(await publish()).publishSynthesis.status).toBe('PUBLISHED');
    // …then every comment and every answer.
    const afterwards = ok(
      await t.gql(
        `query($id: Int!) { consultation(id: $id) { comments { id unit { code } response { status } } synthesis { commentId } } }`,
        { id: round.id },
        { token: sontay },
      ),
    );
    expect(afterwards.consultation.comments).toHaveLength(2);
    expect(afterwards.consultation.comments.every((c: any) => c.response?.status === 'PUBLISHED')).toBe(true);
    expect(afterwards.consultation.synthesis.map((r: { commentId: number }) => r.commentId)).toContain(asked.id);
    expect(
      errorCode(
        await t.gql(
          RESPOND,
          { input: { commentIds: [asked.id], versions: [await answerVersion(asked.id)], resolution: 'ACCEPTED' } },
          { token: secretariat },
        ),
      ),
    ).toBe('SYNTHESIS_PUBLISHED');
  });

  it('counts the units and comments of the introduction', async () => {
    const round = await openRound({ units: ['THANHOAI', 'SONTAY', 'CAUGIAY', 'DONGDA'] });
    const caugiay = await t.gql(
      'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
      {
        input: {
          username: 'caugiay',
          displayName: 'Cán bộ CCHC – quận Cầu Giấy',
          password: 'matkhau123',
          roles: ['UNIT_STAFF'],
          unitId: unitIds.get('CAUGIAY'),
        },
      },
      { token: await login('admin') },
    );
    ok(caugiay);
    const a = ok(await comment(round, thanhoai)).addFeedbackComment;
    ok(await comment(round, thanhoai, { aspect: 'MAX_POINTS', text: 'Điểm cao quá.' }));
    ok(await comment(round, sontay, { aspect: 'SCORING_METHOD', text: 'Cách tính chưa rõ.' }));
    ok(
      await t.gql(
        'mutation($id: Int!) { setAgreesWithoutComment(consultationId: $id, agrees: true) { state } }',
        { id: round.id },
        { token: await login('caugiay', 'matkhau123') },
      ),
    );
    ok(await t.gql('mutation($id: Int!) { submitFeedback(consultationId: $id) { state } }', { id: round.id }, { token: sontayLead }));
    ok(await t.gql(RESPOND, { input: { commentIds: [a.id], versions: [0], resolution: 'ACCEPTED' } }, { token: secretariat }));
    const summary = ok(
      await t.gql(
        `query($id: Int!) { consultation(id: $id) { summary { unitsInvited unitsAnswered unitsCommented
      unitsAgreedWithoutComment unitsNotAnswered unitsConfirmed comments byAspect { aspect count } byResolution { resolution count } } } }`,
        { id: round.id },
        { token: secretariat },
      ),
    ).consultation.summary;
    expect(summary).toMatchObject({
      unitsInvited: 4,
      unitsAnswered: 3,
      unitsCommented: 2,
      unitsAgreedWithoutComment: 1,
      unitsNotAnswered: 1,
      unitsConfirmed: 1,
      comments: 3,
    });
    expect(Object.fromEntries(summary.byAspect.map((r: any) => [r.aspect, r.count]))).toEqual({
      SCORING_METHOD: 1,
      EVIDENCE_REQUIREMENT: 1,
      MAX_POINTS: 1,
      GENERAL: 0,
    });
    expect(Object.fromEntries(summary.byResolution.map((r: any) => [r.resolution ?? 'UNANSWERED', r.count]))).toEqual({
      ACCEPTED: 1,
      PARTIALLY_ACCEPTED: 0,
      NOTED: 0,
      NOT_ACCEPTED: 0,
      UNANSWERED: 2,
    });
    // Units cannot read the synthesis of an unpublished round.
    expect(
      ok(
        await t.gql(
          'query($id: Int!) { consultation(id: $id) { summary { comments } synthesis { commentId } synthesisDownloadUrl } }',
          { id: round.id },
          { token: thanhoai },
        ),
      ).consultation,
    ).toEqual({ summary: null, synthesis: null, synthesisDownloadUrl: null });
  });

  it('downloads the synthesis as .xlsx with the same authentication and permissions', async () => {
    const round = await openRound();
    const text = 'Đề nghị ghi rõ “bản chụp có chữ ký” – áp dụng cả cấp xã.';
    const asked = ok(
      await comment(round, thanhoai, { text: text.normalize('NFD'), proposedWording: 'Phiếu xin lỗi (bản điện tử)' }),
    ).addFeedbackComment;
    ok(await t.gql(ADD, { input: { consultationId: round.id, aspect: 'GENERAL', text: 'Nhất trí.' } }, { token: sontay }));
    ok(
      await t.gql(
        RESPOND,
        { input: { commentIds: [asked.id], versions: [0], resolution: 'PARTIALLY_ACCEPTED', explanation: 'Tiếp thu một phần.' } },
        { token: secretariat },
      ),
    );
    const url = ok(
      await t.gql('query($id: Int!) { consultation(id: $id) { synthesisDownloadUrl } }', { id: round.id }, { token: secretariat }),
    ).consultation.synthesisDownloadUrl;
    expect(url).toBe(`/api/consultation/${round.id}/synthesis.xlsx`);

    const download = (token?: string, path = url) =>
      fetch(`${t.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect((await download()).status).toBe(401);
    expect((await download(thanhoai)).status).toBe(403);
    const missing = await download(secretariat, '/api/consultation/987654/synthesis.xlsx');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as any).error.code).toBe('NOT_FOUND');

    const response = await download(secretariat);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const sheet = workbook.worksheets[0]!;
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push(Array.from((row.values as unknown[]).slice(1), (v) => (v == null ? '' : String(v)))));
    const header = rows.findIndex((row) => row[0] === 'STT');
    expect(rows[header]).toEqual([
      'STT',
      'Mã tiêu chí',
      'Tiêu chí',
      'Đơn vị góp ý',
      'Nội dung được góp ý',
      'Nội dung góp ý',
      'Đề xuất sửa đổi',
      'Tiếp thu',
      'Giải trình',
      'Tiêu chí ở phiên bản sau',
    ]);
    const body = rows.slice(header + 1);
    // General comments first, then in criteria order.
    expect(body).toHaveLength(2);
    expect(body[0]!.slice(0, 6)).toEqual(['1', '', 'Góp ý chung cho toàn bộ dự thảo', 'UBND thị xã Sơn Tây', 'Ý kiến chung', 'Nhất trí.']);
    expect(body[1]!.slice(0, 9)).toEqual([
      '2',
      '3.2.2',
      expect.stringContaining('xin lỗi'),
      'UBND huyện Thanh Oai',
      'Tài liệu kiểm chứng',
      text,
      'Phiếu xin lỗi (bản điện tử)',
      'Tiếp thu một phần (dự thảo)',
      'Tiếp thu một phần.',
    ]);
    expect(body[1]![5]).toBe(text.normalize('NFC'));
    const intro = rows
      .slice(0, header)
      .map((row) => row[0])
      .join('\n');
    expect(intro).toContain('Số đơn vị được lấy ý kiến: 2.');
    expect(intro).toContain('Tổng số ý kiến góp ý: 2');
  });
});

describe('reading the comments', () => {
  it('filters the secretariat’s list by unit, block, aspect, resolution and unanswered', async () => {
    const round = await openRound();
    const a = ok(await comment(round, thanhoai)).addFeedbackComment;
    ok(await comment(round, sontay, { aspect: 'SCORING_METHOD', text: 'Cách tính.' }));
    ok(await t.gql(RESPOND, { input: { commentIds: [a.id], versions: [0], resolution: 'ACCEPTED' } }, { token: secretariat }));
    const ids = async (filter: Record<string, unknown>) =>
      ok(await t.gql(COMMENTS, { id: round.id, filter }, { token: secretariat })).consultation.comments.map(
        (c: { unit: { code: string } }) => c.unit.code,
      );
    expect(await ids({ unitId: unitIds.get('SONTAY') })).toEqual(['SONTAY']);
    expect(await ids({ block: 'DISTRICT' })).toEqual(['THANHOAI', 'SONTAY']);
    expect(await ids({ block: 'DEPARTMENT' })).toEqual([]);
    expect(await ids({ aspect: 'SCORING_METHOD' })).toEqual(['SONTAY']);
    expect(await ids({ resolution: 'ACCEPTED' })).toEqual(['THANHOAI']);
    expect(await ids({ unanswered: true })).toEqual(['SONTAY']);
    const counts = ok(
      await t.gql(
        'query($id: Int!) { consultation(id: $id) { commentCounts { criterionId aspect total unanswered } } }',
        { id: round.id },
        { token: secretariat },
      ),
    );
    expect(counts.consultation.commentCounts).toEqual(
      expect.arrayContaining([
        { criterionId: round.leaf.id, aspect: 'EVIDENCE_REQUIREMENT', total: 1, unanswered: 0 },
        { criterionId: round.leaf.id, aspect: 'SCORING_METHOD', total: 1, unanswered: 1 },
      ]),
    );
  });

  it('loads every comment with its unit, criterion, response and history in a fixed number of SQL statements', async () => {
    const round = await openRound();
    const query = `query($id: Int!) { consultation(id: $id) { participations { unit { code } activeComments }
      commentCounts { total } comments { ${COMMENT} revisions { version } response { revisedCriterion { code } revisionChange { kind } } } } }`;
    const measure = async () => {
      const { result, statements } = await t.recordQueries(() => t.gql(query, { id: round.id }, { token: secretariat }), {
        warmAs: secretariat,
      });
      return { comments: ok(result).consultation.comments.length as number, statements: statements.length };
    };
    ok(await comment(round, thanhoai));
    const few = await measure();
    // 300 more comments from both units, half of them answered.
    await t.orm.em.getConnection().execute(
      `insert into feedback_comment (consultation_id, unit_id, criterion_id, aspect, text)
         select ?, case when i % 2 = 0 then ? else ? end, ?, 'SCORING_METHOD', 'Ý kiến số ' || i from generate_series(1, 300) i`,
      [round.id, unitIds.get('THANHOAI'), unitIds.get('SONTAY'), round.leaf.id],
    );
    await t.orm.em
      .getConnection()
      .execute(
        `insert into feedback_response (comment_id, resolution, explanation) select id, 'NOTED', 'Ghi nhận' from feedback_comment where consultation_id = ? and id % 2 = 0`,
        [round.id],
      );
    const many = await measure();
    expect(few.comments).toBe(1);
    expect(many.comments).toBe(301);
    expect(many.statements).toBe(few.statements);
    // The round, its participations, the counts, the comments (units read with them), the criteria tree, the responses, the revisions.
    expect(many.statements).toBe(7);
  });
});

describe('listing rounds', () => {
  it('costs the same number of SQL statements however many rounds there are', async () => {
    const query = `{ consultations { id status criteriaSet { id } revisions { id } participations { unit { code } } myParticipation { state }
      commentCounts { total } summary { comments unitsInvited byAspect { count } } } }`;
    const measure = async (token: string) => {
      const { result, statements } = await t.recordQueries(() => t.gql(query, {}, { token }), { warmAs: token });
      return { rounds: ok(result).consultations.length as number, statements: statements.length };
    };
    const before = { secretariat: await measure(secretariat), unit: await measure(thanhoai) };
    for (let i = 0; i < 3; i += 1) {
      const round = await openRound();
      ok(await comment(round, thanhoai));
    }
    const after = { secretariat: await measure(secretariat), unit: await measure(thanhoai) };
    expect(after.secretariat.rounds).toBe(before.secretariat.rounds + 3);
    expect(after.unit.rounds).toBe(before.unit.rounds + 3);
    expect(after.secretariat.statements).toBe(before.secretariat.statements);
    expect(after.unit.statements).toBe(before.unit.statements);
  });
});

describe('the demo consultation', () => {
  it('is open on the 2024 district draft, with comments from Sơn Tây and Thanh Oai, some answered', async () => {
    const list = ok(
      await t.gql('{ consultations { id title status criteriaSet { year block status version } } }', {}, { token: thanhoai }),
    ).consultations;
    const demo = list.find((c: any) => c.criteriaSet.year === 2024 && c.criteriaSet.block === 'DISTRICT');
    expect(demo).toMatchObject({ status: 'OPEN', criteriaSet: { status: 'CONSULTATION' } });
    const own = ok(await t.gql(COMMENTS, { id: demo.id }, { token: thanhoai })).consultation.comments;
    expect(own.length).toBe(2); // Thanh Oai's two demo comments
    expect(own.some((c: any) => c.response?.status === 'PUBLISHED')).toBe(true);
    const all = ok(await t.gql(COMMENTS, { id: demo.id }, { token: secretariat })).consultation.comments;
    expect(new Set(all.map((c: any) => c.unit.code))).toEqual(new Set(['THANHOAI', 'SONTAY', 'HOANKIEM']));
    expect(all.some((c: any) => c.response === null)).toBe(true);
    expect(all.some((c: any) => c.response?.status === 'DRAFT')).toBe(true);
    const departments = list.find((c: any) => c.criteriaSet.block === 'DEPARTMENT');
    expect(departments).toBeUndefined(); // Thanh Oai is not invited to the departments' round
  });
});

describe('criteriaSetDiff', () => {
  it('shows what the 2024 draft changed from the 2023 set: removed, max points, word-level evidence changes', async () => {
    const sets = ok(
      await t.gql('{ criteriaSets(filter: { year: 2024, block: DISTRICT, status: [CONSULTATION] }) { id } }', {}, { token: secretariat }),
    ).criteriaSets;
    const run = () =>
      t.gql(
        `query($from: Int!, $to: Int!) { criteriaSetDiff(fromId: $from, toId: $to) {
      from { year } to { year } summary { added removed moved retitled maxPointsChanged scoringMethodChanged evidenceRequirementChanged unchanged }
      changes { kind code moved fields { field before after segments { kind text } } } } }`,
        { from: district2023, to: sets[0].id },
        { token: secretariat },
      );
    const { result, statements } = await t.recordQueries(run, { warmAs: secretariat });
    expect(statements).toHaveLength(2); // both sets, both trees
    const diff = ok(result).criteriaSetDiff;
    expect(diff.summary).toMatchObject({ added: 0, removed: 2, moved: 0, maxPointsChanged: 4 }); // 3.2.1 and 7.3.2 re-weighted, and the sums above them
    expect(diff.changes.filter((c: any) => c.kind === 'REMOVED').map((c: any) => c.code)).toEqual(['3.2.5', '7.2.4']);
    const byCode = new Map(diff.changes.map((c: any) => [c.code, c]));
    const points = (byCode.get('3.2.1') as any).fields.find((f: any) => f.field === 'MAX_POINTS');
    expect(points).toMatchObject({ before: '2.00', after: '2.50' });
    const evidence = (byCode.get('3.2.2') as any).fields.find((f: any) => f.field === 'EVIDENCE_REQUIREMENT');
    expect(evidence.segments.some((s: any) => s.kind === 'ADDED' && s.text.includes('Hệ thống'))).toBe(true);
    expect(
      evidence.segments
        .filter((s: any) => s.kind !== 'ADDED')
        .map((s: any) => s.text)
        .join(''),
    ).toBe(evidence.before);
    expect(
      evidence.segments
        .filter((s: any) => s.kind !== 'REMOVED')
        .map((s: any) => s.text)
        .join(''),
    ).toBe(evidence.after);
  });

  it('detects moved, re-titled, added criteria, matching renumbered ones by title', async () => {
    const draft = ok(
      await t.gql(
        'mutation($from: Int!) { createCriteriaSet(input: { copyFromId: $from, year: 2028 }) { id criteria { id code parentId } } }',
        { from: district2023 },
        { token: secretariat },
      ),
    ).createCriteriaSet;
    const id = (code: string) => draft.criteria.find((c: any) => c.code === code).id;
    const edit = async (query: string, variables: Record<string, unknown>) => ok(await t.gql(query, variables, { token: secretariat }));
    await edit('mutation($id: Int!, $p: Int!) { moveCriterion(input: { id: $id, parentId: $p }) { id } }', { id: id('1.2'), p: id('7') });
    const criterionVersion = (code: string) => versionOf('select version from criterion where id = ?', [id(code)]);
    await edit('mutation($id: Int!, $v: Int!) { updateCriterion(id: $id, input: { version: $v, code: "7.9" }) { id } }', {
      id: id('1.2'),
      v: await criterionVersion('1.2'),
    });
    await edit(
      'mutation($id: Int!, $v: Int!) { updateCriterion(id: $id, input: { version: $v, title: "Ban hành Kế hoạch CCHC năm 2028 đúng hạn" }) { id } }',
      { id: id('1.1.1'), v: await criterionVersion('1.1.1') },
    );
    await edit(
      'mutation($s: Int!, $p: Int!) { addCriterion(input: { criteriaSetId: $s, parentId: $p, code: "7.10", title: "Tiêu chí mới", maxPoints: 1 }) { id } }',
      { s: draft.id, p: id('7') },
    );
    const diff = ok(
      await t.gql(
        'query($a: Int!, $b: Int!) { criteriaSetDiff(fromId: $a, toId: $b) { changes { kind code moved fields { field before after } } summary { added moved retitled } } }',
        { a: district2023, b: draft.id },
        { token: secretariat },
      ),
    ).criteriaSetDiff;
    const moved = diff.changes.find((c: any) => c.code === '7.9');
    expect(moved).toMatchObject({ kind: 'CHANGED', moved: true });
    expect(moved.fields).toEqual(
      expect.arrayContaining([
        { field: 'CODE', before: '1.2', after: '7.9' },
        { field: 'PARENT', before: '1', after: '7' },
      ]),
    );
    expect(diff.changes.find((c: any) => c.code === '1.1.1').fields.map((f: any) => f.field)).toEqual(['TITLE']);
    expect(diff.changes.find((c: any) => c.code === '7.10').kind).toBe('ADDED');
    expect(diff.summary).toMatchObject({ added: 1, moved: 1, retitled: 1 });
    expect(
      errorCode(
        await t.gql(
          'query($a: Int!, $b: Int!) { criteriaSetDiff(fromId: $a, toId: $b) { summary { added } } }',
          { a: district2023, b: draft.id },
          { token: thanhoai },
        ),
      ),
    ).toBe('FORBIDDEN');
  });
});

describe('changing a round (SECRETARIAT)', () => {
  const UPDATE_ROUND = `mutation($id: Int!, $input: UpdateConsultationInput!) { updateConsultation(id: $id, input: $input) { title introduction closesAt } }`;
  const read = async (id: number) =>
    ok(await t.gql('query($id: Int!) { consultation(id: $id) { title introduction closesAt } }', { id }, { token: secretariat }))
      .consultation;

  it('retitles, rewrites the introduction and moves the close; what is left out stays', async () => {
    const round = await openRound();
    const closesAt = new Date(Date.now() + 72 * HOUR).toISOString();
    const updated = ok(
      await t.gql(
        UPDATE_ROUND,
        {
          id: round.id,
          input: {
            version: await roundVersion(round.id),
            title: '  Lấy ý kiến dự thảo 2025 (gia hạn) ',
            introduction: 'Gia hạn thêm hai ngày.',
            closesAt,
          },
        },
        { token: secretariat },
      ),
    ).updateConsultation;
    expect(updated).toEqual({ title: 'Lấy ý kiến dự thảo 2025 (gia hạn)', introduction: 'Gia hạn thêm hai ngày.', closesAt });
    expect(
      ok(
        await t.gql(
          UPDATE_ROUND,
          { id: round.id, input: { version: await roundVersion(round.id), introduction: '' } },
          { token: secretariat },
        ),
      ).updateConsultation,
    ).toEqual({
      title: 'Lấy ý kiến dự thảo 2025 (gia hạn)',
      introduction: '',
      closesAt,
    });
  });

  it('refuses a blank title, a close before the opening or in the past, unknown rounds and anyone but the secretariat, changing nothing', async () => {
    const round = await openRound();
    const before = await read(round.id);
    const cases: [number, Record<string, unknown>, string, string][] = [
      [round.id, { title: '   ' }, 'BAD_USER_INPUT', 'title'],
      [round.id, { closesAt: new Date(Date.now() - 2 * HOUR).toISOString() }, 'BAD_USER_INPUT', 'closesAt'],
      [round.id, { closesAt: new Date(Date.now() - 60_000).toISOString() }, 'BAD_USER_INPUT', 'closesAt'],
    ];
    for (const [id, input, code, field] of cases) {
      const response = await t.gql(UPDATE_ROUND, { id, input: { version: await roundVersion(id), ...input } }, { token: secretariat });
      expect(response.errors![0]!.extensions, JSON.stringify(input)).toMatchObject({ code, field });
    }
    expect(errorCode(await t.gql(UPDATE_ROUND, { id: 987654, input: { version: 1, title: 'x' } }, { token: secretariat }))).toBe(
      'NOT_FOUND',
    );
    for (const token of [thanhoai, sontayLead]) {
      expect(
        errorCode(await t.gql(UPDATE_ROUND, { id: round.id, input: { version: await roundVersion(round.id), title: 'x' } }, { token })),
      ).toBe('FORBIDDEN');
    }
    expect(await read(round.id)).toEqual(before);
  });
});

describe('response templates (SECRETARIAT)', () => {
  const FIELDS = 'id title resolution explanation';
  const CREATE_TEMPLATE = `mutation($input: ResponseTemplateInput!) { createResponseTemplate(input: $input) { ${FIELDS} } }`;
  const UPDATE_TEMPLATE = `mutation($id: Int!, $input: UpdateResponseTemplateInput!) { updateResponseTemplate(id: $id, input: $input) { ${FIELDS} } }`;
  const DELETE_TEMPLATE = 'mutation($id: Int!) { deleteResponseTemplate(id: $id) }';
  const templates = async () => ok(await t.gql(`{ responseTemplates { ${FIELDS} } }`, {}, { token: secretariat })).responseTemplates;
  const create = async () =>
    ok(await t.gql(CREATE_TEMPLATE, { input: { title: 'Ghi nhận', resolution: 'NOTED', explanation: null } }, { token: secretariat }))
      .createResponseTemplate;

  it('rewrites a template; refuses a missing explanation, a blank title, unknown ids and units, changing nothing', async () => {
    const { id } = await create();
    const updated = ok(
      await t.gql(
        UPDATE_TEMPLATE,
        {
          id,
          input: {
            version: await templateVersion(id),
            title: 'Không tiếp thu',
            resolution: 'NOT_ACCEPTED',
            explanation: 'Trái với quy định của Bộ Nội vụ.',
          },
        },
        { token: secretariat },
      ),
    ).updateResponseTemplate;
    expect(updated).toEqual({ id, title: 'Không tiếp thu', resolution: 'NOT_ACCEPTED', explanation: 'Trái với quy định của Bộ Nội vụ.' });
    const before = await templates();

    const refused: [Record<string, unknown>, string, string][] = [
      [{ title: 'Không tiếp thu', resolution: 'NOT_ACCEPTED', explanation: '  ' }, 'EXPLANATION_REQUIRED', 'explanation'],
      [{ title: 'Tiếp thu một phần', resolution: 'PARTIALLY_ACCEPTED' }, 'EXPLANATION_REQUIRED', 'explanation'],
      [{ title: '   ', resolution: 'NOTED' }, 'BAD_USER_INPUT', 'title'],
    ];
    for (const [input, code, field] of refused) {
      const response = await t.gql(
        UPDATE_TEMPLATE,
        { id, input: { version: await templateVersion(id), ...input } },
        { token: secretariat },
      );
      expect(response.errors![0]!.extensions, JSON.stringify(input)).toMatchObject({ code, field });
    }
    const input = { version: await templateVersion(id), title: 'Ghi nhận', resolution: 'NOTED' };
    expect(errorCode(await t.gql(UPDATE_TEMPLATE, { id: 987654, input }, { token: secretariat }))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(UPDATE_TEMPLATE, { id, input }, { token: thanhoai }))).toBe('FORBIDDEN');
    expect(await templates()).toEqual(before);
  });

  it('deletes a template once; refuses units and unknown ids', async () => {
    const { id } = await create();
    const count = (await templates()).length;
    expect(errorCode(await t.gql(DELETE_TEMPLATE, { id }, { token: sontayLead }))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(DELETE_TEMPLATE, { id: 987654 }, { token: secretariat }))).toBe('NOT_FOUND');
    expect(await templates()).toHaveLength(count);

    expect(ok(await t.gql(DELETE_TEMPLATE, { id }, { token: secretariat })).deleteResponseTemplate).toBe(true);
    const left = await templates();
    expect(left).toHaveLength(count - 1);
    expect(left.map((template: { id: number }) => template.id)).not.toContain(id);
    expect(errorCode(await t.gql(DELETE_TEMPLATE, { id }, { token: secretariat }))).toBe('NOT_FOUND');
  });
});
