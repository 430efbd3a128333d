import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { authorize, missingRow, type Actor } from '../access/index.ts';
import { recordAudit } from '../audit/index.ts';
import { badInput, domainError, unauthenticated } from '../shared/errors.ts';
import type { Localized } from '../shared/i18n.ts';
import { cleanText } from '../shared/text.ts';
import { assertVersion } from '../shared/version.ts';
import { Unit } from '../units/index.ts';
import { USERNAME, type AccountInput, type CreateUserInput, type UpdateUserInput } from './auth.types.ts';
import { Session } from './session.entity.ts';
import { hashPassword, newOneTimeCode, normaliseOneTimeCode, verifyPassword } from './password.ts';
import { passwordWeakness } from './password-policy.logic.ts';
import { Role, UNIT_ROLES } from '../access/index.ts';
import { User } from './user.entity.ts';
import { toUserView } from './users.read.ts';

const USER = { vi: 'người dùng', en: 'User' };

/** The password's hash, once it meets the minimum strength (`passwordWeakness`); refuses with the field otherwise. */
async function strongPasswordHash(password: string, username: string, field = 'password'): Promise<string> {
  const weakness = passwordWeakness(password, username);
  if (weakness) throw domainError('WEAK_PASSWORD', weakness, { field });
  return hashPassword(password);
}

async function resolveUnit(em: EntityManager, roles: Role[], unitId: number | null | undefined): Promise<Unit | null> {
  if (unitId == null) {
    if (roles.some((role) => UNIT_ROLES.includes(role))) {
      throw badInput('unitId', { vi: 'Vai trò của đơn vị cần chọn đơn vị.', en: 'Unit roles need a unit.' });
    }
    return null;
  }
  const unit = await em.findOne(Unit, unitId);
  if (!unit) throw badInput('unitId', { vi: `Không có đơn vị mã ${unitId}.`, en: `Unit ${unitId} does not exist.` });
  return unit;
}

/** How long a one-time code opens its sign-in (a new account's, a reset's) before the administrator must issue another. */
export const ONE_TIME_CODE_HOURS = 72;

/** A one-time code for an account: the code itself (shown once), its hash and when it stops working. */
async function issueOneTimeCode(): Promise<{ code: string; hash: string; expiresAt: Date }> {
  const code = newOneTimeCode();
  return { code, hash: await hashPassword(normaliseOneTimeCode(code)), expiresAt: new Date(Date.now() + ONE_TIME_CODE_HOURS * 3_600_000) };
}

/** The account's password becomes `hash`, one the user did not choose: it must be changed at the next sign-in. */
function setImposedPassword(user: User, hash: string, codeExpiresAt: Date | null): void {
  user.passwordHash = hash;
  user.mustChangePassword = true;
  user.oneTimeCodeExpiresAt = codeExpiresAt;
  user.oneTimeCodeUsedAt = null;
}

/**
 * A new account of `input` with the password `hashFor` gives once the input is checked (the caller's, or a one-time
 * code's when `oneTimeCodeExpiresAt` is set); audited.
 */
async function insertUser(
  em: EntityManager,
  actor: Actor,
  input: AccountInput,
  hashFor: (username: string) => Promise<string>,
  oneTimeCodeExpiresAt: Date | null,
): Promise<User> {
  authorize(actor, 'create', 'User');
  const username = input.username.trim().toLowerCase();
  if (await em.count(User, { username })) {
    throw domainError(
      'USERNAME_TAKEN',
      { vi: `Tên đăng nhập "${username}" đã được dùng.`, en: `Username "${username}" is taken.` },
      { field: 'username' },
    );
  }
  const unit = await resolveUnit(em, input.roles, input.unitId);
  const displayName = cleanText(input.displayName, 'displayName', { required: true, max: 200 })!;
  const hash = await hashFor(username);
  return em.transactional(async (tx) => {
    const user = tx.create(User, { username, displayName, passwordHash: hash, roles: [...new Set(input.roles)], unit, active: true });
    if (oneTimeCodeExpiresAt) setImposedPassword(user, hash, oneTimeCodeExpiresAt);
    await tx.flush();
    recordAudit(tx, actor, {
      subjectType: 'User',
      subjectId: user.id,
      action: 'user-create',
      after: { ...audited(user), oneTimeCode: oneTimeCodeExpiresAt !== null },
    });
    return user;
  });
}

/** An account whose password the caller chose (scripts and tests through the API). */
export function createUser(em: EntityManager, actor: Actor, input: CreateUserInput): Promise<User> {
  return insertUser(em, actor, input, (username) => strongPasswordHash(input.password, username), null);
}

/**
 * An account made by an administrator in the portal: its first password is a one-time code, returned here once
 * (only its hash is kept), which opens one sign-in within ONE_TIME_CODE_HOURS, where the user chooses their own.
 */
export async function createAccount(em: EntityManager, actor: Actor, input: AccountInput): Promise<IssuedCode> {
  const { code, hash, expiresAt } = await issueOneTimeCode();
  const user = await insertUser(em, actor, input, async () => hash, expiresAt);
  return { user, code, expiresAt };
}

export interface IssuedCode {
  user: User;
  code: string;
  expiresAt: Date;
}

/** What the audit trail keeps of an account: what GraphQL shows of it, never its password, hash or code. */
function audited(user: User): Record<string, unknown> {
  const { id: _id, version: _version, oneTimeCodeExpiresAt, ...account } = toUserView(user);
  return { ...account, oneTimeCodeExpiresAt: oneTimeCodeExpiresAt?.toISOString() ?? null };
}

const ownAccountRefusal = (code: string, messages: Localized) => () => domainError(code, messages, { http: { status: 403 } });

const CANNOT_DEACTIVATE_SELF = ownAccountRefusal('CANNOT_DEACTIVATE_SELF', {
  vi: 'Bạn không thể tự khóa tài khoản của chính mình; hãy nhờ một quản trị viên khác.',
  en: 'You cannot deactivate your own account; ask another administrator.',
});
const CANNOT_REMOVE_OWN_ADMIN = ownAccountRefusal('CANNOT_REMOVE_OWN_ADMIN', {
  vi: 'Bạn không thể tự bỏ vai trò quản trị của chính mình; hãy nhờ một quản trị viên khác.',
  en: 'You cannot remove your own ADMIN role; ask another administrator.',
});

/** An account the caller may update (ADMIN), loaded for the change; FORBIDDEN before anything is read otherwise. */
async function accountToChange(em: EntityManager, actor: Actor, id: number, lockMode?: LockMode): Promise<User> {
  authorize(actor, 'update', 'User');
  const user = await em.findOne(User, id, lockMode ? { lockMode, refresh: true } : {});
  if (!user) throw missingRow(actor, 'read', 'User', USER, id);
  return user;
}

/**
 * Changes an account (name, roles, unit, active, a password the administrator chose) under the account rules, as
 * the audit action `action`. Returns the user and whether their sessions must end (password, roles, unit or
 * deactivation changed).
 */
async function changeUser(
  em: EntityManager,
  actor: Actor,
  id: number,
  input: Omit<UpdateUserInput, 'version'> & { version?: number },
  action: string,
): Promise<{ user: User; revokeSessions: boolean }> {
  return em.transactional(async (tx) => {
    // Locked: two changes of one account take turns, and an edit made on an older version is refused.
    const user = await accountToChange(tx, actor, id, LockMode.PESSIMISTIC_WRITE);
    if (input.version !== undefined) assertVersion(user, input.version);
    const roles = input.roles ? [...new Set(input.roles)] : user.roles;
    if (input.active === false) authorize(actor, 'deactivate', 'User', user, CANNOT_DEACTIVATE_SELF);
    if (user.roles.includes(Role.ADMIN) && !roles.includes(Role.ADMIN))
      authorize(actor, 'revokeAdmin', 'User', user, CANNOT_REMOVE_OWN_ADMIN);
    const unitId = input.unitId !== undefined ? input.unitId : (user.unit?.id ?? null);
    const unit = await resolveUnit(tx, roles, unitId);
    const revokeSessions =
      input.password !== undefined || input.active === false || input.roles !== undefined || input.unitId !== undefined;
    const before = audited(user);
    if (input.displayName !== undefined) user.displayName = cleanText(input.displayName, 'displayName', { required: true, max: 200 })!;
    if (input.password !== undefined) setImposedPassword(user, await strongPasswordHash(input.password, user.username), null);
    if (input.active !== undefined) user.active = input.active;
    user.roles = roles;
    user.unit = unit;
    recordAudit(tx, actor, {
      subjectType: 'User',
      subjectId: user.id,
      action,
      before,
      after: { ...audited(user), passwordReset: input.password !== undefined },
    });
    await tx.flush();
    return { user, revokeSessions };
  });
}

/** An administrator's change of an account's name, roles, unit, state or password. */
export const updateUser = (em: EntityManager, actor: Actor, id: number, input: UpdateUserInput) =>
  changeUser(em, actor, id, input, 'user-update');

/**
 * Deactivates an account (it can no longer sign in, and its sessions end) or reactivates it; an administrator
 * cannot deactivate their own (CANNOT_DEACTIVATE_SELF).
 */
export const setUserActive = (em: EntityManager, actor: Actor, id: number, active: boolean) =>
  changeUser(em, actor, id, { active }, active ? 'user-reactivate' : 'user-deactivate');

/**
 * Replaces an account's password with a new one-time code, returned once: the account's sessions end, its old
 * password stops working, and the code opens one sign-in within ONE_TIME_CODE_HOURS, where a new password is chosen.
 */
export async function resetPassword(em: EntityManager, actor: Actor, id: number): Promise<IssuedCode> {
  const user = await accountToChange(em, actor, id);
  authorize(actor, 'resetPassword', 'User', user);
  const { code, hash, expiresAt } = await issueOneTimeCode();
  const before = audited(user);
  setImposedPassword(user, hash, expiresAt);
  recordAudit(em, actor, { subjectType: 'User', subjectId: user.id, action: 'password-reset', before, after: audited(user) });
  await em.flush();
  return { user, code, expiresAt };
}

/**
 * The signed-in user replaces their own password (required at the first sign-in of an account created by
 * `admin:create`, or opened by a one-time code, which is then the current password). The current password is asked again so a borrowed session cannot lock its owner out.
 */
export async function changeOwnPassword(em: EntityManager, userId: number, currentPassword: string, newPassword: string): Promise<User> {
  const user = await em.findOne(User, { id: userId, active: true }, { populate: ['passwordHash'] });
  // After a sign-in with a one-time code, the code is the current password (as typed: any case, dashes or not).
  const current = user?.oneTimeCodeExpiresAt ? normaliseOneTimeCode(currentPassword) : currentPassword;
  if (!user || !(await verifyPassword(current, user.passwordHash))) throw unauthenticated();
  if (current === newPassword || currentPassword === newPassword) {
    throw domainError(
      'WEAK_PASSWORD',
      { vi: 'Mật khẩu mới phải khác mật khẩu hiện tại.', en: 'The new password must differ from the current one.' },
      { field: 'newPassword' },
    );
  }
  user.passwordHash = await strongPasswordHash(newPassword, user.username, 'newPassword');
  user.mustChangePassword = false;
  user.oneTimeCodeExpiresAt = user.oneTimeCodeUsedAt = null;
  recordAudit(em, user, { subjectType: 'User', subjectId: user.id, action: 'password-change' });
  await em.flush();
  return user;
}

export interface AdminAccount {
  username: string;
  displayName: string;
  password: string;
  /** Also when an active ADMIN exists: then an existing account of that name is reset and made ADMIN. */
  force: boolean;
}

/**
 * The operator's `npm run admin:create`: the first ADMIN of an empty installation, on the console's own
 * authority (no signed-in actor exists yet). Refuses while an active ADMIN exists unless forced; the
 * account must change its password at the first sign-in, since the operator typed it.
 */
export async function createAdministrator(em: EntityManager, account: AdminAccount): Promise<{ user: User; created: boolean }> {
  const username = account.username.trim().toLowerCase();
  if (!USERNAME.test(username) || username.length < 3 || username.length > 64) {
    throw badInput('username', {
      vi: 'Tên đăng nhập gồm 3–64 ký tự a-z, 0-9, dấu chấm, gạch ngang, gạch dưới.',
      en: 'A username has 3–64 characters: a-z, 0-9, dot, dash, underscore.',
    });
  }
  const passwordHash = await strongPasswordHash(account.password, username);
  const admins = await em.find(User, { roles: { $contains: [Role.ADMIN] }, active: true }, { fields: ['username'] });
  if (admins.length && !account.force) {
    throw domainError('ADMIN_EXISTS', {
      vi: `Đã có quản trị viên (${admins.map((admin) => admin.username).join(', ')}); dùng --force để tạo thêm hoặc đặt lại.`,
      en: `An administrator exists already (${admins.map((admin) => admin.username).join(', ')}); use --force to add or reset one.`,
    });
  }
  const existing = await em.findOne(User, { username });
  return em.transactional(async (tx) => {
    const before = existing ? audited(existing) : null;
    const user =
      existing ??
      tx.create(User, {
        username,
        displayName: cleanText(account.displayName, 'displayName', { required: true, max: 200 })!,
        passwordHash,
      });
    setImposedPassword(user, passwordHash, null);
    user.roles = [...new Set([...user.roles, Role.ADMIN])];
    user.active = true;
    await tx.flush();
    if (existing) await tx.nativeUpdate(Session, { user: existing, revokedAt: null }, { revokedAt: new Date() });
    // The operator's console acts on its own authority: no signed-in actor.
    recordAudit(tx, null, {
      subjectType: 'User',
      subjectId: user.id,
      action: existing ? 'admin-reset' : 'admin-create',
      before,
      after: { ...audited(user), passwordReset: true },
    });
    return { user, created: !existing };
  });
}
