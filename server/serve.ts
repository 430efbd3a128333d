import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createApp, type App } from './app.ts';
import type { AppConfig } from './shared/config.ts';

const portalDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../portal/dist');

/** The API and the built portal answering on the configured port from this process (the only one, or a worker). */
export async function serveApi(orm: MikroORM, config: AppConfig): Promise<App> {
  const app = await createApp(orm, config, portalDir);
  await new Promise<void>((resolve) => app.server.listen(config.port, resolve));
  return app;
}
