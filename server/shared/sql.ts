/**
 * Knex (under MikroORM's `execute`) expands an array binding into a list of parameters, which
 * `= any(?)` cannot take. Bind ids as one PostgreSQL array literal instead: `= any(?::int[])`.
 */
export const intArray = (ids: readonly number[]): string => `{${ids.map((id) => Math.trunc(Number(id))).join(',')}}`;
