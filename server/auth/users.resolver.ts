import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireUser, type AppContext } from '../access/index.ts';
import { CreateUserInput, UpdateUserInput, UserView } from './auth.types.ts';
import { toAuthUser } from './session.service.ts';
import type { User } from './user.entity.ts';
import { queryUsers } from './users.read.ts';
import { createUser, updateUser } from './users.service.ts';

const toView = (user: User): UserView => ({ ...toAuthUser(user), active: user.active, mustChangePassword: user.mustChangePassword });

@Resolver()
export class UsersResolver {
  @Query(() => [UserView], { description: 'Accounts the caller may read (ADMIN: all).' })
  users(@Ctx() ctx: AppContext): Promise<UserView[]> {
    return queryUsers(ctx);
  }

  @Mutation(() => UserView)
  async createUser(@Arg('input') input: CreateUserInput, @Ctx() ctx: AppContext): Promise<UserView> {
    return toView(await createUser(ctx.em, requireUser(ctx), input));
  }

  @Mutation(() => UserView, { description: 'Changing the password, roles, unit or deactivating ends the user’s sessions.' })
  async updateUser(@Arg('id', () => Int) id: number, @Arg('input') input: UpdateUserInput, @Ctx() ctx: AppContext): Promise<UserView> {
    const { user, revokeSessions } = await updateUser(ctx.em, requireUser(ctx), id, input);
    if (revokeSessions) await ctx.sessions.revokeAllOf(user.id);
    return toView(user);
  }
}
