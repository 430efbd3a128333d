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
  /** Evidence files read at once, each in a worker thread (see evidence/reader.ts). */
  readerThreads: number;
  /** How long one read may take before its thread is stopped. */
  readerTimeoutMs: number;
  /** PEM file of the root certificates PDF signatures are checked against (none configured: every issuer is unknown). */
  trustedRootsFile: string | undefined;
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
    readerThreads: Math.max(1, Number(env.READER_THREADS ?? 1)),
    readerTimeoutMs: Number(env.READER_TIMEOUT_S ?? 30) * 1000,
    trustedRootsFile: env.TRUSTED_ROOTS_FILE ? path.resolve(env.TRUSTED_ROOTS_FILE) : undefined,
  };
}
