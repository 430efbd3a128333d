import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import * as files from './support/files.ts';
import { leaf, readSheet, scoringContext } from './support/scoring.ts';
import { alter, corruptSignature, pem, signPdf, testCa, testSigner, type TestIdentity } from './support/signing.ts';
import { uploadEvidence } from './support/upload.ts';

let t: TestApp;
let dataDir: string;
let sontay: string;
let sheet: any;
let periodId: number;
let unitId: number;
let ca: TestIdentity;
let signer: TestIdentity;
let signed: Buffer;

const DOCUMENT = files.officialPdf(files.officialHeader('112/KH-UBND', 'Sơn Tây, ngày 10 tháng 02 năm 2023'));
const SIGNER = { CN: 'Nguyễn Văn An', O: 'UBND thị xã Sơn Tây' };

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'par-signatures-test-'));
  ca = testCa();
  signer = testSigner(SIGNER, ca);
  signed = await signPdf(DOCUMENT, signer, [ca]);
  // The administrator's roots: only the test CA.
  const roots = path.join(dataDir, 'roots.pem');
  await fs.writeFile(roots, pem(ca));
  t = await startTestApp({ config: { dataDir, trustedRootsFile: roots } });
  const context = await scoringContext(t);
  ({ sontay, periodId } = context);
  unitId = context.unitId('SONTAY');
  sheet = (await readSheet(t, sontay, periodId, unitId)).data.scoreSheet;
});
afterAll(async () => {
  await t.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

const READING = `status documentNumber signatureStatus
  signatures { status signerName organization issuerName signingTime certificateValidFrom certificateValidTo validAtSigning }`;

async function uploadAndRead(name: string, content: Buffer, fields: Record<string, string> = {}) {
  const uploaded = await uploadEvidence(t.url, sheet.id, { name, content }, { token: sontay, fields });
  expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
  const id = uploaded.body.evidence.id as number;
  const read = async (token = sontay) =>
    (await t.gql(`query($id: Int!) { evidence(id: $id) { reading { ${READING} } } }`, { id }, { token })).data.evidence.reading;
  await expect.poll(async () => (await read()).status, { timeout: 20_000, interval: 100 }).not.toBe('PENDING');
  return { id, reading: await read(), read };
}

describe('digital signatures', () => {
  it('shows a signed, intact document with its signer, signing time and certificate, to the unit and the appraiser', async () => {
    const { reading, read } = await uploadAndRead('ke-hoach-ky-so.pdf', signed);
    expect(reading).toMatchObject({ status: 'READ', documentNumber: '112/KH-UBND', signatureStatus: 'INTACT' });
    expect(reading.signatures).toHaveLength(1);
    const [signature] = reading.signatures;
    expect(signature).toMatchObject({
      status: 'INTACT',
      signerName: 'Nguyễn Văn An',
      organization: 'UBND thị xã Sơn Tây',
      issuerName: 'Test Root CA',
      validAtSigning: true,
    });
    expect(Math.abs(Date.parse(signature.signingTime) - Date.now())).toBeLessThan(10 * 60_000);
    expect(Date.parse(signature.certificateValidTo)).toBeGreaterThan(Date.parse(signature.signingTime));
    expect((await read(await t.login('appraiser'))).signatureStatus).toBe('INTACT');
  });

  it('catches a copy altered after signing, and the pre-submit check warns about it', async () => {
    const altered = alter(signed, '112/KH', '113/KH');
    const { id, reading } = await uploadAndRead('ke-hoach-da-sua.pdf', altered, { criterionId: String(leaf(sheet, '1.4.1').criterion.id) });
    expect(reading.signatureStatus).toBe('CHANGED');
    expect(reading.signatures[0].signerName).toBe('Nguyễn Văn An');
    const check = await t.gql(
      `query($periodId: Int!, $unitId: Int!) { selfAssessmentCheck(periodId: $periodId, unitId: $unitId) { problems { code evidenceId message severity } } }`,
      { periodId, unitId },
      { token: sontay, locale: 'en' },
    );
    expect(check.data.selfAssessmentCheck.problems.filter((problem: { evidenceId: number }) => problem.evidenceId === id)).toEqual([
      {
        code: 'SIGNED_FILE_CHANGED',
        evidenceId: id,
        severity: 'WARNING',
        message: 'File ke-hoach-da-sua.pdf is digitally signed but was changed after signing.',
      },
    ]);
  });

  it('tells apart content added after signing, an expired or self-signed certificate, a broken signature and none', async () => {
    const expired = testSigner({ CN: 'Trần Thị Bình', O: 'UBND thị xã Sơn Tây' }, ca, {
      notBefore: new Date('2020-01-01'),
      notAfter: new Date('2021-01-01'),
    });
    const selfSigned = testSigner({ CN: 'Lê Văn Cường', O: 'Không rõ' }, null);
    const cases: [string, Buffer, string, string | null][] = [
      ['them-sau-ky.pdf', Buffer.concat([signed, Buffer.from('\n9 0 obj\n<< /Injected true >>\nendobj\n')]), 'CHANGED', 'CHANGED'],
      ['het-han.pdf', await signPdf(DOCUMENT, expired, [ca]), 'CERTIFICATE_NOT_VALID', 'CERTIFICATE_NOT_VALID'],
      ['tu-ky.pdf', await signPdf(DOCUMENT, selfSigned), 'UNKNOWN_ISSUER', 'UNKNOWN_ISSUER'],
      ['chu-ky-hong.pdf', corruptSignature(signed), 'MALFORMED', 'MALFORMED'],
      ['khong-ky.pdf', DOCUMENT, 'NOT_SIGNED', null],
    ];
    for (const [name, content, status, signatureStatus] of cases) {
      const { reading } = await uploadAndRead(name, content);
      expect(reading.signatureStatus, name).toBe(status);
      expect(reading.signatures[0]?.status ?? null, name).toBe(signatureStatus);
      // The text is read whatever the signature says.
      expect(reading.documentNumber, name).toBe('112/KH-UBND');
    }
  });
});
