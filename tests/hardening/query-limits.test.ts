import fs from 'node:fs';
import path from 'node:path';
import {
  Kind,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  parse,
  typeFromAST,
  validate,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleTabs } from '../../server/analyst/graphiql-examples.ts';
import { QUERY_LIMITS, operationCost, queryLimits } from '../../server/query-limits.ts';
import { buildAppSchema } from '../../server/schema.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

/**
 * Issue 10, item 4: one operation cannot keep the server busy. Depth, aliases, directives, tokens and a
 * list-aware cost are refused with QUERY_TOO_COMPLEX before anything runs (no SQL is sent), while
 * every document the portal and the GraphiQL examples send stays inside the limits.
 */
let t: TestApp;
let analyst: string;
let periodId: number;

beforeAll(async () => {
  t = await startTestApp();
  analyst = await t.login('analyst');
  periodId = (await t.gql('{ periods { id year } }', {}, { token: analyst })).data.periods[0].id;
});
afterAll(() => t.close());

/** Posts `query` as the analyst; returns the HTTP status, the first error and the SQL sent meanwhile. */
async function ask(query: string, variables: Record<string, unknown> = {}) {
  const { result, statements } = await t.recordQueries(() => t.gql(query, variables, { token: analyst }));
  return { status: result.status, error: result.errors?.[0], data: result.data, statements };
}

const page = (alias: string, first = 100) =>
  `${alias}: scoreRecords(filter: { periodId: $p }, first: ${first}) {
    nodes { id selfPoints finalPoints round1Points areaCode areaTitle unit { id name } criterion { id code title kind maxPoints } }
  }`;
/** Pages of score records, as many as the alias limit allows: only their computed cost is too high. */
const costly = (first: number) =>
  `query($p: Int!) { ${Array.from({ length: QUERY_LIMITS.aliases }, (_, i) => page(`a${i}`, first)).join(' ')} }`;

describe('query limits (refused before execution)', () => {
  it('refuses the 1,000-alias query of periodResults(first: 100) without running it', async () => {
    // The query of the issue: one signed-in analyst, 1,000 aliases of the ranking's largest page (npm run
    // bench:hardening times its refusal).
    const ranking = (alias: string) => `${alias}: periodResults(periodId: $p, first: 100) { nodes { unit { name } index rank } }`;
    const query = `query($p: Int!) { ${Array.from({ length: 1000 }, (_, i) => ranking(`a${i}`)).join('\n')} }`;
    expect(query.length).toBeGreaterThan(60_000);
    const refused = await ask(query, { p: periodId });
    expect(refused.status).toBe(400);
    expect(refused.error?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(refused.statements).toEqual([]);
  });

  it.each([
    ['aliases', `query($p: Int!) { ${Array.from({ length: QUERY_LIMITS.aliases + 1 }, (_, i) => `a${i}: periods { id }`).join(' ')} }`],
    ['depth', `query($p: Int!) { ${nest(QUERY_LIMITS.depth + 1)} }`],
    [
      'directives',
      `query($p: Int!) { me { ${Array.from({ length: QUERY_LIMITS.directives + 1 }, () => 'username @include(if: true)').join(' ')} } }`,
    ],
    ['tokens', `query($p: Int!) { me { ${'username '.repeat(QUERY_LIMITS.tokens)} } }`],
    ['cost', costly(100)],
  ])('refuses too many %s with QUERY_TOO_COMPLEX, in both languages', async (_limit, query) => {
    const refused = await ask(query, { p: periodId });
    expect(refused.status).toBe(400);
    expect(refused.error?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(refused.error?.message).toMatch(/Truy vấn quá lớn/);
    expect(refused.statements).toEqual([]);
    const english = await t.gql(query, { p: periodId }, { token: analyst, locale: 'en' });
    expect(english.errors?.[0]?.message).toMatch(/too large or too complex/);
  });

  it('counts `first`: the same page with fewer rows is served', async () => {
    const served = await ask(costly(10), { p: periodId });
    expect(served.error).toBeUndefined();
    expect(served.data.a0.nodes.length).toBeGreaterThan(0);
  });

  it('prices each request of a repeated document by the variables that change its cost', async () => {
    // The same text each time, so the server reuses its parse and what it found of it: `first` and
    // `@include` come as variables, and each pair of values is priced (costs 3,220, 20,020 and 32,020).
    const byVariables = `query($p: Int!, $n: Int!, $more: Boolean!) { ${Array.from(
      { length: QUERY_LIMITS.aliases },
      (_, i) => `a${i}: scoreRecords(filter: { periodId: $p }, first: $n) {
        nodes { id selfPoints finalPoints round1Points areaCode areaTitle unit { id name } criterion @include(if: $more) { id code title kind maxPoints } } }`,
    ).join(' ')} }`;
    const code = async (variables: Record<string, unknown>) =>
      (await t.gql(byVariables, { p: periodId, ...variables }, { token: analyst })).errors?.[0]?.extensions?.code;
    for (let round = 0; round < 2; round++) {
      expect(await code({ n: 10, more: true })).toBeUndefined();
      expect(await code({ n: 100, more: false })).toBeUndefined();
      expect(await code({ n: 100, more: true })).toBe('QUERY_TOO_COMPLEX');
      expect(await code({ n: 'ten', more: true })).toBe('BAD_USER_INPUT');
    }
  });

  it('refuses a batch of operations in one request', async () => {
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${analyst}` },
      body: JSON.stringify([{ query: '{ me { username } }' }, { query: '{ me { username } }' }]),
    });
    expect(response.status).toBe(400);
  });
});

/** The criteria tree, `levels` of `children` deep. */
function nest(levels: number): string {
  return `criteriaSets { id criteria { ${'children { '.repeat(levels)}id${' }'.repeat(levels)} } }`;
}

describe('every document the portal and the GraphiQL examples send', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildAppSchema();
  });

  const portalDocuments = () => {
    const files = fs
      .readdirSync('portal/src', { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.graphql'))
      .map((file) => path.join('portal/src', file));
    const fragments = files.filter((file) => file.endsWith('.fragment.graphql')).map((file) => fs.readFileSync(file, 'utf8'));
    return files
      .filter((file) => !file.endsWith('.fragment.graphql'))
      .map((file) => {
        const own = fs.readFileSync(file, 'utf8');
        // Only the fragments the document spreads (graphql-js refuses unused ones).
        const used = new Set<string>();
        let text = own;
        for (let grown = true; grown;) {
          grown = false;
          for (const fragment of fragments) {
            const name = /fragment (\w+)/.exec(fragment)![1]!;
            if (!used.has(name) && text.includes(`...${name}`)) {
              used.add(name);
              text += `\n${fragment}`;
              grown = true;
            }
          }
        }
        return { name: path.relative('portal/src', file), text };
      });
  };

  it('prices the refused cost case above the limit and its 10-row twin below', () => {
    const costOf = (first: number) => operationCost(schema, parse(costly(first)), { p: 1 });
    expect(costOf(100)).toBeGreaterThan(QUERY_LIMITS.cost);
    expect(costOf(10)).toBeLessThan(QUERY_LIMITS.cost);
  });

  it('stays inside every limit, with the largest page each list allows', () => {
    const documents = [
      ...portalDocuments(),
      ...exampleTabs(1, 1).map((tab, index) => ({ name: `graphiql example ${index}`, text: tab.query })),
    ];
    expect(documents.length).toBeGreaterThan(30);
    const limits = queryLimits(schema);
    const costs: [string, number][] = [];
    for (const { name, text } of documents) {
      const document = parse(text, { maxTokens: QUERY_LIMITS.tokens });
      expect(
        validate(schema, document, limits.validationRules).map((error) => error.message),
        name,
      ).toEqual([]);
      for (const operation of document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION)) {
        const variables = Object.fromEntries(
          (operation.variableDefinitions ?? []).map((definition) => [
            definition.variable.name.value,
            sampleValue(typeFromAST(schema, definition.type as never) as GraphQLInputType, definition.variable.name.value),
          ]),
        );
        costs.push([name, operationCost(schema, document, variables, operation.name?.value)]);
      }
    }
    const [largest, cost] = costs.sort((a, b) => b[1] - a[1])[0]!;
    expect(cost, `${largest} costs ${cost}`).toBeLessThanOrEqual(QUERY_LIMITS.cost);
  });
});

/** A value of `type` for a variable (required parts only); a page size is the largest allowed. */
function sampleValue(type: GraphQLInputType, name: string): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType, name);
  if (isListType(type)) return [sampleValue(type.ofType, name)];
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0]!.value;
  if (isInputObjectType(named)) {
    return Object.fromEntries(
      Object.values(named.getFields())
        .filter((field) => isNonNullType(field.type))
        .map((field) => [field.name, sampleValue(field.type, field.name)]),
    );
  }
  if (isScalarType(named)) {
    const samples: Record<string, unknown> = {
      Int: name === 'first' ? 100 : 1,
      Float: 1,
      Boolean: true,
      String: 'x',
      ID: '1',
      Decimal: '1.00',
    };
    return samples[named.name] ?? new Date().toISOString();
  }
  return null;
}
