// npm run bench [-- seconds rounds communes parts]: the app against PostGraphile v5 and raw SQL on the
// same database (reads; the app with and without its response cache), against pgbench (deadline-day
// writes, the app as one process and as API_PROCESSES workers, one per core), and the national ranking. `parts`: any
// of reads,writes,national joined by commas (default all).
// Not part of npm test. Figures vary ±15–30 % on shared cores: read the ratios of one run, and
// the machine's load printed first.
import os from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '../../server/orm.config.ts';
import { graphql, login, startBenchServer, superuserUrlOf, type Measurement } from './harness.ts';
import { generateNational } from './national.ts';
import { startPostGraphile, startRawServer, type Peer } from './peers.ts';
import { findPgbench, lastAuditId, lostUpdates, measurePgbench, measureSaves, prepareItems } from './writes.ts';

const seconds = Number(process.argv[2] ?? 10);
const rounds = Number(process.argv[3] ?? 3);
const communes = Number(process.argv[4] ?? 3400);
const parts = new Set((process.argv[5] ?? 'reads,writes,national').split(','));
/** Issue 13: a block's ranking at national scale, year over year, run every time. */
const RANKING_GOAL_MS = 150;

type Canonical = string[];
interface Target {
  send: () => autocannon.Options;
  fetch: () => Promise<unknown>;
}
interface ReadCase {
  name: string;
  /** The app's target; `fresh`: every request asks to bypass the response cache. */
  app: (fresh?: boolean) => Target;
  postgraphile: Target;
  raw: Target;
  /** Each peer's answer as sorted lines of the data both must carry. */
  canonical: { app: (body: any) => Canonical; postgraphile: (body: any) => Canonical; raw: (body: any) => Canonical };
}

/** `fresh`: the request asks not to be answered from a cache (Cache-Control: no-cache), so the app runs the query every time. */
const gqlTarget = (url: string, query: string, variables: object, token?: string, fresh = false): Target => {
  const headers = {
    'content-type': 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(fresh ? { 'cache-control': 'no-cache' } : {}),
  };
  const body = JSON.stringify({ query, variables });
  return {
    send: () => ({ url: `${url}/graphql`, method: 'POST', headers, body }),
    fetch: async () => {
      const answer = await fetch(`${url}/graphql`, { method: 'POST', headers, body });
      const response = (await answer.json()) as { data: unknown; errors?: unknown };
      if (response.errors || !response.data) throw new Error(`${answer.status} ${JSON.stringify(response)}`);
      return response.data;
    },
  };
};
const getTarget = (url: string): Target => ({ send: () => ({ url, method: 'GET' }), fetch: async () => (await fetch(url)).json() });

async function measure(name: string, target: Target): Promise<Measurement> {
  const options = { ...target.send(), connections: 10, timeout: 60 };
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

/** Committed transactions per request (each autocommitted statement is one), from pg_stat_database. */
async function transactionsPerRequest(pool: pg.Pool, target: Target): Promise<number> {
  const count = async () => {
    await new Promise((resolve) => setTimeout(resolve, 11_000)); // an idle backend flushes its counters within 10 s
    await pool.query('select pg_stat_clear_snapshot()');
    return Number((await pool.query(`select xact_commit from pg_stat_database where datname = current_database()`)).rows[0].xact_commit);
  };
  const before = await count();
  for (let i = 0; i < 20; i++) await target.fetch();
  return Math.round(((await count()) - before - 2) / 20); // less the two reads of the counter
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const sorted = (lines: string[]) => [...lines].sort();

// pgbench's 200 clients need more than PostgreSQL's default 100 connections: set, then restart.
const first = await startBenchServer();
const admin = new pg.Client({ connectionString: await superuserUrlOf(first.dataDir) });
await admin.connect();
await admin.query('alter system set max_connections = 300');
await admin.end();
await first.stop(true);
const host = await startBenchServer({}, [], first.dataDir);
const databaseUrl = await superuserUrlOf(host.dataDir);
// The app measured is a second instance on that database (the first only keeps it), as one process; for the writes
// a third runs as API_PROCESSES workers, one per core. Both started from the same DATABASE_URL, as instances
// behind one address are, so they agree on the request role's password.
const server = await startBenchServer({ DATABASE_URL: databaseUrl });
const workerCount = os.availableParallelism();
const workers = parts.has('writes') ? await startBenchServer({ DATABASE_URL: databaseUrl, API_PROCESSES: String(workerCount) }) : null;
const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
pool.on('error', () => {}); // idle clients cut off when the database stops at the end
const orm = await MikroORM.init(ormConfig(databaseUrl, { requestTimeouts: false }));
const peers: Peer[] = [];
try {
  console.log(
    `Machine: ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; ${seconds} s per measurement, ${rounds} rounds`,
  );
  const [analyst, sontay, secretariat] = await Promise.all(['analyst', 'sontay', 'secretariat'].map((user) => login(server.url, user)));
  const ids = (
    await pool.query<{ set_id: number; period_id: number; unit_id: number; consultation_id: number }>(
      `select (select cs.id from criteria_set cs where cs.status = 'PUBLISHED' order by cs.year desc, cs.block limit 1) as set_id,
              (select p.id from period p where p.status = 'SELF_ASSESSMENT' order by p.year desc limit 1) as period_id,
              (select u.id from unit u where u.code = 'SONTAY') as unit_id,
              (select c.consultation_id from feedback_comment c group by c.consultation_id order by count(*) desc limit 1) as consultation_id`,
    )
  ).rows[0]!;
  peers.push(await startPostGraphile(databaseUrl), await startRawServer(orm));
  const [postgraphile, raw] = peers as [Peer, Peer];

  const TREE_FIELDS = 'code title guidance maxPoints kind';
  const cases: ReadCase[] = [
    {
      name: 'criteria tree of one set (analyst)',
      app: (fresh) =>
        gqlTarget(
          server.url,
          `query($id: Int!) { criteriaSet(id: $id) { id title areas { id ${TREE_FIELDS} children { id ${TREE_FIELDS} children { id ${TREE_FIELDS} } } } } }`,
          { id: ids.set_id },
          analyst,
          fresh,
        ),
      postgraphile: gqlTarget(
        postgraphile.url,
        `query($id: Int!) { criteriaSetByRowId(rowId: $id) { rowId title criteriaByCriteriaSetId(condition: { parentId: null }) { nodes {
           rowId ${TREE_FIELDS} criteriaByParentId { nodes { rowId ${TREE_FIELDS} criteriaByParentId { nodes { rowId ${TREE_FIELDS} } } } } } } } }`,
        { id: ids.set_id },
      ),
      raw: getTarget(`${raw.url}/tree?id=${ids.set_id}`),
      canonical: {
        app: (data) => {
          const walk = (nodes: any[]): string[] =>
            nodes.flatMap((n) => [`${n.code}|${n.title}|${n.maxPoints}|${n.kind}`, ...walk(n.children ?? [])]);
          return sorted(walk(data.criteriaSet.areas));
        },
        postgraphile: (data) => {
          const walk = (nodes: any[]): string[] =>
            nodes.flatMap((n) => [`${n.code}|${n.title}|${n.maxPoints}|${n.kind}`, ...walk(n.criteriaByParentId?.nodes ?? [])]);
          return sorted(walk(data.criteriaSetByRowId.criteriaByCriteriaSetId.nodes));
        },
        raw: (roots) => {
          const walk = (nodes: any[]): string[] =>
            nodes.flatMap((n) => [`${n.code}|${n.title}|${n.maxPoints}|${n.kind}`, ...walk(n.children)]);
          return sorted(walk(roots));
        },
      },
    },
    {
      name: 'score sheet as the unit (sontay)',
      app: (fresh) =>
        gqlTarget(
          server.url,
          `query($p: Int!, $u: Int!) { scoreSheet(periodId: $p, unitId: $u) { id status nodes {
           criterion { id code title maxPoints } score { id points note applicable version } } } }`,
          { p: ids.period_id, u: ids.unit_id },
          sontay,
          fresh,
        ),
      postgraphile: gqlTarget(
        postgraphile.url,
        `query($p: Int!, $u: Int!) { scoreSheetByPeriodIdAndUnitId(periodId: $p, unitId: $u) { rowId status scoresBySheetId { nodes {
           rowId selfPoints note applicable version criterionByCriterionId { rowId code title maxPoints } } } } }`,
        { p: ids.period_id, u: ids.unit_id },
      ),
      raw: getTarget(`${raw.url}/sheet?period=${ids.period_id}&unit=${ids.unit_id}`),
      canonical: {
        app: (data) =>
          sorted(
            data.scoreSheet.nodes
              .filter((n: any) => n.score)
              .map((n: any) => `${n.criterion.code}|${n.score.points}|${n.score.applicable}|${n.score.note}|${n.score.version}`),
          ),
        postgraphile: (data) =>
          sorted(
            data.scoreSheetByPeriodIdAndUnitId.scoresBySheetId.nodes.map(
              (s: any) => `${s.criterionByCriterionId.code}|${s.selfPoints}|${s.applicable}|${s.note}|${s.version}`,
            ),
          ),
        raw: (sheet) =>
          sorted(
            sheet.nodes
              .filter((n: any) => n.score)
              .map((n: any) => `${n.criterion.code}|${n.score.points}|${n.score.applicable}|${n.score.note}|${n.score.version}`),
          ),
      },
    },
    {
      name: 'consultation comment board (secretariat)',
      app: (fresh) =>
        gqlTarget(
          server.url,
          `query($id: Int!) { consultation(id: $id) { id comments { id criterionId aspect text status version
           unit { id code name } criterion { id code title } response { id resolution explanation status } } } }`,
          { id: ids.consultation_id },
          secretariat,
          fresh,
        ),
      postgraphile: gqlTarget(
        postgraphile.url,
        `query($id: Int!) { consultationByRowId(rowId: $id) { rowId feedbackCommentsByConsultationId { nodes {
           rowId criterionId aspect text status version unitByUnitId { rowId code name } criterionByCriterionId { rowId code title }
           feedbackResponseByCommentId { rowId resolution explanation status } } } } }`,
        { id: ids.consultation_id },
      ),
      raw: getTarget(`${raw.url}/comments?id=${ids.consultation_id}`),
      canonical: {
        app: (data) =>
          sorted(
            data.consultation.comments.map(
              (c: any) => `${c.id}|${c.text}|${c.unit.code}|${c.criterion?.code ?? ''}|${c.response?.resolution ?? ''}`,
            ),
          ),
        postgraphile: (data) =>
          sorted(
            data.consultationByRowId.feedbackCommentsByConsultationId.nodes
              .filter((c: any) => c.status === 'ACTIVE') // it has no condition on an unindexed column: it ships withdrawn ones too
              .map(
                (c: any) =>
                  `${c.rowId}|${c.text}|${c.unitByUnitId.code}|${c.criterionByCriterionId?.code ?? ''}|${c.feedbackResponseByCommentId?.resolution ?? ''}`,
              ),
          ),
        raw: (rows) => sorted(rows.map((r: any) => `${r.id}|${r.text}|${r.unit_code}|${r.criterion_code ?? ''}|${r.resolution ?? ''}`)),
      },
    },
  ];

  // Reads: the three peers alternate within each round, so drifts in the machine's load hit all alike.
  const readRows: Record<string, unknown>[] = [];
  for (const read of parts.has('reads') ? cases : []) {
    const app = read.app();
    const answers = {
      app: read.canonical.app(await app.fetch()),
      postgraphile: [] as Canonical,
      raw: read.canonical.raw(await read.raw.fetch()),
    };
    let postgraphileError: string | null = null;
    try {
      answers.postgraphile = read.canonical.postgraphile(await read.postgraphile.fetch());
    } catch (error) {
      postgraphileError = String(error).slice(0, 300);
    }
    const appUncached = read.app(true);
    const same = (other: Canonical) => JSON.stringify(other) === JSON.stringify(answers.app);
    console.log(
      `\n${read.name}: ${answers.app.length} rows; same data — uncached app ${same(read.canonical.app(await appUncached.fetch())) ? 'yes' : 'NO'}, ` +
        `PostGraphile ${postgraphileError ?? (same(answers.postgraphile) ? 'yes' : 'NO')}, raw ${same(answers.raw) ? 'yes' : 'NO'}`,
    );
    const peersOf = {
      app,
      'app uncached': appUncached,
      ...(postgraphileError ? {} : { postgraphile: read.postgraphile }),
      raw: read.raw,
    };
    const runs: Record<string, Measurement[]> = {};
    for (let round = 0; round < rounds; round++) {
      for (const [peer, target] of Object.entries(peersOf)) (runs[peer] ??= []).push(await measure(peer, target));
    }
    const row: Record<string, unknown> = { query: read.name };
    for (const [peer, list] of Object.entries(runs)) {
      row[`${peer} req/s`] = median(list.map((m) => m.requestsPerSecond));
      row[`${peer} p50/p99 ms`] = `${median(list.map((m) => m.p50Ms))}/${median(list.map((m) => m.p99Ms))}`;
      row[`${peer} SQL`] = await transactionsPerRequest(pool, peersOf[peer as keyof typeof peersOf]!);
    }
    if (runs.postgraphile) {
      row['app ÷ PostGraphile'] = (Number(row['app req/s']) / Number(row['postgraphile req/s'])).toFixed(2);
      row['uncached ÷ PostGraphile'] = (Number(row['app uncached req/s']) / Number(row['postgraphile req/s'])).toFixed(2);
    }
    row['app ÷ raw'] = (Number(row['app req/s']) / Number(row['raw req/s'])).toFixed(2);
    readRows.push(row);
  }
  if (readRows.length) {
    console.log(
      '\nReads (medians of the rounds; SQL = committed transactions per request, one per autocommitted statement;' +
        ' "app" answers repeats from its response cache, "app uncached" asks with Cache-Control: no-cache):',
    );
    console.table(readRows);
  }

  if (parts.has('writes')) {
    // Writes: the portal's save document against pgbench running the same transaction.
    const pgbench = await findPgbench();
    const writeRows: Record<string, unknown>[] = [];
    for (const clients of [50, 200]) {
      const items = await prepareItems(server.url, pool, ids.period_id, clients);
      const initial = items.map((item) => item.version);
      const since = await lastAuditId(pool);
      const app: Measurement[] = [];
      const appWorkers: Measurement[] = [];
      const bench: Measurement[] = [];
      for (let round = 0; round < rounds; round++) {
        for (const [instance, measurements] of [
          [server, app],
          [workers!, appWorkers],
        ] as const) {
          measurements.push(await measureSaves(instance.url, items, seconds));
        }
        if (pgbench) {
          const before = items.map((item) => item.version);
          bench.push(await measurePgbench(pgbench, databaseUrl, pool, items, seconds));
          // pgbench moved the versions on: the app's clients continue from the database's.
          const { rows } = await pool.query<{ id: number; version: number }>(`select id, version from score where id = any($1)`, [
            items.map((i) => i.scoreId),
          ]);
          const now = new Map(rows.map((r) => [r.id, r.version]));
          items.forEach((item, i) => {
            initial[i]! += now.get(item.scoreId)! - before[i]!;
            item.version = now.get(item.scoreId)!;
          });
        }
      }
      const lost = pgbench ? 'n/a (pgbench wrote too)' : await lostUpdates(pool, items, initial, since);
      const benchRate = bench.length ? median(bench.map((m) => m.requestsPerSecond)) : null;
      for (const [processes, measurements] of [
        [1, app],
        [workerCount, appWorkers],
      ] as const) {
        const appRate = median(measurements.map((m) => m.requestsPerSecond));
        writeRows.push({
          clients,
          'API processes': processes,
          'app saves/s': appRate,
          'app p50/p99 ms': `${median(measurements.map((m) => m.p50Ms))}/${median(measurements.map((m) => m.p99Ms))}`,
          'app errors': measurements.reduce((sum, m) => sum + m.non2xx, 0),
          'pgbench tps': benchRate ?? 'pgbench not found',
          'pgbench p50/p99 ms': bench.length ? `${median(bench.map((m) => m.p50Ms))}/${median(bench.map((m) => m.p99Ms))}` : '',
          'app ÷ pgbench': benchRate ? (appRate / benchRate).toFixed(2) : '',
          'lost updates': lost,
        });
      }
    }
    // Lost updates and audit rows, checked on a run of the app alone.
    const check = await prepareItems(server.url, pool, ids.period_id, 50);
    const initial = check.map((item) => item.version);
    const since = await lastAuditId(pool);
    const alone = await measureSaves(server.url, check, seconds);
    console.log('\nWrites (portal SaveSelfScore document, each client its own sub-criterion; medians of the rounds):');
    console.table(writeRows);
    console.log(
      `Check run, 50 clients, app alone: ${alone.acknowledged} saves acknowledged, ${alone.errors} errors, ` +
        `${await lostUpdates(pool, check, initial, since)} items whose version or audit rows differ from the saves acknowledged`,
    );
  }
  if (parts.has('national')) {
    // National ranking: 3,400 communes × 3 years, one block's ranking with year-over-year.
    console.log(`\nGenerating ${communes} communes × 3 years …`);
    const national = await generateNational(orm, { units: communes, years: [2021, 2022, 2023] });
    await pool.query('analyze');
    const RANKING = `query($p: Int!) { periodResults(periodId: $p, first: 100, filter: { block: COMMUNE }) {
    totalCount nodes { unit { code } index rank previousIndex previousRank change details { total areas { code index change } } } } }`;
    // Run each time (no-cache): the ranking's own cost, read from the publication's snapshot; then asked plainly, as a
    // page read again is (response cache); then computed from the maintained totals, as before publication.
    const cases = [
      { how: 'run every time', fresh: true, runs: 50, goal: true },
      { how: 'repeated (response cache)', fresh: false, runs: 15, goal: false },
      { how: 'run every time, 2023 computed (its snapshot dropped, as before publication)', fresh: true, runs: 5, goal: false },
    ];
    for (const { how, fresh, runs, goal } of cases) {
      if (how.includes('dropped')) await pool.query('select drop_result_snapshots(array[$1]::int[])', [national[2023]]);
      const times: number[] = [];
      for (let run = 0; run <= runs; run++) {
        const start = performance.now();
        await graphql(server.url, RANKING, { p: national[2023] }, analyst, fresh);
        if (run > 0) times.push(performance.now() - start); // run 0 warms up
      }
      times.sort((a, b) => a - b);
      const [p50, p99] = [median(times), times[Math.ceil(times.length * 0.99) - 1]!];
      const verdict = goal ? `; issue 13's goal p50 ≤ ${RANKING_GOAL_MS} ms: ${p50 <= RANKING_GOAL_MS ? 'met' : 'NOT MET'}` : '';
      console.log(
        `National ranking (COMMUNE block, ${communes} units, 2023 vs 2022, first page of 100), one request at a time, ${how}: ` +
          `p50 ${Math.round(p50)} ms, p99 ${Math.round(p99)} ms over ${times.length} runs${verdict}`,
      );
    }
  }
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  for (const peer of peers) await peer.stop();
  await orm.close();
  await pool.end();
  await server.stop();
  await workers?.stop();
  await host.stop();
}
