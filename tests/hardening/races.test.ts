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
  leaves = sheet.nodes.filter((node: SheetNode) => node.criterion.isLeaf && node.criterion.kind === 'SELF_SCORED').slice(0, 3);
  expect(leaves).toHaveLength(3);
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
  it('links the same pair ten times at once: one link, the others succeed or CONFLICT', async () => {
    const evidenceId = await newEvidence('cung-cap');
    const input = { sheetId, evidenceId, criterionId: leaves[0]!.criterion.id };
    const results = await Promise.all(Array.from({ length: 10 }, () => t.gql(LINK, { input }, { token: sontay })));
    expectOnly(results, ['CONFLICT']);
    expect(await links(evidenceId)).toBe(1);
  });

  it('links and unlinks the same pair at once, ending linked or not, never broken', async () => {
    const evidenceId = await newEvidence('lien-ket');
    const input = { sheetId, evidenceId, criterionId: leaves[1]!.criterion.id };
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => t.gql(i % 2 ? UNLINK : LINK, { input }, { token: sontay })));
    expectOnly(results, ['CONFLICT', 'NOT_FOUND', 'NOT_LINKED']);
    expect(await links(evidenceId)).toBeLessThanOrEqual(1);
  });

  it('deletes a document while links to it are added: no link survives its document', async () => {
    const evidenceId = await newEvidence('xoa');
    const results = await Promise.all([
      ...leaves.map((node) => t.gql(LINK, { input: { sheetId, evidenceId, criterionId: node.criterion.id } }, { token: sontay })),
      t.gql(DELETE, { id: evidenceId }, { token: sontay }),
      ...leaves.map((node) => t.gql(LINK, { input: { sheetId, evidenceId, criterionId: node.criterion.id } }, { token: sontay })),
    ]);
    expectOnly(results, ['CONFLICT', 'NOT_FOUND']);
    const [row] = await t.orm.em.getConnection().execute('select count(*)::int as n from evidence where id = ?', [evidenceId]);
    if (row.n === 0) expect(await links(evidenceId)).toBe(0);
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
