import path from 'node:path';

/** Every setting the server reads from the environment, read once. */
export interface AppConfig {
  port: number;
  /** Unset: an embedded PostgreSQL is started under `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** NODE_ENV=production (the default of `npm start`): `Secure` cookies. */
  production: boolean;
  /** Demo accounts and data are seeded: PAR_DEMO=1/0, else with the embedded database and not with DATABASE_URL. */
  demo: boolean;
  sessionTtlHours: number;
  uploadLimitBytes: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    port: Number(env.PORT ?? 3000),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR ?? '.data'),
    production: env.NODE_ENV === 'production',
    demo: env.PAR_DEMO ? ['1', 'true', 'yes'].includes(env.PAR_DEMO.toLowerCase()) : !env.DATABASE_URL,
    sessionTtlHours: Number(env.SESSION_TTL_HOURS ?? 12),
    uploadLimitBytes: Number(env.UPLOAD_LIMIT_MB ?? 50) * 1024 * 1024,
  };
}
