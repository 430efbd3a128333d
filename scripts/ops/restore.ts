// npm run restore -- <file.tar.gz>
// Restores an archive of `npm run backup` into an EMPTY database (DATABASE_URL, or the embedded one of an empty
// DATA_DIR) and an empty evidence folder. Every member's SHA-256 is checked before anything is written; the schema is
// rebuilt with the archive's migrations, the rows loaded in one transaction, then every table's checksum and every
// link of the audit chain are checked against the archive, and newer migrations of this version applied.
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { CommandError, parseArguments, run } from './run.ts';
import { evidenceStorage } from '../../server/evidence/index.ts';

const USAGE = 'npm run restore -- <file.tar.gz>';

run(async () => {
  const { positionals } = parseArguments({}, USAGE);
  const [source] = positionals;
  if (!source || positionals.length > 1) throw new CommandError(`Name one archive to restore.\nUsage: ${USAGE}`);
  const file = path.resolve(source);
  if (
    !(await fs.stat(file).then(
      (stat) => stat.isFile(),
      () => false,
    ))
  )
    throw new CommandError(`${file} is not a file.`);
  const started = Date.now();
  const [archive, { default: pg }, tar, { withDatabase }, { verifyAuditChain }] = await Promise.all([
    import('./archive.ts'),
    import('pg'),
    import('tar'),
    import('./command.ts'),
    import('../../server/audit/index.ts'),
  ]);
  await withDatabase(
    async ({ config, url, orm }) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const store = evidenceStorage(config);
      const staging = path.join(config.dataDir, `.restore-${randomBytes(6).toString('hex')}`);
      try {
        const { rows: existing } = await client.query<{ n: number }>(
          `select count(*)::int as n from pg_tables where schemaname = 'public'`,
        );
        if (existing[0]!.n > 0) {
          throw new CommandError(
            `RESTORE_TARGET_NOT_EMPTY: the database has ${existing[0]!.n} tables; restore into a new, empty database.`,
          );
        }
        if (!(await store.isEmpty())) {
          throw new CommandError(`RESTORE_TARGET_NOT_EMPTY: ${store.location} holds files; restore into an empty evidence store.`);
        }

        // 1. Unpack and check every member against the manifest before touching the database.
        await fs.mkdir(staging, { recursive: true });
        await tar.x({ file, cwd: staging });
        const manifest = await archive.readManifest(staging).catch((error: Error) => {
          throw new CommandError(`RESTORE_BAD_ARCHIVE: ${error.message}`);
        });
        for (const table of manifest.tables) {
          const actual = await archive.sha256OfFile(path.join(staging, 'database', `${table.name}.copy`)).catch(() => null);
          if (actual !== table.sha256)
            throw new CommandError(`RESTORE_BAD_ARCHIVE: the rows of table ${table.name} do not match the manifest.`);
        }
        for (const stored of manifest.files) {
          const actual = await archive.sha256OfFile(archive.storedPath(path.join(staging, 'files'), stored.sha256)).catch(() => null);
          if (actual !== stored.sha256) throw new CommandError(`RESTORE_BAD_ARCHIVE: file ${stored.sha256} is missing or altered.`);
        }

        // 2. The schema the archive was taken with.
        const migrator = orm.getMigrator();
        const known = (await migrator.getPendingMigrations()).map((migration) => migration.name);
        const unknown = manifest.migrations.filter((name) => !known.includes(name));
        if (unknown.length) {
          throw new CommandError(
            `RESTORE_NEWER_ARCHIVE: this version does not know the archive's migrations ${unknown.join(', ')}; restore with a newer version.`,
          );
        }
        if (manifest.migrations.length) await migrator.up({ to: manifest.migrations.at(-1)! });

        // 3. The rows, in one transaction.
        await client.query('begin');
        await archive.fixOutputSettings(client);
        // Rows come back exactly as they were: no trigger runs meanwhile (the audit chain's sealing, the result
        // totals kept by triggers); foreign keys are still checked.
        const names = manifest.tables.map((table) => table.name);
        for (const name of names) await client.query(`alter table "${name}" disable trigger user`);
        await client.query(`truncate ${names.map((name) => `"${name}"`).join(', ')}`);
        for (const name of await archive.loadOrder(client, names)) {
          const table = manifest.tables.find((entry) => entry.name === name)!;
          await archive.copyIn(client, table.name, table.columns, path.join(staging, 'database', `${table.name}.copy`));
        }
        await client.query(`
          do $$
          declare c record;
          begin
            for c in select table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name) as seq
                       from information_schema.columns
                      where table_schema = 'public' and pg_get_serial_sequence(quote_ident(table_name), column_name) is not null
            loop
              execute format('select setval(%L, coalesce((select max(%I) from %I), 0) + 1, false)', c.seq, c.column_name, c.table_name);
            end loop;
          end $$`);
        for (const name of names) await client.query(`alter table "${name}" enable trigger user`);
        await client.query('commit');

        // 4. Checked against the archive: every table's checksum, every audit-chain link.
        for (const table of await archive.tablesOf(client)) {
          const entry = manifest.tables.find((candidate) => candidate.name === table.name);
          const { sha256 } = await archive.copyOut(client, archive.copyOutSql(table));
          if (!entry || sha256 !== entry.sha256)
            throw new CommandError(`RESTORE_MISMATCH: table ${table.name} differs from the archive after loading.`);
        }
        // As archived: rows written after the backup's sealing are sealed once the server runs, not here.
        const chain = await verifyAuditChain(orm.em.fork(), { seal: false });
        if (chain.firstBroken) {
          throw new CommandError(
            `AUDIT_CHAIN_BROKEN: entry ${chain.firstBroken.id} (place ${chain.firstBroken.seq}): ${chain.firstBroken.problem}.`,
          );
        }
        if (chain.entries !== manifest.auditChain.entries || chain.headHash !== manifest.auditChain.headHash) {
          throw new CommandError('RESTORE_MISMATCH: the audit chain differs from the archive’s.');
        }

        // 5. The files, then the migrations this version adds.
        for (const stored of manifest.files) await store.put(stored.sha256, archive.storedPath(path.join(staging, 'files'), stored.sha256));
        await migrator.up();
        const rows = manifest.tables.reduce((sum, table) => sum + table.rows, 0);
        console.log(
          `Restored ${manifest.tables.length} tables (${rows} rows), ${manifest.files.length} files and ${chain.entries} audit entries ` +
            `from ${file} (taken ${manifest.createdAt}); every checksum and audit link verified, in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
        );
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        await client.end();
        await fs.rm(staging, { recursive: true, force: true });
      }
    },
    { migrate: false },
  );
});
