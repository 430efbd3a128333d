import { MikroORM } from '@mikro-orm/postgresql';
import { prepareRequestRole } from './shared/database-roles.ts';
import { ormConfig } from './orm.config.ts';

/** Connects and applies every pending migration (unless `migrate: false`, for a restore that brings its own schema). */
export async function openOrm(url: string, options: { migrate?: boolean } = {}): Promise<MikroORM> {
  const orm = await MikroORM.init(ormConfig(url));
  if (options.migrate !== false) await orm.getMigrator().up();
  return orm;
}

/**
 * The ORM that serves requests: migrates as the database's owner (`url`), grants the request role what serving needs
 * (server/shared/database-roles.ts), and connects as that role, which cannot alter the audit trail or the schema.
 */
export async function openServingOrm(database: { url: string; requestPassword?: string }): Promise<MikroORM> {
  const owner = await openOrm(database.url);
  await owner.close();
  const requestUrl = await prepareRequestRole(database.url, { password: database.requestPassword });
  return MikroORM.init(ormConfig(requestUrl));
}
