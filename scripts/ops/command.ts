// What every operator command that touches the database shares: the validated configuration and the configured
// database (embedded or DATABASE_URL) with its migrations applied, closed again whatever happens.
import type { MikroORM } from '@mikro-orm/postgresql';
import { configOrExit, type AppConfig } from '../../server/shared/config.ts';
import { openConfiguredDatabase } from '../../server/shared/database.ts';
import { openOrm } from '../../server/orm.ts';

export interface Connected {
  config: AppConfig;
  orm: MikroORM;
  url: string;
}

/** Runs `work` against the configured database, then closes it (and stops an embedded one) whatever happens. */
export async function withDatabase(work: (connected: Connected) => Promise<void>, options: { migrate?: boolean } = {}): Promise<void> {
  const config = configOrExit();
  const database = await openConfiguredDatabase(config, (line) => console.error(line));
  try {
    const orm = await openOrm(database.url, options);
    try {
      await work({ config, orm, url: database.url });
    } finally {
      await orm.close();
    }
  } finally {
    await database.stop();
  }
}
