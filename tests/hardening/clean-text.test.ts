import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';

/**
 * Issue 10, item 5: every text argument is checked once, before any resolver (server/input-text.ts):
 * NUL, other control characters, lone surrogates and bidi overrides answer 400 BAD_USER_INPUT naming
 * the field, in variables and inline alike; tab and line breaks, Vietnamese and emoji pass.
 */
let t: TestApp;
let sontay: string;

beforeAll(async () => {
  t = await startTestApp();
  sontay = await t.login('sontay');
});
afterAll(() => t.close());

const UNCLEAN: [string, string][] = [
  ['NUL', 'a\u0000b'],
  ['bell', 'a\u0007b'],
  ['escape', '\u001b[31mred'],
  ['DEL', 'a\u007fb'],
  ['C1 control', 'a\u0085b'],
  ['lone high surrogate', 'a\ud800b'],
  ['lone low surrogate', 'a\udc00b'],
  ['right-to-left override', 'admin\u202etxt.exe'],
  ['bidi isolate', '\u2066x\u2069'],
];

describe('text arguments', () => {
  it.each(UNCLEAN)('refuses %s in a variable, naming the field', async (_name, text) => {
    const result = await t.gql('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: text, p: 'x' });
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'u' });
  });

  it.each(UNCLEAN.filter(([name]) => !name.includes('surrogate')))(
    'refuses %s written inside the query, nested in an input',
    async (_name, text) => {
      const literal = JSON.stringify(text);
      const result = await t.gql(
        `mutation { markNotificationsRead(ids: []) login(username: ${literal}, password: "x") { token } }`,
        {},
        { token: sontay },
      );
      expect(result.status).toBe(400);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'username' });
    },
  );

  it('names the path inside an input object and a list', async () => {
    const result = await t.gql(
      'mutation($input: EditCommentInput!) { editComment(input: $input) { id } }',
      { input: { id: 1, body: 'ok\u0000' } },
      { token: sontay, locale: 'en' },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.body' });
    expect(result.errors?.[0]?.message).toMatch(/not allowed \(U\+0000\)/);
  });

  it('lets tab, line breaks, Vietnamese and emoji through', async () => {
    const result = await t.gql('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
      u: 'Sơn Tây\t😀\r\nxã',
      p: 'x',
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
