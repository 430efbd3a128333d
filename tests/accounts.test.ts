import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type GraphQLResponse, type TestApp } from './support/app.ts';

/** The ADMIN's account management (issue 15 item 1): one-time codes, deactivation, roles and units, all audited. */
let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
});
afterAll(() => t?.close());

const USER_FIELDS = 'id username displayName roles unitId active mustChangePassword oneTimeCodeExpiresAt';
const CREATE = `mutation($input: AccountInput!) { createAccount(input: $input) { code expiresAt user { ${USER_FIELDS} } } }`;
const RESET = `mutation($id: Int!) { resetPassword(id: $id) { code expiresAt user { ${USER_FIELDS} } } }`;
const SET_ACTIVE = `mutation($id: Int!, $active: Boolean!) { setUserActive(id: $id, active: $active) { ${USER_FIELDS} } }`;
const UPDATE = `mutation($id: Int!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { ${USER_FIELDS} } }`;
/** An administrator's edit made on the version the account is at (a stale one: tests/hardening/races.test.ts). */
async function edit(id: number, input: Record<string, unknown>, token: string, locale?: string) {
  const [row] = await t.orm.em.getConnection().execute('select version from app_user where id = ?', [id]);
  return t.gql(UPDATE, { id, input: { version: row.version, ...input } }, { token, locale });
}
const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token mustChangePassword } }`;
const CHANGE = `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { token mustChangePassword } }`;
const USERS = `query($filter: UserFilter) { users(filter: $filter) { username } }`;
const OWN = 'Thanh-Oai lúc 7 giờ sáng';

function ok<T = any>(response: GraphQLResponse<T>): T {
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!;
}

const sql = <T = any>(text: string, params: unknown[] = []) => t.orm.em.getConnection().execute<T[]>(text, params);

async function unitId(code: string): Promise<number> {
  const [row] = await sql<{ id: number }>('select id from unit where code = ?', [code]);
  return row!.id;
}

async function userId(username: string): Promise<number> {
  const [row] = await sql<{ id: number }>('select id from app_user where username = ?', [username]);
  return row!.id;
}

/** The newest audit row of `action` on the account, with its actor's username; fails when there is none. */
async function audited(action: string, subjectId: number) {
  const [row] = await sql<{ before: any; after: any; actor: string | null }>(
    `select a.before, a.after, u.username as actor from audit_entry a left join app_user u on u.id = a.actor_id
      where a.action = ? and a.subject_type = 'User' and a.subject_id = ? order by a.seq desc limit 1`,
    [action, subjectId],
  );
  expect(row, `an audit row '${action}' of user ${subjectId}`).toBeDefined();
  return row!;
}

const auditCount = async () => (await sql<{ n: number }>('select count(*)::int as n from audit_entry'))[0]!.n;
const signIn = (username: string, password: string) => t.gql(LOGIN, { u: username, p: password });

async function createAccount(input: Record<string, unknown>) {
  return ok(await t.gql(CREATE, { input }, { token: admin })).createAccount as {
    code: string;
    expiresAt: string;
    user: { id: number; mustChangePassword: boolean; oneTimeCodeExpiresAt: string | null };
  };
}

describe('a new account', () => {
  it('gets a one-time code, shown once; its first sign-in must choose a password, then the code is spent', async () => {
    const unit = await unitId('THANHOAI');
    const issued = await createAccount({
      username: 'thanhoai.moi',
      displayName: 'Cán bộ mới Thanh Oai',
      roles: ['UNIT_STAFF'],
      unitId: unit,
    });
    expect(issued.code).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(issued.user).toMatchObject({ mustChangePassword: true, oneTimeCodeExpiresAt: issued.expiresAt, unitId: unit });
    const hoursLeft = (Date.parse(issued.expiresAt) - Date.now()) / 3_600_000;
    expect(hoursLeft).toBeGreaterThan(71);
    expect(hoursLeft).toBeLessThanOrEqual(72);
    // Only the code's hash is kept.
    const [stored] = await sql<{ password_hash: string }>('select password_hash from app_user where id = ?', [issued.user.id]);
    expect(stored!.password_hash).toMatch(/^scrypt\$/);
    expect(stored!.password_hash).not.toContain(issued.code);
    expect(await audited('user-create', issued.user.id)).toMatchObject({
      actor: 'admin',
      after: { username: 'thanhoai.moi', roles: ['UNIT_STAFF'], unitId: unit, mustChangePassword: true, oneTimeCode: true },
    });

    // Typed in capitals and without the dashes, the code still opens the sign-in.
    const login = ok(await signIn('thanhoai.moi', issued.code.replaceAll('-', '').toUpperCase())).login;
    expect(login.mustChangePassword).toBe(true);
    expect(await audited('sign-in', issued.user.id)).toMatchObject({ actor: 'thanhoai.moi', after: { oneTimeCode: true } });
    // Until the password is changed, the account has no rules: it reads nothing, not even itself.
    expect(ok(await t.gql(USERS, {}, { token: login.token })).users).toEqual([]);
    expect(ok(await t.gql('{ periods { id } }', {}, { token: login.token })).periods).toEqual([]);
    // A second sign-in with the same code is refused, even before the password change.
    const again = await signIn('thanhoai.moi', issued.code);
    expect(errorCode(again)).toBe('ONE_TIME_CODE_USED');
    expect(await audited('sign-in-refused', issued.user.id)).toMatchObject({ actor: null, after: { reason: 'one-time-code-used' } });
    const english = await t.gql(LOGIN, { u: 'thanhoai.moi', p: issued.code }, { locale: 'en' });
    expect(english.errors![0]!.message).toBe('This one-time code has been used to sign in already. Ask an administrator for a new one.');

    // The code is the current password on the change-password page.
    const changed = ok(await t.gql(CHANGE, { c: issued.code, n: OWN }, { token: login.token })).changePassword;
    expect(changed.mustChangePassword).toBe(false);
    expect(await audited('password-change', issued.user.id)).toMatchObject({ actor: 'thanhoai.moi' });
    expect(ok(await t.gql(USERS, {}, { token: changed.token })).users).toEqual([{ username: 'thanhoai.moi' }]);
    expect(ok(await t.gql('{ periods { id } }', {}, { token: changed.token })).periods.length).toBeGreaterThan(0);
    expect(errorCode(await signIn('thanhoai.moi', issued.code))).toBe('UNAUTHENTICATED');
    expect(ok(await signIn('thanhoai.moi', OWN)).login.mustChangePassword).toBe(false);
    const [row] = await sql('select one_time_code_expires_at, one_time_code_used_at from app_user where id = ?', [issued.user.id]);
    expect(row).toEqual({ one_time_code_expires_at: null, one_time_code_used_at: null });
  });

  it('refuses bad input with a code and the field, and writes nothing', async () => {
    const before = await auditCount();
    const users = async () => (await sql<{ n: number }>('select count(*)::int as n from app_user'))[0]!.n;
    const count = await users();
    const taken = await t.gql(CREATE, { input: { username: 'sontay', displayName: 'Trùng', roles: ['ANALYST'] } }, { token: admin });
    expect(taken.errors![0]!.extensions).toMatchObject({ code: 'USERNAME_TAKEN', field: 'username' });
    const noUnit = await t.gql(
      CREATE,
      { input: { username: 'khong.don.vi', displayName: 'Không đơn vị', roles: ['UNIT_LEAD'] } },
      { token: admin },
    );
    expect(noUnit.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'unitId' });
    const badName = await t.gql(CREATE, { input: { username: 'Tên Sai', displayName: 'X', roles: ['ANALYST'] } }, { token: admin });
    expect(badName.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'username' });
    expect(await users()).toBe(count);
    expect(await auditCount()).toBe(before);
  });
});

describe('a password reset', () => {
  it('replaces the password with a code that works once, ends the sessions, and expires', async () => {
    const id = await userId('sontay');
    const session = await t.login('sontay');
    const reset = ok(await t.gql(RESET, { id }, { token: admin })).resetPassword;
    expect(reset.user).toMatchObject({ username: 'sontay', mustChangePassword: true, oneTimeCodeExpiresAt: reset.expiresAt });
    expect(await audited('password-reset', id)).toMatchObject({
      actor: 'admin',
      before: { mustChangePassword: false },
      after: { mustChangePassword: true, oneTimeCodeExpiresAt: reset.expiresAt },
    });
    expect(JSON.stringify(await audited('password-reset', id))).not.toContain(reset.code.replaceAll('-', ''));
    // The session open before the reset has ended; the old password no longer works.
    expect(errorCode(await t.gql('{ me { id } }', {}, { token: session }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await signIn('sontay', 'hanoi2023'))).toBe('UNAUTHENTICATED');

    const first = ok(await signIn('sontay', reset.code)).login;
    expect(first.mustChangePassword).toBe(true);
    expect(errorCode(await signIn('sontay', reset.code))).toBe('ONE_TIME_CODE_USED');
    // The admin sees the code spent: no code pending any more, the password change still due.
    const listed = ok(
      await t.gql(`{ users(filter: { search: "sontay" }) { username mustChangePassword oneTimeCodeExpiresAt } }`, {}, { token: admin }),
    );
    expect(listed.users).toContainEqual({ username: 'sontay', mustChangePassword: true, oneTimeCodeExpiresAt: null });

    // A new code replaces the spent one; once past its time it opens nothing.
    const second = ok(await t.gql(RESET, { id }, { token: admin })).resetPassword;
    expect(second.code).not.toBe(reset.code);
    expect(errorCode(await t.gql('{ me { id } }', {}, { token: first.token }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await signIn('sontay', reset.code))).toBe('UNAUTHENTICATED');
    await sql(`update app_user set one_time_code_expires_at = now() - interval '1 second' where id = ?`, [id]);
    const expired = await signIn('sontay', second.code);
    expect(errorCode(expired)).toBe('ONE_TIME_CODE_EXPIRED');
    expect(expired.errors![0]!.message).toBe('Mã dùng một lần này đã hết hạn. Hãy đề nghị quản trị viên cấp mã mới.');
    expect(await audited('sign-in-refused', id)).toMatchObject({ after: { reason: 'one-time-code-expired' } });

    const third = ok(await t.gql(RESET, { id }, { token: admin })).resetPassword;
    const token = ok(await signIn('sontay', third.code)).login.token;
    ok(await t.gql(CHANGE, { c: third.code, n: OWN }, { token }));
    expect(ok(await signIn('sontay', OWN)).login.mustChangePassword).toBe(false);
  });

  it('makes a password the administrator types a temporary one too', async () => {
    const id = await userId('analyst');
    const chosen = 'Mật khẩu tạm 2026';
    expect(ok(await edit(id, { password: chosen }, admin)).updateUser.mustChangePassword).toBe(true);
    expect(ok(await signIn('analyst', chosen)).login.mustChangePassword).toBe(true);
    // Not a one-time code: it opens a sign-in until it is changed.
    expect(ok(await signIn('analyst', chosen)).login.mustChangePassword).toBe(true);
  });
});

describe('deactivation', () => {
  it('refuses the sign-in and ends the sessions; reactivation lets the user in again; both audited', async () => {
    const id = await userId('thanhoai');
    const session = await t.login('thanhoai');
    const off = ok(await t.gql(SET_ACTIVE, { id, active: false }, { token: admin })).setUserActive;
    expect(off.active).toBe(false);
    expect(await audited('user-deactivate', id)).toMatchObject({ actor: 'admin', before: { active: true }, after: { active: false } });
    expect(errorCode(await t.gql('{ me { id } }', {}, { token: session }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await signIn('thanhoai', 'hanoi2023'))).toBe('UNAUTHENTICATED');
    const inactive = ok(await t.gql(USERS, { filter: { active: false } }, { token: admin })).users;
    expect(inactive).toContainEqual({ username: 'thanhoai' });

    ok(await t.gql(SET_ACTIVE, { id, active: true }, { token: admin }));
    expect(await audited('user-reactivate', id)).toMatchObject({ actor: 'admin', before: { active: false }, after: { active: true } });
    expect(ok(await signIn('thanhoai', 'hanoi2023')).login.token).toBeTypeOf('string');
  });
});

describe('an administrator’s own account', () => {
  it('cannot be deactivated nor lose its ADMIN role by its owner, with a clear message; other changes are allowed', async () => {
    const id = await userId('admin');
    const before = await auditCount();
    const self = await t.gql(SET_ACTIVE, { id, active: false }, { token: admin });
    expect(self.status).toBe(403);
    expect(errorCode(self)).toBe('CANNOT_DEACTIVATE_SELF');
    expect(self.errors![0]!.message).toBe('Bạn không thể tự khóa tài khoản của chính mình; hãy nhờ một quản trị viên khác.');
    expect(errorCode(await edit(id, { active: false }, admin))).toBe('CANNOT_DEACTIVATE_SELF');
    const demote = await edit(id, { roles: ['ANALYST'] }, admin, 'en');
    expect(errorCode(demote)).toBe('CANNOT_REMOVE_OWN_ADMIN');
    expect(demote.errors![0]!.message).toBe('You cannot remove your own ADMIN role; ask another administrator.');
    expect(await auditCount()).toBe(before);
    expect(ok(await t.gql('{ me { active roles } }', {}, { token: admin })).me).toEqual({ active: true, roles: ['ADMIN'] });

    // Adding a role to oneself keeps ADMIN, so it is allowed (and ends one's sessions like any role change).
    const added = ok(await edit(id, { roles: ['ADMIN', 'ANALYST'] }, admin)).updateUser;
    expect(added.roles).toEqual(['ADMIN', 'ANALYST']);
    admin = await t.login('admin');
    ok(await edit(id, { roles: ['ADMIN'] }, admin));
    admin = await t.login('admin');
  });

  it('is no shield against another administrator', async () => {
    const second = await createAccount({ username: 'quantri.hai', displayName: 'Quản trị thứ hai', roles: ['ADMIN'] });
    const token = ok(await signIn('quantri.hai', second.code)).login.token;
    const own = ok(await t.gql(CHANGE, { c: second.code, n: OWN }, { token })).changePassword.token;
    const adminId = await userId('admin');
    const demoted = ok(await edit(adminId, { roles: ['ADMIN', 'ANALYST'] }, own)).updateUser;
    expect(demoted.roles).toEqual(['ADMIN', 'ANALYST']);
    expect(ok(await edit(adminId, { roles: ['ADMIN'] }, own)).updateUser.roles).toEqual(['ADMIN']);
    expect(
      ok(await t.gql(SET_ACTIVE, { id: second.user.id, active: false }, { token: (admin = await t.login('admin')) })).setUserActive.active,
    ).toBe(false);
  });
});

describe('roles and unit', () => {
  it('are changed by the administrator, audited before and after, and end the user’s sessions', async () => {
    const id = await userId('sontay.lead');
    const session = await t.login('sontay.lead');
    const unit = await unitId('THANHOAI');
    const updated = ok(await edit(id, { roles: ['UNIT_LEAD', 'APPRAISER'], unitId: unit }, admin)).updateUser;
    expect(updated).toMatchObject({ roles: ['UNIT_LEAD', 'APPRAISER'], unitId: unit });
    expect(await audited('user-update', id)).toMatchObject({
      actor: 'admin',
      before: { roles: ['UNIT_LEAD'], unitId: await unitId('SONTAY') },
      after: { roles: ['UNIT_LEAD', 'APPRAISER'], unitId: unit },
    });
    expect(errorCode(await t.gql('{ me { id } }', {}, { token: session }))).toBe('UNAUTHENTICATED');
    const lead = await t.login('sontay.lead');
    expect(ok(await t.gql('{ me { roles unit { code } } }', {}, { token: lead })).me).toEqual({
      roles: ['UNIT_LEAD', 'APPRAISER'],
      unit: { code: 'THANHOAI' },
    });
  });
});

describe('the list', () => {
  it('filters by role, unit, state and a part of the name', async () => {
    const list = async (filter: Record<string, unknown>) =>
      (ok(await t.gql(USERS, { filter }, { token: admin })).users as { username: string }[]).map((user) => user.username);
    expect(await list({ role: 'SECRETARIAT' })).toEqual(['secretariat']);
    const staff = await list({ role: 'UNIT_STAFF', unitId: await unitId('THANHOAI') });
    expect(staff).toEqual(expect.arrayContaining(['thanhoai', 'thanhoai.moi']));
    expect(staff).not.toContain('sontay');
    // The full name, in any case; `%` and `_` are letters, not wildcards.
    expect(await list({ search: 'CÁN BỘ MỚI' })).toEqual(['thanhoai.moi']);
    expect(await list({ search: '%' })).toEqual([]);
    expect(await list({ active: false, role: 'ADMIN' })).toEqual(['quantri.hai']);
    const everyone = await list({});
    expect(everyone).toEqual([...everyone].sort());
  });
});

describe('anyone but an administrator', () => {
  it('is refused every account act, and changes nothing', async () => {
    const secretariat = await t.login('secretariat');
    const id = await userId('thanhoai');
    const before = await auditCount();
    for (const [query, variables] of [
      [CREATE, { input: { username: 'xam.nhap', displayName: 'Xâm nhập', roles: ['ADMIN'] } }],
      [RESET, { id }],
      [SET_ACTIVE, { id, active: false }],
      [UPDATE, { id, input: { version: 1, roles: ['ADMIN'] } }],
    ] as const) {
      const response = await t.gql(query, variables, { token: secretariat });
      expect(response.status).toBe(403);
      expect(errorCode(response)).toBe('FORBIDDEN');
    }
    expect(ok(await t.gql(USERS, {}, { token: secretariat })).users).toEqual([{ username: 'secretariat' }]);
    expect(await auditCount()).toBe(before);
    expect(ok(await signIn('thanhoai', 'hanoi2023')).login.token).toBeTypeOf('string');
  });
});
