import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCitation } from '../server/evidence/citation.logic.ts';
import { DocumentReader } from '../server/evidence/reader.ts';
import { readPendingFiles } from '../server/evidence/reading.service.ts';
import { readConfig } from '../server/shared/config.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import * as files from './support/files.ts';
import { leaf, readSheet, scoringContext } from './support/scoring.ts';
import { uploadEvidence } from './support/upload.ts';

// Built before the app starts: deflating 64 MB blocks this process (client and server) for a few seconds.
const bomb = files.docxBomb(64);

let t: TestApp;
let dataDir: string;
let sontay: string;
let sheetId: number;
let periodId: number;
let unitId: number;
let criterionId: (code: string) => number;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'par-reading-test-'));
  t = await startTestApp({ config: { dataDir } });
  const context = await scoringContext(t);
  sontay = context.sontay;
  ({ periodId } = context);
  unitId = context.unitId('SONTAY');
  const sheet = (await readSheet(t, sontay, periodId, unitId)).data.scoreSheet;
  sheetId = sheet.id;
  criterionId = (code) => leaf(sheet, code).criterion.id;
});
afterAll(async () => {
  await t.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

const READING = `status documentNumber issueDate place issuingBody documentType title pageCount`;

/** Uploads a file and waits, as the portal does, until its reading is no longer PENDING. */
async function uploadAndRead(name: string, content: Buffer, fields: Record<string, string> = {}) {
  const uploaded = await uploadEvidence(t.url, sheetId, { name, content }, { token: sontay, fields });
  expect(uploaded.status, JSON.stringify(uploaded.body)).toBeLessThan(300);
  const answered = uploaded.body.evidence;
  const id = answered.id as number;
  const reading = async () =>
    (await t.gql(`query($id: Int!) { evidence(id: $id) { reading { ${READING} } mismatches } }`, { id }, { token: sontay })).data;
  await expect.poll(async () => (await reading()).evidence.reading.status, { timeout: 20_000, interval: 100 }).not.toBe('PENDING');
  const { evidence } = await reading();
  // The upload answers before or after a small file is read (the reader may be quicker than the answer):
  // PENDING, or already what GraphQL says.
  expect(['PENDING', evidence.reading.status]).toContain(answered.reading.status);
  return { id, reading: evidence.reading, mismatches: evidence.mismatches as string[] };
}

describe('reading what a document states about itself', () => {
  it('reads number, place and date, issuing body, type and title from a PDF text layer', async () => {
    const lines = files.officialHeader('112/KH-UBND', 'Sơn Tây, ngày 10 tháng 02 năm 2023');
    const { reading } = await uploadAndRead('ke-hoach-112.pdf', files.officialPdf(lines));
    expect(reading).toEqual({
      status: 'READ',
      documentNumber: '112/KH-UBND',
      issueDate: '2023-02-10',
      place: 'Sơn Tây',
      issuingBody: 'ỦY BAN NHÂN DÂN THỊ XÃ SƠN TÂY',
      documentType: 'KẾ HOẠCH',
      title: 'Cải cách hành chính năm 2023',
      pageCount: 1,
    });
  });

  it('reads the same from a DOCX, and from one whose XML is UTF-16', async () => {
    const lines = files.officialHeader(
      '4190/QĐ-UBND',
      'Hà Nội, ngày 28 tháng 8 năm 2023',
      'QUYẾT ĐỊNH',
      'Về việc công bố danh mục thủ tục hành chính',
    );
    for (const [name, content] of [
      ['quyet-dinh.docx', files.officialDocx(lines)],
      ['quyet-dinh-utf16.docx', files.utf16Docx(lines)],
    ] as const) {
      const { reading } = await uploadAndRead(name, content);
      expect(reading).toMatchObject({
        status: 'READ',
        documentNumber: '4190/QĐ-UBND',
        issueDate: '2023-08-28',
        place: 'Hà Nội',
        documentType: 'QUYẾT ĐỊNH',
        title: 'Về việc công bố danh mục thủ tục hành chính',
        pageCount: null,
      });
    }
  });

  it('gives each bad file a status and still stores the upload', async () => {
    const header = files.officialHeader('7/BC-UBND', 'Sơn Tây, ngày 02 tháng 3 năm 2023', 'BÁO CÁO');
    const cases: [string, Buffer, string, Record<string, unknown>?][] = [
      ['mat-khau.pdf', files.encryptedPdf(), 'ENCRYPTED'],
      ['hong.pdf', files.brokenPdf(), 'MALFORMED'],
      ['bom.docx', bomb, 'TOO_LARGE'],
      ['scan.pdf', files.officialPdf(['']), 'NO_TEXT'],
      ['anh.png', files.png(), 'NOT_READABLE_FORMAT'],
      // Only the first pages are read: five thousand pages cost what two do.
      [
        'nhieu-trang.pdf',
        files.manyPagesPdf(5000, header),
        'READ',
        { pageCount: 5000, documentNumber: '7/BC-UBND', issueDate: '2023-03-02' },
      ],
    ];
    for (const [name, content, status, fields] of cases) {
      const { id, reading } = await uploadAndRead(name, content);
      expect(reading, name).toMatchObject({ status, ...fields });
      const download = await fetch(`${t.url}/api/evidence/${id}/download`, { headers: { authorization: `Bearer ${sontay}` } });
      expect(Buffer.from(await download.arrayBuffer()).equals(content), name).toBe(true);
    }
  });

  it('survives a PDF of deeply nested objects', async () => {
    const { reading } = await uploadAndRead('long-nhau.pdf', files.nestedPdf(200_000));
    expect(['MALFORMED', 'NO_TEXT', 'TIMED_OUT', 'TOO_LARGE']).toContain(reading.status);
    expect((await t.gql('{ me { username } }', {}, { token: sontay })).data.me.username).toBe('sontay');
  });

  it('reads each content once: another unit uploading the same bytes gets the reading at once', async () => {
    const content = files.officialPdf(files.officialHeader('15/TB-UBND', 'Sơn Tây, ngày 15 tháng 5 năm 2023', 'THÔNG BÁO'));
    const { reading } = await uploadAndRead('thong-bao.pdf', content);
    const thanhoai = await t.login('thanhoai');
    const me = await t.gql('{ me { unitId } }', {}, { token: thanhoai });
    const periodId = (await t.gql('{ periods(year: 2023) { id } }', {}, { token: thanhoai })).data.periods.at(-1).id;
    const other = (await readSheet(t, thanhoai, periodId, me.data.me.unitId)).data.scoreSheet.id;
    const again = await uploadEvidence(t.url, other, { name: 'tb.pdf', content }, { token: thanhoai });
    expect(again.status).toBe(201);
    expect(again.body.evidence.reading).toMatchObject({ status: 'READ', documentNumber: reading.documentNumber });
  });
});

describe('comparing what was entered with what the file states', () => {
  const CHECK = `query($periodId: Int!, $unitId: Int!) { selfAssessmentCheck(periodId: $periodId, unitId: $unitId) {
    problems { code severity criterionCode evidenceId message } } }`;
  const problemsOf = async (evidenceId: number, locale = 'vi') => {
    const check = await t.gql(CHECK, { periodId, unitId }, { token: sontay, locale });
    return (check.data.selfAssessmentCheck.problems as { code: string; evidenceId: number | null; message: string }[]).filter(
      (problem) => problem.evidenceId === evidenceId,
    );
  };

  it('flags the number and date typed differently from the file, not the body written in short', async () => {
    // Its own title: the same bytes as an earlier test's file would be that document again, with its citation.
    const lines = files.officialHeader(
      '112/KH-UBND',
      'Sơn Tây, ngày 10 tháng 02 năm 2023',
      'KẾ HOẠCH',
      'Kiểm tra cải cách hành chính năm 2023',
    );
    const content = files.officialPdf(lines);
    const entered = {
      documentNumber: '113/KH-UBND',
      issueDate: '2023-02-11',
      issuingBody: 'UBND thị xã Sơn Tây',
      criterionId: String(criterionId('1.1.1')),
    };
    const { id, mismatches } = await uploadAndRead('sai-so.pdf', content, entered);
    expect(mismatches).toEqual(['DOCUMENT_NUMBER', 'ISSUE_DATE']);
    // The upload route's JSON names them as GraphQL does (the portal reads both): the same file again answers read.
    const again = await uploadEvidence(t.url, sheetId, { name: 'sai-so.pdf', content }, { token: sontay, fields: entered });
    expect(again.body.evidence).toMatchObject({ id, reading: { status: 'READ' }, mismatches: ['DOCUMENT_NUMBER', 'ISSUE_DATE'] });
    const problems = await problemsOf(id);
    expect(problems.map((problem) => problem.code)).toEqual(['NUMBER_DIFFERS_FROM_FILE']);
    expect(problems[0]!.message).toBe('Số, ký hiệu đã nhập 113/KH-UBND khác với số ghi trong tệp: 112/KH-UBND.');

    // Corrected (spacing and case aside), nothing is left to flag.
    const fixed = await t.gql(
      `mutation($id: Int!, $input: UpdateEvidenceInput!) { updateEvidence(id: $id, input: $input) { mismatches } }`,
      { id, input: { version: again.body.evidence.version, documentNumber: '112 / kh-UBND', issueDate: '2023-02-10' } },
      { token: sontay },
    );
    expect(fixed.data.updateEvidence.mismatches).toEqual([]);
    expect(await problemsOf(id)).toEqual([]);
  });

  it('warns before submission about a file dated outside the year and about a bare scan, in both languages', async () => {
    const old = files.officialPdf(files.officialHeader('98/KH-UBND', 'Sơn Tây, ngày 28 tháng 12 năm 2022'));
    const { id: oldId } = await uploadAndRead('nam-truoc.pdf', old, { criterionId: String(criterionId('1.1.2')) });
    expect((await problemsOf(oldId)).map((problem) => [problem.code, problem.message])).toEqual([
      ['FILE_DATE_OUTSIDE_YEAR', 'Tệp nam-truoc.pdf ghi ngày ban hành 28/12/2022, ngoài năm đánh giá.'],
    ]);
    const { id: scanId } = await uploadAndRead('ban-quet.pdf', files.officialPdf(['', ' ']), { criterionId: String(criterionId('1.1.2')) });
    expect((await problemsOf(scanId, 'en')).map((problem) => [problem.code, problem.message])).toEqual([
      ['BARE_SCAN', 'File ban-quet.pdf is a scan without a text layer, and no number or issue date was entered for it.'],
    ]);
    // Entering its citation answers the warning about the scan.
    await t.gql(
      `mutation($id: Int!, $input: UpdateEvidenceInput!) { updateEvidence(id: $id, input: $input) { id } }`,
      { id: scanId, input: { version: 1, documentNumber: '5/BC-UBND', issueDate: '2023-06-30' } },
      { token: sontay },
    );
    expect(await problemsOf(scanId)).toEqual([]);
  });
});

describe('the background job', () => {
  it('reads stored files that have no reading yet (uploaded before reading existed)', async () => {
    const content = files.officialPdf(files.officialHeader('31/KH-UBND', 'Sơn Tây, ngày 20 tháng 01 năm 2023'));
    const { id } = await uploadAndRead('cu.pdf', content);
    const connection = t.orm.em.getConnection();
    await connection.execute(`delete from document_reading where file_sha256 = (select file_sha256 from evidence where id = ?)`, [id]);
    expect(
      (await t.gql(`query($id: Int!) { evidence(id: $id) { reading { status } } }`, { id }, { token: sontay })).data.evidence.reading,
    ).toBeNull();
    expect(await readPendingFiles(t.orm.em.fork(), new Date(), { ...readConfig({}), dataDir })).toBeGreaterThan(0);
    const after = await t.gql(`query($id: Int!) { evidence(id: $id) { reading { status documentNumber } } }`, { id }, { token: sontay });
    expect(after.data.evidence.reading).toEqual({ status: 'READ', documentNumber: '31/KH-UBND' });
  });
});

describe('the reader', () => {
  it('stops a read that runs past its time and answers the next one', async () => {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'par-reader-'));
    const reader = new DocumentReader({ threads: 1, timeoutMs: 1, heapMb: 64, growthMb: 512 });
    try {
      const file = path.join(folder, 'a.pdf');
      await fs.writeFile(file, files.officialPdf(files.officialHeader('1/KH-UBND', 'Hà Nội, ngày 01 tháng 01 năm 2023')));
      expect((await reader.read(file, 'application/pdf')).status).toBe('TIMED_OUT');
      const patient = new DocumentReader({ threads: 1, timeoutMs: 20_000, heapMb: 64, growthMb: 512 });
      expect((await patient.read(file, 'application/pdf')).citation?.documentNumber).toBe('1/KH-UBND');
      await patient.close();
    } finally {
      await reader.close();
      await fs.rm(folder, { recursive: true, force: true });
    }
  });
});

describe('readCitation', () => {
  it('reads a letter (công văn) by its subject line and infers the type from the number', () => {
    const citation = readCitation([
      'SỞ NỘI VỤ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 2051 / SNV - CCHC',
      'V/v hướng dẫn chấm điểm Chỉ số CCHC năm 2023',
      'Hà Nội, ngày 5 tháng 10 năm 2023',
      'Kính gửi: UBND các quận, huyện, thị xã',
    ]);
    expect(citation).toEqual({
      documentNumber: '2051/SNV-CCHC',
      issueDate: '2023-10-05',
      place: 'Hà Nội',
      issuingBody: 'SỞ NỘI VỤ',
      documentType: null,
      title: 'V/v hướng dẫn chấm điểm Chỉ số CCHC năm 2023',
    });
    expect(readCitation(['Số: 15/2023/QĐ-UBND']).documentType).toBe('QUYẾT ĐỊNH');
    expect(readCitation(['Hà Nội, ngày 31 tháng 02 năm 2023']).issueDate).toBeNull();
    expect(readCitation(['UỶ BAN NHÂN DÂN', 'Số: 3/KH-UBND']).issuingBody).toBe('ỦY BAN NHÂN DÂN');
  });
});
