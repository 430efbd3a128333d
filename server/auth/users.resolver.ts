import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { AppContext } from '../access/index.ts';
import { withPermission } from '../access/index.ts';
import { authorize, requireUser } from '../access/index.ts';
import { CreateUserInput, UpdateUserInput, UserView } from './auth.types.ts';
import { toAuthUser } from './session.service.ts';
import { User } from './user.entity.ts';
import { createUser, updateUser } from './users.service.ts';

const toView = (user: User): UserView => ({ ...toAuthUser(user), active: user.active });

@Resolver()
export class UsersResolver {
  @Query(() => [UserView], { description: 'Accounts the caller may read (ADMIN: all).' })
  async users(@Ctx() ctx: AppContext): Promise<UserView[]> {
    requireUser(ctx);
    const filter = withPermission<User>(ctx.ability, 'read', 'User');
    if (!filter) return [];
    const rows = await ctx.em
      .createQueryBuilder(User, 'u')
      .select(['id', 'username', 'displayName', 'roles', 'unit', 'active'])
      .where(filter)
      .orderBy({ username: 'asc' })
      .execute('all');
    return rows.map((row) => ({ ...row, unitId: (row.unit as unknown as number | null) ?? null }) as UserView);
  }

  @Mutation(() => UserView)
  async createUser(@Arg('input') input: CreateUserInput, @Ctx() ctx: AppContext): Promise<UserView> {
    authorize(ctx, 'create', 'User');
    return toView(await createUser(ctx.em, input));
  }

  @Mutation(() => UserView, { description: 'Changing the password, roles, unit or deactivating ends the user’s sessions.' })
  async updateUser(@Arg('id', () => Int) id: number, @Arg('input') input: UpdateUserInput, @Ctx() ctx: AppContext): Promise<UserView> {
    authorize(ctx, 'update', 'User');
    const { user, revokeSessions } = await updateUser(ctx.em, id, input);
    if (revokeSessions) await ctx.sessions.revokeAllOf(user.id);
    return toView(user);
  }
}
