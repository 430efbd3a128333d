import { requireUser, withPermission, type AppContext } from '../access/index.ts';
import type { UserView } from './auth.types.ts';
import { User } from './user.entity.ts';

/** The accounts the caller may read (ADMIN: all), by username. */
export async function queryUsers(ctx: AppContext): Promise<UserView[]> {
  const filter = withPermission<User>(requireUser(ctx).ability, 'read', 'User');
  if (!filter) return [];
  const rows = await ctx.em
    .createQueryBuilder(User, 'u')
    .select(['id', 'username', 'displayName', 'roles', 'unit', 'active', 'mustChangePassword'])
    .where(filter)
    .orderBy({ username: 'asc' })
    .execute('all');
  return rows.map((row) => ({ ...row, unitId: (row.unit as unknown as number | null) ?? null }) as UserView);
}
