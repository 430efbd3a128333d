import { createHash } from 'node:crypto';
import { ArgsType, Field, InputType, Int, ObjectType, type ClassType } from 'type-graphql';
import { DecimalScalar, fromHundredths, toHundredths } from './decimal.ts';
import { badInput } from './errors.ts';
import { stringEnum, type EnumValue } from './enum.ts';
import { registerEnum } from './graphql-enum.ts';

/** Like GitHub's API: lists that can be long take a required `first`, at most this many. */
export const MAX_PAGE_SIZE = 100;

/** One page of a list: where it starts, how long it is, and which query its cursors belong to. */
export interface Page {
  offset: number;
  limit: number;
  /** Hash of the query (arguments except paging): a cursor from another query is refused. */
  fingerprint: string;
}

const CURSOR = /^c1:([0-9a-f]{12}):(\d{1,9})$/;

export const fingerprintOf = (query: unknown): string =>
  createHash('sha256')
    .update(JSON.stringify(query ?? null))
    .digest('hex')
    .slice(0, 12);

/** An opaque cursor: the position after which the next page starts, tied to the query. */
export const cursorFor = (fingerprint: string, position: number): string =>
  Buffer.from(`c1:${fingerprint}:${position}`).toString('base64url');

/**
 * Validates `first` and `after` for the query `query` (filter, order, scope): a page size outside
 * 0–100 or a cursor that is not ours, or is from a different query, is BAD_USER_INPUT.
 */
export function pageOf(first: number, after: string | null | undefined, query: unknown): Page {
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badInput(
      'first',
      {
        vi: `"first" phải là số nguyên từ 0 đến ${MAX_PAGE_SIZE} (nhận ${first}).`,
        en: `"first" must be an integer from 0 to ${MAX_PAGE_SIZE} (got ${first}).`,
      },
      { maximum: MAX_PAGE_SIZE },
    );
  }
  const fingerprint = fingerprintOf(query);
  if (after == null) return { offset: 0, limit: first, fingerprint };
  const match = CURSOR.exec(Buffer.from(after, 'base64url').toString('utf8'));
  if (!match || match[1] !== fingerprint || cursorFor(match[1], Number(match[2])) !== after) {
    throw badInput('after', {
      vi: 'Con trỏ "after" không hợp lệ: hãy dùng endCursor của chính truy vấn này (cùng bộ lọc, cùng thứ tự sắp xếp).',
      en: 'Invalid "after" cursor: use an endCursor returned by this same query (same filter and order).',
    });
  }
  return { offset: Number(match[2]), limit: first, fingerprint };
}

/** The paging arguments every connection query takes, as `@Args(() => PageArgs) { first, after }: PageArgs`. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { description: `Page size, at most ${MAX_PAGE_SIZE}.` }) first!: number;
  @Field(() => String, { nullable: true }) after?: string | null;
}

@ObjectType({ description: 'Relay-style paging information.' })
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field() hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}
export interface ConnectionData<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** The connection of one page of `nodes` out of `totalCount`. */
export function connectionOf<T>(nodes: T[], page: Page, totalCount: number): ConnectionData<T> {
  const edges = nodes.map((node, index) => ({ cursor: cursorFor(page.fingerprint, page.offset + index + 1), node }));
  return {
    edges,
    nodes,
    totalCount,
    pageInfo: {
      hasNextPage: page.offset + nodes.length < totalCount,
      hasPreviousPage: page.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** A `<name>Connection` type (edges, nodes, pageInfo, totalCount) for `nodeType`; extend it to add aggregates. */
export function Connection<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field({ description: 'Opaque; pass as `after` to get the rows that follow.' }) cursor!: string;
    @Field(() => nodeType) node!: T;
  }

  // Not emitted itself: only the concrete subclasses are reachable from resolvers.
  @ObjectType(`${name}ConnectionBase`)
  abstract class ConnectionType {
    @Field(() => [EdgeType]) edges!: EdgeType[];
    @Field(() => [nodeType], { description: 'The nodes of `edges`, for clients that need no cursors.' }) nodes!: T[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int, { description: 'Rows matching the filter, over all pages.' }) totalCount!: number;
  }
  return ConnectionType;
}

/** A `<name>Connection` whose `aggregates` (of `aggregatesType`) are over every row matching the filter, not only the page. */
export function AggregatedConnection<T extends object, A extends object>(
  nodeType: ClassType<T>,
  name: string,
  aggregatesType: ClassType<A>,
) {
  // Not emitted itself: only the concrete subclasses are reachable from resolvers.
  @ObjectType(`${name}AggregatedConnectionBase`)
  abstract class AggregatedConnectionType extends Connection(nodeType, name) {
    @Field(() => aggregatesType) aggregates!: A;
  }
  return AggregatedConnectionType;
}

export const SortDirection = stringEnum('ASC', 'DESC');
export type SortDirection = EnumValue<typeof SortDirection>;
registerEnum(SortDirection, 'SortDirection', { description: 'Nulls always come last.' });

/**
 * An `<name>` input: the `field` (of `fieldEnum`) a list is sorted by and the `direction` (default `defaultDirection`);
 * extend it as `@InputType() export class <name> extends OrderBy(…) {}`.
 */
export function OrderBy<F extends object>(fieldEnum: F, name: string, defaultDirection: SortDirection) {
  // Not emitted itself: only the concrete subclasses are reachable from resolvers.
  @InputType(`${name}Base`)
  abstract class OrderType {
    @Field(() => fieldEnum) field!: F[keyof F];
    @Field(() => SortDirection, { defaultValue: defaultDirection }) direction!: SortDirection;
  }
  return OrderType;
}

@InputType({ description: 'An inclusive range of exact decimals; either end may be left open.' })
export class DecimalRangeInput {
  @Field(() => DecimalScalar, { nullable: true }) min?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) max?: string | null;
}

@InputType({ description: 'An inclusive range of integers; either end may be left open.' })
export class IntRangeInput {
  @Field(() => Int, { nullable: true }) min?: number | null;
  @Field(() => Int, { nullable: true }) max?: number | null;
}

/** Checks a decimal range (two decimals at most, min ≤ max) and returns it normalised. */
export function decimalRange(
  range: DecimalRangeInput | null | undefined,
  field: string,
): { min: string | null; max: string | null } | null {
  if (!range) return null;
  const min = range.min == null ? null : toHundredths(range.min, `${field}.min`);
  const max = range.max == null ? null : toHundredths(range.max, `${field}.max`);
  if (min !== null && max !== null && min > max) {
    throw badInput(field, { vi: `Khoảng "${field}" có min lớn hơn max.`, en: `Range "${field}" has min above max.` });
  }
  return { min: min === null ? null : fromHundredths(min), max: max === null ? null : fromHundredths(max) };
}
