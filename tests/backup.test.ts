import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dropDatabase, ensureDatabase } from '../server/shared/database.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { runCommand } from './support/command.ts';
import { startFakeS3 } from './support/s3-server.ts';

/**
 * Issue 15, item 2: `npm run backup` writes one archive (a consistent copy of every table, every stored file, a
 * manifest of SHA-256 sums); `npm run restore` brings it back into an empty database and data folder, checking every
 * file and every audit-chain link. Round trip: make data, back up, wipe, restore, compare every table and every file.
 */
let t: TestApp;
let work: string;
let restoredDatabase: string;
let restoredUrl: string;
const sourceDir = () => inject('dataDir');

beforeAll(async () => {
  t = await startTestApp();
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'par-backup-'));
  restoredDatabase = `${inject('runId')}_restored_${randomBytes(4).toString('hex')}`;
  // The wiped installation: a new, empty database and an empty data folder.
  restoredUrl = await ensureDatabase(inject('adminUrl'), restoredDatabase);
  await fs.mkdir(path.join(work, 'restored'));
});
afterAll(async () => {
  await t.close();
  await dropDatabase(inject('adminUrl'), restoredDatabase);
  await fs.rm(work, { recursive: true, force: true });
});

/** Every table's checksum (md5 of its rows in a fixed order), by name. */
async function tableChecksums(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`set time zone 'UTC'`);
    const { rows: tables } = await client.query<{ name: string }>(
      `select tablename as name from pg_tables where schemaname = 'public' order by 1`,
    );
    const sums: Record<string, string> = {};
    for (const { name } of tables) {
      const { rows } = await client.query(
        `select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as sum from "${name}" t`,
      );
      sums[name] = `${rows[0].n}:${rows[0].sum}`;
    }
    return sums;
  } finally {
    await client.end();
  }
}

const fileSha = async (file: string) =>
  createHash('sha256')
    .update(await fs.readFile(file))
    .digest('hex');
const stored = (root: string, sha: string) => path.join(root, 'evidence', sha.slice(0, 2), sha.slice(2, 4), sha);

describe('backup and restore', { timeout: 180_000 }, () => {
  it('round-trips every table and every stored file, the audit chain verified', async () => {
    // Data of every kind: the seeded period, sheets, evidence files, and fresh audit rows.
    await t.login('secretariat');
    const files = (await t.orm.em.getConnection().execute<{ sha256: string }[]>('select sha256 from stored_file')).map((row) => row.sha256);
    expect(files.length).toBeGreaterThan(0);
    const before = await tableChecksums(t.databaseUrl);
    expect(Number(before.audit_entry!.split(':')[0])).toBeGreaterThan(0);

    const archive = path.join(work, 'par-index.tar.gz');
    const backup = await runCommand('backup', [archive], { env: { DATABASE_URL: t.databaseUrl, DATA_DIR: sourceDir() } });
    expect(backup.stderr).not.toMatch(/Error/);
    expect(backup.status).toBe(0);
    expect(backup.stdout).toMatch(new RegExp(`Backed up \\d+ tables \\(\\d+ rows\\), ${files.length} files`));
    // Backing up changed nothing.
    expect(await tableChecksums(t.databaseUrl)).toEqual(before);

    const target = path.join(work, 'restored');
    const restore = await runCommand('restore', [archive], { env: { DATABASE_URL: restoredUrl, DATA_DIR: target } });
    expect(restore.stderr).not.toMatch(/Error/);
    expect(restore.status).toBe(0);
    expect(restore.stdout).toMatch(/every checksum and audit link verified/);

    expect(await tableChecksums(restoredUrl)).toEqual(before);
    for (const sha of files) expect(await fileSha(stored(target, sha))).toBe(sha);
    expect(await fs.readdir(target)).toEqual(['evidence']);
  });

  it('refuses to restore over data, and an archive whose content was altered', async () => {
    const archive = path.join(work, 'par-index.tar.gz');
    const again = await runCommand('restore', [archive], { env: { DATABASE_URL: restoredUrl, DATA_DIR: path.join(work, 'other') } });
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/RESTORE_TARGET_NOT_EMPTY: the database has \d+ tables/);

    // One byte of one table changed inside the archive.
    const unpacked = path.join(work, 'unpacked');
    await fs.mkdir(unpacked);
    await tar.x({ file: archive, cwd: unpacked });
    const copy = path.join(unpacked, 'database', 'unit.copy');
    await fs.writeFile(copy, (await fs.readFile(copy, 'utf8')).replace('Sơn Tây', 'Sơn Tấy'));
    const altered = path.join(work, 'altered.tar.gz');
    await tar.c({ gzip: true, file: altered, cwd: unpacked }, await fs.readdir(unpacked));
    const empty = `${inject('runId')}_altered_${randomBytes(4).toString('hex')}`;
    try {
      const url = await ensureDatabase(inject('adminUrl'), empty);
      const refused = await runCommand('restore', [altered], { env: { DATABASE_URL: url, DATA_DIR: path.join(work, 'other') } });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/RESTORE_BAD_ARCHIVE: the rows of table unit do not match the manifest/);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query(`select count(*)::int as n from pg_tables where schemaname = 'public'`);
      await client.end();
      expect(rows[0].n).toBe(0);
    } finally {
      await dropDatabase(inject('adminUrl'), empty);
    }
  });

  it('works with the embedded database too: restored into a new data folder and backed up again, the same content', async () => {
    const archive = path.join(work, 'par-index.tar.gz');
    // No DATABASE_URL: each command starts the embedded PostgreSQL of DATA_DIR (created on first use) and stops it.
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'par-backup-embedded-'));
    await fs.chmod(dataDir, 0o755);
    try {
      const embedded = { DATABASE_URL: '', DATA_DIR: dataDir };
      const restore = await runCommand('restore', [archive], { env: embedded });
      expect(restore.stderr).not.toMatch(/Error/);
      expect(restore.status).toBe(0);
      const again = path.join(work, 'from-embedded.tar.gz');
      const backup = await runCommand('backup', [again], { env: embedded });
      expect(backup.stderr).not.toMatch(/Error/);
      expect(backup.status).toBe(0);

      const content = async (file: string) => {
        const dir = await fs.mkdtemp(path.join(work, 'manifest-'));
        await tar.x({ file, cwd: dir }, ['manifest.json']);
        const manifest = JSON.parse(await fs.readFile(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
        return { tables: manifest.tables, files: manifest.files, auditChain: manifest.auditChain, migrations: manifest.migrations };
      };
      expect(await content(again)).toEqual(await content(archive));
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });

  it('restores into and backs up from an S3-compatible bucket (STORAGE=s3, credentials from the AWS variables)', async () => {
    const archive = path.join(work, 'par-index.tar.gz');
    const s3 = await startFakeS3();
    const databases = [
      `${inject('runId')}_s3_${randomBytes(4).toString('hex')}`,
      `${inject('runId')}_s3b_${randomBytes(4).toString('hex')}`,
    ];
    try {
      const [url, second] = await Promise.all(databases.map((name) => ensureDatabase(inject('adminUrl'), name)));
      const dataDir = await fs.mkdtemp(path.join(work, 's3-data-'));
      const env = {
        DATABASE_URL: url,
        DATA_DIR: dataDir,
        STORAGE: 's3',
        S3_BUCKET: s3.bucket,
        S3_REGION: s3.region,
        S3_ENDPOINT: s3.endpoint,
        AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
      };
      const restore = await runCommand('restore', [archive], { env });
      expect(restore.stderr).not.toMatch(/Error/);
      expect(restore.status).toBe(0);
      const manifestFiles = (await t.orm.em.getConnection().execute<{ sha256: string }[]>('select sha256 from stored_file')).map(
        (row) => row.sha256,
      );
      for (const sha of manifestFiles) {
        expect(
          createHash('sha256')
            .update(s3.objects.get(`${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`)!)
            .digest('hex'),
        ).toBe(sha);
      }
      expect(s3.objects.size).toBe(manifestFiles.length);

      const again = path.join(work, 'from-s3.tar.gz');
      const backup = await runCommand('backup', [again], { env });
      expect(backup.stderr).not.toMatch(/Error/);
      expect(backup.status).toBe(0);
      expect(backup.stdout).toMatch(new RegExp(`${manifestFiles.length} files`));
      const filesOf = async (file: string) => {
        const dir = await fs.mkdtemp(path.join(work, 'manifest-'));
        await tar.x({ file, cwd: dir }, ['manifest.json']);
        return (JSON.parse(await fs.readFile(path.join(dir, 'manifest.json'), 'utf8')) as { files: unknown }).files;
      };
      expect(await filesOf(again)).toEqual(await filesOf(archive));
      // Nothing of it stayed in the data folder: downloads for the archive were released.
      expect(await fs.readdir(path.join(dataDir, 'evidence', '.staging')).catch(() => [])).toEqual([]);

      // A bucket that already holds files is refused, as a data folder is; wrong credentials stop the command.
      const full = await runCommand('restore', [archive], { env: { ...env, DATABASE_URL: second } });
      expect(full.status).toBe(1);
      expect(full.stderr).toMatch(/RESTORE_TARGET_NOT_EMPTY: s3:\/\/par-evidence at http:\/\/127\.0\.0\.1:\d+ holds files/);
      const refused = await runCommand('backup', [path.join(work, 'refused.tar.gz')], { env: { ...env, AWS_SECRET_ACCESS_KEY: 'wrong' } });
      expect(refused.status).not.toBe(0);
      expect(refused.stdout + refused.stderr).toMatch(/STORAGE_UNAVAILABLE/);
      await expect(fs.access(path.join(work, 'refused.tar.gz'))).rejects.toThrow();
    } finally {
      await s3.close();
      for (const name of databases) await dropDatabase(inject('adminUrl'), name);
    }
  });
});
