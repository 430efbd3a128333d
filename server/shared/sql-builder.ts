import { intArray, type SqlFragment } from './sql.ts';

/**
 * Collects the bindings of a raw statement as it is written: `q.bind(value)` returns the knex
 * placeholder `?` and remembers the value, so text and bindings cannot drift apart.
 * (Never write PostgreSQL's `?` jsonb operators in such text: knex takes every `?` as a binding.)
 */
export class SqlBuilder {
  readonly params: unknown[] = [];

  bind(value: unknown): string {
    this.params.push(value);
    return '?';
  }

  /** Another fragment's text, its bindings taken over in text order (e.g. a permission condition). */
  splice(fragment: SqlFragment): string {
    let index = 0;
    return fragment.sql.replace(/\?/g, () => this.bind(fragment.bindings[index++]));
  }

  /** A PostgreSQL int[] parameter, for `= any(${q.ints(ids)})`. */
  ints(ids: readonly number[]): string {
    return `${this.bind(intArray(ids))}::int[]`;
  }

  /** A PostgreSQL text[] parameter. */
  texts(values: readonly string[]): string {
    const quoted = values.map((value) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`);
    return `${this.bind(`{${quoted.join(',')}}`)}::text[]`;
  }
}
