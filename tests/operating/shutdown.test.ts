import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/index.ts';
import * as files from '../support/files.ts';
import { serverWorkspace, startServerProcess, type ServerProcess, type ServerWorkspace } from '../support/server-process.ts';

/**
 * Issue 15, item 7, as an operator meets it: the real server (`server/main.ts`) sent SIGTERM while an upload is
 * still arriving stops taking connections, lets the upload finish and file its evidence, then exits 0; an upload that
 * would outlast SHUTDOWN_TIMEOUT_S is cut and the server exits anyway, leaving nothing half-filed.
 */
const TIMEOUT = 120_000;
let workspace: ServerWorkspace;

beforeAll(async () => {
  workspace = await serverWorkspace('shutdown');
}, TIMEOUT);
afterAll(() => workspace.remove(), TIMEOUT);

function startServer(shutdownSeconds: number): Promise<ServerProcess> {
  return startServerProcess({ ...workspace.env, SHUTDOWN_TIMEOUT_S: String(shutdownSeconds) });
}

async function graphql<T>(url: string, query: string, token?: string): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return ((await response.json()) as { data: T }).data;
}

/** Sơn Tây's token and its 2023 score sheet. */
async function sontaySheet(url: string): Promise<{ token: string; sheetId: number }> {
  const { login } = await graphql<{ login: { token: string } }>(
    url,
    `mutation { login(username: "sontay", password: "${DEMO_PASSWORD}") { token } }`,
  );
  const { periods, units } = await graphql<{ periods: { id: number }[]; units: { id: number; code: string }[] }>(
    url,
    '{ periods(year: 2023) { id } units { id code } }',
    login.token,
  );
  const unitId = units.find((unit) => unit.code === 'SONTAY')!.id;
  const { scoreSheet } = await graphql<{ scoreSheet: { id: number } }>(
    url,
    `{ scoreSheet(periodId: ${periods.at(-1)!.id}, unitId: ${unitId}) { id } }`,
    login.token,
  );
  return { token: login.token, sheetId: scoreSheet.id };
}

/** An upload whose body the test sends in two steps: `finish()` sends the rest. */
function slowUpload(url: string, token: string, sheetId: number, content: Buffer) {
  const boundary = `XXshutdown${randomBytes(4).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="nop-khi-dung.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
  const half = Math.floor(content.length / 2);
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(given) {
      controller = given;
      controller.enqueue(Buffer.concat([Buffer.from(head), content.subarray(0, half)]));
    },
  });
  const answer = fetch(`${url}/api/evidence/score-sheets/${sheetId}/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    body,
    duplex: 'half',
  } as RequestInit).then(
    async (response) => ({ status: response.status, body: (await response.json()) as { evidence?: { sha256: string } } }),
    (error: unknown) => ({ status: 0, body: { error: String(error) } as { evidence?: { sha256: string } } }),
  );
  return {
    answer,
    finish() {
      controller.enqueue(Buffer.concat([content.subarray(half), Buffer.from(`\r\n--${boundary}--\r\n`)]));
      controller.close();
    },
  };
}

const staged = () =>
  fs.readdir(path.join(workspace.dataDir, 'evidence', '.staging')).then(
    (names) => names.length,
    () => 0,
  );

async function evidenceRows(sha256: string): Promise<number> {
  const client = new pg.Client({ connectionString: workspace.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>('select count(*)::int as n from evidence where file_sha256 = $1', [sha256]);
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

describe('SIGTERM', () => {
  it(
    'during an upload: no new connections, the upload completes and is filed, then the server exits 0',
    async () => {
      const server = await startServer(30);
      const { token, sheetId } = await sontaySheet(server.url);
      const content = files.pdf(`Nộp khi máy chủ dừng ${randomBytes(4).toString('hex')}`);
      const sha256 = createHash('sha256').update(content).digest('hex');
      const upload = slowUpload(server.url, token, sheetId, content);
      await expect.poll(staged, { timeout: 10_000 }).toBeGreaterThan(0);

      const signalled = Date.now();
      server.child.kill('SIGTERM');
      await expect.poll(server.output, { timeout: 10_000 }).toMatch(/SIGTERM: stopping — no new connections; 1 request\(s\) in flight/);
      // Stopped accepting: a new connection is refused while the upload is still arriving.
      await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
      expect(server.child.exitCode).toBeNull();

      upload.finish();
      const answer = await upload.answer;
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      expect(answer.body.evidence?.sha256).toBe(sha256);
      expect(await server.exited).toBe(0);
      const took = Date.now() - signalled;
      expect(server.output()).toMatch(/Stopped in \d+ ms/);
      expect(server.output()).not.toMatch(/again: exiting now/);
      expect(await evidenceRows(sha256)).toBe(1);
      await fs.access(path.join(workspace.dataDir, 'evidence', sha256.slice(0, 2), sha256.slice(2, 4), sha256));
      expect(await staged()).toBe(0);
      console.log(`SIGTERM to exit with an upload in flight: ${took} ms`);
    },
    TIMEOUT * 2,
  );

  it(
    'cuts an upload that outlasts SHUTDOWN_TIMEOUT_S and exits anyway, leaving nothing half-filed',
    async () => {
      const server = await startServer(1);
      const { token, sheetId } = await sontaySheet(server.url);
      const content = files.pdf(`Không bao giờ gửi xong ${randomBytes(4).toString('hex')}`);
      const sha256 = createHash('sha256').update(content).digest('hex');
      const upload = slowUpload(server.url, token, sheetId, content);
      await expect.poll(staged, { timeout: 10_000 }).toBeGreaterThan(0);

      const signalled = Date.now();
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      const took = Date.now() - signalled;
      expect(took).toBeLessThan(10_000);
      expect((await upload.answer).status).not.toBe(201);
      expect(await evidenceRows(sha256)).toBe(0);
      expect(await staged()).toBe(0);
      console.log(`SIGTERM to exit with an upload cut after SHUTDOWN_TIMEOUT_S=1: ${took} ms`);
    },
    TIMEOUT * 2,
  );
});
