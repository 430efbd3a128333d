// Q1 of shared/performance.md: a criteria set's tree, three levels deep, through GraphQL,
// against the same rows fetched with one SQL statement and assembled in JavaScript.
// Usage: node --import ./server/register.js scripts/bench/criteria-tree.ts [seconds]
import pg from 'pg';
import { graphql, login, measureGraphQL, measureLoop, report, startBenchServer, superuserUrlOf } from './harness.ts';

const seconds = Number(process.argv[2] ?? 10);
const TREE = `query($id: Int!) { criteriaSet(id: $id) { id title
  areas { id code title maxPoints children { id code title maxPoints children { id code title maxPoints } } } } }`;

const server = await startBenchServer();
try {
  const token = await login(server.url, 'analyst');
  const { criteriaSets } = await graphql<{ criteriaSets: { id: number }[] }>(server.url, '{ criteriaSets { id } }', {}, token);
  const id = criteriaSets[0]!.id;

  const viaGraphQL = await measureGraphQL('Q1 criteria tree via GraphQL', server.url, token, TREE, { id }, seconds);

  // Raw SQL floor: the same columns, one statement, assembled into the same nested shape.
  const pool = new pg.Pool({ connectionString: await superuserUrlOf(server.dataDir), max: 10 });
  const rawSql = await measureLoop(
    'Q1 same rows via raw SQL + JS',
    async () => {
      const { rows } = await pool.query(
        'select id, parent_id, code, title, max_points from criterion where criteria_set_id = $1 order by position, id',
        [id],
      );
      const byParent = new Map<number | null, any[]>();
      for (const row of rows) {
        const list = byParent.get(row.parent_id) ?? [];
        list.push(row);
        byParent.set(row.parent_id, list);
      }
      const build = (parent: number | null): unknown[] => (byParent.get(parent) ?? []).map((row) => ({ ...row, children: build(row.id) }));
      return JSON.stringify(build(null));
    },
    seconds,
  );
  await pool.end();
  report([viaGraphQL, rawSql]);
  console.log(
    `GraphQL / raw SQL = ${(viaGraphQL.requestsPerSecond / rawSql.requestsPerSecond).toFixed(2)} (PostGraphile v5 measured 516 req/s vs 2,140 raw = 0.24 on this kind of machine)`,
  );
} finally {
  await server.stop();
}
