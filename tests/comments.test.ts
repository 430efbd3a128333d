import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from './support/app.ts';
import { cycleStep, openRound1, scoreIds, submittedSheet, type SheetFixture } from './support/sheets.ts';

let t: TestApp;
const tokens: Record<string, string> = {};
let periodId: number;
let sontay: SheetFixture;
let scoreId: number;
let rootId: number;

const FIELDS = 'id parentId evidenceId authorName authorSide body isNew version editedAt resolvedAt resolvedByName revisions { body }';
const ADD = `mutation($i: AddCommentInput!) { addComment(input: $i) { ${FIELDS} } }`;
const EDIT = `mutation($i: EditCommentInput!) { editComment(input: $i) { ${FIELDS} } }`;
const THREAD = `query($s: Int!) { comments(scoreId: $s) { ${FIELDS} } }`;
const as = (user: string) => ({ token: tokens[user] });
const add = (user: string, input: Record<string, unknown>) => t.gql(ADD, { i: input }, as(user));
const countComments = async () => (await t.orm.em.getConnection().execute('select count(*)::int as n from comment'))[0].n as number;

beforeAll(async () => {
  t = await startTestApp();
  for (const user of ['secretariat', 'appraiser', 'sontay', 'sontay.lead', 'thanhoai']) tokens[user] = await t.login(user);
  periodId = (await t.gql('{ periods(year: 2023) { id } }', {}, as('secretariat'))).data.periods[0].id;
  sontay = await submittedSheet(t, periodId, 'SONTAY', { '1.1.1': '1' });
  await submittedSheet(t, periodId, 'THANHOAI', { '1.1.1': '0.5' });
  await openRound1(t, tokens.secretariat!, periodId);
  sontay.scores = await scoreIds(t, sontay.sheetId);
  scoreId = sontay.scores.get('1.1.1')!;
});
afterAll(() => t.close());

describe('comments before the results are released', () => {
  it('lets appraisers comment on a score and reply, threaded', async () => {
    const root = await add('appraiser', { scoreId, body: 'Đề nghị bổ sung bản ký số của Kế hoạch.' });
    expect(root.errors).toBeUndefined();
    expect(root.data.addComment).toMatchObject({
      parentId: null,
      authorSide: 'APPRAISAL',
      authorName: 'Thành viên Hội đồng thẩm định',
      isNew: false,
    });
    rootId = root.data.addComment.id;
    const reply = await add('secretariat', { scoreId, parentId: rootId, body: 'Tổ thư ký đã ghi nhận.' });
    expect(reply.data.addComment.parentId).toBe(rootId);
  });

  it('hides every comment from the unit, and refuses its comments, until release', async () => {
    expect(errorCode(await t.gql(THREAD, { s: scoreId }, as('sontay')))).toBe('FORBIDDEN');
    expect(errorCode(await add('sontay', { scoreId, body: 'Chúng tôi đã gửi.' }))).toBe('FORBIDDEN');
  });

  it('refuses empty comments, replies into another thread, and evidence not linked to the score', async () => {
    const before = await countComments();
    const empty = await add('appraiser', { scoreId, body: '' });
    expect(empty.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body' });
    expect((await add('appraiser', { scoreId, body: '   ' })).errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'body',
    });
    const elsewhere = await add('appraiser', { scoreId: sontay.scores.get('1.1.2'), parentId: rootId, body: 'Trả lời nhầm chỗ' });
    expect(elsewhere.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'parentId' });
    const evidence = await add('appraiser', { scoreId, evidenceId: 999999, body: 'Tài liệu này không hợp lệ' });
    expect(evidence.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'evidenceId' });
    expect(errorCode(await add('appraiser', { scoreId: 987654, body: 'x' }))).toBe('NOT_FOUND');
    expect(await countComments()).toBe(before);
  });

  it('keeps the edit history; only the author edits, with the version they read', async () => {
    expect(errorCode(await t.gql(EDIT, { i: { id: rootId, body: 'Sửa hộ', version: 1 } }, as('secretariat')))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(EDIT, { i: { id: rootId, body: 'Bản cũ', version: 5 } }, as('appraiser')))).toBe('CONFLICT');
    const edited = await t.gql(
      EDIT,
      { i: { id: rootId, body: 'Đề nghị bổ sung bản ký số của Kế hoạch 243/KH-UBND.', version: 1 } },
      as('appraiser'),
    );
    expect(edited.data.editComment).toMatchObject({
      body: 'Đề nghị bổ sung bản ký số của Kế hoạch 243/KH-UBND.',
      version: 2,
      revisions: [{ body: 'Đề nghị bổ sung bản ký số của Kế hoạch.' }],
    });
    expect(edited.data.editComment.editedAt).not.toBeNull();
  });
});

describe('after release', () => {
  beforeAll(() => cycleStep(t, tokens.secretariat!, periodId, 'releaseRound1Results'));

  it('shows the unit its own threads with what is new, and lets it answer', async () => {
    const thread = (await t.gql(THREAD, { s: scoreId }, as('sontay'))).data.comments;
    expect(thread.map((comment: any) => [comment.authorSide, comment.isNew])).toEqual([
      ['APPRAISAL', true],
      ['APPRAISAL', true],
    ]);
    const reply = await add('sontay', { scoreId, parentId: rootId, body: 'Đơn vị đã bổ sung bản ký số.' });
    expect(reply.data.addComment).toMatchObject({ authorSide: 'UNIT', isNew: false });
    // Reading clears the badge.
    const read = await t.gql('mutation($s: Int!) { markCommentsRead(scoreId: $s) { isNew } }', { s: scoreId }, as('sontay'));
    expect(read.data.markCommentsRead.every((comment: any) => !comment.isNew)).toBe(true);
  });

  it('never lets another unit read or write on the sheet', async () => {
    expect(errorCode(await t.gql(THREAD, { s: scoreId }, as('thanhoai')))).toBe('FORBIDDEN');
    expect(errorCode(await add('thanhoai', { scoreId, body: 'Ý kiến của Thanh Oai' }))).toBe('FORBIDDEN');
  });

  it('tells the appraiser about the unit’s answer: a notification and a badge on the item, in the queue too', async () => {
    const notes = (await t.gql('{ notifications { kind message link } }', {}, as('appraiser'))).data.notifications;
    expect(notes[0]).toMatchObject({ kind: 'COMMENT', link: `/appraisal/periods/${periodId}/units/${sontay.unitId}?score=${scoreId}` });
    expect(notes[0].message).toContain('1.1.1');
    const english = (await t.gql('{ notifications { message } }', {}, { ...as('appraiser'), locale: 'en' })).data.notifications[0].message;
    expect(english).toMatch(/commented on 1\.1\.1/);

    const SHEET = `query($p: Int!, $u: Int!) { sheetAppraisal(periodId: $p, unitId: $u) { items { scoreId commentCount newCommentCount } } }`;
    const item = (await t.gql(SHEET, { p: periodId, u: sontay.unitId }, as('appraiser'))).data.sheetAppraisal.items.find(
      (i: any) => i.scoreId === scoreId,
    );
    expect(item).toEqual({ scoreId, commentCount: 3, newCommentCount: 2 });
    const queue = await t.gql(
      'query($p: Int!, $f: QueueFilter) { appraisalQueue(periodId: $p, filter: $f) { sheets { newCommentCount } } }',
      { p: periodId, f: { unitId: sontay.unitId } },
      as('appraiser'),
    );
    expect(queue.data.appraisalQueue.sheets[0].newCommentCount).toBe(2);
  });

  it('resolves a thread at its first comment, and reopens it', async () => {
    const replies = (await t.gql(THREAD, { s: scoreId }, as('sontay'))).data.comments.filter((comment: any) => comment.parentId);
    const onReply = await t.gql('mutation($id: Int!) { resolveComment(id: $id) { id } }', { id: replies[0].id }, as('sontay'));
    expect(onReply.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const resolved = await t.gql(
      'mutation($id: Int!) { resolveComment(id: $id) { resolvedAt resolvedByName } }',
      { id: rootId },
      as('sontay'),
    );
    expect(resolved.data.resolveComment).toMatchObject({ resolvedByName: 'Cán bộ CCHC – thị xã Sơn Tây' });
    const reopened = await t.gql(
      'mutation($id: Int!) { resolveComment(id: $id, resolved: false) { resolvedAt } }',
      { id: rootId },
      as('appraiser'),
    );
    expect(reopened.data.resolveComment.resolvedAt).toBeNull();
  });

  it('reads a thread in a fixed number of statements however long it is', async () => {
    const warm = { warmAs: tokens.appraiser };
    const short = await t.recordQueries(() => t.gql(THREAD, { s: scoreId }, as('appraiser')), warm);
    for (let i = 0; i < 5; i += 1) await add('appraiser', { scoreId, parentId: rootId, body: `Ý kiến ${i}` });
    const long = await t.recordQueries(() => t.gql(THREAD, { s: scoreId }, as('appraiser')), warm);
    expect(long.result.data.comments.length).toBeGreaterThan(short.result.data.comments.length);
    expect(long.statements).toHaveLength(short.statements.length);
    expect(long.statements).toHaveLength(3); // sheet review, comments, revisions
  });
});

describe('after finalisation', () => {
  it('closes comments', async () => {
    await cycleStep(t, tokens.secretariat!, periodId, 'openExplanation');
    await cycleStep(t, tokens.secretariat!, periodId, 'openAppraisalRound2');
    await cycleStep(t, tokens.secretariat!, periodId, 'finalizeAppraisal');
    expect(errorCode(await add('appraiser', { scoreId, body: 'Muộn rồi' }))).toBe('APPRAISAL_FINALIZED');
    expect(errorCode(await t.gql(EDIT, { i: { id: rootId, body: 'Sửa muộn', version: 2 } }, as('appraiser')))).toBe('APPRAISAL_FINALIZED');
    // Still readable.
    expect((await t.gql(THREAD, { s: scoreId }, as('sontay'))).data.comments.length).toBe(8); // the thread as the tests above left it
  });
});
