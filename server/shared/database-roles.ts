import { createHash, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';

/**
 * The two PostgreSQL roles of one application database (issue 10, item 10):
 * - its OWNER runs the migrations and owns every table (DATABASE_URL's user, or `<database>_owner` in the
 *   embedded cluster);
 * - its REQUEST ROLE `<database>_app` serves requests: it reads and writes the tables but may only INSERT and SELECT
 *   `audit_entry` (a trigger refuses UPDATE, DELETE and TRUNCATE to anyone, see the audit_chain migration), and may
 *   not touch the migrations' table or change the schema.
 * Roles are cluster-wide, so each name carries its database's: runs on one cluster (concurrent test files, several
 * engineers, several installations) never share a role, and the grants are given in that database only.
 */

const MAX_NAME = 63;
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** `<database><suffix>`, shortened with a hash of the full name when PostgreSQL's 63 characters would cut it. */
function roleName(database: string, suffix: string): string {
  const name = `${database}${suffix}`;
  if (name.length <= MAX_NAME) return name;
  const hash = createHash('sha256').update(database).digest('hex').slice(0, 8);
  return `${database.slice(0, MAX_NAME - suffix.length - 9)}_${hash}${suffix}`;
}

export const requestRoleName = (database: string) => roleName(database, '_app');
export const ownerRoleName = (database: string) => roleName(database, '_owner');

const databaseOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

/** `url` with another user and password. */
export function withCredentials(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

/**
 * With DATABASE_URL the request role's password is derived from the owner's (HMAC-SHA256 of the role name), so
 * every instance of the API computes the same one without storing it, and it is as secret as DATABASE_URL.
 */
export function derivedPassword(ownerUrl: string, role: string): string {
  return createHmac('sha256', `par-request-role:${decodeURIComponent(new URL(ownerUrl).password)}`)
    .update(role)
    .digest('base64url');
}

async function connect(url: string) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** Runs `sql` inside the open transaction if the connected role may; a refusal is undone and the transaction goes on. */
async function ifPermitted(client: pg.Client, sql: string): Promise<void> {
  await client.query('savepoint if_permitted');
  await client.query(sql).then(
    () => client.query('release savepoint if_permitted'),
    () => client.query('rollback to savepoint if_permitted'),
  );
}

/**
 * Creates the request role of the database behind `ownerUrl` if it is missing (the owner needs CREATEROLE then),
 * sets its password, and grants it exactly what serving requests needs. Run by its owner after every migration (new
 * tables get their grants); idempotent, and serialised per database so instances starting together agree.
 * Returns the URL requests are served with.
 */
export async function prepareRequestRole(
  ownerUrl: string,
  options: { password?: string; statementTimeoutMs?: number } = {},
): Promise<string> {
  const database = databaseOf(ownerUrl);
  const role = requestRoleName(database);
  const password = options.password ?? derivedPassword(ownerUrl, role);
  const client = await connect(ownerUrl);
  try {
    await client.query('begin');
    await client.query(`select pg_advisory_xact_lock(hashtext('par-request-role'))`);
    const { rowCount } = await client.query('select 1 from pg_roles where rolname = $1', [role]);
    if (!rowCount) {
      await client.query(`create role ${quote(role)} login password ${literal(password)}`);
    } else {
      // Only a role this installation created has a password we know; an owner without CREATEROLE leaves it alone.
      await ifPermitted(client, `alter role ${quote(role)} with login password ${literal(password)}`);
    }
    const r = quote(role);
    if (options.statementTimeoutMs) {
      // On the role itself, so every client that connects as it (not only this app's pool) has the bound. Changing
      // another role's settings needs CREATEROLE; an owner without it leaves the role as its administrator set it.
      await ifPermitted(
        client,
        `alter role ${r} in database ${quote(database)} set statement_timeout = ${Math.round(options.statementTimeoutMs)}`,
      );
    }
    await client.query(`grant connect on database ${quote(database)} to ${r}`);
    await client.query(`grant usage on schema public to ${r}`);
    await client.query(`grant select, insert, update, delete on all tables in schema public to ${r}`);
    await client.query(`grant usage, select on all sequences in schema public to ${r}`);
    await client.query(`revoke update, delete, truncate, references, trigger on audit_entry from ${r}`);
    await client.query(`revoke insert, update, delete, truncate on mikro_orm_migrations from ${r}`);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
  return withCredentials(ownerUrl, role, password);
}

/** The passwords of the embedded cluster's roles, generated once and kept in the data folder (readable by its owner only). */
export interface EmbeddedSecrets {
  superuser: string;
  owner: string;
  request: string;
}

export const SECRETS_FILE = 'database-secrets.json';

const generated = () => randomBytes(24).toString('base64url');

/** Reads `<dataDir>/database-secrets.json`, creating it with new passwords on first use. */
export async function embeddedSecrets(dataDir: string): Promise<{ secrets: EmbeddedSecrets; created: boolean }> {
  const file = path.join(dataDir, SECRETS_FILE);
  const text = await fs.readFile(file, 'utf8').catch(() => null);
  if (text !== null) return { secrets: JSON.parse(text) as EmbeddedSecrets, created: false };
  const secrets: EmbeddedSecrets = { superuser: generated(), owner: generated(), request: generated() };
  await fs.mkdir(dataDir, { recursive: true });
  await fs.writeFile(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  return { secrets, created: true };
}

/**
 * In the embedded cluster, as its superuser: the owner role `<database>_owner` (created, its password set) owns the
 * database and every object in its public schema, moving those an earlier version created as the superuser. The
 * request role is created here too, with its stored password (the owner has no CREATEROLE). Returns the owner's URL.
 */
export async function prepareEmbeddedOwner(superuserUrl: string, database: string, secrets: EmbeddedSecrets): Promise<string> {
  const owner = ownerRoleName(database);
  const request = requestRoleName(database);
  const admin = await connect(superuserUrl);
  try {
    for (const [role, password] of [
      [owner, secrets.owner],
      [request, secrets.request],
    ] as const) {
      const { rowCount } = await admin.query('select 1 from pg_roles where rolname = $1', [role]);
      await admin.query(`${rowCount ? 'alter' : 'create'} role ${quote(role)} with login password ${literal(password)}`);
    }
    await admin.query(`alter database ${quote(database)} owner to ${quote(owner)}`);
  } finally {
    await admin.end();
  }
  // Objects of the database a previous version made as the superuser (REASSIGN OWNED cannot move the bootstrap
  // superuser's objects, so one by one).
  const inDatabase = await connect(new URL(`/${encodeURIComponent(database)}`, superuserUrl).toString());
  try {
    await inDatabase.query(`
      do $$
      declare
        object record;
        owner text := ${literal(owner)};
        owner_id oid := (select oid from pg_roles where rolname = owner);
      begin
        -- What a previous version left to another role: tables (and views, foreign tables), the sequences no column
        -- owns (owned ones follow their table), enum types and functions, each as its ALTER … OWNER names it.
        for object in
          select 'table' as kind, quote_ident(c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
           where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f') and c.relowner <> owner_id
          union all
          select 'sequence', quote_ident(c.relname) from pg_class c join pg_namespace n on n.oid = c.relnamespace
           where n.nspname = 'public' and c.relkind = 'S' and c.relowner <> owner_id
             and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype in ('a', 'i'))
          union all
          select 'type', quote_ident(t.typname) from pg_type t join pg_namespace n on n.oid = t.typnamespace
           where n.nspname = 'public' and t.typtype = 'e' and t.typowner <> owner_id
          union all
          select 'function', p.oid::regprocedure::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace
           where n.nspname = 'public' and p.proowner <> owner_id
        loop
          execute format('alter %s %s owner to %I', object.kind, object.name, owner);
        end loop;
      end $$`);
  } finally {
    await inDatabase.end();
  }
  return withCredentials(new URL(`/${encodeURIComponent(database)}`, superuserUrl).toString(), owner, secrets.owner);
}
