import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createApp, type App } from './app.ts';
import type { AppConfig } from './shared/config.ts';

const portalDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../portal/dist');

/**
 * The API and the built portal answering on the configured port from this process (the only one, or a worker).
 * A port it cannot take rejects with what to do about it, rather than ending the process from an 'error' event.
 */
export async function serveApi(orm: MikroORM, config: AppConfig): Promise<App> {
  const app = await createApp(orm, config, portalDir);
  try {
    await new Promise<void>((resolve, reject) => {
      app.server.once('error', reject);
      app.server.listen(config.port, () => {
        app.server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await app.close();
    throw new Error(listenProblem(error as NodeJS.ErrnoException, config.port));
  }
  return app;
}

function listenProblem(error: NodeJS.ErrnoException, port: number): string {
  if (error.code === 'EADDRINUSE') return `PORT ${port} is taken by another program: stop it, or set PORT to a free port.`;
  if (error.code === 'EACCES') return `PORT ${port} needs privileges this user does not have: set PORT above 1023.`;
  return `Cannot listen on PORT ${port}: ${error.message}`;
}
