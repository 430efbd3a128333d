import type { EntityClass } from '@mikro-orm/core';
import type { PermissionRules } from '../auth/ability.ts';
import type { BackgroundJob } from './jobs.ts';

/**
 * What a domain module contributes to the server. `server/modules.ts` lists them;
 * the ORM config, the GraphQL schema and the CASL ability are all assembled from that list.
 */
export interface ServerModule {
  name: string;
  entities: EntityClass<unknown>[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: Function[];
  permissions?: PermissionRules;
  /** Periodic work, started by server/main.ts (not in tests, which call it directly). */
  jobs?: BackgroundJob[];
}
