import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/shared/log.ts';
import { DEMO_PASSWORD } from '../../server/seed/index.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import * as files from '../support/files.ts';
import { readSheet, scoringContext } from '../support/scoring.ts';
import { uploadEvidence } from '../support/upload.ts';

/**
 * Issue 15, item 4: one JSON line per request with its id (answered in `x-request-id`), user, GraphQL operation,
 * status and duration; lines written while a request runs carry its id; passwords, tokens, cookies and file
 * contents never reach the log.
 */
let t: TestApp;
let dataDir: string;
const lines: string[] = [];
const entries = () => lines.map((line) => JSON.parse(line) as Record<string, any>);
const entriesOf = (reqId: string) => entries().filter((entry) => entry.reqId === reqId);

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'par-logs-test-'));
  const logger = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } });
  t = await startTestApp({ logger, config: { dataDir } });
});
afterAll(async () => {
  await t?.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

async function post(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { response, body: (await response.json()) as { data?: any; errors?: { extensions: { code: string } }[] } };
}

describe('the log of a sign-in', () => {
  it('has one line per request with its id, user, operation, status and duration, and never the password or the token', async () => {
    lines.length = 0;
    const signIn = await post({
      query: 'mutation SignIn($u: String!, $p: String!) { login(username: $u, password: $p) { token user { id } } }',
      operationName: 'SignIn',
      variables: { u: 'sontay', p: DEMO_PASSWORD },
    });
    const token: string = signIn.body.data.login.token;
    const userId: number = signIn.body.data.login.user.id;
    const signInId = signIn.response.headers.get('x-request-id')!;
    expect(signInId).toMatch(/^[0-9a-f]{10}$/);

    const me = await post({ query: 'query Me { me { id username } }', operationName: 'Me' }, { authorization: `Bearer ${token}` });
    const byCookie = await post({ query: '{ me { id } }' }, { cookie: `par_session=${token}` });
    const wrong = await post({
      query: 'mutation SignIn($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      variables: { u: 'sontay', p: 'Mật-khẩu-sai-hẳn-123' },
    });
    expect(wrong.body.errors?.[0]?.extensions.code).toBeDefined();
    await expect.poll(() => lines.length).toBeGreaterThanOrEqual(4);

    const [signInLine] = entriesOf(signInId);
    expect(signInLine).toMatchObject({
      level: 30,
      reqId: signInId,
      operation: 'SignIn',
      operationType: 'mutation',
      req: { method: 'POST', path: '/graphql' },
      res: { statusCode: 200 },
    });
    expect(signInLine!.responseTime).toBeTypeOf('number');
    expect(entriesOf(me.response.headers.get('x-request-id')!)[0]).toMatchObject({ userId, operation: 'Me', res: { statusCode: 200 } });
    expect(entriesOf(byCookie.response.headers.get('x-request-id')!)[0]).toMatchObject({ userId, operation: 'anonymous' });
    const wrongLine = entriesOf(wrong.response.headers.get('x-request-id')!)[0]!;
    expect(wrongLine.errorCodes).toEqual([wrong.body.errors![0]!.extensions.code]);
    expect(wrongLine.userId).toBeUndefined();

    for (const entry of entries()) expect(entry.reqId).toMatch(/^[0-9a-f]{10}$/);
    const text = lines.join('');
    expect(text).not.toContain(DEMO_PASSWORD);
    expect(text).not.toContain('Mật-khẩu-sai-hẳn-123');
    expect(text).not.toContain(token);
    expect(text.toLowerCase()).not.toContain('par_session');
    expect(text.toLowerCase()).not.toContain('bearer');
  });

  it('keeps a request id a proxy gave, and makes its own for one that is not a plain token', async () => {
    const kept = await fetch(`${t.url}/healthz`, { headers: { 'x-request-id': 'lb-7f3a.42' } });
    expect(kept.headers.get('x-request-id')).toBe('lb-7f3a.42');
    const replaced = await fetch(`${t.url}/healthz`, { headers: { 'x-request-id': 'bad id\twith "quotes"' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f]{10}$/);
    await expect.poll(() => entriesOf('lb-7f3a.42').length).toBe(1);
  });
});

describe('the log of an upload and of a failure inside a request', () => {
  it('holds no file contents; a line written while serving carries the request id and the query string is left out', async () => {
    const context = await scoringContext(t);
    const sontay = context.sontay;
    const sheet = (await readSheet(t, sontay, context.periodId, context.unitId('SONTAY'))).data.scoreSheet;
    lines.length = 0;
    const secretText = 'Noi dung mat cua ho so 5501';
    const content = files.pdf(secretText);
    const uploaded = await uploadEvidence(t.url, sheet.id, { name: 'ho-so-mat.pdf', content }, { token: sontay });
    expect(uploaded.status).toBe(201);
    const { sha256, downloadUrl } = uploaded.body.evidence as { sha256: string; downloadUrl: string };

    // The stored file vanishes from the disk: the download logs why it fails, on a line of that request.
    await fs.rm(path.join(dataDir, 'evidence', sha256.slice(0, 2), sha256.slice(2, 4), sha256));
    const download = await fetch(`${t.url}${downloadUrl}?token=${sontay}`, { headers: { authorization: `Bearer ${sontay}` } });
    expect(download.status).toBeGreaterThanOrEqual(400);
    const downloadId = download.headers.get('x-request-id')!;
    await expect.poll(() => entriesOf(downloadId).length).toBe(2);
    const [missing, done] = entriesOf(downloadId);
    expect(missing).toMatchObject({ level: 50, msg: 'stored evidence file is missing', sha256 });
    expect(done).toMatchObject({ req: { method: 'GET', path: downloadUrl }, res: { statusCode: download.status } });

    const text = lines.join('');
    expect(text).not.toContain(secretText);
    expect(text).not.toContain(content.subarray(0, 64).toString('latin1'));
    expect(text).not.toContain(sontay);
  });
});
