import type { Request, Response } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppAbility, AuthUser } from './ability.ts';
import type { AbilityCache } from './ability-cache.ts';
import { tokenFromRequest } from './token.ts';
import type { AppConfig } from '../shared/config.ts';
import { localeFromHeader, type Locale } from '../shared/i18n.ts';
import type { RouteDeps, Sessions } from './module.ts';

/** Built once per GraphQL request; resolvers receive it through `@Ctx()`. */
export interface AppContext {
  /** A fork of the global EntityManager: its identity map and dataloaders live for this request only. */
  em: EntityManager;
  user: AuthUser | null;
  ability: AppAbility;
  /** Call `abilities.invalidate()` after a write that changes permission facts (see PermissionFacts). */
  abilities: AbilityCache;
  /** The raw bearer/cookie token of this request, so `logout` can revoke it. */
  token: string | null;
  locale: Locale;
  config: AppConfig;
  sessions: Sessions;
  req?: Request;
  res?: Response;
  /** Per-request memo for loaders (see `perRequest`). */
  memo: Map<unknown, unknown>;
}

/** One instance per request of whatever `create` builds (typically a DataLoader), keyed by `key`. */
export function perRequest<T>(ctx: AppContext, key: unknown, create: () => T): T {
  let value = ctx.memo.get(key) as T | undefined;
  if (value === undefined) {
    value = create();
    ctx.memo.set(key, value);
  }
  return value;
}

/** Where a middleware that authenticated the request first (the response cache) leaves the result in `res.locals`. */
export const AUTHENTICATED = 'authenticated';
type Authenticated = Awaited<ReturnType<RouteDeps['authenticate']>>;

/** The context of one HTTP request (GraphQL or a plain route): its user from the bearer token or cookie. */
export async function createRequestContext(deps: RouteDeps, req: Request, res: Response): Promise<AppContext> {
  const { user, ability } = (res.locals[AUTHENTICATED] as Authenticated | undefined) ?? (await deps.authenticate(req));
  return {
    em: deps.orm.em.fork(),
    user,
    ability,
    abilities: deps.abilities,
    token: tokenFromRequest(req),
    locale: localeFromHeader(req.headers['accept-language']),
    config: deps.config,
    sessions: deps.sessions,
    req,
    res,
    memo: new Map(),
  };
}
