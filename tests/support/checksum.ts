import type { TestApp } from './app.ts';

/**
 * The checksum of every table's rows, to show a refused request changed nothing (sign-in throttle counts and the
 * audit rows of failed sign-ins aside: a failed sign-in is meant to count, and to be audited).
 */
export async function tableChecksum(t: TestApp): Promise<string> {
  const connection = t.orm.em.getConnection();
  const tables = (
    await connection.execute<{ name: string }[]>(
      `select tablename as name from pg_tables where schemaname = 'public' and tablename not in ('sign_in_throttle') order by 1`,
    )
  ).map((row) => row.name);
  const parts = tables.map(
    (name) =>
      `select '${name}' as name, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as sum
         from ${name === 'audit_entry' ? `(select * from audit_entry where action <> 'sign-in-failed')` : `"${name}"`} t`,
  );
  const rows = await connection.execute<{ name: string; sum: string }[]>(parts.join(' union all '));
  return rows
    .map((row) => `${row.name}:${row.sum}`)
    .sort()
    .join(',');
}
