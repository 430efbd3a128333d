import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../server/shared/database.ts';
import { DEMO_PASSWORD } from '../../server/seed/index.ts';
import * as files from '../support/files.ts';

/**
 * Issue 10, items 1–3, as an operator meets them: the real server (`server/main.ts`, embedded
 * PostgreSQL in its own data folder) killed with SIGKILL mid-upload starts again cleanly (the
 * orphaned database released, the half upload swept, no partial evidence); a database that dies
 * under it is restarted and the service is back; a frozen database makes /readyz answer 503 within
 * 2 s while /healthz still answers. Durations are printed for the report, not asserted.
 */
const TIMEOUT = 240_000;
let dataDir: string;
let port: number;
let server: ChildProcess | undefined;
let output = '';

async function startServer(): Promise<number> {
  const started = Date.now();
  output = '';
  server = spawn(process.execPath, ['--import', './server/register.js', 'server/main.ts'], {
    env: { ...process.env, DATABASE_URL: '', PORT: String(port), DATA_DIR: dataDir, PAR_DEMO: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (chunk) => (output += chunk));
  server.stderr!.on('data', (chunk) => (output += chunk));
  const child = server;
  await expect
    .poll(() => (child.exitCode === null ? ready() : -1), { timeout: TIMEOUT, interval: 250, message: 'server ready' })
    .toBe(200)
    .catch((error: unknown) => {
      throw new Error(`${String(error)}\n${output}`);
    });
  return Date.now() - started;
}

const ready = () =>
  fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(3_000) }).then(
    (response) => response.status,
    () => 0,
  );

/** The PID in the embedded database's lock file. */
async function postgresPid(): Promise<number> {
  return Number((await fs.readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
}

/** The PIDs whose parent is `pid` (Linux /proc). */
async function childrenOf(pid: number): Promise<number[]> {
  const pids = (await fs.readdir('/proc')).filter((name) => /^\d+$/.test(name));
  const parents = await Promise.all(
    pids.map((child) =>
      fs.readFile(`/proc/${child}/stat`, 'utf8').then(
        (stat) => Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]),
        () => 0,
      ),
    ),
  );
  return pids.filter((_, index) => parents[index] === pid).map(Number);
}

/** Running, not a zombie waiting for its parent to collect it. */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
};

async function login(): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `mutation { login(username: "sontay", password: "${DEMO_PASSWORD}") { token } }` }),
  });
  return ((await response.json()) as { data: { login: { token: string } } }).data.login.token;
}

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'par-faults-'));
  // As root the database runs as the `postgres` user, which must reach its folder inside this one.
  await fs.chmod(dataDir, 0o755);
  port = await freePort();
}, TIMEOUT);

afterAll(async () => {
  server?.kill('SIGTERM');
  await new Promise((resolve) => (server?.exitCode === null ? server.once('exit', resolve) : resolve(null)));
  // Whatever database a failed step left behind.
  const pid = await postgresPid().catch(() => 0);
  if (pid && alive(pid)) process.kill(pid, 'SIGINT');
  await fs.rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
}, TIMEOUT);

describe('faults of the real server', () => {
  it(
    'starts cleanly after kill -9 mid-upload: the orphaned database is released and the half upload swept',
    async () => {
      const first = await startServer();
      const token = await login();
      const sheet = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ periods(year: 2023) { id } units { id code } }' }),
      }).then((response) => response.json() as Promise<{ data: { periods: { id: number }[]; units: { id: number; code: string }[] } }>);
      const periodId = sheet.data.periods.at(-1)!.id;
      const unitId = sheet.data.units.find((unit) => unit.code === 'SONTAY')!.id;
      const sheetId = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: `{ scoreSheet(periodId: ${periodId}, unitId: ${unitId}) { id evidence { id } } }` }),
      }).then((response) => response.json() as Promise<{ data: { scoreSheet: { id: number; evidence: unknown[] } } }>);
      const evidenceBefore = sheetId.data.scoreSheet.evidence.length;

      // An upload that has sent a part of its file when the server is killed.
      const boundary = 'XXkillXX';
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="dang-tai.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(Buffer.concat([Buffer.from(head), files.pdf('giữa chừng'), Buffer.alloc(256 * 1024, 32)]));
          // Never closed: the client is still sending when the server dies.
        },
      });
      const upload = fetch(`http://127.0.0.1:${port}/api/evidence/score-sheets/${sheetId.data.scoreSheet.id}/files`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
        body,
        duplex: 'half',
      } as RequestInit).catch(() => null);
      const staging = path.join(dataDir, 'evidence', '.staging');
      await expect
        .poll(
          () =>
            fs.readdir(staging).then(
              (names) => names.length,
              () => 0,
            ),
          { timeout: 10_000 },
        )
        .toBeGreaterThan(0);

      const orphan = await postgresPid();
      server!.kill('SIGKILL');
      await new Promise((resolve) => server!.once('exit', resolve));
      await upload;
      expect(alive(orphan)).toBe(true);

      const restarted = Date.now();
      await startServer();
      const again = Date.now() - restarted;
      expect(output).toMatch(/stopped \(left by a previous run\)/);
      expect(output).toMatch(/Removed 1 unfinished upload/);
      expect(alive(orphan)).toBe(false);
      expect(await fs.readdir(staging)).toEqual([]);
      const token2 = await login();
      const after = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token2}` },
        body: JSON.stringify({ query: `{ scoreSheet(periodId: ${periodId}, unitId: ${unitId}) { evidence { fileName } } }` }),
      }).then((response) => response.json() as Promise<{ data: { scoreSheet: { evidence: { fileName: string }[] } } }>);
      expect(after.data.scoreSheet.evidence).toHaveLength(evidenceBefore);
      console.log(`first start ${first} ms; start after kill -9 ${again} ms`);
    },
    TIMEOUT * 2,
  );

  it(
    'answers /readyz 503 within 2 s while the database is frozen, and /healthz still 200',
    async () => {
      // The whole cluster: the postmaster and the backends already serving the API's pooled connections.
      const pid = await postgresPid();
      const cluster = [pid, ...(await childrenOf(pid))];
      for (const member of cluster) process.kill(member, 'SIGSTOP');
      try {
        const asked = Date.now();
        const response = await fetch(`http://127.0.0.1:${port}/readyz`);
        const took = Date.now() - asked;
        expect(response.status).toBe(503);
        expect(await response.json()).toMatchObject({ status: 'unavailable' });
        expect(took).toBeLessThan(2_000);
        expect((await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2_000) })).status).toBe(200);
        console.log(`readyz answered 503 in ${took} ms with the database frozen`);
      } finally {
        for (const member of cluster) process.kill(member, 'SIGCONT');
      }
      await expect.poll(() => ready(), { timeout: 30_000 }).toBe(200);
    },
    TIMEOUT,
  );

  it(
    'restarts a database that dies under the running API; the service is back and keeps acknowledged writes',
    async () => {
      const token = await login();
      const saved = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: 'mutation { markNotificationsRead }' }),
      }).then((response) => response.status);
      expect(saved).toBe(200);
      const pid = await postgresPid();
      const killed = Date.now();
      process.kill(pid, 'SIGKILL');
      await expect.poll(() => output, { timeout: 10_000 }).toMatch(/stopped unexpectedly/);
      await expect.poll(() => ready(), { timeout: 30_000, interval: 200 }).toBe(200);
      const back = Date.now() - killed;
      expect(await postgresPid()).not.toBe(pid);
      expect(await login()).toBeTypeOf('string');
      console.log(`service back ${back} ms after the database was killed`);
    },
    TIMEOUT,
  );

  it(
    'stops on SIGTERM (issue 15): the API, then the embedded database, with exit status 0',
    async () => {
      const pid = await postgresPid();
      const signalled = Date.now();
      server!.kill('SIGTERM');
      const code = await new Promise((resolve) => server!.once('exit', resolve));
      expect(code).toBe(0);
      expect(output).toMatch(/SIGTERM: stopping/);
      expect(output).toMatch(/Stopped in \d+ ms/);
      expect(alive(pid)).toBe(false);
      await expect(fs.access(path.join(dataDir, 'pg', 'postmaster.pid'))).rejects.toThrow();
      console.log(`SIGTERM to exit, embedded database included: ${Date.now() - signalled} ms`);
    },
    TIMEOUT,
  );
});
