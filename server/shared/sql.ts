/**
 * Knex (under MikroORM's `execute`) expands an array binding into a list of parameters, which
 * `= any(?)` cannot take. Bind ids as one PostgreSQL array literal instead: `= any(?::int[])`.
 */
export const intArray = (ids: readonly number[]): string => `{${ids.map((id) => Math.trunc(Number(id))).join(',')}}`;

/** Raw rows carry timestamps as PostgreSQL text (MikroORM's pg setup); read models want Dates. */
export function toDate(value: Date | string): Date;
export function toDate(value: Date | string | null): Date | null;
export function toDate(value: Date | string | null): Date | null {
  return value === null ? null : new Date(value);
}
