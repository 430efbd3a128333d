import { packRules } from '@casl/ability/extra';
import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { AppContext, AuthUser } from '../access/index.ts';
import { UnitView } from '../units/index.ts';
import { unitLoader } from '../units/index.ts';
import { requireUser } from '../access/index.ts';
import { LoginPayload, UserView } from './auth.types.ts';
import { toAuthUser } from './session.service.ts';
import { User } from './user.entity.ts';
import { changeOwnPassword } from './users.service.ts';
import { SESSION_COOKIE } from '../access/index.ts';

/** Sets the session cookie (the portal's way in; API clients use the token) and answers the payload. */
function signedIn(ctx: AppContext, { token, user, expiresAt }: { token: string; user: AuthUser; expiresAt: Date }): LoginPayload {
  ctx.res?.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.production,
    expires: expiresAt,
    path: '/',
  });
  const mustChangePassword = user.mustChangePassword ?? false;
  return { token, expiresAt, mustChangePassword, user: { ...user, active: true, mustChangePassword, oneTimeCodeExpiresAt: null } };
}

@Resolver(() => UserView)
export class AuthResolver {
  @Mutation(() => LoginPayload, {
    description:
      'Signs in. Wrong username and wrong password give the same UNAUTHENTICATED error; after 5 failures for a username (or 50 from one address) in 15 minutes, TOO_MANY_SIGN_IN_ATTEMPTS (HTTP 429, Retry-After) until the window ends.',
  })
  async login(@Arg('username') username: string, @Arg('password') password: string, @Ctx() ctx: AppContext): Promise<LoginPayload> {
    return signedIn(ctx, await ctx.sessions.login(ctx.em, username, password, ctx.req?.ip));
  }

  @Mutation(() => LoginPayload, {
    description:
      'Replaces the signed-in user’s password (asking for the current one), ends all their sessions and opens a new one. ' +
      'WEAK_PASSWORD (field newPassword) when the new one is below the minimum strength.',
  })
  async changePassword(
    @Arg('currentPassword') currentPassword: string,
    @Arg('newPassword') newPassword: string,
    @Ctx() ctx: AppContext,
  ): Promise<LoginPayload> {
    const user = await changeOwnPassword(ctx.em, requireUser(ctx).id, currentPassword, newPassword);
    await ctx.sessions.revokeAllOf(user.id);
    return signedIn(ctx, await ctx.sessions.open(ctx.em, toAuthUser(user)));
  }

  @Mutation(() => Boolean, { description: 'Revokes the token of this request and clears the cookie.' })
  async logout(@Ctx() ctx: AppContext): Promise<boolean> {
    if (ctx.token) await ctx.sessions.revoke(ctx.em, ctx.token);
    ctx.res?.clearCookie(SESSION_COOKIE, { path: '/' });
    return true;
  }

  @Query(() => UserView, { description: 'The signed-in user.' })
  me(@Ctx() ctx: AppContext): UserView {
    const { id, username, displayName, roles, unitId, mustChangePassword } = requireUser(ctx);
    // A signed-in user's one-time code, if any, has been spent on this sign-in.
    return {
      id,
      username,
      displayName,
      roles,
      unitId,
      active: true,
      mustChangePassword: mustChangePassword ?? false,
      oneTimeCodeExpiresAt: null,
    };
  }

  @Query(() => GraphQLJSON, { description: 'The CASL rules of the signed-in user, packed (`@casl/ability/extra` unpackRules).' })
  myPermissions(@Ctx() ctx: AppContext): unknown {
    return packRules(requireUser(ctx).ability.rules);
  }

  @FieldResolver(() => UnitView, { nullable: true })
  unit(@Root() user: UserView, @Ctx() ctx: AppContext): Promise<UnitView | null> | null {
    return user.unitId === null ? null : unitLoader(ctx).load(user.unitId);
  }

  @FieldResolver(() => Int, {
    description: 'How often the account changed: send it back with `updateUser`; a stale version is a CONFLICT.',
  })
  async version(@Root() user: UserView, @Ctx() ctx: AppContext): Promise<number> {
    // Account lists carry it; `me` (built from the session) reads it only when asked.
    return user.version ?? (await ctx.em.findOneOrFail(User, user.id, { fields: ['version'] })).version;
  }
}
