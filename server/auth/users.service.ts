import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize, type Actor } from '../access/index.ts';
import { badInput, domainError, notFound } from '../shared/errors.ts';
import { cleanText } from '../shared/text.ts';
import { Unit } from '../units/index.ts';
import type { CreateUserInput, UpdateUserInput } from './auth.types.ts';
import { hashPassword } from './password.ts';
import { Role, UNIT_ROLES } from '../access/index.ts';
import { User } from './user.entity.ts';

const USER = { vi: 'người dùng', en: 'User' };

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
  const user = em.create(User, {
    username,
    displayName: cleanText(input.displayName, 'displayName', { required: true, max: 200 })!,
    passwordHash: await hashPassword(input.password),
    roles: [...new Set(input.roles)],
    unit,
    active: true,
  });
  await em.flush();
  return user;
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
  if (!user) throw notFound(USER, id);
  const roles = input.roles ? [...new Set(input.roles)] : user.roles;
  const unitId = input.unitId !== undefined ? input.unitId : (user.unit?.id ?? null);
  const unit = await resolveUnit(em, roles, unitId);
  const revokeSessions = input.password !== undefined || input.active === false || input.roles !== undefined || input.unitId !== undefined;
  if (input.displayName !== undefined) user.displayName = cleanText(input.displayName, 'displayName', { required: true, max: 200 })!;
  if (input.password !== undefined) user.passwordHash = await hashPassword(input.password);
  if (input.active !== undefined) user.active = input.active;
  user.roles = roles;
  user.unit = unit;
  await em.flush();
  return { user, revokeSessions };
}
