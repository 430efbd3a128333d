import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize, missingRow, type Actor } from '../access/index.ts';
import { recordAudit } from '../audit/index.ts';
import { badInput, domainError, unauthenticated } from '../shared/errors.ts';
import { cleanText } from '../shared/text.ts';
import { Unit } from '../units/index.ts';
import { USERNAME, type CreateUserInput, type UpdateUserInput } from './auth.types.ts';
import { Session } from './session.entity.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { passwordWeakness } from './password-policy.logic.ts';
import { Role, UNIT_ROLES } from '../access/index.ts';
import { User } from './user.entity.ts';

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

export async function createUser(em: EntityManager, actor: Actor, input: CreateUserInput): Promise<User> {
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
  const passwordHash = await strongPasswordHash(input.password, username);
  return em.transactional(async (tx) => {
    const user = tx.create(User, { username, displayName, passwordHash, roles: [...new Set(input.roles)], unit, active: true });
    await tx.flush();
    recordAudit(tx, actor, { subjectType: 'User', subjectId: user.id, action: 'user-create', after: audited(user) });
    return user;
  });
}

/** What the audit trail keeps of an account: never its password or hash, only that one was set. */
function audited(user: User): Record<string, unknown> {
  return {
    username: user.username,
    displayName: user.displayName,
    roles: [...user.roles],
    unitId: user.unit?.id ?? null,
    active: user.active,
    mustChangePassword: user.mustChangePassword,
  };
}

/** Returns the user and whether their sessions must end (password, roles, unit or deactivation changed). */
export async function updateUser(
  em: EntityManager,
  actor: Actor,
  id: number,
  input: UpdateUserInput,
): Promise<{ user: User; revokeSessions: boolean }> {
  authorize(actor, 'update', 'User');
  const user = await em.findOne(User, id);
  if (!user) throw missingRow(actor, 'read', 'User', USER, id);
  const roles = input.roles ? [...new Set(input.roles)] : user.roles;
  const unitId = input.unitId !== undefined ? input.unitId : (user.unit?.id ?? null);
  const unit = await resolveUnit(em, roles, unitId);
  const revokeSessions = input.password !== undefined || input.active === false || input.roles !== undefined || input.unitId !== undefined;
  const before = audited(user);
  if (input.displayName !== undefined) user.displayName = cleanText(input.displayName, 'displayName', { required: true, max: 200 })!;
  if (input.password !== undefined) user.passwordHash = await strongPasswordHash(input.password, user.username);
  if (input.active !== undefined) user.active = input.active;
  user.roles = roles;
  user.unit = unit;
  recordAudit(em, actor, {
    subjectType: 'User',
    subjectId: user.id,
    action: 'user-update',
    before,
    after: { ...audited(user), passwordReset: input.password !== undefined },
  });
  await em.flush();
  return { user, revokeSessions };
}

/**
 * The signed-in user replaces their own password (required at the first sign-in of an account created by
 * `admin:create`). The current password is asked again so a borrowed session cannot lock its owner out.
 */
export async function changeOwnPassword(em: EntityManager, userId: number, currentPassword: string, newPassword: string): Promise<User> {
  const user = await em.findOne(User, { id: userId, active: true }, { populate: ['passwordHash'] });
  if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) throw unauthenticated();
  if (currentPassword === newPassword) {
    throw domainError(
      'WEAK_PASSWORD',
      { vi: 'Mật khẩu mới phải khác mật khẩu hiện tại.', en: 'The new password must differ from the current one.' },
      { field: 'newPassword' },
    );
  }
  user.passwordHash = await strongPasswordHash(newPassword, user.username, 'newPassword');
  user.mustChangePassword = false;
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
    user.passwordHash = passwordHash;
    user.roles = [...new Set([...user.roles, Role.ADMIN])];
    user.active = true;
    user.mustChangePassword = true;
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
