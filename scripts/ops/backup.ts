// npm run backup -- <file.tar.gz>
// Writes one archive of the configured database (DATABASE_URL, or the embedded one while the server is stopped) and
// every stored file it refers to, with a manifest of SHA-256 sums (scripts/ops/archive.ts describes the format).
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { CommandError, parseArguments, run } from './run.ts';
import { evidenceStorage } from '../../server/evidence/index.ts';

const USAGE = 'npm run backup -- <file.tar.gz>';

run(async () => {
  const { positionals } = parseArguments({}, USAGE);
  const [target] = positionals;
  if (!target || positionals.length > 1) throw new CommandError(`Name one archive to write.\nUsage: ${USAGE}`);
  const file = path.resolve(target);
  if (
    await fs.stat(file).then(
      () => true,
      () => false,
    )
  )
    throw new CommandError(`${file} exists already; nothing was written.`);
  const started = Date.now();
  const [archive, { default: pg }, tar, { withDatabase }] = await Promise.all([
    import('./archive.ts'),
    import('pg'),
    import('tar'),
    import('./command.ts'),
  ]);
  await withDatabase(
    async ({ config, url }) => {
      const staging = path.join(config.dataDir, `.backup-${randomBytes(6).toString('hex')}`);
      await fs.mkdir(path.join(staging, 'database'), { recursive: true });
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        // Rows committed but not sealed yet are sealed first, so the archive's chain ends where the database's does.
        await client.query('select audit_entry_seal_pending(true)');
        // One snapshot for every table and the list of files.
        await client.query('begin isolation level repeatable read read only');
        await archive.fixOutputSettings(client);
        const { rows: version } = await client.query<{ server_version: string }>('show server_version');
        const { rows: migrations } = await client.query<{ name: string }>('select name from mikro_orm_migrations order by id');
        const tables: import('./archive.ts').TableEntry[] = [];
        for (const table of await archive.tablesOf(client)) {
          const copied = await archive.copyOut(client, archive.copyOutSql(table), path.join(staging, 'database', `${table.name}.copy`));
          tables.push({ name: table.name, columns: table.columns, rows: copied.rows, sha256: copied.sha256 });
        }
        const { rows: stored } = await client.query<{ sha256: string; size: string }>(
          'select sha256, size from stored_file order by sha256',
        );
        const { rows: chain } = await client.query<{ entries: number; head: string | null }>(
          `select count(*) filter (where not (seq is null and prev_hash is null and hash is null))::int as entries,
                  (select hash from audit_entry where seq is not null order by seq desc limit 1) as head from audit_entry`,
        );
        // Files are kept under their SHA-256 and never change: linked (or copied) into the archive, each checked.
        // From a bucket, each is downloaded to a local copy first (one at a time: disk use stays one file).
        const storage = evidenceStorage(config);
        for (const { sha256 } of stored) {
          const source = await storage.localCopy(sha256);
          try {
            const actual = source ? await archive.sha256OfFile(source.path).catch(() => null) : null;
            if (!source || actual !== sha256) {
              throw new CommandError(
                `BACKUP_FILE_${source ? 'CORRUPT' : 'MISSING'}: stored file ${sha256} ${source ? 'no longer has its SHA-256' : 'is missing'} (in ${storage.location}).`,
              );
            }
            const copy = archive.storedPath(path.join(staging, 'files'), sha256);
            await fs.mkdir(path.dirname(copy), { recursive: true });
            await fs.link(source.path, copy).catch(() => fs.copyFile(source.path, copy));
          } finally {
            await source?.release();
          }
        }
        await client.query('commit');
        await archive.writeManifest(staging, {
          format: archive.FORMAT,
          version: archive.FORMAT_VERSION,
          createdAt: new Date().toISOString(),
          serverVersion: version[0]!.server_version,
          migrations: migrations.map((row) => row.name),
          tables,
          files: stored.map((row) => ({ sha256: row.sha256, size: Number(row.size) })),
          auditChain: { entries: chain[0]!.entries, headHash: chain[0]!.head },
        });
        await fs.mkdir(path.dirname(file), { recursive: true });
        await tar.c({ gzip: true, file, cwd: staging, portable: true }, ['manifest.json', 'database', ...(stored.length ? ['files'] : [])]);
        const size = (await fs.stat(file)).size;
        const rows = tables.reduce((sum, table) => sum + table.rows, 0);
        console.log(
          `Backed up ${tables.length} tables (${rows} rows), ${stored.length} files and ${chain[0]!.entries} audit entries ` +
            `to ${file}: ${(size / 1_048_576).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
        );
      } catch (error) {
        await fs.rm(file, { force: true });
        throw error;
      } finally {
        await client.end();
        await fs.rm(staging, { recursive: true, force: true });
      }
    },
    { migrate: false },
  );
});
