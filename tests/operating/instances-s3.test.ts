import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { S3Settings } from '../../server/shared/config.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import * as files from '../support/files.ts';
import { startFakeS3, type FakeS3 } from '../support/s3-server.ts';
import { scoringContext } from '../support/scoring.ts';
import { uploadEvidence } from '../support/upload.ts';

/**
 * Two API instances on one database whose evidence store is one S3-compatible bucket (STORAGE=s3), served by
 * tests/support/s3-server.ts over HTTP with signatures checked: what one stores, the other serves and reads.
 */
let s3: FakeS3;
let a: TestApp;
let b: TestApp;
let dataDirs: string[];
let settings: S3Settings;
let sontay: string;
let sheetId: number;

const keyOf = (sha: string) => `${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`;
const filesUnder = async (dir: string): Promise<string[]> =>
  (await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []))
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name);

beforeAll(async () => {
  s3 = await startFakeS3();
  settings = { bucket: s3.bucket, region: s3.region, endpoint: s3.endpoint, credentials: s3.credentials };
  dataDirs = await Promise.all(['a', 'b'].map((name) => fs.mkdtemp(path.join(os.tmpdir(), `par-s3-instance-${name}-`))));
  a = await startTestApp({ config: { dataDir: dataDirs[0], s3: settings } });
  b = await startTestApp({ beside: a, config: { dataDir: dataDirs[1], s3: settings } });
  const context = await scoringContext(a);
  sontay = context.sontay;
  sheetId = (
    await a.gql(
      'query($p: Int!, $u: Int!) { scoreSheet(periodId: $p, unitId: $u) { id } }',
      { p: context.periodId, u: context.unitId('SONTAY') },
      { token: sontay },
    )
  ).data.scoreSheet.id;
});
afterAll(async () => {
  await b?.close();
  await a?.close();
  await s3?.close();
  await Promise.all((dataDirs ?? []).map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

describe('several API instances sharing an S3-compatible evidence store', () => {
  it('serves and reads on one instance the evidence uploaded through the other, kept once in the bucket', async () => {
    const lines = files.officialHeader('77/KH-UBND', 'Sơn Tây, ngày 03 tháng 3 năm 2023');
    const content = files.officialPdf(lines);
    const uploaded = await uploadEvidence(a.url, sheetId, { name: 'ke-hoach-77.pdf', content }, { token: sontay });
    expect(uploaded.status).toBe(201);
    const sha = uploaded.body.evidence.sha256 as string;
    expect(s3.objects.get(keyOf(sha))?.equals(content)).toBe(true);

    const download = await fetch(`${b.url}${uploaded.body.evidence.downloadUrl}`, { headers: { authorization: `Bearer ${sontay}` } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(content)).toBe(true);

    // The reader took a local copy from the bucket and read the document's own citation from it.
    const reading = async () =>
      (
        await b.gql(
          'query($id: Int!) { evidence(id: $id) { reading { status documentNumber } } }',
          { id: uploaded.body.evidence.id },
          { token: sontay },
        )
      ).data.evidence.reading;
    await expect.poll(async () => (await reading()).status, { timeout: 20_000, interval: 100 }).not.toBe('PENDING');
    expect(await reading()).toEqual({ status: 'READ', documentNumber: '77/KH-UBND' });

    // The same bytes through the other instance: one object still, nothing uploaded again.
    const puts = s3.requests.filter((r) => r.operation === 'PutObject').length;
    const again = await uploadEvidence(b.url, sheetId, { name: 'ban-sao.pdf', content }, { token: sontay });
    expect(again.body.evidence.sha256).toBe(sha);
    expect(s3.requests.filter((r) => r.operation === 'PutObject')).toHaveLength(puts);
    // Nothing kept or left staged in either instance's data folder: the bucket holds the files.
    for (const dir of dataDirs) expect(await filesUnder(path.join(dir, 'evidence'))).toEqual([]);
  });

  it('answers a missing object as the folder store does (NOT_FOUND), not as a store failure', async () => {
    const content = files.pdf(`Se bi xoa khoi kho ${Date.now()}`);
    const uploaded = await uploadEvidence(a.url, sheetId, { name: 'mat.pdf', content }, { token: sontay });
    s3.objects.delete(keyOf(uploaded.body.evidence.sha256));
    const download = await fetch(`${b.url}${uploaded.body.evidence.downloadUrl}`, { headers: { authorization: `Bearer ${sontay}` } });
    expect(download.status).toBe(404);
    expect(((await download.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });

  it('refuses an upload with STORAGE_UNAVAILABLE (vi/en) when the bucket refuses the instance, changing nothing', async () => {
    const wrongDir = await fs.mkdtemp(path.join(os.tmpdir(), 'par-s3-instance-wrong-'));
    const wrong = await startTestApp({
      beside: a,
      config: { dataDir: wrongDir, s3: { ...settings, credentials: { ...s3.credentials, secretAccessKey: 'not-the-secret' } } },
    });
    try {
      const count = async () => (await a.orm.em.getConnection().execute<{ n: number }[]>('select count(*)::int as n from evidence'))[0]!.n;
      const before = await count();
      const content = files.pdf(`Khong vao duoc kho ${Date.now()}`);
      const refused = await uploadEvidence(wrong.url, sheetId, { name: 'tu-choi.pdf', content }, { token: sontay, locale: 'vi' });
      expect(refused.status).toBe(503);
      expect(refused.body.error.code).toBe('STORAGE_UNAVAILABLE');
      expect(refused.body.error.message).toMatch(/^Kho lưu trữ tệp tạm thời không phản hồi/);
      const inEnglish = await uploadEvidence(wrong.url, sheetId, { name: 'tu-choi.pdf', content }, { token: sontay, locale: 'en' });
      expect(inEnglish.body.error.message).toMatch(/^The file store is not answering right now/);
      expect(await count()).toBe(before);
      expect([...s3.objects.values()].some((stored) => stored.equals(content))).toBe(false);
      expect(await filesUnder(path.join(wrongDir, 'evidence'))).toEqual([]);
    } finally {
      await wrong.close();
      await fs.rm(wrongDir, { recursive: true, force: true });
    }
  });
});
