import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig, unknownVariables } from '../server/shared/config.ts';

const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    readConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('configuration checked at start', () => {
  it('gives the documented defaults when nothing is set', () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      dataDir: path.resolve('.data'),
      production: false,
      sessionTtlHours: 12,
      uploadLimitBytes: 50 * 1024 * 1024,
    });
  });

  it('reads good values', () => {
    const config = readConfig({
      PORT: '4100',
      DATABASE_URL: 'postgresql://par:secret@db.internal:5432/par_index',
      NODE_ENV: 'production',
      UPLOAD_LIMIT_MB: '12.5',
    });
    expect(config).toMatchObject({ port: 4100, production: true, uploadLimitBytes: 12.5 * 1024 * 1024 });
    expect(readConfig({ TRUST_PROXY: '1', STORAGE_DIR: 'shared/evidence' })).toMatchObject({
      trustProxy: 1,
      storageDir: path.resolve('shared/evidence'),
    });
    expect(readConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(readConfig({}).trustProxy).toBe(false);
    expect(problemsOf({ TRUST_PROXY: 'everyone' })).toEqual([
      'TRUST_PROXY: expected a number of proxies, loopback, or proxy addresses, got "everyone"',
    ]);
  });

  it('names a malformed DATABASE_URL and the form it expects, without echoing it (it may hold a password)', () => {
    for (const url of ['not a url', 'mysql://root:hunter2@localhost/par', 'postgres://hunter2@/']) {
      const problems = problemsOf({ DATABASE_URL: url });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^DATABASE_URL: expected a PostgreSQL URL such as postgres:\/\//);
      expect(problems[0]).not.toContain('hunter2');
    }
  });

  it('reads DATABASE_READ_URL, a replica of DATABASE_URL, and names a malformed or mismatched one without echoing it', () => {
    const primary = 'postgres://par:hunter2@db-1.internal:5432/par_index';
    expect(readConfig({}).databaseReadUrl).toBeUndefined();
    expect(readConfig({ DATABASE_URL: primary, DATABASE_READ_URL: '' }).databaseReadUrl).toBeUndefined();
    for (const replica of ['postgres://db-2.internal:5432/par_index', 'postgresql://par:hunter2@db-2.internal/par_index']) {
      expect(readConfig({ DATABASE_URL: primary, DATABASE_READ_URL: replica }).databaseReadUrl).toBe(replica);
    }
    for (const url of ['db-2.internal:5432', 'mysql://par:hunter2@db-2/par_index', 'postgres://par:hunter2@db-2.internal/']) {
      const problems = problemsOf({ DATABASE_URL: primary, DATABASE_READ_URL: url });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^DATABASE_READ_URL: expected a PostgreSQL URL such as postgres:\/\//);
      expect(problems[0]).not.toContain('hunter2');
    }
    // It is read as DATABASE_URL's request role: a copy of that database, on a server of its own.
    const mismatched = (env: NodeJS.ProcessEnv) => problemsOf(env).map((problem) => problem.replace(/ \(.*/, ''));
    expect(mismatched({ DATABASE_READ_URL: 'postgres://db-2.internal/par_index' })).toEqual([
      'DATABASE_READ_URL: expected only with DATABASE_URL',
    ]);
    expect(mismatched({ DATABASE_URL: primary, DATABASE_READ_URL: 'postgres://db-2.internal/other' })).toEqual([
      "DATABASE_READ_URL: expected the same database name as DATABASE_URL's",
    ]);
    expect(mismatched({ DATABASE_URL: primary, DATABASE_READ_URL: 'postgres://analyst:hunter2@db-2.internal/par_index' })).toEqual([
      "DATABASE_READ_URL: expected DATABASE_URL's user or none",
    ]);
  });

  it('reads API_PROCESSES: 1 by default, a count, or auto (one per core), and names anything else', () => {
    expect(readConfig({}).apiProcesses).toBe(1);
    expect(readConfig({ API_PROCESSES: '4' }).apiProcesses).toBe(4);
    expect(readConfig({ API_PROCESSES: ' Auto ' }).apiProcesses).toBe(os.availableParallelism());
    for (const value of ['0', '65', '1.5', 'many', '-2']) {
      expect(problemsOf({ API_PROCESSES: value })).toEqual([
        `API_PROCESSES: expected auto (one per core) or an integer from 1 to 64, got "${value}"`,
      ]);
    }
  });

  it('names a negative UPLOAD_LIMIT_MB with the value given', () => {
    expect(problemsOf({ UPLOAD_LIMIT_MB: '-5' })).toEqual([
      'UPLOAD_LIMIT_MB: expected a number of megabytes above 0 and at most 10240, got "-5"',
    ]);
  });

  it('reads the operating settings (issue 15): log level, metrics token (never echoed), shutdown time', () => {
    expect(readConfig({})).toMatchObject({ logLevel: 'info', metricsToken: undefined, shutdownTimeoutMs: 30_000 });
    expect(readConfig({ LOG_LEVEL: 'debug', METRICS_TOKEN: 'x'.repeat(24), SHUTDOWN_TIMEOUT_S: '5' })).toMatchObject({
      logLevel: 'debug',
      metricsToken: 'x'.repeat(24),
      shutdownTimeoutMs: 5_000,
    });
    const problems = problemsOf({ LOG_LEVEL: 'verbose', METRICS_TOKEN: 'short-secret', SHUTDOWN_TIMEOUT_S: '0' });
    expect(problems).toEqual([
      'LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "verbose"',
      'METRICS_TOKEN: expected at least 16 visible ASCII characters without spaces (e.g. `openssl rand -hex 24`)',
      'SHUTDOWN_TIMEOUT_S: expected a number of seconds above 0 and at most 3600, got "0"',
    ]);
  });

  it('reads the evidence store (STORAGE=s3 and its bucket) and names what is missing or malformed', () => {
    expect(readConfig({})).toMatchObject({ s3: undefined });
    expect(
      readConfig({
        STORAGE: 's3',
        S3_BUCKET: 'par-evidence',
        S3_ENDPOINT: 'https://s3.example.vn:9000',
      }),
    ).toMatchObject({
      s3: { bucket: 'par-evidence', region: 'us-east-1', endpoint: 'https://s3.example.vn:9000' },
    });
    expect(problemsOf({ STORAGE: 's3' })).toEqual(['S3_BUCKET: expected the bucket to keep evidence in when STORAGE=s3']);
    expect(problemsOf({ STORAGE: 's3', S3_BUCKET: 'par-evidence', STORAGE_DIR: '/srv/evidence' })).toEqual([
      'STORAGE_DIR: expected unset when STORAGE=s3 (the files go to the bucket)',
    ]);
    expect(
      problemsOf({
        STORAGE: 'nfs',
        S3_BUCKET: 'Bad_Bucket',
        S3_ENDPOINT: 'https://key:secret@s3.example.vn',
      }),
    ).toEqual([
      'STORAGE: expected dir (a folder, the default) or s3 (an S3-compatible bucket), got "nfs"',
      'S3_BUCKET: expected an S3 bucket name (3–63 lower-case letters, digits, dots and hyphens), got "Bad_Bucket"',
      'S3_ENDPOINT: expected an http(s) URL without credentials such as https://s3.example.vn:9000, got "https://key:secret@s3.example.vn"',
    ]);
  });

  it('reports every bad variable at once', () => {
    const problems = problemsOf({
      PORT: '70000',
      SESSION_TTL_HOURS: 'twelve',
      NODE_ENV: 'prod',
      ORM_DEBUG: 'yes',
    });
    expect(problems.map((problem) => problem.split(':')[0])).toEqual(['PORT', 'NODE_ENV', 'SESSION_TTL_HOURS', 'ORM_DEBUG']);
  });

  it('seeds the demo data with the embedded database unless PAR_DEMO says otherwise', () => {
    expect(readConfig({}).demo).toBe(true);
    expect(readConfig({ DATABASE_URL: 'postgres://par@127.0.0.1/par_index' }).demo).toBe(false);
    expect(readConfig({ DATABASE_URL: 'postgres://par@127.0.0.1/par_index', PAR_DEMO: 'Yes' }).demo).toBe(true);
    expect(readConfig({ PAR_DEMO: '0' }).demo).toBe(false);
    expect(problemsOf({ PAR_DEMO: 'maybe' })).toEqual([
      'PAR_DEMO: expected 1, true or yes to seed the demo data, 0, false or no never to, got "maybe"',
    ]);
  });

  it('treats an empty variable as unset', () => {
    expect(readConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3000, databaseUrl: undefined });
  });

  it('reports variables with the project prefix that no setting reads', () => {
    expect(unknownVariables({ PAR_UPLOAD_LIMIT: '5', PATH: '/usr/bin', PORT: '1' })).toEqual(['PAR_UPLOAD_LIMIT']);
  });

  it('stops the server before it starts anything, with the message and status 78', async () => {
    const child = spawn(process.execPath, ['--import', './server/register.js', 'server/main.ts'], {
      env: { ...process.env, DATABASE_URL: 'postgres//wrong', UPLOAD_LIMIT_MB: '-1', PAR_TYPO: '1' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const status = await new Promise((resolve) => child.on('close', resolve));
    expect(status).toBe(78);
    expect(stderr).toContain('Invalid configuration:');
    expect(stderr).toContain('  - DATABASE_URL: expected a PostgreSQL URL');
    expect(stderr).toContain('  - UPLOAD_LIMIT_MB: expected a number of megabytes above 0');
    expect(stderr).toContain('PAR_TYPO is set but is not a setting of this server');
  });
});
