// The ranking of a block with its per-area breakdown (README, performance): through GraphQL
// against the same SQL statement run directly (pg + the same row assembly), at Hà Nội scale
// (52 units, the seeded 2022 cycle) and at national scale (3,400 communes, generated).
// Usage: node --import ./server/register.js scripts/bench/ranking.ts [seconds] [communes]
import pg from 'pg';
import { MikroORM } from '@mikro-orm/postgresql';
import { assembleRanking, rankingStatement } from '../../server/results/ranking.read.ts';
import { ormConfig } from '../../server/orm.config.ts';
import { graphql, login, measureGraphQL, measureLoop, report, startBenchServer, superuserUrlOf, type Measurement } from './harness.ts';
import { generateNational } from './national.ts';

const seconds = Number(process.argv[2] ?? 10);
const communes = Number(process.argv[3] ?? 3400);

const RANKING = `query($p: Int!, $block: UnitBlock) {
  periodResults(periodId: $p, first: 100, filter: { block: $block }) {
    totalCount aggregates { count index { avg min max } groups { code count } }
    nodes {
      unit { id code name } index rank blockSize group { code label } previousIndex previousRank change
      details { basis achieved applicableMax surveyPoints bonus deduction total areas { code title index blockAverage previousIndex change } }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

const server = await startBenchServer();
const databaseUrl = await superuserUrlOf(server.dataDir);
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
try {
  const token = await login(server.url, 'analyst');
  const { periods } = await graphql<{ periods: { id: number; year: number }[] }>(server.url, '{ periods { id year } }', {}, token);
  const idOf = (year: number) => periods.find((period) => period.year === year)!.id;

  /** The statement the resolver runs, straight through pg, assembled the same way (previous year = `previous`). */
  const direct = (periodId: number, previousPeriodId: number, block: string | null) => {
    // The analyst's rule (results once published) as the resolver splices it, so both paths run the same statement.
    const visible = { sql: '(exists (select 1 from period_publication pp where pp.period_id = r.period_id)) = ?', bindings: [true] };
    const { sql, params } = rankingStatement({ periodId, previousPeriodId, block: block as never, offset: 0, limit: 100, visible });
    let index = 0;
    const text = sql.replace(/\?/g, () => `$${++index}`);
    return async () => JSON.stringify(assembleRanking((await pool.query(text, params)).rows));
  };

  const rows: Measurement[] = [];
  const ratio = (a: Measurement, b: Measurement) => (a.requestsPerSecond / b.requestsPerSecond).toFixed(2);
  await pool.query('analyze'); // what autovacuum would have done by now on a live server

  /** Median latency of each path, one request at a time, alternating so load drifts hit both alike. */
  const alternate = async (label: string, viaGraphQL: () => Promise<unknown>, viaSql: () => Promise<unknown>, runs: number) => {
    const graphqlMs: number[] = [];
    const sqlMs: number[] = [];
    for (let run = 0; run <= runs; run++) {
      for (const [fn, into] of [
        [viaGraphQL, graphqlMs],
        [viaSql, sqlMs],
      ] as const) {
        const start = performance.now();
        await fn();
        if (run > 0) into.push(performance.now() - start); // run 0 warms up
      }
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const [g, q] = [median(graphqlMs), median(sqlMs)];
    console.log(
      `${label}: median ${Math.round(g)} ms via GraphQL, ${Math.round(q)} ms same SQL direct, ratio ${(q / g).toFixed(2)} (${runs} runs each)`,
    );
    return { graphql: g, sql: q };
  };
  // Run every time (no-cache): the same SQL direct is the yardstick, not the response cache.
  const viaGraphQL = (p: number, block: string | null) => () => graphql(server.url, RANKING, { p, block }, token, true);

  // Hà Nội: both blocks of 2022 (22 departments + 30 districts), compared with 2021.
  const hanoiGraphQL = await measureGraphQL(
    'Hà Nội 52 units via GraphQL',
    server.url,
    token,
    RANKING,
    { p: idOf(2022), block: null },
    seconds,
  );
  const hanoiSql = await measureLoop('Hà Nội 52 units, same SQL direct', direct(idOf(2022), idOf(2021), null), seconds);
  rows.push(hanoiGraphQL, hanoiSql);
  const hanoiLatency = await alternate(
    'Hà Nội 52 units, one at a time',
    viaGraphQL(idOf(2022), null),
    direct(idOf(2022), idOf(2021), null),
    20,
  );

  console.log(`\nGenerating ${communes} communes × 3 years …`);
  const orm = await MikroORM.init(ormConfig(databaseUrl, { requestTimeouts: false }));
  const national = await generateNational(orm, { units: communes, years: [2021, 2022, 2023] });
  await orm.close();

  // A national ranking takes seconds of database time: measured one request at a time, alternating.
  const nationalLatency = await alternate(
    `national ${communes} communes, one at a time`,
    viaGraphQL(national[2023]!, 'COMMUNE'),
    direct(national[2023]!, national[2022]!, 'COMMUNE'),
    5,
  );
  report(rows);
  console.log(`Hà Nội, 10 concurrent: GraphQL / direct SQL throughput = ${ratio(hanoiGraphQL, hanoiSql)}`);
  console.log(
    `Direct SQL time ÷ GraphQL time, one at a time: Hà Nội ${(hanoiLatency.sql / hanoiLatency.graphql).toFixed(2)}, ` +
      `national ${(nationalLatency.sql / nationalLatency.graphql).toFixed(2)}`,
  );
} finally {
  await pool.end();
  await server.stop();
}
