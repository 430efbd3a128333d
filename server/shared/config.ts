import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { LOG_LEVELS, type LogLevel } from './log.ts';

/** Every setting the server reads from the environment, read once. */
export interface AppConfig {
  port: number;
  /** API processes answering on `port` (node:cluster workers beside a supervising process); 1: this process answers. */
  apiProcesses: number;
  /** Unset: an embedded PostgreSQL is started under `dataDir`. */
  databaseUrl: string | undefined;
  /**
   * A read replica of DATABASE_URL's database (a streaming replica): the analysts' heavy queries run there, as the
   * request role, in read-only sessions. Unset: every query goes to DATABASE_URL (see server/shared/read-replica.ts).
   */
  databaseReadUrl: string | undefined;
  dataDir: string;
  /** The evidence store's folder when not `<dataDir>/evidence`: one folder several API processes share. */
  storageDir: string | undefined;
  /** STORAGE=s3: evidence is kept in this S3-compatible bucket instead of a folder (see evidence/s3-storage.ts). */
  s3: S3Settings | undefined;
  /** Express's `trust proxy` (hops, `loopback`, addresses): who may set X-Forwarded-For, so sign-in throttling sees clients. */
  trustProxy: number | string | false;
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
  /** Least severe log level written (pino's levels, or `silent`). */
  logLevel: LogLevel;
  /** Bearer token `/metrics` requires; unset: `/metrics` answers only on the loopback interface. */
  metricsToken: string | undefined;
  /** How long a stopping server waits for requests in flight (uploads included) before it cuts them. */
  shutdownTimeoutMs: number;
  /** How long a kept GraphQL answer may serve repeats while the database is unchanged (0: never kept; see response-cache.ts). */
  responseCacheMs: number;
}

/** Where an S3-compatible evidence store is. Credentials come from the SDK's usual sources (AWS_ACCESS_KEY_ID…) unless given. */
export interface S3Settings {
  bucket: string;
  region: string;
  /** Unset: AWS itself; set (MinIO, Ceph, a cloud's S3 API): that endpoint, addressed path-style (`<endpoint>/<bucket>/<key>`). */
  endpoint: string | undefined;
  /** Tests hand these in; in production the SDK reads the environment, a profile or an instance role. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** Variables that look like ours (this prefix) but are not read are reported, so a typo is not silently ignored. */
export const CONFIG_PREFIX = 'PAR_';

const number = (form: string, check: (value: number) => boolean) =>
  z
    .string()
    .trim()
    .refine((text) => text !== '' && check(Number(text)), form)
    .transform(Number);

const postgresUrl = z.string().refine((text) => {
  try {
    const url = new URL(text);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '' && url.pathname.length > 1;
  } catch {
    return false;
  }
}, 'a PostgreSQL URL such as postgres://user:password@127.0.0.1:5432/par_index (scheme postgres: or postgresql:, a host and a database name)');

/** One entry per variable: its schema (on the raw string), default and whether its value may be shown in an error. */
const variables = {
  PORT: { schema: number('an integer port from 0 to 65535', (n) => Number.isInteger(n) && n >= 0 && n <= 65535), default: '3000' },
  API_PROCESSES: {
    schema: z
      .string()
      .trim()
      .toLowerCase()
      .refine(
        (text) => text === 'auto' || (/^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= 64),
        'auto (one per core) or an integer from 1 to 64',
      )
      .transform((text) => (text === 'auto' ? os.availableParallelism() : Number(text))),
    default: '1',
  },
  DATABASE_URL: { schema: postgresUrl.optional(), secret: true },
  DATABASE_READ_URL: { schema: postgresUrl.optional(), secret: true },
  DATA_DIR: { schema: z.string().trim().min(1, 'a folder path'), default: '.data' },
  STORAGE_DIR: { schema: z.string().trim().min(1, 'a folder path').optional() },
  STORAGE: { schema: z.enum(['dir', 's3'], 'dir (a folder, the default) or s3 (an S3-compatible bucket)'), default: 'dir' },
  S3_BUCKET: {
    schema: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name (3–63 lower-case letters, digits, dots and hyphens)')
      .optional(),
  },
  S3_REGION: {
    schema: z
      .string()
      .trim()
      .regex(/^[a-z0-9-]+$/, 'a region name such as us-east-1'),
    default: 'us-east-1',
  },
  S3_ENDPOINT: {
    schema: z
      .string()
      .trim()
      .refine((text) => {
        try {
          const url = new URL(text);
          return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && url.username === '';
        } catch {
          return false;
        }
      }, 'an http(s) URL without credentials such as https://s3.example.vn:9000')
      .optional(),
  },
  TRUST_PROXY: {
    schema: z
      .string()
      .trim()
      .regex(
        /^(\d{1,2}|loopback|linklocal|uniquelocal|[0-9a-f.:/]+)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9a-f.:/]+))*$/i,
        'a number of proxies, loopback, or proxy addresses',
      )
      .transform((value) => (/^\d+$/.test(value) ? Number(value) : value))
      .optional(),
  },
  PAR_DEMO: {
    schema: z
      .string()
      .toLowerCase()
      .pipe(z.enum(['1', 'true', 'yes', '0', 'false', 'no'], '1, true or yes to seed the demo data, 0, false or no never to'))
      .transform((flag) => ['1', 'true', 'yes'].includes(flag))
      .optional(),
  },
  NODE_ENV: { schema: z.enum(['production', 'development', 'test'], 'one of production, development, test').optional() },
  SESSION_TTL_HOURS: { schema: number('a number of hours above 0 and at most 8760', (n) => n > 0 && n <= 8760), default: '12' },
  UPLOAD_LIMIT_MB: { schema: number('a number of megabytes above 0 and at most 10240', (n) => n > 0 && n <= 10240), default: '50' },
  ORM_DEBUG: { schema: z.enum(['0', '1'], '0 or 1').optional() },
  READER_THREADS: { schema: number('an integer from 1 to 16', (n) => Number.isInteger(n) && n >= 1 && n <= 16), default: '1' },
  READER_TIMEOUT_S: { schema: number('a number of seconds above 0 and at most 600', (n) => n > 0 && n <= 600), default: '30' },
  TRUSTED_ROOTS_FILE: { schema: z.string().trim().min(1, 'a PEM file path').optional() },
  LOG_LEVEL: { schema: z.enum(LOG_LEVELS, `one of ${LOG_LEVELS.join(', ')}`), default: 'info' },
  METRICS_TOKEN: {
    schema: z
      .string()
      .regex(/^[\x21-\x7e]{16,}$/, 'at least 16 visible ASCII characters without spaces (e.g. `openssl rand -hex 24`)')
      .optional(),
    secret: true,
  },
  RESPONSE_CACHE_S: {
    schema: number('a number of seconds from 0 (no cache) to 60', (n) => n >= 0 && n <= 60),
    default: '1',
  },
  SHUTDOWN_TIMEOUT_S: { schema: number('a number of seconds above 0 and at most 3600', (n) => n > 0 && n <= 3600), default: '30' },
} satisfies Record<string, { schema: z.ZodType; default?: string; secret?: boolean }>;

type Values = { [K in keyof typeof variables]: z.output<(typeof variables)[K]['schema']> };

/** Thrown by `readConfig` with every problem at once; `main.ts` prints it and exits. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates every variable (empty counts as unset) and names each bad one with the form it expects. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, variable] of Object.entries(variables) as [string, { schema: z.ZodType; default?: string; secret?: boolean }][]) {
    const raw = env[name] === '' ? undefined : env[name];
    const result = variable.schema.safeParse(raw ?? variable.default);
    if (result.success) values[name] = result.data;
    else {
      const shown = variable.secret ? '' : `, got ${JSON.stringify(raw)}`;
      problems.push(`${name}: expected ${result.error.issues[0]!.message}${shown}`);
    }
  }
  const v = values as Values;
  // Settings that only make sense together, checked once each alone is well-formed.
  if (problems.length === 0 && v.STORAGE === 's3') {
    if (!v.S3_BUCKET) problems.push('S3_BUCKET: expected the bucket to keep evidence in when STORAGE=s3');
    if (v.STORAGE_DIR) problems.push('STORAGE_DIR: expected unset when STORAGE=s3 (the files go to the bucket)');
  }
  if (problems.length === 0 && v.DATABASE_READ_URL) {
    // The replica is read as DATABASE_URL's request role (its name and password come from that URL), so it must be a
    // copy of that database; the values are secret and never shown.
    const read = new URL(v.DATABASE_READ_URL);
    const primary = v.DATABASE_URL ? new URL(v.DATABASE_URL) : null;
    if (!primary) problems.push('DATABASE_READ_URL: expected only with DATABASE_URL (a replica of the embedded database is not supported)');
    else if (read.pathname !== primary.pathname) {
      problems.push("DATABASE_READ_URL: expected the same database name as DATABASE_URL's (the replica is a copy of it)");
    } else if (read.username !== '' && read.username !== primary.username) {
      problems.push("DATABASE_READ_URL: expected DATABASE_URL's user or none (the replica is read as the request role of DATABASE_URL)");
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return {
    port: v.PORT,
    apiProcesses: v.API_PROCESSES,
    databaseUrl: v.DATABASE_URL,
    databaseReadUrl: v.DATABASE_READ_URL,
    dataDir: path.resolve(v.DATA_DIR),
    storageDir: v.STORAGE_DIR ? path.resolve(v.STORAGE_DIR) : undefined,
    s3: v.STORAGE === 's3' ? { bucket: v.S3_BUCKET!, region: v.S3_REGION, endpoint: v.S3_ENDPOINT } : undefined,
    trustProxy: v.TRUST_PROXY ?? false,
    production: v.NODE_ENV === 'production',
    demo: v.PAR_DEMO ?? !v.DATABASE_URL,
    sessionTtlHours: v.SESSION_TTL_HOURS,
    uploadLimitBytes: Math.round(v.UPLOAD_LIMIT_MB * 1024 * 1024),
    readerThreads: v.READER_THREADS,
    readerTimeoutMs: v.READER_TIMEOUT_S * 1000,
    trustedRootsFile: v.TRUSTED_ROOTS_FILE ? path.resolve(v.TRUSTED_ROOTS_FILE) : undefined,
    logLevel: v.LOG_LEVEL,
    metricsToken: v.METRICS_TOKEN,
    shutdownTimeoutMs: v.SHUTDOWN_TIMEOUT_S * 1000,
    responseCacheMs: v.RESPONSE_CACHE_S * 1000,
  };
}

/** Variables with our prefix that no setting reads (most likely a typo). */
export function unknownVariables(env: NodeJS.ProcessEnv = process.env): string[] {
  return Object.keys(env).filter((name) => name.startsWith(CONFIG_PREFIX) && !(name in variables));
}

/**
 * The configuration of this process, for `main.ts` and the operator's commands: on a bad variable it prints
 * every problem and exits with status 78 (EX_CONFIG) before anything starts; unknown `PAR_*` variables are warned of.
 */
export function configOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  for (const name of unknownVariables(env)) console.warn(`Warning: ${name} is set but is not a setting of this server (a typo?).`);
  try {
    return readConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(78);
  }
}
