import { packRules } from '@casl/ability/extra';
import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../access/index.ts';
import { UnitView } from '../units/index.ts';
import { unitLoader } from '../units/index.ts';
import { requireUser } from '../access/index.ts';
import { LoginPayload, UserView } from './auth.types.ts';
import { SESSION_COOKIE } from '../access/index.ts';

@Resolver(() => UserView)
export class AuthResolver {
  @Mutation(() => LoginPayload, {
    description:
      'Signs in. Wrong username and wrong password give the same UNAUTHENTICATED error; after 5 failures for a username (or 50 from one address) in 15 minutes, TOO_MANY_SIGN_IN_ATTEMPTS (HTTP 429, Retry-After) until the window ends.',
  })
  async login(@Arg('username') username: string, @Arg('password') password: string, @Ctx() ctx: AppContext): Promise<LoginPayload> {
    const { token, user, expiresAt } = await ctx.sessions.login(ctx.em, username, password, ctx.req?.ip);
    ctx.res?.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.production,
      expires: expiresAt,
      path: '/',
    });
    return { token, expiresAt, user: { ...user, active: true } };
  }

  @Mutation(() => Boolean, { description: 'Revokes the token of this request and clears the cookie.' })
  async logout(@Ctx() ctx: AppContext): Promise<boolean> {
    if (ctx.token) await ctx.sessions.revoke(ctx.token);
    ctx.res?.clearCookie(SESSION_COOKIE, { path: '/' });
    return true;
  }

  @Query(() => UserView, { description: 'The signed-in user.' })
  me(@Ctx() ctx: AppContext): UserView {
    const { id, username, displayName, roles, unitId } = requireUser(ctx);
    return { id, username, displayName, roles, unitId, active: true };
  }

  @Query(() => GraphQLJSON, { description: 'The CASL rules of the signed-in user, packed (`@casl/ability/extra` unpackRules).' })
  myPermissions(@Ctx() ctx: AppContext): unknown {
    return packRules(requireUser(ctx).ability.rules);
  }

  @FieldResolver(() => UnitView, { nullable: true })
  unit(@Root() user: UserView, @Ctx() ctx: AppContext): Promise<UnitView | null> | null {
    return user.unitId === null ? null : unitLoader(ctx).load(user.unitId);
  }
}
