import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from './support/app.ts';
import { pdf } from './support/files.ts';
import { cycleStep, openRound1, submittedSheet, type SheetFixture } from './support/sheets.ts';

/**
 * Evidence as the appraisers judge it: Sơn Tây's seeded documents frozen at submission, findings,
 * the inline viewer, supplementary documents in the explanation, and the stored-file hash check.
 */
let t: TestApp;
const tokens: Record<string, string> = {};
let periodId: number;
let sontay: SheetFixture;
let supplementaryId: number;
let supplementarySha: string;

const EVIDENCE =
  'evidenceId documentNumber issuedOn fileName contentType url supplementary frozenSha256 integrity verdict { verdict note round }';
const SHEET = `query($p: Int!, $u: Int!) { sheetAppraisal(periodId: $p, unitId: $u) { items { scoreId criterion { code }
  evidence { ${EVIDENCE} } explanationRequest { id version evidence { ${EVIDENCE} } } } } }`;
const VERDICT = `mutation($i: EvidenceVerdictInput!) { setEvidenceVerdict(input: $i) { evidence { evidenceId verdict { verdict note } } } }`;
const VERIFY = `query($s: Int!) { verifyEvidence(scoreId: $s) { evidenceId integrity storedSha256 } }`;
const as = (user: string) => ({ token: tokens[user] });
const itemOf = async (user: string, code: string) =>
  (await t.gql(SHEET, { p: periodId, u: sontay.unitId }, as(user))).data.sheetAppraisal.items.find(
    (item: any) => item.criterion.code === code,
  );

/** A small PDF no other test has (the store is shared and content-addressed). */
const uniquePdf = () => pdf(`Bo sung ${randomBytes(8).toString('hex')}`);

async function upload(user: string, requestId: number, content: Buffer, fileName: string, fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([content]), fileName);
  const response = await fetch(`${t.url}/api/appraisal/explanations/${requestId}/evidence`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${tokens[user]}` },
  });
  return { status: response.status, body: (await response.json()) as any };
}

const view = (user: string, evidenceId: number) =>
  fetch(`${t.url}/api/appraisal/evidence/${evidenceId}`, { headers: { authorization: `Bearer ${tokens[user]}` } });

beforeAll(async () => {
  t = await startTestApp();
  for (const user of ['secretariat', 'appraiser', 'sontay', 'sontay.lead', 'thanhoai']) tokens[user] = await t.login(user);
  periodId = (await t.gql('{ periods(year: 2023) { id } }', {}, as('secretariat'))).data.periods[0].id;
  // The seed's partly filled Sơn Tây sheet, submitted as it stands (its documents frozen).
  sontay = await submittedSheet(t, periodId, 'SONTAY', {});
  await openRound1(t, tokens.secretariat!, periodId);
});
afterAll(() => t.close());

describe('frozen evidence', () => {
  it('shows the appraiser each document as submitted, with its recorded hash', async () => {
    const item = await itemOf('appraiser', '1.1.2');
    expect(item.evidence.map((doc: any) => doc.documentNumber).sort()).toEqual(['1520/BC-UBND', '243/KH-UBND']);
    for (const doc of item.evidence) {
      expect(doc).toMatchObject({
        integrity: 'INTACT',
        supplementary: false,
        contentType: 'application/pdf',
        url: `/api/appraisal/evidence/${doc.evidenceId}`,
      });
      expect(doc.frozenSha256).toMatch(/^[0-9a-f]{64}$/);
    }
    const checks = (await t.gql(VERIFY, { s: item.scoreId }, as('appraiser'))).data.verifyEvidence;
    expect(checks.map((check: any) => check.integrity)).toEqual(['INTACT', 'INTACT']);
  });

  it('opens a document inline for readers of the sheet only', async () => {
    const doc = (await itemOf('appraiser', '1.1.1')).evidence[0];
    const response = await view('appraiser', doc.evidenceId);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(/^inline; filename=/);
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(100);
    expect((await view('sontay', doc.evidenceId)).status).toBe(403); // not released yet
    expect((await view('thanhoai', doc.evidenceId)).status).toBe(403);
    expect((await view('appraiser', 987654)).status).toBe(404);
  });

  it('records findings on a document (wrong period, insufficient…), and clears them', async () => {
    const item = await itemOf('appraiser', '1.3.1');
    const doc = item.evidence.find((d: any) => d.documentNumber === '25/KH-UBND');
    expect(doc.issuedOn).toBe('2022-12-28');
    const marked = await t.gql(
      VERDICT,
      { i: { scoreId: item.scoreId, evidenceId: doc.evidenceId, verdict: 'WRONG_PERIOD', note: 'Ban hành năm 2022' } },
      as('appraiser'),
    );
    expect(marked.data.setEvidenceVerdict.evidence[0].verdict).toEqual({ verdict: 'WRONG_PERIOD', note: 'Ban hành năm 2022' });
    const other = (await itemOf('appraiser', '1.1.1')).evidence[0];
    const foreign = await t.gql(
      VERDICT,
      { i: { scoreId: item.scoreId, evidenceId: other.evidenceId, verdict: 'INSUFFICIENT' } },
      as('appraiser'),
    );
    expect(foreign.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'evidenceId' });
    expect(
      errorCode(await t.gql(VERDICT, { i: { scoreId: item.scoreId, evidenceId: doc.evidenceId, verdict: 'INSUFFICIENT' } }, as('sontay'))),
    ).toBe('FORBIDDEN');
    const cleared = await t.gql(VERDICT, { i: { scoreId: item.scoreId, evidenceId: doc.evidenceId, verdict: null } }, as('appraiser'));
    expect(cleared.data.setEvidenceVerdict.evidence[0].verdict).toBeNull();
    const history = (
      await t.gql('query($s: Int!) { appraisalHistory(scoreId: $s) { action round } }', { s: item.scoreId }, as('appraiser'))
    ).data.appraisalHistory;
    expect(history).toEqual([
      { action: 'evidence-verdict', round: 1 },
      { action: 'evidence-verdict', round: 1 },
    ]);
  });

  it('threads comments on one document, and keeps replies on it', async () => {
    const item = await itemOf('appraiser', '1.1.1');
    const doc = item.evidence[0];
    const ADD = 'mutation($i: AddCommentInput!) { addComment(input: $i) { id evidenceId } }';
    const root = await t.gql(
      ADD,
      { i: { scoreId: item.scoreId, evidenceId: doc.evidenceId, body: 'Bản chụp chưa có chữ ký.' } },
      as('appraiser'),
    );
    expect(root.data.addComment.evidenceId).toBe(doc.evidenceId);
    const astray = await t.gql(ADD, { i: { scoreId: item.scoreId, parentId: root.data.addComment.id, body: 'Trả lời' } }, as('appraiser'));
    expect(astray.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'parentId' });
  });
});

describe('supplementary evidence in the explanation', () => {
  let requestId: number;
  let scoreId: number;

  beforeAll(async () => {
    scoreId = sontay.scores.get('1.1.3')!;
    await t.gql(
      'mutation($i: RequestExplanationInput!) { requestExplanation(input: $i) { scoreId } }',
      { i: { scoreId, question: 'Đề nghị bổ sung báo cáo kết quả thực hiện nhiệm vụ.' } },
      as('appraiser'),
    );
    await cycleStep(t, tokens.secretariat!, periodId, 'releaseRound1Results');
    await cycleStep(t, tokens.secretariat!, periodId, 'openExplanation');
    requestId = (await itemOf('sontay', '1.1.3')).explanationRequest.id;
  });

  it('lets the unit upload a document to its answer, checked by content', async () => {
    const content = uniquePdf();
    const uploaded = await upload('sontay', requestId, content, 'BC 88-BC-UBND bổ sung.pdf', {
      documentNumber: '88/BC-UBND',
      issueDate: '2023-11-20',
    });
    expect(uploaded.status).toBe(201);
    supplementaryId = uploaded.body.evidenceId;
    const disguised = await upload('sontay', requestId, Buffer.from('not a pdf at all'), 'gia-mao.pdf');
    expect(disguised).toMatchObject({ status: 415, body: { error: { code: 'UNSUPPORTED_FILE_TYPE' } } });
    expect((await upload('sontay', requestId, Buffer.alloc(0), 'rong.pdf')).body.error.code).toBe('EMPTY_FILE');
    expect((await upload('thanhoai', requestId, uniquePdf(), 'x.pdf')).status).toBe(403);
    expect((await upload('sontay', requestId, uniquePdf(), 'x.pdf', { issueDate: '20/11/2023' })).body.error).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'issueDate',
    });

    const request = (await itemOf('sontay', '1.1.3')).explanationRequest;
    expect(request.evidence).toEqual([
      expect.objectContaining({
        evidenceId: supplementaryId,
        documentNumber: '88/BC-UBND',
        supplementary: true,
        integrity: 'NOT_FROZEN',
        frozenSha256: null,
      }),
    ]);
    // Answers may only carry the unit's own documents.
    const ANSWER =
      'mutation($i: AnswerExplanationInput!) { answerExplanation(input: $i) { explanationRequest { evidence { evidenceId } } } }';
    const foreign = await t.gql(
      ANSWER,
      { i: { requestId, answer: 'Bổ sung báo cáo', evidenceIds: [supplementaryId, 987654], version: request.version } },
      as('sontay'),
    );
    expect(foreign.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'evidenceIds' });
    const answered = await t.gql(
      ANSWER,
      { i: { requestId, answer: 'Bổ sung báo cáo số 88/BC-UBND', evidenceIds: [supplementaryId], version: request.version } },
      as('sontay'),
    );
    expect(answered.data.answerExplanation.explanationRequest.evidence).toEqual([{ evidenceId: supplementaryId }]);
  });

  it('freezes supplementary documents when the lead locks, and refuses uploads after', async () => {
    const locked = await t.gql(
      'mutation($p: Int!, $u: Int!) { lockExplanation(periodId: $p, unitId: $u) { explanationStatus } }',
      { p: periodId, u: sontay.unitId },
      as('sontay.lead'),
    );
    expect(locked.data.lockExplanation.explanationStatus).toBe('LOCKED');
    const doc = (await itemOf('appraiser', '1.1.3')).explanationRequest.evidence[0];
    expect(doc).toMatchObject({ integrity: 'INTACT' });
    supplementarySha = doc.frozenSha256;
    expect(supplementarySha).toMatch(/^[0-9a-f]{64}$/);
    expect((await upload('sontay', requestId, uniquePdf(), 'muon.pdf')).body.error.code).toBe('EXPLANATION_LOCKED');
  });

  it('says so loudly when a stored file no longer matches the hash recorded at freezing', async () => {
    const file = path.join(inject('dataDir'), 'evidence', supplementarySha.slice(0, 2), supplementarySha.slice(2, 4), supplementarySha);
    await fs.writeFile(file, uniquePdf());
    const changed = (await t.gql(VERIFY, { s: scoreId }, as('appraiser'))).data.verifyEvidence;
    expect(changed).toContainEqual(expect.objectContaining({ evidenceId: supplementaryId, integrity: 'CHANGED' }));
    expect(changed.find((check: any) => check.evidenceId === supplementaryId).storedSha256).not.toBe(supplementarySha);
    await fs.rm(file);
    const missing = (await t.gql(VERIFY, { s: scoreId }, as('appraiser'))).data.verifyEvidence;
    expect(missing).toContainEqual({ evidenceId: supplementaryId, integrity: 'MISSING', storedSha256: null });
    const response = await view('appraiser', supplementaryId);
    expect(response.status).toBe(410);
    expect(((await response.json()) as any).error.code).toBe('EVIDENCE_FILE_MISSING');
  });
});
