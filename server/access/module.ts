import type { EntityClass } from '@mikro-orm/core';
import type { ClassType } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Express, Request } from 'express';
import type { AppAbility, AuthUser, PermissionFactsLoader, PermissionRules } from './ability.ts';
import type { AbilityCache } from './ability-cache.ts';
import type { AppConfig } from '../shared/config.ts';
import type { BackgroundJob } from '../shared/jobs.ts';

/**
 * Sign-in sessions as the access layer sees them; the auth module's SessionService implements it
 * (app.ts wires it in), so this layer needs nothing from the module.
 */
export interface Sessions {
  /** `address`: the client's, for throttling failed sign-ins. */
  login(
    em: EntityManager,
    username: string,
    password: string,
    address?: string,
  ): Promise<{ token: string; user: AuthUser; expiresAt: Date }>;
  /** A new session for a user already proven (after a password change ended the others). */
  open(em: EntityManager, user: AuthUser): Promise<{ token: string; user: AuthUser; expiresAt: Date }>;
  /** The user behind a token, or null if it is unknown, expired or revoked. */
  authenticate(token: string): Promise<AuthUser | null>;
  /** Signs out: revokes the token (and audits it, on `em`, when it opened a live session). */
  revoke(em: EntityManager, token: string): Promise<void>;
  /** Ends every session of a user (deactivation, password or role change). */
  revokeAllOf(userId: number): Promise<void>;
}

/** What plain HTTP routes (uploads, downloads, exports) get to authenticate and query. */
export interface RouteDeps {
  orm: MikroORM;
  config: AppConfig;
  sessions: Sessions;
  /** The user (bearer token or session cookie) and CASL ability behind an HTTP request. */
  authenticate(req: Request): Promise<{ user: AuthUser | null; ability: AppAbility }>;
  /** The abilities in use; `invalidate()` after a write that changes permission facts. */
  abilities: AbilityCache;
}

/**
 * What a domain module contributes to the server. `server/modules.ts` lists them;
 * the ORM config, the GraphQL schema, the CASL ability and the HTTP routes are assembled from that list.
 */
export interface ServerModule {
  name: string;
  entities: EntityClass<unknown>[];
  /** type-graphql resolver classes. */
  resolvers: ClassType[];
  permissions?: PermissionRules;
  /** Loads the data `permissions` needs about a user (see PermissionFacts); runs when an ability is built. */
  permissionFacts?: PermissionFactsLoader;
  /** Non-GraphQL HTTP routes (file transfer), mounted before the portal. */
  routes?: (app: Express, deps: RouteDeps) => void;
  /** Periodic work, started by server/main.ts (not in tests, which call it directly). */
  jobs?: BackgroundJob[];
  /** Waits for work the module started in the background (the app's `close` calls it before the ORM closes). */
  settle?: () => Promise<void>;
}
