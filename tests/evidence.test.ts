import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from './support/app.ts';
import * as files from './support/files.ts';
import { leaf, readSheet, scoringContext } from './support/scoring.ts';
import { uploadEvidence } from './support/upload.ts';

let t: TestApp;
/** This file's own data folder: the staging counts below must not see other files' uploads. */
let dataDir: string;
let sontay: string;
let periodId: number;
let sheet: any;
const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'par-evidence-test-'));
  t = await startTestApp({ config: { dataDir } });
  const context = await scoringContext(t);
  ({ sontay, periodId } = context);
  sheet = (await readSheet(t, sontay, periodId, context.unitId('SONTAY'))).data.scoreSheet;
});
afterAll(async () => {
  await t.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

const stagingDir = () => path.join(dataDir, 'evidence', '.staging');
/** Evidence rows, stored files and staged leftovers: a refused upload changes none of them. */
async function counts(): Promise<{ evidence: number; files: number; links: number; staged: number }> {
  const [row] = await t.orm.em.getConnection().execute(
    `select (select count(*)::int from evidence) as evidence, (select count(*)::int from stored_file) as files,
            (select count(*)::int from evidence_link) as links`,
  );
  const staged = await fs.readdir(stagingDir()).catch(() => []);
  return { ...(row as { evidence: number; files: number; links: number }), staged: staged.length };
}

async function thanhoaiSheet(token: string) {
  const unitId = (await t.gql('{ me { unitId } }', {}, { token })).data.me.unitId;
  return (await readSheet(t, token, periodId, unitId)).data.scoreSheet;
}

const upload = (name: string, content: Buffer, fields: Record<string, string | string[]> = {}, token = sontay) =>
  uploadEvidence(t.url, sheet.id, { name, content }, { token, fields });

describe('uploading evidence', () => {
  it('stores a PDF with its citation, links it to sub-criteria and serves it back with its Vietnamese name', async () => {
    const content = files.pdf('Quyet dinh 1234');
    const first = leaf(sheet, '3.1.1').criterion.id;
    const second = leaf(sheet, '3.1.2').criterion.id;
    const result = await upload('Quyết định số 1234-QĐ-UBND.pdf', content, {
      documentNumber: '1234/QĐ-UBND',
      issueDate: '2023-03-15',
      issuingBody: 'UBND thị xã Sơn Tây',
      title: 'Quyết định công bố danh mục TTHC',
      criterionId: [String(first), String(second)],
    });
    expect(result.status).toBe(201);
    expect(result.body.existed).toBe(false);
    expect(result.body.evidence).toMatchObject({
      fileName: 'Quyết định số 1234-QĐ-UBND.pdf',
      contentType: 'application/pdf',
      size: content.length,
      sha256: sha256(content),
      documentNumber: '1234/QĐ-UBND',
      issueDate: '2023-03-15',
      linkedCriterionIds: [first, second],
    });
  });

  it('serves a download only to those allowed, with the original name (RFC 8187) and the detected type', async () => {
    const content = files.pdf('Ke hoach');
    const name = 'Kế hoạch tuyên truyền CCHC 2023.pdf';
    const { body } = await upload(name, content, { documentNumber: '88/KH-UBND' });
    const url = `${t.url}${body.evidence.downloadUrl}`;
    const download = await fetch(url, { headers: { authorization: `Bearer ${sontay}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    const disposition = download.headers.get('content-disposition')!;
    expect(disposition).toContain('attachment');
    expect(disposition).toContain(
      `filename*=UTF-8''${encodeURIComponent(name).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    );
    expect(disposition).toContain('filename="Ke hoach tuyen truyen CCHC 2023.pdf"');
    expect(Buffer.from(await download.arrayBuffer()).equals(content)).toBe(true);
    // An explicit Cache-Control keeps fetch from adding `no-cache`, which would forbid a 304.
    const again = await fetch(url, {
      headers: { authorization: `Bearer ${sontay}`, 'if-none-match': download.headers.get('etag')!, 'cache-control': 'max-age=0' },
    });
    expect(again.status).toBe(304);

    for (const username of ['sontay.lead', 'appraiser', 'secretariat', 'analyst']) {
      const response = await fetch(url, { headers: { authorization: `Bearer ${await t.login(username)}` } });
      expect(response.status, username).toBe(200);
    }
    const foreign = await fetch(url, { headers: { authorization: `Bearer ${await t.login('thanhoai')}` } });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as any).error.code).toBe('FORBIDDEN');
    expect((await fetch(url)).status).toBe(401);
    // A unit cannot tell a missing document from another unit's (permission before existence); the secretariat can.
    const missing = await fetch(`${t.url}/api/evidence/987654/download`, { headers: { authorization: `Bearer ${sontay}` } });
    expect(missing.status).toBe(403);
    const secretariat = await t.login('secretariat');
    expect((await fetch(`${t.url}/api/evidence/987654/download`, { headers: { authorization: `Bearer ${secretariat}` } })).status).toBe(
      404,
    );
    const bad = await fetch(`${t.url}/api/evidence/abc/download`, { headers: { authorization: `Bearer ${sontay}` } });
    expect(bad.status).toBe(400);
  });

  it('accepts every allowed format, recognised by content, and stores the type it found', async () => {
    const cases: [string, Buffer, string][] = [
      ['bien-ban.docx', files.docx(), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['so-lieu.xlsx', files.xlsx(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['bao-cao.odt', files.odt(), 'application/vnd.oasis.opendocument.text'],
      ['bang-tinh.ods', files.ods(), 'application/vnd.oasis.opendocument.spreadsheet'],
      ['ho-so.zip', files.zip(), 'application/zip'],
      ['van-ban-cu.doc', files.doc(), 'application/msword'],
      ['bang-cu.xls', files.xls(), 'application/vnd.ms-excel'],
      ['anh-chup.png', files.png(), 'image/png'],
      ['anh-scan.jpg', files.jpeg(), 'image/jpeg'],
      // The name does not decide: a real PDF named .docx is a PDF.
      ['nham-duoi.docx', files.pdf('that ra la PDF'), 'application/pdf'],
    ];
    for (const [name, content, type] of cases) {
      const result = await upload(name, content);
      expect(result.status, name).toBe(201);
      expect(result.body.evidence.contentType, name).toBe(type);
    }
  });

  it('stores the same file once: a second upload to the sheet reuses the document, another unit gets its own row', async () => {
    const content = files.pdf('Trung lap');
    const first = await upload('a.pdf', content);
    const before = await counts();
    const second = await upload('b.pdf', content, { criterionId: String(leaf(sheet, '3.3.1').criterion.id) });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ existed: true, evidence: { id: first.body.evidence.id, fileName: 'a.pdf' } });
    expect(second.body.evidence.linkedCriterionIds).toEqual([leaf(sheet, '3.3.1').criterion.id]);
    expect(await counts()).toEqual({ ...before, links: before.links + 1 });
    // Typed again with it, a citation is kept (not silently dropped), and the answer says which fields changed.
    const retyped = await upload('a.pdf', content, { documentNumber: '15/KH-UBND' });
    expect(retyped.body).toMatchObject({
      existed: true,
      updated: ['documentNumber'],
      evidence: { id: first.body.evidence.id, documentNumber: '15/KH-UBND' },
    });

    const thanhoai = await t.login('thanhoai');
    const otherSheet = await thanhoaiSheet(thanhoai);
    const other = await uploadEvidence(t.url, otherSheet.id, { name: 'c.pdf', content }, { token: thanhoai });
    expect(other.status).toBe(201);
    expect(await counts()).toMatchObject({ evidence: before.evidence + 1, files: before.files });
    const stored = path.join(dataDir, 'evidence', sha256(content).slice(0, 2), sha256(content).slice(2, 4), sha256(content));
    expect((await fs.readFile(stored)).equals(content)).toBe(true);
  });

  it('refuses every bad upload with a stable code, stores nothing and leaves no staged file', async () => {
    const before = await counts();
    const bad: [string, Buffer, Record<string, string>, number, string, string?][] = [
      ['rong.pdf', Buffer.alloc(0), {}, 400, 'EMPTY_FILE'],
      ['bao-cao.pdf', files.exe(), {}, 415, 'UNSUPPORTED_FILE_TYPE'],
      ['ghi-chu.docx', Buffer.from('Chỉ là văn bản thường, không phải DOCX.'), {}, 415, 'UNSUPPORTED_FILE_TYPE'],
      ['trinh-chieu.pptx', files.pptx(), {}, 415, 'UNSUPPORTED_FILE_TYPE'],
      ['trinh-chieu.doc', files.ppt(), {}, 415, 'UNSUPPORTED_FILE_TYPE'],
      ['../../etc/passwd.pdf', files.pdf(), {}, 400, 'BAD_USER_INPUT', 'fileName'],
      ['C:\\Users\\canbo\\bao-cao.pdf', files.pdf(), {}, 400, 'BAD_USER_INPUT', 'fileName'],
      ['bao\tcao.pdf', files.pdf(), {}, 400, 'BAD_USER_INPUT', 'fileName'],
      // busboy itself refuses a raw control character in a part header: the whole upload is malformed.
      ['bao\u0001cao.pdf', files.pdf(), {}, 400, 'BAD_UPLOAD', 'file'],
      ['ngay-sai.pdf', files.pdf('ngay sai'), { issueDate: '05/10/2023' }, 400, 'BAD_USER_INPUT', 'issueDate'],
      ['ngay-khong-co.pdf', files.pdf('30 thang 2'), { issueDate: '2023-02-30' }, 400, 'BAD_USER_INPUT', 'issueDate'],
      ['so-dai.pdf', files.pdf('so dai'), { documentNumber: 'x'.repeat(101) }, 400, 'BAD_USER_INPUT', 'documentNumber'],
      ['tieu-chi-la.pdf', files.pdf('tieu chi la'), { criterionId: '987654' }, 400, 'BAD_USER_INPUT', 'criterionId'],
      [
        'tieu-chi-cha.pdf',
        files.pdf('tieu chi cha'),
        { criterionId: String(leaf(sheet, '1.1').criterion.id) },
        400,
        'BAD_USER_INPUT',
        'criterionId',
      ],
    ];
    for (const [name, content, fields, status, code, field] of bad) {
      const result = await upload(name, content, fields);
      expect(result.status, name).toBe(status);
      expect(result.body.error.code, name).toBe(code);
      if (field) expect(result.body.error.field, name).toBe(field);
      expect(result.body.error.message, name).toBeTruthy();
    }
    for (const name of ['bao\u0001cao.pdf', 'bao-cao\u007f.pdf', 'thu-muc/bao-cao.pdf', '..\\bao-cao.pdf']) {
      const encoded = await uploadEvidence(t.url, sheet.id, { name, content: files.pdf(), encodedName: true }, { token: sontay });
      expect(encoded.body.error, JSON.stringify(name)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fileName' });
    }
    const english = await uploadEvidence(t.url, sheet.id, { name: 'x.pdf', content: files.exe() }, { token: sontay, locale: 'en' });
    expect(english.body.error.message).toMatch(/^File type not accepted/);
    const noFile = await uploadEvidence(t.url, sheet.id, null, { token: sontay, fields: { title: 'x' } });
    expect(noFile.body.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file' });
    const notMultipart = await fetch(`${t.url}/api/evidence/score-sheets/${sheet.id}/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sontay}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(notMultipart.status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('refuses a file over the limit (413) without storing any of it', async () => {
    const small = await startTestApp({ config: { uploadLimitBytes: 2000, dataDir } });
    try {
      const token = await small.login('sontay');
      const [row] = await small.orm.em.getConnection().execute('select id from score_sheet where unit_id = ?', [sheet.unitId]);
      const before = await counts();
      const content = Buffer.concat([files.pdf(), Buffer.alloc(5000, 32)]);
      // Refused from the declared Content-Length before reading, and while streaming a chunked body.
      for (const chunked of [false, true]) {
        const result = await uploadEvidence(small.url, row.id, { name: 'lon.pdf', content }, { token, chunked });
        expect(result.status, `chunked: ${chunked}`).toBe(413);
        expect(result.body.error).toMatchObject({ code: 'FILE_TOO_LARGE', limitBytes: 2000 });
      }
      const [evidence] = await small.orm.em.getConnection().execute('select count(*)::int as n from evidence where sheet_id = ?', [row.id]);
      expect(evidence.n).toBe(3); // the seeded documents only
      expect((await counts()).staged).toBe(before.staged);
      const fits = await uploadEvidence(small.url, row.id, { name: 'nho.pdf', content: files.pdf() }, { token });
      expect(fits.status).toBe(201);
    } finally {
      await small.close();
    }
  });

  it('leaves nothing behind when the client drops the connection mid-upload', async () => {
    const before = await counts();
    const url = new URL(`${t.url}/api/evidence/score-sheets/${sheet.id}/files`);
    const request = http.request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: {
        authorization: `Bearer ${sontay}`,
        'content-type': 'multipart/form-data; boundary=----cut',
        'transfer-encoding': 'chunked',
      },
    });
    request.on('error', () => {});
    request.write('------cut\r\nContent-Disposition: form-data; name="file"; filename="dut-giua-chung.pdf"\r\n\r\n%PDF-1.4\n');
    request.write(Buffer.alloc(200_000, 65));
    await expect.poll(async () => (await counts()).staged).toBe(before.staged + 1); // being written
    request.destroy();
    await expect.poll(async () => (await counts()).staged).toBe(before.staged);
    expect(await counts()).toEqual(before);
  });

  it('refuses uploads by other units, read-only roles and anonymous callers before reading the body', async () => {
    const before = await counts();
    for (const username of ['thanhoai', 'appraiser', 'secretariat', 'analyst']) {
      const result = await upload('x.pdf', files.pdf(username), {}, await t.login(username));
      expect(result.status, username).toBe(403);
      expect(result.body.error.code).toBe('FORBIDDEN');
    }
    const anonymous = await uploadEvidence(t.url, sheet.id, { name: 'x.pdf', content: files.pdf() });
    expect(anonymous.status).toBe(401);
    const unknown = await uploadEvidence(t.url, 987654, { name: 'x.pdf', content: files.pdf() }, { token: sontay });
    expect(unknown.status).toBe(403); // a unit cannot tell a missing sheet from another unit's (issue 10, item 7)
    expect(unknown.body.error.code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);
  });
});

describe('evidence metadata and links (GraphQL)', () => {
  const UPDATE =
    'mutation($id: Int!, $input: UpdateEvidenceInput!) { updateEvidence(id: $id, input: $input) { documentNumber issueDate issuingBody title } }';
  /** A citation edit made on the version the document is at (a stale one: tests/hardening/races.test.ts). */
  const edit = async (id: number, input: Record<string, unknown>, token = sontay) => {
    const [row] = await t.orm.em.getConnection().execute('select version from evidence where id = ?', [id]);
    return t.gql(UPDATE, { id, input: { version: row.version, ...input } }, { token });
  };
  const LINK = 'mutation($input: EvidenceLinkInput!) { linkEvidence(input: $input) { evidence { id linkedCriterionIds } } }';
  const UNLINK = 'mutation($input: EvidenceLinkInput!) { unlinkEvidence(input: $input) { evidence { id linkedCriterionIds } } }';

  it('edits the citation, checks the date format, and changes nothing on bad input', async () => {
    const { body } = await upload('sua.pdf', files.pdf('Sua trich yeu'));
    const id = body.evidence.id;
    const updated = await edit(id, {
      documentNumber: ' 15/BC-UBND ',
      issueDate: '2023-07-01',
      issuingBody: 'UBND thị xã Sơn Tây',
      title: 'Báo cáo 6 tháng',
    });
    expect(updated.data.updateEvidence).toEqual({
      documentNumber: '15/BC-UBND',
      issueDate: '2023-07-01',
      issuingBody: 'UBND thị xã Sơn Tây',
      title: 'Báo cáo 6 tháng',
    });
    for (const issueDate of ['01/07/2023', '2023-13-01', '2023-7-1', 'hôm qua']) {
      const refused = await edit(id, { issueDate });
      expect(refused.errors![0]!.extensions, issueDate).toMatchObject({ code: 'BAD_USER_INPUT', field: 'issueDate' });
    }
    const cleared = await edit(id, { title: null });
    expect(cleared.data.updateEvidence).toMatchObject({ documentNumber: '15/BC-UBND', title: null });
    expect(errorCode(await edit(id, { title: 'x' }, await t.login('thanhoai')))).toBe('FORBIDDEN');
  });

  it('links one document to several sub-criteria, unlinks it, and refuses documents of another sheet', async () => {
    const { body } = await upload('dung-chung.pdf', files.pdf('Dung chung'));
    const id = body.evidence.id;
    const a = leaf(sheet, '3.4.1').criterion.id;
    const b = leaf(sheet, '3.4.2').criterion.id;
    const input = (criterionId: number, evidenceId = id) => ({ input: { sheetId: sheet.id, criterionId, evidenceId } });
    await t.gql(LINK, input(a), { token: sontay });
    const linked = await t.gql(LINK, input(b), { token: sontay });
    expect(linked.data.linkEvidence.evidence.find((e: { id: number }) => e.id === id).linkedCriterionIds).toEqual([a, b]);
    const twice = await t.gql(LINK, input(b), { token: sontay });
    expect(twice.data.linkEvidence.evidence.find((e: { id: number }) => e.id === id).linkedCriterionIds).toEqual([a, b]);
    const unlinked = await t.gql(UNLINK, input(a), { token: sontay });
    expect(unlinked.data.unlinkEvidence.evidence.find((e: { id: number }) => e.id === id).linkedCriterionIds).toEqual([b]);

    const thanhoai = await t.login('thanhoai');
    const otherSheet = await thanhoaiSheet(thanhoai);
    const theirs = await uploadEvidence(
      t.url,
      otherSheet.id,
      { name: 'cua-thanh-oai.pdf', content: files.pdf('Thanh Oai') },
      { token: thanhoai },
    );
    const foreign = await t.gql(LINK, input(a, theirs.body.evidence.id), { token: sontay });
    // Another sheet's document and one that does not exist answer alike: nothing tells that the first exists.
    expect(foreign.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'evidenceId' });
    expect(errorCode(await t.gql(LINK, input(987654), { token: sontay }))).toBe('BAD_USER_INPUT');
    const missing = await t.gql(LINK, input(a, 987654), { token: sontay });
    expect(missing.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'evidenceId' });
    expect(errorCode(await t.gql(LINK, input(a), { token: thanhoai }))).toBe('FORBIDDEN');
  });

  it('deletes a document with its links from a draft sheet', async () => {
    const { body } = await upload('xoa.pdf', files.pdf('Xoa'), { criterionId: String(leaf(sheet, '3.4.3').criterion.id) });
    const deleted = await t.gql(
      'mutation($id: Int!) { deleteEvidence(id: $id) { evidence { id } } }',
      { id: body.evidence.id },
      { token: sontay },
    );
    expect(deleted.data.deleteEvidence.evidence.map((e: { id: number }) => e.id)).not.toContain(body.evidence.id);
    const [audit] = await t.orm.em
      .getConnection()
      .execute(`select action, before from audit_entry where subject_type = 'Evidence' and subject_id = ? order by id desc limit 1`, [
        body.evidence.id,
      ]);
    expect(audit).toMatchObject({ action: 'evidence-delete', before: { fileName: 'xoa.pdf' } });
    expect(
      errorCode(await t.gql('mutation($id: Int!) { deleteEvidence(id: $id) { id } }', { id: body.evidence.id }, { token: sontay })),
    ).toBe('FORBIDDEN'); // gone: a unit gets what it gets for another unit's document
  });
});

describe('evidence(id)', () => {
  const EVIDENCE = `query($id: Int!) { evidence(id: $id) { id sheetId fileName contentType size sha256 documentNumber issueDate issuingBody title
    linkedCriterionIds downloadUrl uploadedBy { displayName } } }`;

  it('reads one document for its unit and the roles that read every sheet; refuses others and unknown ids', async () => {
    const content = files.pdf('Mot tai lieu');
    const { body } = await upload('Quyết định 12.pdf', content, {
      documentNumber: '12/QĐ-UBND',
      issueDate: '2023-03-01',
      criterionId: String(leaf(sheet, '1.1.1').criterion.id),
    });
    const id = body.evidence.id as number;
    const expected = {
      id,
      sheetId: sheet.id,
      fileName: 'Quyết định 12.pdf',
      contentType: 'application/pdf',
      size: content.length,
      sha256: sha256(content),
      documentNumber: '12/QĐ-UBND',
      issueDate: '2023-03-01',
      issuingBody: null,
      title: null,
      linkedCriterionIds: [leaf(sheet, '1.1.1').criterion.id],
      downloadUrl: `/api/evidence/${id}/download`,
      uploadedBy: { displayName: 'Cán bộ CCHC – thị xã Sơn Tây' },
    };
    for (const username of ['sontay.lead', 'appraiser', 'secretariat', 'analyst']) {
      expect((await t.gql(EVIDENCE, { id }, { token: await t.login(username) })).data?.evidence, username).toEqual(expected);
    }
    expect((await t.gql(EVIDENCE, { id }, { token: sontay })).data.evidence).toEqual(expected);
    for (const username of ['thanhoai', 'admin']) {
      expect(errorCode(await t.gql(EVIDENCE, { id }, { token: await t.login(username) })), username).toBe('FORBIDDEN');
    }
    expect(errorCode(await t.gql(EVIDENCE, { id: 987654 }, { token: sontay }))).toBe('FORBIDDEN'); // as another unit's
    expect(errorCode(await t.gql(EVIDENCE, { id: 987654 }, { token: await t.login('secretariat') }))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(EVIDENCE, { id }))).toBe('UNAUTHENTICATED');
  });
});
