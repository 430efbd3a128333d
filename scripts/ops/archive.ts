// The backup archive shared by `npm run backup` and `npm run restore` (README, "Operating it").
//
// One .tar.gz file:
//   manifest.json             what is inside, with the SHA-256 of every other member
//   database/<table>.copy     every table of the public schema, as PostgreSQL's COPY text, ordered by primary key
//   files/<aa>/<bb>/<sha256>  every stored file the database refers to (stored_file), named by its SHA-256
//
// The database is read table by table with COPY inside ONE read-only REPEATABLE READ transaction, so every table
// is seen at the same instant (the consistency pg_dump's snapshot gives). pg_dump itself is not used: the embedded
// PostgreSQL 18 ships no pg_dump, and a machine's older pg_dump refuses a newer server. The schema is not stored: a
// restore rebuilds it with the migrations the manifest lists, then loads the rows.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

export const FORMAT = 'par-index-backup';
export const FORMAT_VERSION = 1;

export interface TableEntry {
  name: string;
  columns: string[];
  rows: number;
  /** SHA-256 of the table's COPY text (ordered by primary key): the member's hash and the table's checksum. */
  sha256: string;
}

export interface Manifest {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  serverVersion: string;
  /** Applied migrations, oldest first: a restore rebuilds exactly this schema before loading the rows. */
  migrations: string[];
  tables: TableEntry[];
  files: { sha256: string; size: number }[];
  auditChain: { entries: number; headHash: string | null };
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Session settings under which COPY text is the same on every server and in every time zone. */
export async function fixOutputSettings(client: pg.Client): Promise<void> {
  await client.query(
    `set time zone 'UTC'; set datestyle = 'ISO, YMD'; set intervalstyle = 'postgres'; set extra_float_digits = 3; set bytea_output = 'hex'`,
  );
}

/** Every table of the public schema with its columns (in order) and primary key. */
export async function tablesOf(client: pg.Client): Promise<{ name: string; columns: string[]; key: string[] }[]> {
  const { rows } = await client.query<{ name: string; columns: string[]; key: string[] | null }>(
    `select c.relname as name,
            array(select a.attname::text from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped order by a.attnum) as columns,
            array(select a.attname::text from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
                   where i.indrelid = c.oid and i.indisprimary order by array_position(i.indkey, a.attnum)) as key
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p')
      order by c.relname`,
  );
  return rows.map((row) => ({ ...row, key: row.key ?? [] }));
}

/** The COPY statement that reads a table in its canonical order (by primary key, else by the whole row). */
export function copyOutSql(table: { name: string; columns: string[]; key: string[] }): string {
  const order = table.key.length ? table.key.map(quote).join(', ') : 't::text';
  return `copy (select ${table.columns.map((column) => `t.${quote(column)}`).join(', ')} from ${quote(table.name)} t order by ${order}) to stdout`;
}

/** Streams `sql` (COPY … TO STDOUT) into `file` (or nowhere) and returns its SHA-256 and line count. */
export async function copyOut(client: pg.Client, sql: string, file?: string): Promise<{ sha256: string; rows: number }> {
  const hash = createHash('sha256');
  let rows = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      for (const byte of chunk) if (byte === 10) rows++;
      done(null, chunk);
    },
  });
  const sink = file ? createWriteStream(file) : new (await import('node:stream')).Writable({ write: (_chunk, _encoding, done) => done() });
  await pipeline(client.query(copyTo(sql)), tap, sink);
  return { sha256: hash.digest('hex'), rows };
}

/** Loads `file` (COPY text) into `table`'s `columns`. */
export async function copyIn(client: pg.Client, table: string, columns: string[], file: string): Promise<void> {
  await pipeline(createReadStream(file), client.query(copyFrom(`copy ${quote(table)} (${columns.map(quote).join(', ')}) from stdin`)));
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/** Where a stored file lives under a folder (the evidence store's layout: evidence/storage.ts). */
export const storedPath = (root: string, sha256: string) => path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);

/** Tables in an order that loads every referenced row before the rows referring to it (self-references aside). */
export async function loadOrder(client: pg.Client, tables: string[]): Promise<string[]> {
  const { rows } = await client.query<{ child: string; parent: string }>(
    `select c.relname as child, p.relname as parent from pg_constraint k
       join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
       join pg_namespace n on n.oid = c.relnamespace
      where k.contype = 'f' and n.nspname = 'public' and c.oid <> p.oid`,
  );
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (table: string) => {
    if (ordered.includes(table)) return;
    if (visiting.has(table)) throw new Error(`foreign keys form a cycle through ${table}`);
    visiting.add(table);
    for (const row of rows) if (row.child === table) visit(row.parent);
    visiting.delete(table);
    ordered.push(table);
  };
  tables.forEach(visit);
  return ordered.filter((table) => tables.includes(table));
}

export async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  await fs.writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
}

export async function readManifest(dir: string): Promise<Manifest> {
  const manifest = JSON.parse(await fs.readFile(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
  if (manifest.format !== FORMAT || manifest.version !== FORMAT_VERSION) {
    throw new Error(`not a ${FORMAT} archive of version ${FORMAT_VERSION}`);
  }
  return manifest;
}
