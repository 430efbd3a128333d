import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/index.ts';
import { serverWorkspace, startServerProcess, type ServerProcess, type ServerWorkspace } from '../support/server-process.ts';

/**
 * API_PROCESSES=2 as an operator runs it: the real server (`server/main.ts`) forks two workers that answer on one port
 * and act as one server (a session ended through one is refused by both, `/metrics` counts both), replaces a worker
 * that dies, and on SIGTERM stops the workers, then itself, exiting 0.
 */
const TIMEOUT = 120_000;
let workspace: ServerWorkspace;
let child: ChildProcess;
let server: ServerProcess;
let url: string;

beforeAll(async () => {
  workspace = await serverWorkspace('workers');
  server = await startServerProcess(
    { ...workspace.env, API_PROCESSES: '2' },
    // Logged once every worker listens (the first answers as soon as it does).
    { readyWhen: (output) => output.includes('GraphQL API') },
  );
  child = server.child;
  url = server.url;
}, TIMEOUT);

afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGKILL');
  await workspace.remove();
}, TIMEOUT);

/** One request on a connection of its own (the supervising process hands each new connection to the next worker). */
function request(method: string, route: string, body?: object, token?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const payload = body ? JSON.stringify(body) : undefined;
    const outgoing = http.request(
      `${url}${route}`,
      {
        method,
        agent: false,
        headers: {
          ...(payload ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, text }));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

const graphql = async (query: string, token?: string) =>
  JSON.parse((await request('POST', '/graphql', { query }, token)).text) as { data?: any; errors?: { extensions: { code: string } }[] };

/** The processes that logged answering `route` (each request's log line carries its process id). */
const answeringPids = (route: string): Set<number> =>
  new Set(
    server
      .output()
      .split('\n')
      .filter((line) => line.includes(`"path":"${route}"`) && line.endsWith('}'))
      .map((line) => (JSON.parse(line) as { pid: number }).pid),
  );

describe('API_PROCESSES=2: workers behind one port', () => {
  it('answers from two worker processes, not the supervising one', async () => {
    for (let i = 0; i < 8; i++) expect((await request('GET', '/healthz')).status).toBe(200);
    await expect.poll(() => answeringPids('/healthz').size).toBe(2);
    expect(answeringPids('/healthz').has(child.pid!)).toBe(false);
  });

  it('acts as one server: a session signed out through one connection is refused on every other', async () => {
    const { data } = await graphql(`mutation { login(username: "admin", password: "${DEMO_PASSWORD}") { token } }`);
    const token = (data as { login: { token: string } }).login.token;
    for (let i = 0; i < 4; i++) expect((await graphql('{ me { username } }', token)).data).toEqual({ me: { username: 'admin' } });
    expect((await graphql('mutation { logout }', token)).data).toEqual({ logout: true });
    for (let i = 0; i < 4; i++) {
      expect((await graphql('{ me { username } }', token)).errors?.map((error) => error.extensions.code)).toEqual(['UNAUTHENTICATED']);
    }
    expect(answeringPids('/graphql').size).toBe(2);
  });

  it('counts every worker in /metrics, and the jobs the supervising process runs', async () => {
    const before = healthzCount((await request('GET', '/metrics')).text);
    for (let i = 0; i < 6; i++) await request('GET', '/healthz');
    const metrics = (await request('GET', '/metrics')).text;
    expect(healthzCount(metrics)).toBe(before + 6);
    expect(metrics).toMatch(/^par_job_runs_total\{job="seal-audit-chain",outcome="ok"\} [1-9]/m);
  });

  it('replaces a worker that dies, and keeps answering meanwhile', async () => {
    const [victim, survivor] = [...answeringPids('/healthz')] as [number, number];
    process.kill(victim, 'SIGKILL');
    await expect.poll(server.output).toContain(`API worker ${victim} stopped (SIGKILL); starting another`);
    await expect
      .poll(
        async () => {
          expect((await request('GET', '/healthz')).status).toBe(200);
          return [...answeringPids('/healthz')].filter((pid) => pid !== victim && pid !== survivor).length;
        },
        { timeout: 60_000, interval: 200 },
      )
      .toBe(1);
  }, 90_000);

  it('stops the workers, then itself, on SIGTERM', async () => {
    const workers = [...answeringPids('/healthz')];
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(server.output()).toMatch(/Stopped in \d+ ms/);
    for (const pid of workers) expect(alive(pid)).toBe(false);
  }, 60_000);
});

const healthzCount = (metrics: string) =>
  Number(/^par_http_requests_total\{method="GET",route="\/healthz",status="200"\} (\d+)/m.exec(metrics)?.[1] ?? 0);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
