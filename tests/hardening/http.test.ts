import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';

/** Issue 10, items 3 and 11: health answers tell the truth in JSON; a body the server cannot read answers JSON with a code. */
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ portal: true });
});
afterAll(() => t.close());

describe('health', () => {
  it('answers /healthz (process) and /readyz (database) in JSON, never the portal page', async () => {
    for (const [path, status] of [
      ['/healthz', 'ok'],
      ['/readyz', 'ready'],
    ]) {
      const response = await fetch(`${t.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toMatch(/application\/json/);
      expect(await response.json(), path).toMatchObject({ status });
    }
  });
});

describe('bodies the server cannot read', () => {
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it.each([
    ['cut JSON', '{"query": ', 400, 'MALFORMED_REQUEST'],
    ['not JSON', 'query { me { id } }', 400, 'MALFORMED_REQUEST'],
    ['over 1 MB', JSON.stringify({ query: `{ me { id } } #${'x'.repeat(1_100_000)}` }), 413, 'REQUEST_TOO_LARGE'],
  ])('answers %s with a GraphQL error and no stack trace', async (_name, body, status, code) => {
    const response = await post(body, { 'accept-language': 'en' });
    expect(response.status).toBe(status);
    const text = await response.text();
    expect(text).not.toMatch(/at \w+ \(|node_modules|\/work\//);
    expect(JSON.parse(text).errors[0].extensions.code).toBe(code);
  });
});
