// The secretariat's monitoring overview (issue 11, performance): the portal's overview document through
// GraphQL, at Hà Nội scale (52 units, the seeded 2023 year) and with the communes' 2023 monitoring year
// generated (default 3,400 communes × 20 tasks × 4 reports). Sequential requests after a warm-up; median and p90.
// Usage: node --import ./server/register.js scripts/bench/monitoring.ts [runs] [communes]
import fs from 'node:fs/promises';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '../../server/orm.config.ts';
import { embeddedSecrets } from '../../server/shared/database-roles.ts';
import { graphql, login, startBenchServer } from './harness.ts';
import { generateNationalMonitoring } from './national-monitoring.ts';

const runs = Number(process.argv[2] ?? 20);
const communes = Number(process.argv[3] ?? 3400);

/** What the overview page asks for first (portal/src/monitoring/graphql/monitoringOverview.query.graphql: the matrix's first 100 rows), the
 * report counts over every unit, and the overdue list's first page. */
const COMPLETION = 'total done doneOnTime overdue completionRate onTimeRate';
const OVERVIEW = `query($year: Int!) {
  monitoringOverview(year: $year) {
    year periods { id kind deadline }
    units(first: 100) { totalCount nodes { unit { id code name block } reports { periodId state status } tasks { ${COMPLETION} } } }
    reportCounts { periodId accepted states { state count } }
    totals { ${COMPLETION} } areas { area completionRate onTimeRate } trend { month due done doneOnTime }
  }
}`;
const OVERDUE = `query($year: Int!) {
  monitoringOverview(year: $year) {
    overdueTasks(first: 20) { totalCount nodes { id code title area deadline status progress cityAssigned unit { id name } } pageInfo { hasNextPage endCursor } }
  }
}`;

const server = await startBenchServer();
const pid = await fs.readFile(`${server.dataDir}/pg/postmaster.pid`, 'utf8');
// The embedded cluster's superuser, with the password the server generated at its first start.
const { secrets } = await embeddedSecrets(server.dataDir);
const databaseUrl = `postgres://postgres:${secrets.superuser}@127.0.0.1:${Number(pid.split('\n')[3])}/par_index`;

/** Median and p90 of `runs` sequential requests (one warm-up first), and the answer's size. */
async function time(label: string, query: string, token: string) {
  const body = JSON.stringify(await graphql(server.url, query, { year: 2023 }, token));
  const ms: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await graphql(server.url, query, { year: 2023 }, token, true); // run every time, not answered from the response cache
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!.toFixed(0);
  console.log(`${label}: median ${at(0.5)} ms, p90 ${at(0.9)} ms, ${(body.length / 1024).toFixed(0)} KiB (${runs} runs)`);
}

try {
  const token = await login(server.url, 'secretariat');
  await time('Hà Nội 52 units, overview', OVERVIEW, token);
  await time('Hà Nội 52 units, overdue list', OVERDUE, token);

  console.log(`\nGenerating the 2023 monitoring year of ${communes} communes …`);
  const orm = await MikroORM.init(ormConfig(databaseUrl, { requestTimeouts: false }));
  await generateNationalMonitoring(orm, { units: communes, year: 2023 });
  await orm.close();

  await time(`national ${communes + 52} units, overview`, OVERVIEW, token);
  await time(`national ${communes + 52} units, overdue list`, OVERDUE, token);
} finally {
  await server.stop();
}
