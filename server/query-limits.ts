import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  Kind,
  visit,
  getNamedType,
  getNullableType,
  isListType,
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  type ValidationContext,
  type ValueNode,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { MAX_PAGE_SIZE } from './shared/connection.ts';
import { AppError } from './shared/errors.ts';

/**
 * What one GraphQL operation may ask for, checked before anything runs (docs/analysts.md lists
 * them for analysts). The portal's largest document stays well inside every limit
 * (tests/hardening/query-limits.test.ts measures them all).
 */
export const QUERY_LIMITS = {
  /** Nesting of selections. */
  depth: 12,
  /** Aliased fields in the whole operation, fragments included. */
  aliases: 20,
  /** Directives (`@include`, `@skip`…) in the operation. */
  directives: 20,
  /** Lexical tokens of the document (names, punctuation, values). */
  tokens: 5_000,
  /** Computed cost: every field costs 1, a list multiplies what it selects by its size (see `listSize`). */
  cost: 25_000,
} as const;

/** A list's assumed size when it takes no `first`: the criteria of a set, the units of a block, a sheet's scores. */
export const UNPAGED_LIST_SIZE = 10;

const unauthenticatedIntrospection = () =>
  new AppError(
    'UNAUTHENTICATED',
    { vi: 'Cần đăng nhập để xem lược đồ API.', en: 'Sign in to read the API schema.' },
    { http: { status: 401 } },
  );

const tooComplex = (detail: string) =>
  new AppError(
    'QUERY_TOO_COMPLEX',
    {
      vi: `Truy vấn quá lớn hoặc quá phức tạp (${detail}); hãy chia nhỏ truy vấn hoặc giảm "first".`,
      en: `The query is too large or too complex (${detail}); split it or ask for fewer rows with "first".`,
    },
    { http: { status: 400 } },
  );

/**
 * Cost of a field: 1 plus what it selects, times the rows it can return. A paged field counts its
 * `first` (at most MAX_PAGE_SIZE); the lists inside a connection (`edges`, `nodes`) are that page, already counted; any other
 * list counts UNPAGED_LIST_SIZE rows.
 */
const listSize: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  // A `first` beyond the largest page is refused by the connection itself (BAD_USER_INPUT naming the
  // field), which tells the caller more than a cost refusal: count it as the largest page here.
  const first = typeof args.first === 'number' ? Math.min(Math.max(args.first, 0), MAX_PAGE_SIZE) : null;
  const list = isListType(getNullableType(field.type));
  const inConnection = getNamedType(type).name.endsWith('Connection');
  const rows = first ?? (list && !inConnection ? UNPAGED_LIST_SIZE : 1);
  return 1 + rows * childComplexity;
};

/** The computed cost of one operation of `document` with these variables (see `listSize`). */
export const operationCost = (schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName?: string) =>
  getComplexity({ schema, query: document, variables, operationName, estimators: [listSize] });

/**
 * The operations (of a parsed document, which Apollo keeps per query text) already found within the
 * cost limit, so a portal's repeated request is not walked again. Only variables that can change the
 * cost tell two requests apart: those given to a `first` argument or to a directive (`@include`,
 * `@skip`). An operation over the limit is never kept: it is computed, and refused, every time.
 */
class AllowedCosts {
  private readonly byDocument = new WeakMap<DocumentNode, { costVariables: string[]; allowed: Set<string> }>();

  key(document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): string {
    const entry = this.entry(document);
    return JSON.stringify([operationName ?? null, ...entry.costVariables.map((name) => variables[name] ?? null)]);
  }

  has(document: DocumentNode, key: string): boolean {
    return this.entry(document).allowed.has(key);
  }

  add(document: DocumentNode, key: string): void {
    const { allowed } = this.entry(document);
    if (allowed.size < 100) allowed.add(key);
  }

  private entry(document: DocumentNode) {
    let entry = this.byDocument.get(document);
    if (!entry) {
      const costVariables = new Set<string>();
      const collect = (node: { value: ValueNode }) =>
        visit(node.value, { [Kind.VARIABLE]: (variable) => void costVariables.add(variable.name.value) });
      visit(document, {
        [Kind.ARGUMENT]: (argument) => (argument.name.value === 'first' ? collect(argument) : undefined),
        [Kind.DIRECTIVE]: (directive) => directive.arguments?.forEach(collect),
      });
      entry = { costVariables: [...costVariables].sort(), allowed: new Set() };
      this.byDocument.set(document, entry);
    }
    return entry;
  }
}

/** graphql-armor's rules report through this: our code and message, instead of its plain validation error. */
const report = (ctx: ValidationContext | null, error: GraphQLError) => ctx?.reportError(tooComplex(error.message));
const armorCallbacks = { propagateOnRejection: false, onReject: [report], exposeLimits: true };

/**
 * The Apollo options that hold every operation to QUERY_LIMITS (and keep the schema's introspection for signed-in users): graphql-armor's depth, alias,
 * directive and token limits, and a list-aware cost (graphql-query-complexity) computed once the
 * operation and its variables are known. Batched requests are refused (armor turns them off).
 */
export function queryLimits(schema: GraphQLSchema) {
  const armor = new ApolloArmor({
    // Depth is how deep the data nests: how a client factors its selection into fragments must not count.
    maxDepth: { n: QUERY_LIMITS.depth, flattenFragments: true, ...armorCallbacks },
    maxAliases: { n: QUERY_LIMITS.aliases, ...armorCallbacks },
    maxDirectives: { n: QUERY_LIMITS.directives, ...armorCallbacks },
    // graphql-js counts tokens in the one parse Apollo does (parseOptions below); armor's counter
    // parses a second time, in a hook whose errors Apollo answers with 500.
    maxTokens: { enabled: false },
    // Replaced by the list-aware cost below: armor's cost ignores `first`.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  }).protect();

  const allowedCosts = new AllowedCosts();
  const cost: ApolloServerPlugin = {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operationName }) {
          const variables = request.variables ?? {};
          const key = allowedCosts.key(document, operationName ?? undefined, variables);
          if (allowedCosts.has(document, key)) return;
          let total: number;
          try {
            total = operationCost(schema, document, variables, operationName ?? undefined);
          } catch {
            // Variables that do not fit the operation: execution refuses them (BAD_USER_INPUT) before running anything.
            return;
          }
          if (total > QUERY_LIMITS.cost) throw tooComplex(`cost ${total} > ${QUERY_LIMITS.cost}`);
          allowedCosts.add(document, key);
        },
      };
    },
  };
  // The schema is for signed-in users (the portal and analysts' tools); anonymous callers may only sign in.
  const introspection: ApolloServerPlugin<{ user: unknown }> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (contextValue.user) return;
          let asksSchema = false;
          visit(document, {
            [Kind.FIELD]: (field) => {
              if (field.name.value === '__schema' || field.name.value === '__type') asksSchema = true;
            },
          });
          if (asksSchema) throw unauthenticatedIntrospection();
        },
      };
    },
  };
  // armor's declarations name Apollo's CommonJS types; at run time they are the same plugin objects.
  const armorPlugins = armor.plugins as unknown as ApolloServerPlugin[];
  return {
    ...armor,
    plugins: [...armorPlugins, cost, introspection as ApolloServerPlugin],
    parseOptions: { maxTokens: QUERY_LIMITS.tokens },
  };
}

// graphql-js 16 spells it "more that N tokens".
const TOKEN_LIMIT_MESSAGE = /Document contains more tha[nt] (\d+) tokens/;

/** The parse error graphql-js gives past `parseOptions.maxTokens`, as our refusal (null for any other error). */
export function tokenLimitError(message: string): AppError | null {
  const match = TOKEN_LIMIT_MESSAGE.exec(message);
  return match ? tooComplex(`more than ${match[1]} tokens`) : null;
}
