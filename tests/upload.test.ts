import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import * as files from './support/files.ts';
import { readSheet, scoringContext } from './support/scoring.ts';

/**
 * Every upload route receives its file the one way (server/shared/upload.ts). A broken upload —
 * a body cut before its closing boundary, a client gone after a part header, a part the route does
 * not take — answers 400 BAD_UPLOAD, leaves no staging file and never stops the server (a body
 * ending early used to throw "Unexpected end of form" outside any handler and kill the process).
 */
let t: TestApp;
let dataDir: string;
let sontay: string;
let secretariat: string;
let sheetId: number;
let periodId: number;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'par-upload-test-'));
  t = await startTestApp({ config: { dataDir } });
  const context = await scoringContext(t);
  ({ sontay, periodId } = context);
  secretariat = await t.login('secretariat');
  sheetId = (await readSheet(t, sontay, periodId, context.unitId('SONTAY'))).data.scoreSheet.id;
});
afterAll(async () => {
  await t.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** Files left in every staging folder of this app's data folder. */
async function staged(): Promise<number> {
  const folders = [path.join(dataDir, 'evidence', '.staging'), path.join(dataDir, 'survey', '.staging')];
  const counts = await Promise.all(
    folders.map((folder) =>
      fs.readdir(folder).then(
        (names) => names.length,
        () => 0,
      ),
    ),
  );
  return counts.reduce((sum, count) => sum + count, 0);
}

/**
 * Writes an HTTP request on a raw socket: its head, then `body`, then either waits for the answer
 * (`end`: the body is all the declared length) or drops the connection. Resolves with what the server answered.
 */
function rawRequest(
  requestPath: string,
  headers: Record<string, string | number>,
  body: Buffer | string,
  how: 'end' | 'drop',
): Promise<string> {
  // Strings are bytes here (latin1), so a declared length counts what is written.
  const url = new URL(t.url);
  return new Promise((resolve) => {
    let answer = '';
    const socket = net.connect(Number(url.port), url.hostname, () => {
      const head = Object.entries({ host: url.host, connection: 'close', ...headers })
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('');
      socket.write(`POST ${requestPath} HTTP/1.1\r\n${head}\r\n`);
      // 'end': the whole declared body is sent, then the server answers and closes (connection: close).
      socket.write(typeof body === 'string' ? Buffer.from(body, 'latin1') : body, () => (how === 'drop' ? socket.destroy() : undefined));
    });
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
  });
}

/** The status and JSON error of a raw answer. */
function parse(answer: string): { status: number; error?: { code: string; field?: string } } {
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
  const json = answer.slice(answer.indexOf('\r\n\r\n') + 4);
  const start = json.indexOf('{');
  return { status, ...(start >= 0 ? JSON.parse(json.slice(start, json.lastIndexOf('}') + 1)) : {}) };
}

const BOUNDARY = 'XXcutXX';
const multipart = (token: string, length: number) => ({
  authorization: `Bearer ${token}`,
  'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
  'content-length': length,
});
const filePart = (name = 'file', fileName = 'ke-hoach.pdf') =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`;
const fieldPart = (name: string, value: string) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const closing = `\r\n--${BOUNDARY}--\r\n`;

/** The server still answers, and answers an upload properly. */
async function stillServing(): Promise<void> {
  expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  const me = await t.gql('{ me { username } }', {}, { token: sontay });
  expect(me.data.me.username).toBe('sontay');
}

const EVIDENCE = () => `/api/evidence/score-sheets/${sheetId}/files`;

describe('receiving an upload (every upload route)', () => {
  it('answers a multipart body that ends before its closing boundary with BAD_UPLOAD, keeps serving and keeps nothing', async () => {
    const before = await staged();
    const body = `${filePart()}${files.pdf('cut short').toString('latin1')}`;
    const result = parse(await rawRequest(EVIDENCE(), multipart(sontay, body.length), body, 'end'));
    expect(result.status).toBe(400);
    expect(result.error).toMatchObject({ code: 'BAD_UPLOAD', field: 'file' });
    await stillServing();
    expect(await staged()).toBe(before);
  });

  it('survives a client that disconnects right after a part header, and removes the staging file', async () => {
    const before = await staged();
    const body = `${filePart()}%PDF-1.4\n`;
    // The declared length promises far more than is sent: the server is mid-part when the client goes.
    await rawRequest(EVIDENCE(), multipart(sontay, 100_000), body, 'drop');
    await expect.poll(staged, { timeout: 15_000 }).toBe(before);
    await stillServing();
  });

  it('refuses a part the route does not take, and a second file, with BAD_UPLOAD', async () => {
    const before = await staged();
    const pdf = files.pdf('parts').toString('latin1');
    const cases = [
      `${fieldPart('password', 'x')}${filePart()}${pdf}${closing}`,
      `${filePart('attachment')}${pdf}${closing}`,
      `${filePart()}${pdf}\r\n${filePart('file', 'second.pdf')}${pdf}${closing}`,
    ];
    for (const body of cases) {
      const result = parse(
        await rawRequest(EVIDENCE(), multipart(sontay, Buffer.byteLength(body, 'latin1')), Buffer.from(body, 'latin1'), 'end'),
      );
      expect(result.status, body.slice(0, 80)).toBe(400);
      expect(result.error, body.slice(0, 80)).toMatchObject({ code: 'BAD_UPLOAD', field: 'file' });
    }
    const [evidence] = await t.orm.em
      .getConnection()
      .execute('select count(*)::int as n from evidence where file_name = ?', ['second.pdf']);
    expect(evidence.n).toBe(0);
    expect(await staged()).toBe(before);
    await stillServing();
  });

  it('treats the supplementary explanation upload and the survey import the same way', async () => {
    const before = await staged();
    const body = `${filePart()}${files.pdf('cut short').toString('latin1')}`;
    // The explanation route checks the request first (this one does not exist: to a unit, as one it may not answer), before reading the body.
    const explanation = parse(await rawRequest('/api/appraisal/explanations/987654/evidence', multipart(sontay, body.length), body, 'end'));
    expect(explanation.status).toBe(403);
    const survey = parse(
      await rawRequest(`/api/results/survey/preview?periodId=${periodId}`, multipart(secretariat, body.length), body, 'end'),
    );
    expect(survey.status).toBe(400);
    expect(survey.error).toMatchObject({ code: 'BAD_UPLOAD', field: 'file' });
    // A raw survey body cut short by the client.
    await rawRequest(
      `/api/results/survey/preview?periodId=${periodId}&fileName=xhh.csv`,
      {
        authorization: `Bearer ${secretariat}`,
        'content-type': 'application/octet-stream',
        'content-length': 50_000,
      },
      Buffer.from('Mã đơn vị,Mã tiêu chí,Điểm\nSONTAY,3.1,1\n'),
      'drop',
    );
    // The server removes the staging file once it notices the dropped connection: under load that takes more than poll's default second.
    await expect.poll(staged, { timeout: 15_000 }).toBe(before);
    await stillServing();
  });
});
