import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { requireUser, type AppContext } from '../access/index.ts';
import { AccountInput, CreateUserInput, OneTimeCodePayload, UpdateUserInput, UserFilter, UserView } from './auth.types.ts';
import type { User } from './user.entity.ts';
import { queryUsers, toUserView } from './users.read.ts';
import { createAccount, createUser, resetPassword, setUserActive, updateUser, type IssuedCode } from './users.service.ts';
import { IdArg } from '../shared/args.ts';

const issued = ({ user, code, expiresAt }: IssuedCode): OneTimeCodePayload => ({ user: toUserView(user), code, expiresAt });

@Resolver()
export class UsersResolver {
  @Query(() => [UserView], {
    description: 'Accounts the caller may read (ADMIN: all; others: their own) that the filter matches, by username.',
  })
  users(@Arg('filter', () => UserFilter, { nullable: true }) filter: UserFilter | undefined, @Ctx() ctx: AppContext): Promise<UserView[]> {
    return queryUsers(ctx, filter);
  }

  @Mutation(() => UserView, { description: 'An account with a password the caller chooses (scripts); the portal uses `createAccount`.' })
  async createUser(@Arg('input') input: CreateUserInput, @Ctx() ctx: AppContext): Promise<UserView> {
    return toUserView(await createUser(ctx.em, requireUser(ctx), input));
  }

  @Mutation(() => OneTimeCodePayload, {
    description:
      'Creates an account (ADMIN) whose first password is a one-time code, answered here only: it opens one sign-in before it expires, where the user must choose their own password. USERNAME_TAKEN (field username).',
  })
  async createAccount(@Arg('input') input: AccountInput, @Ctx() ctx: AppContext): Promise<OneTimeCodePayload> {
    return issued(await createAccount(ctx.em, requireUser(ctx), input));
  }

  @Mutation(() => OneTimeCodePayload, {
    description:
      'Replaces an account’s password with a one-time code (ADMIN), answered here only; the old password stops working and the account’s sessions end.',
  })
  async resetPassword(@IdArg() id: number, @Ctx() ctx: AppContext): Promise<OneTimeCodePayload> {
    const result = await resetPassword(ctx.em, requireUser(ctx), id);
    await ctx.sessions.revokeAllOf(id);
    return issued(result);
  }

  @Mutation(() => UserView, {
    description:
      'Deactivates (`active: false`: no more sign-ins, the sessions end) or reactivates an account (ADMIN). CANNOT_DEACTIVATE_SELF for one’s own account.',
  })
  async setUserActive(@IdArg() id: number, @Arg('active') active: boolean, @Ctx() ctx: AppContext): Promise<UserView> {
    return this.applied(ctx, await setUserActive(ctx.em, requireUser(ctx), id, active));
  }

  @Mutation(() => UserView, {
    description:
      'Changes an account (ADMIN). Changing the password, roles or unit, or deactivating, ends the user’s sessions; CANNOT_DEACTIVATE_SELF and CANNOT_REMOVE_OWN_ADMIN guard one’s own account.',
  })
  async updateUser(@IdArg() id: number, @Arg('input') input: UpdateUserInput, @Ctx() ctx: AppContext): Promise<UserView> {
    return this.applied(ctx, await updateUser(ctx.em, requireUser(ctx), id, input));
  }

  private async applied(ctx: AppContext, { user, revokeSessions }: { user: User; revokeSessions: boolean }): Promise<UserView> {
    if (revokeSessions) await ctx.sessions.revokeAllOf(user.id);
    return toUserView(user);
  }
}
