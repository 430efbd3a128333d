// The two peers the app is measured against on the same database: PostGraphile v5 (Amber preset,
// as superuser: no permission work), installed by the script into .bench/ (git-ignored), and a
// raw-SQL server (plain http + the project's own SELECTs and assembly code, no GraphQL).
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import type { MikroORM } from '@mikro-orm/postgresql';
import { loadCriteriaTrees, type CriterionView } from '../../server/criteria/index.ts';
import { findSheetHead, loadSheetDetail, stateOf } from '../../server/scoring/scoring.read.ts';
import { freePort } from '../../server/shared/database.ts';

const POSTGRAPHILE = '5.1.5';
const dir = path.resolve('.bench/postgraphile');

export interface Peer {
  url: string;
  stop(): Promise<void>;
}

/** Installs PostGraphile once into .bench/postgraphile and serves the database's public schema. */
export async function startPostGraphile(databaseUrl: string): Promise<Peer> {
  await fs.mkdir(dir, { recursive: true });
  const installed = await fs.readFile(path.join(dir, 'node_modules/postgraphile/package.json'), 'utf8').then(
    (text) => (JSON.parse(text) as { version: string }).version,
    () => null,
  );
  if (installed !== POSTGRAPHILE) {
    console.log(`Installing PostGraphile ${POSTGRAPHILE} into ${dir} …`);
    await fs.writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench-postgraphile', private: true, type: 'module' }));
    await promisify(execFile)('npm', ['install', '--no-audit', '--no-fund', '-E', `postgraphile@${POSTGRAPHILE}`], { cwd: dir });
  }
  // PostGraphile 5 needs Node ≥ 22: on Node 20 every data query fails without this.
  await fs.writeFile(
    path.join(dir, 'polyfill.mjs'),
    `if (!Promise.withResolvers) {
  Promise.withResolvers = function () {
    let resolve, reject;
    const promise = new this((res, rej) => { resolve = res; reject = rej; });
    return { promise, resolve, reject };
  };
}
`,
  );
  await fs.writeFile(
    path.join(dir, 'graphile.config.mjs'),
    `import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { makePgService } from 'postgraphile/adaptors/pg';
export default {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString: process.env.BENCH_DATABASE_URL, schemas: ['public'] })],
  grafserv: { port: Number(process.env.BENCH_PORT), host: '127.0.0.1' },
  grafast: { explain: false },
};
`,
  );
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', './polyfill.mjs', 'node_modules/postgraphile/dist/cli-run.js', '-C', 'graphile.config.mjs'],
    {
      cwd: dir,
      env: { ...process.env, NODE_ENV: 'production', BENCH_DATABASE_URL: databaseUrl, BENCH_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    child,
    () => output,
    async () =>
      (await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{__typename}"}' }))
        .ok,
  );
  return { url, stop: () => stopChild(child) };
}

async function waitFor(child: ChildProcess, output: () => string, ready: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`peer exited:\n${output()}`);
    if (await ready().catch(() => false)) return;
    if (attempt > 300) throw new Error(`peer did not start:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}

/** Raw rows of a consultation's active comments with unit, criterion and response, as the board shows them. */
const COMMENTS = `select fc.id, fc.criterion_id, fc.aspect, fc.text, fc.status, fc.version,
       u.id as unit_id, u.code as unit_code, u.name as unit_name, c.code as criterion_code, c.title as criterion_title,
       r.id as response_id, r.resolution, r.explanation, r.status as response_status
  from feedback_comment fc join unit u on u.id = fc.unit_id left join criterion c on c.id = fc.criterion_id
  left join feedback_response r on r.comment_id = fc.id
 where fc.consultation_id = ? and fc.status = 'ACTIVE' order by fc.id`;

/** The raw peer: `/tree?id=`, `/sheet?period=&unit=`, `/comments?id=` with the project's SELECTs, no GraphQL, no permission work. */
export async function startRawServer(orm: MikroORM): Promise<Peer> {
  // Each route selects what the GraphQL query selects, from the project's read functions.
  const pick = (node: CriterionView): unknown => ({
    id: node.id,
    code: node.code,
    title: node.title,
    guidance: node.guidance,
    maxPoints: node.maxPoints,
    kind: node.kind,
    children: node.children.map(pick),
  });
  const routes: Record<string, (params: URLSearchParams) => Promise<unknown>> = {
    '/tree': async (params) => {
      const id = Number(params.get('id'));
      return (await loadCriteriaTrees(orm.em.fork(), [id])).get(id)!.roots.map(pick);
    },
    '/sheet': async (params) => {
      const em = orm.em.fork();
      const head = (await findSheetHead(em, Number(params.get('period')), Number(params.get('unit'))))!;
      const { nodes } = await loadSheetDetail(em, stateOf(head));
      return {
        id: head.sheet_id,
        status: head.status,
        nodes: nodes.map(({ criterion, score }) => ({
          criterion: { id: criterion.id, code: criterion.code, title: criterion.title, maxPoints: criterion.maxPoints },
          score: score && { id: score.id, points: score.points, note: score.note, applicable: score.applicable, version: score.version },
        })),
      };
    },
    '/comments': async (params) => orm.em.fork().execute(COMMENTS, [Number(params.get('id'))]),
  };
  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url!, 'http://x');
    try {
      const body = JSON.stringify(await routes[url.pathname]!(url.searchParams));
      response.writeHead(200, { 'content-type': 'application/json' }).end(body);
    } catch (error) {
      response.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
