import type { ObjectQuery } from '@mikro-orm/core';
import { requireUser, withPermission, type AppContext } from '../access/index.ts';
import { likePattern } from '../shared/sql-builder.ts';
import type { UserFilter, UserView } from './auth.types.ts';
import { User } from './user.entity.ts';

const COLUMNS = [
  'id',
  'username',
  'displayName',
  'roles',
  'unit',
  'active',
  'mustChangePassword',
  'oneTimeCodeExpiresAt',
  'oneTimeCodeUsedAt',
  'version',
] as const;

/** What `filter` asks of the rows, as a MikroORM condition (every part given must hold). */
function matching(filter: UserFilter | undefined): ObjectQuery<User> {
  const where: ObjectQuery<User>[] = [];
  if (filter?.role) where.push({ roles: { $contains: [filter.role] } });
  if (filter?.unitId != null) where.push({ unit: filter.unitId });
  if (filter?.active != null) where.push({ active: filter.active });
  const search = filter?.search?.trim();
  if (search) where.push({ $or: [{ username: { $ilike: likePattern(search) } }, { displayName: { $ilike: likePattern(search) } }] });
  return where.length ? { $and: where } : {};
}

/** The accounts the caller may read (ADMIN: all; others: their own), that `filter` matches, by username: one statement. */
export async function queryUsers(ctx: AppContext, filter?: UserFilter): Promise<UserView[]> {
  const permitted = withPermission<User>(requireUser(ctx).ability, 'read', 'User', matching(filter));
  if (!permitted) return [];
  const rows = await ctx.em
    .createQueryBuilder(User, 'u')
    .select([...COLUMNS])
    .where(permitted)
    .orderBy({ username: 'asc' })
    .execute('all');
  return rows.map((row) => ({
    ...row,
    unitId: (row.unit as unknown as number | null) ?? null,
    oneTimeCodeExpiresAt: pendingCodeExpiry(row),
  })) as UserView[];
}

/** Until when an account's one-time code opens a sign-in; null once used (what is left is the password change). */
const pendingCodeExpiry = (user: Pick<User, 'oneTimeCodeExpiresAt' | 'oneTimeCodeUsedAt'>) =>
  user.oneTimeCodeUsedAt ? null : (user.oneTimeCodeExpiresAt ?? null);

/** An account as GraphQL shows it. */
export const toUserView = (user: User): UserView => ({
  id: user.id,
  username: user.username,
  displayName: user.displayName,
  roles: [...user.roles],
  unitId: user.unit?.id ?? null,
  active: user.active,
  mustChangePassword: user.mustChangePassword,
  oneTimeCodeExpiresAt: pendingCodeExpiry(user),
  version: user.version,
});
