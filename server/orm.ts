import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from './orm.config.ts';

/** Connects and applies every pending migration (unless `migrate: false`, for a restore that brings its own schema). */
export async function openOrm(url: string, options: { migrate?: boolean } = {}): Promise<MikroORM> {
  const orm = await MikroORM.init(ormConfig(url));
  if (options.migrate !== false) await orm.getMigrator().up();
  return orm;
}
