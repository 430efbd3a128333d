import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordWeakness } from '../server/auth/password-policy.logic.ts';
import { runCommand } from './support/command.ts';
import { errorCode, startTestApp, type TestApp } from './support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const STRONG = 'Hà-Nội lúc 7 giờ sáng';
const adminCreate = (args: string[], input?: string) =>
  runCommand('admin-create', args, { env: { DATABASE_URL: t.databaseUrl, NODE_ENV: 'production' }, input });
const admins = () =>
  t.orm.em.getConnection().execute<{ username: string }[]>(`select username from app_user where 'ADMIN' = any(roles) order by username`);
const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token mustChangePassword } }';
const CHANGE = 'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { token mustChangePassword } }';

describe('the password policy', () => {
  it.each([
    ['short1!', 'at least 10'],
    ['onlylowercaseletters', 'two kinds'],
    ['quantri-2026', 'too easy'],
    ['password123', 'too easy'],
  ])('refuses %s (%s)', (password, reason) => {
    expect(passwordWeakness(password, 'quantri')?.en).toContain(reason);
  });

  it('accepts a long password of two kinds that is not the username', () => {
    expect(passwordWeakness(STRONG, 'quantri')).toBeNull();
  });
});

// Each case starts the command (a Node process loading the server through SWC) once or twice: slow on a busy machine.
describe('npm run admin:create', { timeout: 90_000 }, () => {
  it('refuses while an administrator exists, and changes nothing', async () => {
    const result = await adminCreate(['--username', 'quantri'], `${STRONG}\n`);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('ADMIN_EXISTS');
    expect(result.stderr).toContain('admin');
    expect(await admins()).toEqual([{ username: 'admin' }]);
  });

  it('never takes the password from the command line', async () => {
    const result = await adminCreate(['--username', 'quantri', '--password', STRONG, '--force']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Unknown option '--password'");
    expect(await admins()).toEqual([{ username: 'admin' }]);
  });

  it('refuses a weak password', async () => {
    const result = await adminCreate(['--username', 'quantri', '--force'], 'hanoi2023\n');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('WEAK_PASSWORD');
    expect(await admins()).toEqual([{ username: 'admin' }]);
  });

  it('creates the first administrator of an installation without one, who must change the password first', async () => {
    await t.orm.em.getConnection().execute(`update app_user set roles = array_remove(roles, 'ADMIN')`);
    const result = await adminCreate(['--username', 'QuanTri', '--display-name', 'Quản trị Sở Nội vụ'], `${STRONG}\n`);
    expect(result.stderr).not.toContain('Error');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Created administrator "quantri"');
    expect(await admins()).toEqual([{ username: 'quantri' }]);
    // Audited on the console's own authority (no actor), never with the password.
    const [audit] = await t.orm.em.getConnection()
      .execute(`select a.actor_id, a.after from audit_entry a join app_user u on u.id = a.subject_id
                 where a.action = 'admin-create' and a.subject_type = 'User' and u.username = 'quantri'`);
    expect(audit).toMatchObject({ actor_id: null, after: { username: 'quantri', roles: ['ADMIN'], passwordReset: true } });
    expect(JSON.stringify(audit.after)).not.toContain(STRONG);

    const login = await t.gql(LOGIN, { u: 'quantri', p: STRONG });
    expect(login.data.login.mustChangePassword).toBe(true);
    const first = login.data.login.token as string;
    // Until the password is changed, the account may do nothing else.
    expect((await t.gql('{ users { id } }', {}, { token: first })).data.users).toEqual([]);
    const create = 'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }';
    const input = { username: 'canbo.moi', displayName: 'Cán bộ mới', password: 'Mật khẩu cán bộ 1', roles: ['ANALYST'] };
    expect(errorCode(await t.gql(create, { i: input }, { token: first }))).toBe('FORBIDDEN');
    expect((await t.gql('{ me { username mustChangePassword } }', {}, { token: first })).data.me).toEqual({
      username: 'quantri',
      mustChangePassword: true,
    });

    const weak = await t.gql(CHANGE, { c: STRONG, n: 'quantri-2026' }, { token: first });
    expect(errorCode(weak)).toBe('WEAK_PASSWORD');
    expect(weak.errors![0]!.extensions!.field).toBe('newPassword');
    expect(errorCode(await t.gql(CHANGE, { c: 'not-the-password', n: 'Một mật khẩu mới 2026' }, { token: first }))).toBe('UNAUTHENTICATED');

    const changed = await t.gql(CHANGE, { c: STRONG, n: 'Một mật khẩu mới 2026' }, { token: first });
    expect(changed.data.changePassword.mustChangePassword).toBe(false);
    const second = changed.data.changePassword.token as string;
    expect(errorCode(await t.gql('{ me { id } }', {}, { token: first }))).toBe('UNAUTHENTICATED');
    expect((await t.gql('{ users { username } }', {}, { token: second })).data.users.length).toBeGreaterThan(5);
  });

  it('resets an existing account with --force and a password file, ending its sessions', async () => {
    const token = await t.login('quantri', 'Một mật khẩu mới 2026');
    const again = await adminCreate(['--username', 'quantri'], `${STRONG}\n`);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('ADMIN_EXISTS');

    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'par-admin-'));
    const file = path.join(dir, 'password.txt');
    await fs.writeFile(file, 'Mật khẩu đặt lại 2026\n', { mode: 0o600 });
    const reset = await adminCreate(['--username', 'quantri', '--password-file', file, '--force']);
    await fs.rm(dir, { recursive: true });
    expect(reset.status).toBe(0);
    expect(reset.stdout).toContain('Reset administrator "quantri"');
    expect(errorCode(await t.gql('{ me { id } }', {}, { token }))).toBe('UNAUTHENTICATED');
    expect((await t.gql(LOGIN, { u: 'quantri', p: 'Mật khẩu đặt lại 2026' })).data.login.mustChangePassword).toBe(true);
  });
});
