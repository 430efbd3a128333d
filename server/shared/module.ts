import type { EntityClass } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import type express from 'express';
import type { AppAbility, AuthUser, PermissionRules } from '../auth/ability.ts';
import type { SessionService } from '../auth/session.service.ts';
import type { AppConfig } from './config.ts';

/** What plain HTTP routes (uploads, downloads, exports) get from the app. */
export interface RouteDeps {
  orm: MikroORM;
  sessions: SessionService;
  abilityFor: (user: AuthUser | null) => AppAbility;
  config: AppConfig;
}

/**
 * What a domain module contributes to the server. `server/modules.ts` lists them;
 * the ORM config, the GraphQL schema, the CASL ability and the HTTP routes are all assembled from that list.
 */
export interface ServerModule {
  name: string;
  entities: EntityClass<unknown>[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: Function[];
  permissions?: PermissionRules;
  /** Routes outside GraphQL (e.g. file upload and download under `/api/…`), mounted before the portal. */
  routes?: (app: express.Express, deps: RouteDeps) => void;
}
