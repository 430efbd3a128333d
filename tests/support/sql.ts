import type { TestApp } from './app.ts';

/** Plain SQL on a test app's database: `sql` for rows, `one` for the id of the one row a query must find. */
export function sqlOf(app: () => TestApp) {
  const sql = <T = any>(text: string, params: unknown[] = []) => app().orm.em.getConnection().execute<T[]>(text, params);
  const one = async (text: string, params: unknown[] = []) => {
    const [row] = await sql<{ id: number }>(text, params);
    if (!row) throw new Error(`no row for ${text}`);
    return row.id;
  };
  return { sql, one };
}
