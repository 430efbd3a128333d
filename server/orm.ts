import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from './orm.config.ts';

/** Connects and applies every pending migration. */
export async function openOrm(url: string): Promise<MikroORM> {
  const orm = await MikroORM.init(ormConfig(url));
  await orm.getMigrator().up();
  return orm;
}
