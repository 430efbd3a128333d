// Shared by the benchmark scripts: the app in a child process on its own embedded database,
// sign-in, and autocannon runs. Figures vary ±15–30 % on shared cores: compare ratios from one run.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import autocannon from 'autocannon';
import { SECRETS_FILE, type EmbeddedSecrets } from '../../server/shared/database-roles.ts';
import { freePort } from '../../server/shared/database.ts';

export interface BenchServer {
  url: string;
  child: ChildProcess;
  dataDir: string;
  /** Stops the app and its database; the data folder is removed unless `keepData`. */
  stop(keepData?: boolean): Promise<void>;
}

/** `npm start` without the portal build (production mode): embedded PostgreSQL in a temp folder, migrated and seeded. */
export async function startBenchServer(
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
  existingDataDir?: string,
): Promise<BenchServer> {
  const dataDir = existingDataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'par-bench-')));
  await fs.chmod(dataDir, 0o755); // PostgreSQL runs as the postgres user when we are root
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, '--import', './server/register.js', 'server/main.ts'], {
    // LOG_LEVEL=warn: a line per request would grow `output` for the whole run and measure the log pipe, not the API.
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', PORT: String(port), DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (attempt > 600) throw new Error(`server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    child,
    dataDir,
    async stop(keepData = false) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      if (!keepData) await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** `fresh`: asks the app to run the query rather than answer from its response cache (Cache-Control: no-cache). */
export async function graphql<T = any>(url: string, query: string, variables: object = {}, token?: string, fresh = false): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(fresh ? { 'cache-control': 'no-cache' } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

export async function login(url: string, username: string, password = 'hanoi2023'): Promise<string> {
  const data = await graphql<{ login: { token: string } }>(
    url,
    'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
    { u: username, p: password },
  );
  return data.login.token;
}

export interface Measurement {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
}

/** POSTs one GraphQL operation with `connections` (10) connections for `seconds` after a short warm-up. */
export async function measureGraphQL(
  name: string,
  url: string,
  token: string,
  query: string,
  variables: object = {},
  seconds = 10,
  connections = 10,
): Promise<Measurement> {
  const options = {
    url: `${url}/graphql`,
    method: 'POST' as const,
    connections,
    timeout: 120,
    // The same request over and over would measure the response cache: each one asks for the query to run.
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'cache-control': 'no-cache' },
    body: JSON.stringify({ query, variables }),
  };
  await autocannon({ ...options, duration: 3 });
  const result = await autocannon({ ...options, duration: seconds });
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
  };
}

/** The same work without GraphQL: `run` called by `concurrency` (10) concurrent loops for `seconds`. */
export async function measureLoop(name: string, run: () => Promise<unknown>, seconds = 10, concurrency = 10): Promise<Measurement> {
  const warmUntil = Date.now() + 2000;
  const loop = async (until: number, latencies: number[]) => {
    while (Date.now() < until) {
      const start = performance.now();
      await run();
      latencies.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, () => loop(warmUntil, [])));
  const latencies: number[] = [];
  const start = Date.now();
  await Promise.all(Array.from({ length: concurrency }, () => loop(start + seconds * 1000, latencies)));
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.floor(q * (latencies.length - 1))]! * 10) / 10;
  return {
    name,
    requestsPerSecond: Math.round(latencies.length / ((Date.now() - start) / 1000)),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    non2xx: 0,
  };
}

export function report(rows: Measurement[]): void {
  console.table(rows.map((row) => ({ ...row })));
}

/** The process's resident memory now and its high-water mark since the last reset (`/proc/<pid>/clear_refs` ← 5). */
export async function procStatus(pid: number): Promise<{ rss: number; hwm: number }> {
  const text = await fs.readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** Uploads `file` as evidence of a sheet, streaming a multipart body from disk (the client holds no copy either). */
export async function uploadEvidence(url: string, token: string, sheetId: number, file: string): Promise<{ id: number; ms: number }> {
  const boundary = `----bench${randomBytes(8).toString('hex')}`;
  async function* body() {
    yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="documentNumber"\r\n\r\n1/BC-BENCH\r\n`);
    yield Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${path.basename(file)}"\r\nContent-Type: application/pdf\r\n\r\n`,
    );
    yield* createReadStream(file, { highWaterMark: 1 << 16 });
    yield Buffer.from(`\r\n--${boundary}--\r\n`);
  }
  const start = performance.now();
  const response = await fetch(`${url}/api/evidence/score-sheets/${sheetId}/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    body: Readable.toWeb(Readable.from(body())) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  const text = await response.text();
  if (response.status >= 300) throw new Error(`upload failed: ${response.status} ${text}`);
  return { id: (JSON.parse(text) as { evidence: { id: number } }).evidence.id, ms: Math.round(performance.now() - start) };
}

/**
 * The bench server's embedded database as its superuser: the port from postmaster.pid (line 4), the password
 * generated at its first start (database-secrets.json). For pgbench, the raw-SQL peers and the checks after a run.
 */
export async function superuserUrlOf(dataDir: string): Promise<string> {
  const port = Number((await fs.readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[3]);
  const secrets = JSON.parse(await fs.readFile(path.join(dataDir, SECRETS_FILE), 'utf8')) as EmbeddedSecrets;
  return `postgres://postgres:${encodeURIComponent(secrets.superuser)}@127.0.0.1:${port}/par_index`;
}

/** The signed-in unit user's unit and the demo's 2023 period (the latest of that year): where its sheet is. */
export async function demoSheetOf(url: string, token: string): Promise<{ periodId: number; unitId: number }> {
  const { me, periods } = await graphql<{ me: { unitId: number }; periods: { id: number }[] }>(
    url,
    '{ me { unitId } periods(year: 2023) { id } }',
    {},
    token,
  );
  return { periodId: periods.at(-1)!.id, unitId: me.unitId };
}
