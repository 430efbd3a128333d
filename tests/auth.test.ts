import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpackRules } from '@casl/ability/extra';
import { createMongoAbility } from '@casl/ability';
import { errorCode, startTestApp, type TestApp } from './support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const ME = '{ me { id username displayName roles unitId unit { code name block } } }';

describe('login', () => {
  it('returns a token and the user, and sets an httpOnly SameSite cookie', async () => {
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation { login(username: "sontay", password: "hanoi2023") { token expiresAt user { username roles unit { code } } } }',
      }),
    });
    const body = (await response.json()) as any;
    expect(body.data.login.user).toEqual({ username: 'sontay', roles: ['UNIT_STAFF'], unit: { code: 'SONTAY' } });
    expect(new Date(body.data.login.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^par_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    // The cookie alone authenticates the portal.
    const me = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookie.split(';')[0]! },
      body: JSON.stringify({ query: ME }),
    });
    expect(((await me.json()) as any).data.me.username).toBe('sontay');
  });

  it('answers a wrong password and an unknown user identically (no enumeration)', async () => {
    const query = 'mutation($u: String!) { login(username: $u, password: "wrong-password") { token } }';
    const wrongPassword = await t.gql(query, { u: 'sontay' });
    const unknownUser = await t.gql(query, { u: 'nobody-here' });
    expect(wrongPassword.status).toBe(401);
    expect(errorCode(wrongPassword)).toBe('UNAUTHENTICATED');
    expect(unknownUser).toEqual(wrongPassword);
    expect(wrongPassword.errors![0]!.message).toBe('Sai tên đăng nhập hoặc mật khẩu.');
  });

  it('speaks English when asked', async () => {
    const response = await t.gql('{ me { id } }', {}, { locale: 'en-US,en;q=0.9' });
    expect(response.errors![0]!.message).toBe('You need to sign in.');
  });

  it('usernames are case-insensitive', async () => {
    await expect(t.login('SonTay')).resolves.toBeTypeOf('string');
  });
});

describe('sessions', () => {
  it('me works with a bearer token and answers 401 without one', async () => {
    const token = await t.login('sontay.lead');
    const me = await t.gql(ME, {}, { token });
    expect(me.data.me).toMatchObject({ username: 'sontay.lead', roles: ['UNIT_LEAD'], unit: { code: 'SONTAY', block: 'DISTRICT' } });
    const anonymous = await t.gql(ME);
    expect(anonymous.status).toBe(401);
    expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
  });

  it('logout revokes the token', async () => {
    const token = await t.login('analyst');
    expect((await t.gql(ME, {}, { token })).data.me.username).toBe('analyst');
    expect((await t.gql('mutation { logout }', {}, { token })).data.logout).toBe(true);
    expect(errorCode(await t.gql(ME, {}, { token }))).toBe('UNAUTHENTICATED');
  });

  it('an expired token is refused', async () => {
    const token = await t.login('appraiser');
    await t.orm.em
      .getConnection()
      .execute(
        `update session set expires_at = now() - interval '1 minute' where user_id = (select id from app_user where username = 'appraiser')`,
      );
    expect(errorCode(await t.gql(ME, {}, { token }))).toBe('UNAUTHENTICATED');
  });

  it('a token that was never issued is refused', async () => {
    expect(errorCode(await t.gql(ME, {}, { token: 'made-up' }))).toBe('UNAUTHENTICATED');
  });
});

describe('myPermissions', () => {
  it('packs the CASL rules the portal uses to show what the user may do', async () => {
    const rulesOf = async (username: string) => {
      const response = await t.gql('{ myPermissions }', {}, { token: await t.login(username) });
      return createMongoAbility(unpackRules(response.data.myPermissions) as any);
    };
    const unitStaff = await rulesOf('sontay');
    expect(unitStaff.can('read', 'CriteriaSet')).toBe(true);
    expect(unitStaff.can('create', 'CriteriaSet')).toBe(false);
    expect(unitStaff.can('manage', 'User')).toBe(false);
    const secretariat = await rulesOf('secretariat');
    expect(secretariat.can('create', 'CriteriaSet')).toBe(true);
    expect(secretariat.can('publish', 'CriteriaSet')).toBe(true);
    expect(secretariat.can('create', 'Period')).toBe(true);
    const admin = await rulesOf('admin');
    expect(admin.can('create', 'User')).toBe(true);
    expect(admin.can('create', 'CriteriaSet')).toBe(false);
  });
});

describe('user management (ADMIN)', () => {
  const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id username displayName roles unit { code } } }`;
  const input = { username: 'baviadmin', displayName: 'Cán bộ Ba Vì', password: 'secret-pass', roles: ['UNIT_STAFF'] };

  it('creates a unit user who can then sign in', async () => {
    const admin = await t.login('admin');
    const [unit] = await t.orm.em.getConnection().execute(`select id from unit where code = 'THANHOAI'`);
    const created = await t.gql(CREATE, { input: { ...input, unitId: unit.id } }, { token: admin });
    expect(created.data.createUser).toMatchObject({ username: 'baviadmin', roles: ['UNIT_STAFF'], unit: { code: 'THANHOAI' } });
    await expect(t.login('baviadmin', 'secret-pass')).resolves.toBeTypeOf('string');
  });

  it('rejects bad input with the field and changes nothing', async () => {
    const admin = await t.login('admin');
    const count = async () => (await t.orm.em.getConnection().execute('select count(*)::int as n from app_user'))[0].n;
    const before = await count();
    const shortPassword = await t.gql(CREATE, { input: { ...input, username: 'x1x', password: 'short' } }, { token: admin });
    expect(errorCode(shortPassword)).toBe('BAD_USER_INPUT');
    expect(shortPassword.errors![0]!.extensions!.field).toBe('password');
    const noUnit = await t.gql(CREATE, { input: { ...input, username: 'x2x' } }, { token: admin });
    expect(noUnit.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'unitId' });
    const unknownUnit = await t.gql(CREATE, { input: { ...input, username: 'x3x', unitId: 999999 } }, { token: admin });
    expect(unknownUnit.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'unitId' });
    const taken = await t.gql(CREATE, { input: { ...input, username: 'sontay', roles: ['ANALYST'] } }, { token: admin });
    expect(errorCode(taken)).toBe('USERNAME_TAKEN');
    const badName = await t.gql(CREATE, { input: { ...input, username: 'Bad Name!', roles: ['ANALYST'] } }, { token: admin });
    expect(badName.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'username' });
    expect(await count()).toBe(before);
  });

  it('is forbidden to everyone but ADMIN', async () => {
    const secretariat = await t.login('secretariat');
    const response = await t.gql(CREATE, { input: { ...input, username: 'intruder', roles: ['ANALYST'] } }, { token: secretariat });
    expect(response.status).toBe(403);
    expect(errorCode(response)).toBe('FORBIDDEN');
    const users = await t.gql('{ users { username } }', {}, { token: secretariat });
    expect(users.data.users).toEqual([{ username: 'secretariat' }]);
  });

  it('deactivating a user ends their sessions', async () => {
    const admin = await t.login('admin');
    const victim = await t.login('thanhoai');
    const [{ id, version }] = await t.orm.em.getConnection().execute(`select id, version from app_user where username = 'thanhoai'`);
    const updated = await t.gql(
      'mutation($id: Int!, $version: Int!) { updateUser(id: $id, input: { version: $version, active: false }) { active } }',
      { id, version },
      { token: admin },
    );
    expect(updated.data.updateUser.active).toBe(false);
    expect(errorCode(await t.gql(ME, {}, { token: victim }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql('mutation { login(username: "thanhoai", password: "hanoi2023") { token } }'))).toBe('UNAUTHENTICATED');
  });
});

describe('transport', () => {
  it('answers malformed GraphQL with 400', async () => {
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { ' }),
    });
    expect(response.status).toBe(400);
    const unknownField = await t.gql('{ nothingLikeThis }');
    expect(unknownField.status).toBe(400);
  });

  it('serves /healthz', async () => {
    const response = await fetch(`${t.url}/healthz`);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});
