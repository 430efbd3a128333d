import type { EntityClass } from '@mikro-orm/core';
import type { Express, Request, Response } from 'express';
import type { PermissionFactsLoader, PermissionRules } from '../auth/ability.ts';
import type { AppContext } from './context.ts';

/** What a module's plain HTTP routes (downloads, exports) get from the app. */
export interface RouteDeps {
  /** The same per-request context GraphQL resolvers get: user (bearer or cookie), ability, forked em, locale. */
  context(req: Request, res: Response): Promise<AppContext>;
}

/**
 * What a domain module contributes to the server. `server/modules.ts` lists them;
 * the ORM config, the GraphQL schema, the HTTP routes and the CASL ability are all assembled from that list.
 */
export interface ServerModule {
  name: string;
  entities: EntityClass<unknown>[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: Function[];
  permissions?: PermissionRules;
  /** Loads the data `permissions` needs about a user (see PermissionFacts); runs when an ability is built. */
  permissionFacts?: PermissionFactsLoader;
  /** Plain HTTP routes, for what GraphQL cannot carry well (file downloads). Mount them under `/api/`. */
  routes?: (app: Express, deps: RouteDeps) => void;
}
