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

  /** An `ilike` parameter matching `text` anywhere in the column: its `%`, `_` and `\` are taken literally. */
  contains(text: string): string {
    return this.bind(likePattern(text));
  }

  /**
   * The tail of a statement returning one page of the rows of `from` (a CTE), in `order`, and the
   * aggregates `stats` over all of them: every row carries the aggregates, and a page past the end
   * is one row of aggregates only (see `pageRows`).
   */
  pageWithStats(from: string, stats: string, order: string, offset: number, limit: number): string {
    const outer = order
      .split(',')
      .map((term) => `p.${term.trim()}`)
      .join(', ');
    return `stats as (select ${stats} from ${from}),
page as (select * from ${from} order by ${order} offset ${this.bind(offset)} limit ${this.bind(limit)})
select st.*, p.* from stats st left join page p on true order by ${outer}`;
  }
}

/** An `ilike` pattern matching `text` anywhere: its `%`, `_` and `\` are taken literally. */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The page's rows of a `pageWithStats` statement (without the aggregates-only row of an empty page). */
export const pageRows = (raw: Record<string, unknown>[]) => raw.filter((row) => row.id != null);
