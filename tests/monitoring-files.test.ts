import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { errorCode, startTestApp, type TestApp } from './support/app.ts';
import { tableChecksum } from './support/checksum.ts';
import { sqlOf } from './support/sql.ts';
import * as files from './support/files.ts';
import { uploadTo, type UploadOptions } from './support/upload.ts';

/**
 * Issue 11, capabilities 1, 2 and 4: the documents monitoring records cite — a plan's issued file, a task's output, an
 * inspection's conclusion — uploaded through the one evidence upload path into the evidence store (content-addressed,
 * SHA-256), audited, read back through GraphQL and downloaded by whoever may read the record. Refusals change nothing.
 */
let t: TestApp;
let dataDir: string;
const tokens = new Map<string, string>();
const ids: Record<string, number> = {};
const MISSING = 987_654_321;
const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');
const { sql, one } = sqlOf(() => t);

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'par-monitoring-files-'));
  t = await startTestApp({ config: { dataDir } });
  for (const user of ['sontay', 'thanhoai', 'appraiser', 'analyst', 'secretariat']) tokens.set(user, await t.login(user));
  for (const code of ['SONTAY', 'THANHOAI']) {
    const unit = await one(`select id from unit where code = ?`, [code]);
    const key = code.toLowerCase();
    ids[`${key}Plan`] = await one(`select id from annual_plan where unit_id = ? and year = 2023 and kind = 'PAR'`, [unit]);
    ids[`${key}Task`] = await one(
      `select id from plan_task where unit_id = ? and year = 2023 and status <> 'CANCELLED' order by city_assigned, id limit 1`,
      [unit],
    );
    ids[`${key}Inspection`] = await one(`select id from inspection where unit_id = ? and year = 2023 order by id limit 1`, [unit]);
  }
  ids.cityTask = await one(
    `select id from plan_task where unit_id = (select unit_id from plan_task where id = ?) and city_assigned limit 1`,
    [ids.sontayTask],
  );
});
afterAll(async () => {
  await t?.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

const ROUTES = {
  plan: (id: number) => `/api/monitoring/plans/${id}/file`,
  task: (id: number) => `/api/monitoring/tasks/${id}/output`,
  inspection: (id: number) => `/api/monitoring/inspections/${id}/conclusion`,
};
type Kind = keyof typeof ROUTES;
const OWN: Record<Kind, string> = { plan: 'sontayPlan', task: 'sontayTask', inspection: 'sontayInspection' };
const OTHER: Record<Kind, string> = { plan: 'thanhoaiPlan', task: 'thanhoaiTask', inspection: 'thanhoaiInspection' };

const send = (kind: Kind, id: number, name: string, content: Buffer, options: UploadOptions & { user?: string } = {}) =>
  uploadTo(`${t.url}${ROUTES[kind](id)}`, { name, content }, { token: tokens.get(options.user ?? 'sontay'), ...options });

const get = (url: string, user: string) => fetch(`${t.url}${url}`, { headers: { authorization: `Bearer ${tokens.get(user)}` } });

const audits = (subjectType: string, id: number, action: string) =>
  sql<{ before: any; after: any; actor_id: number }>(
    `select before, after, actor_id from audit_entry where subject_type = ? and subject_id = ? and action = ? order by id`,
    [subjectType, id, action],
  );
const storedFiles = async (sha?: string) =>
  (await sql<{ n: number }>(`select count(*)::int as n from stored_file ${sha ? 'where sha256 = ?' : ''}`, sha ? [sha] : []))[0]!.n;
const staged = () => fs.readdir(path.join(dataDir, 'evidence', '.staging')).catch(() => [] as string[]);

const PLAN = `query($id: Int!) { annualPlan(id: $id) { id fileName fileSha256 fileUrl } }`;
const TASKS = `query { annualPlans(year: 2023, kind: PAR) { tasks { id outputFileName outputFileSha256 outputDocumentNumber outputFileUrl } } }`;
const INSPECTIONS = `query { inspections(year: 2023) { id conclusionFileName conclusionFileSha256 conclusionFileUrl } }`;

describe('uploading the documents monitoring records cite', () => {
  it('stores the plan’s issued file, audited, and shows it in GraphQL with a download for readers of the plan', async () => {
    const content = files.pdf('Ke hoach CCHC 2023');
    const result = await send('plan', ids.sontayPlan!, 'Kế hoạch 243-KH-UBND.pdf', content);
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    const url = ROUTES.plan(ids.sontayPlan!);
    expect(result.body).toEqual({ id: ids.sontayPlan, fileName: 'Kế hoạch 243-KH-UBND.pdf', fileSha256: sha256(content), fileUrl: url });
    expect(await storedFiles(sha256(content))).toBe(1);
    const [audit] = await audits('AnnualPlan', ids.sontayPlan!, 'plan-file');
    expect(audit).toMatchObject({
      before: { fileName: null, sha256: null },
      after: { fileName: 'Kế hoạch 243-KH-UBND.pdf', sha256: sha256(content) },
    });

    const read = await t.gql(PLAN, { id: ids.sontayPlan }, { token: tokens.get('sontay') });
    expect(read.data.annualPlan).toEqual(result.body);
    for (const reader of ['sontay', 'analyst', 'secretariat', 'appraiser']) {
      const download = await get(url, reader);
      expect(download.status, reader).toBe(200);
      expect(download.headers.get('content-type')).toBe('application/pdf');
      expect(download.headers.get('content-disposition')).toContain(encodeURIComponent('Kế hoạch'));
      expect(Buffer.from(await download.arrayBuffer()).equals(content)).toBe(true);
    }
    const foreign = await get(url, 'thanhoai');
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
  });

  it('stores a task’s output with its document number cleaned like a citation; a second file replaces it, audited', async () => {
    const first = files.pdf('Bao cao ket qua nhiem vu');
    const result = await send('task', ids.sontayTask!, 'Báo cáo kết quả.pdf', first, { fields: { documentNumber: '  12/BC-UBND  ' } });
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(result.body).toEqual({
      id: ids.sontayTask,
      outputFileName: 'Báo cáo kết quả.pdf',
      outputFileSha256: sha256(first),
      outputDocumentNumber: '12/BC-UBND',
      outputFileUrl: ROUTES.task(ids.sontayTask!),
    });
    const tasks = (await t.gql(TASKS, {}, { token: tokens.get('sontay') })).data.annualPlans[0].tasks;
    expect(tasks.find((task: any) => task.id === ids.sontayTask)).toEqual(result.body);
    expect(tasks.filter((task: any) => task.outputFileUrl)).toHaveLength(1);

    // Another document, sent without a number: the first one's number does not carry over to it.
    const second = files.pdf('Bao cao ket qua nhiem vu (ban sua)');
    const replaced = await send('task', ids.sontayTask!, 'Báo cáo (sửa).pdf', second);
    expect(replaced.body).toMatchObject({ outputFileSha256: sha256(second), outputDocumentNumber: null });
    expect((await audits('PlanTask', ids.sontayTask!, 'task-output')).map((row) => [row.before, row.after])).toEqual([
      [
        { fileName: null, sha256: null, documentNumber: null },
        { fileName: 'Báo cáo kết quả.pdf', sha256: sha256(first), documentNumber: '12/BC-UBND' },
      ],
      [
        { fileName: 'Báo cáo kết quả.pdf', sha256: sha256(first), documentNumber: '12/BC-UBND' },
        { fileName: 'Báo cáo (sửa).pdf', sha256: sha256(second), documentNumber: null },
      ],
    ]);
    const download = await get(ROUTES.task(ids.sontayTask!), 'analyst');
    expect(Buffer.from(await download.arrayBuffer()).equals(second)).toBe(true);
  });

  it('takes the output of a city-assigned task of the unit’s own plan', async () => {
    const result = await send('task', ids.cityTask!, 'Kết quả nhiệm vụ thành phố giao.pdf', files.pdf('Nhiem vu thanh pho giao'));
    expect(result.status, JSON.stringify(result.body)).toBe(200);
  });

  it('stores an inspection’s conclusion; the same content uploaded again is kept once', async () => {
    const content = files.pdf('Thong bao ket luan kiem tra');
    const result = await send('inspection', ids.sontayInspection!, 'Kết luận kiểm tra.pdf', content);
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(result.body).toMatchObject({ conclusionFileSha256: sha256(content), conclusionFileName: 'Kết luận kiểm tra.pdf' });
    const inspections = (await t.gql(INSPECTIONS, {}, { token: tokens.get('sontay') })).data.inspections;
    expect(inspections.find((row: any) => row.id === ids.sontayInspection)).toEqual({
      id: ids.sontayInspection,
      conclusionFileName: 'Kết luận kiểm tra.pdf',
      conclusionFileSha256: sha256(content),
      conclusionFileUrl: ROUTES.inspection(ids.sontayInspection!),
    });
    expect(await audits('Inspection', ids.sontayInspection!, 'inspection-conclusion')).toHaveLength(1);

    // The same bytes again, to the same record and to another: one stored copy, one row; nothing changed, nothing audited.
    const filesBefore = await storedFiles();
    expect((await send('inspection', ids.sontayInspection!, 'Kết luận kiểm tra.pdf', content)).status).toBe(200);
    expect((await send('plan', ids.sontayPlan!, 'Kết luận (bản sao).pdf', content)).status).toBe(200);
    expect(await storedFiles()).toBe(filesBefore);
    expect(await storedFiles(sha256(content))).toBe(1);
    expect(await audits('Inspection', ids.sontayInspection!, 'inspection-conclusion')).toHaveLength(1);
    expect(await staged()).toEqual([]);
  });
});

describe('refusals change nothing', () => {
  /** Sends `attempt`, expects `status`/`code`, and that no row changed and no staged file was left. */
  async function refused(attempt: () => Promise<{ status: number; body: any }>, status: number, code: string) {
    // The files uploaded above are read in the background: let that finish, so only the attempt could change a row.
    const pending = async () =>
      (await sql<{ n: number }>(`select count(*)::int as n from document_reading where status = 'PENDING'`))[0]!.n;
    await expect.poll(pending, { timeout: 30_000, interval: 100 }).toBe(0);
    const before = await tableChecksum(t);
    const result = await attempt();
    expect(result.status, JSON.stringify(result.body)).toBe(status);
    expect(result.body.error.code).toBe(code);
    expect(await tableChecksum(t)).toBe(before);
    expect(await staged()).toEqual([]);
    return result.body.error.message as string;
  }
  const pdf = files.pdf('Tu choi');

  it.each(Object.keys(ROUTES) as Kind[])(
    '%s: another unit’s record and a missing id alike, appraisers and analysts: FORBIDDEN',
    async (kind) => {
      const foreign = await refused(() => send(kind, ids[OTHER[kind]]!, 'a.pdf', pdf), 403, 'FORBIDDEN');
      const missing = await refused(() => send(kind, MISSING, 'a.pdf', pdf), 403, 'FORBIDDEN');
      expect(missing).toBe(foreign);
      for (const user of ['appraiser', 'analyst', 'secretariat']) {
        await refused(() => send(kind, ids[OWN[kind]]!, 'a.pdf', pdf, { user }), 403, 'FORBIDDEN');
      }
    },
  );

  it.each(Object.keys(ROUTES) as Kind[])('%s: a multipart cut before its end is BAD_UPLOAD, and the server keeps serving', async (kind) => {
    const boundary = 'XXcutXX';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n`),
      files.pdf('cut short'),
    ]);
    await refused(
      async () => {
        const response = await fetch(`${t.url}${ROUTES[kind](ids[OWN[kind]]!)}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens.get('sontay')}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
          body,
        });
        return { status: response.status, body: await response.json() };
      },
      400,
      'BAD_UPLOAD',
    );
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    expect((await t.gql('{ me { username } }', {}, { token: tokens.get('sontay') })).data.me.username).toBe('sontay');
  });

  it.each(Object.keys(ROUTES) as Kind[])('%s: a program named .pdf is refused by its content', async (kind) => {
    await refused(() => send(kind, ids[OWN[kind]]!, 'ke-hoach.pdf', files.exe()), 415, 'UNSUPPORTED_FILE_TYPE');
  });

  it('takes no citation fields but the task output’s document number, and checks it', async () => {
    await refused(() => send('plan', ids.sontayPlan!, 'a.pdf', pdf, { fields: { documentNumber: '1/KH' } }), 400, 'BAD_UPLOAD');
    await refused(() => send('task', ids.sontayTask!, 'a.pdf', pdf, { fields: { title: 'x' } }), 400, 'BAD_UPLOAD');
    await refused(() => send('task', ids.sontayTask!, 'a.pdf', pdf, { fields: { documentNumber: '12\u0000/BC' } }), 400, 'BAD_USER_INPUT');
  });

  it('refuses every upload once the monitoring year is closed, and a cancelled task’s output', async () => {
    await sql(`update monitoring_year set closed_at = now() where year = 2023`);
    // The open years are a permission fact, cached for 10 s: let the cache age past it.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 60_000 });
    try {
      for (const kind of Object.keys(ROUTES) as Kind[]) await refused(() => send(kind, ids[OWN[kind]]!, 'a.pdf', pdf), 403, 'FORBIDDEN');
    } finally {
      await sql(`update monitoring_year set closed_at = null where year = 2023`);
      vi.setSystemTime(Date.now() + 60_000);
    }
    const [{ status }] = await sql<{ status: string }>(`select status from plan_task where id = ?`, [ids.cityTask]);
    try {
      await sql(`update plan_task set status = 'CANCELLED' where id = ?`, [ids.cityTask]);
      await refused(() => send('task', ids.cityTask!, 'a.pdf', pdf), 409, 'TASK_CANCELLED');
    } finally {
      await sql(`update plan_task set status = ? where id = ?`, [status, ids.cityTask]);
      vi.useRealTimers();
    }
  });

  it('refuses a cookie-signed upload from another site', async () => {
    const response = await fetch(`${t.url}${ROUTES.plan(ids.sontayPlan!)}`, {
      method: 'POST',
      headers: {
        cookie: `par_session=${tokens.get('sontay')}`,
        origin: 'https://example.org',
        'content-type': 'multipart/form-data; boundary=x',
      },
      body: '--x--\r\n',
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('CROSS_SITE_REQUEST');
  });

  it('answers a download of a record without a file, and of a missing or foreign record', async () => {
    const empty = await get(ROUTES.inspection(ids.thanhoaiInspection!), 'thanhoai');
    expect(empty.status).toBe(404);
    expect(((await empty.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    for (const [url, user] of [
      [ROUTES.task(MISSING), 'sontay'],
      [ROUTES.task(ids.sontayTask!), 'thanhoai'],
    ] as const) {
      const response = await get(url, user);
      expect(response.status).toBe(403);
    }
    expect(errorCode(await t.gql(PLAN, { id: ids.sontayPlan }, { token: tokens.get('thanhoai') }))).toBe('FORBIDDEN');
  });
});
