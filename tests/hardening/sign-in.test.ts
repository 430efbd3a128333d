import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_LIMITS } from '../../server/auth/sign-in-throttle.ts';
import { DEMO_PASSWORD } from '../../server/seed/index.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

/**
 * Issue 10, item 9: sign-in cannot be hammered. Failures are counted per username and per client
 * address in PostgreSQL (so every API instance shares them); past the limit the answer is 429
 * TOO_MANY_SIGN_IN_ATTEMPTS with Retry-After, before any password is hashed, even the right one.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';

async function attempt(username: string, password: string, locale?: string) {
  const response = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(locale ? { 'accept-language': locale } : {}) },
    body: JSON.stringify({ query: LOGIN, variables: { u: username, p: password } }),
  });
  const body = (await response.json()) as { errors?: { message: string; extensions: { code: string } }[] };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), error: body.errors?.[0] };
}

describe('sign-in throttling', () => {
  it('refuses the 50 wrong passwords of a burst after the first few, and the right one too until the window ends', async () => {
    const results = [];
    for (let i = 0; i < 50; i++) results.push(await attempt('thanhoai', `sai-${i}`));
    const codes = results.map((result) => result.error?.extensions.code);
    expect(codes.slice(0, SIGN_IN_LIMITS.perUser)).toEqual(Array(SIGN_IN_LIMITS.perUser).fill('UNAUTHENTICATED'));
    expect(new Set(codes.slice(SIGN_IN_LIMITS.perUser))).toEqual(new Set(['TOO_MANY_SIGN_IN_ATTEMPTS']));
    const throttled = results.at(-1)!;
    expect(throttled.status).toBe(429);
    expect(Number(throttled.retryAfter)).toBeGreaterThan(SIGN_IN_LIMITS.windowSeconds - 60);
    expect(throttled.error?.message).toMatch(/Đăng nhập sai quá nhiều lần/);
    expect((await attempt('thanhoai', 'x', 'en')).error?.message).toMatch(/Too many failed sign-ins/);
    // Even the right password waits: the throttle answers before the password is checked.
    expect((await attempt('thanhoai', DEMO_PASSWORD)).error?.extensions.code).toBe('TOO_MANY_SIGN_IN_ATTEMPTS');
    // Another user from the same address is not locked out by it.
    expect((await attempt('sontay', DEMO_PASSWORD)).error).toBeUndefined();
  });

  it('keeps the count in the database, where every API instance reads it', async () => {
    const [row] = await t.orm.em.getConnection().execute(`select points from sign_in_throttle where key = 'user:thanhoai'`);
    expect(row.points).toBeGreaterThanOrEqual(SIGN_IN_LIMITS.perUser);
  });

  it('clears a username’s count after a successful sign-in', async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.perUser - 1; i++) await attempt('sontay.lead', 'sai');
    expect((await attempt('sontay.lead', DEMO_PASSWORD)).error).toBeUndefined();
    for (let i = 0; i < SIGN_IN_LIMITS.perUser - 1; i++)
      expect((await attempt('sontay.lead', 'sai')).error?.extensions.code).toBe('UNAUTHENTICATED');
  });
});
