import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServingOrm } from '../../server/orm.ts';
import { openConfiguredDatabase } from '../../server/shared/database.ts';
import { SECRETS_FILE } from '../../server/shared/database-roles.ts';
import { errorCode, startTestApp, type TestApp } from '../support/app.ts';
import { runCommand } from '../support/command.ts';

/**
 * Issue 10, item 10: the audit trail is append-only and hash-chained. Requests are served as a least-privilege
 * role that may only INSERT and SELECT audit rows; a trigger refuses UPDATE, DELETE and TRUNCATE to anyone; every
 * row carries the SHA-256 of the previous row and of its own content, and verifyAudit finds the first broken link.
 */
let t: TestApp;
let owner: pg.Client;
beforeAll(async () => {
  t = await startTestApp();
  owner = new pg.Client({ connectionString: t.databaseUrl });
  await owner.connect();
});
afterAll(async () => {
  await owner.end();
  await t.close();
});

/** Runs `sql` on the app's own connection (the request role) and returns the error's SQLSTATE, or 'ok'. */
const asApp = (sql: string) =>
  t.orm.em
    .fork()
    .getConnection()
    .execute(sql)
    .then(
      () => 'ok',
      (error: { code?: string }) => error.code,
    );

const VERIFY = '{ verifyAudit { entries headHash firstBroken { id seq problem } } }';

describe('the request role', () => {
  it('is not the owner nor a superuser: the app connects as <database>_app', async () => {
    const [row] = await t.orm.em
      .getConnection()
      .execute(`select current_user as role, (select rolsuper from pg_roles where rolname = current_user) as super`);
    expect(row.role).toBe(`${new URL(t.databaseUrl).pathname.slice(1)}_app`);
    expect(row.super).toBe(false);
  });

  it('may INSERT and SELECT audit rows, and is refused UPDATE, DELETE and TRUNCATE (42501 permission denied)', async () => {
    expect(
      await asApp(`insert into audit_entry (subject_type, subject_id, action, reason) values ('Probe', 1, 'probe', 'by the request role')`),
    ).toBe('ok');
    expect(await asApp(`select count(*) from audit_entry`)).toBe('ok');
    expect(await asApp(`update audit_entry set reason = 'rewritten'`)).toBe('42501');
    expect(await asApp(`delete from audit_entry`)).toBe('42501');
    expect(await asApp(`truncate audit_entry`)).toBe('42501');
    // Nor can it switch the guard off or change the schema.
    expect(await asApp(`alter table audit_entry disable trigger audit_entry_append_only`)).toBe('42501');
    expect(await asApp(`drop table audit_entry cascade`)).toBe('42501');
    expect(await asApp(`delete from mikro_orm_migrations`)).toBe('42501');
    // A cascade from a table it may write stops at the audit trail too.
    expect(await asApp(`truncate app_user cascade`)).toBe('42501');
    const [{ n }] = await owner.query(`select count(*)::int as n from audit_entry where reason = 'rewritten'`).then((r) => r.rows);
    expect(n).toBe(0);
  });

  it('still reads and writes the rest: scores are saved and audited as before', async () => {
    expect(await asApp(`update app_user set display_name = display_name where username = 'sontay'`)).toBe('ok');
  });
});

describe('the append-only trigger', () => {
  it('refuses UPDATE, DELETE and TRUNCATE of audit rows to the owner as well', async () => {
    for (const sql of [`update audit_entry set reason = 'x'`, `delete from audit_entry`, `truncate audit_entry`]) {
      await expect(owner.query(sql)).rejects.toThrow(/audit_entry is append-only/);
    }
  });
});

describe('the hash chain', () => {
  it('seals every row at commit, one after the other, also under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        t.orm.em
          .fork()
          .transactional((em) =>
            em.execute(`insert into audit_entry (subject_type, subject_id, action, after) values ('Probe', ?, 'concurrent', ?)`, [
              i,
              JSON.stringify({ i, text: 'Thanh Oai lúc 7 giờ' }),
            ]),
          ),
      ),
    );
    const { rows } = await owner.query(`select seq, prev_hash, hash from audit_entry order by seq`);
    expect(rows.every((row) => row.seq !== null && /^[0-9a-f]{64}$/.test(row.hash))).toBe(true);
    expect(rows.map((row) => Number(row.seq))).toEqual(rows.map((_, i) => i + 1));
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    expect(rows[0].prev_hash).toBeNull();
  });

  it('verifies: verifyAudit for the secretariat and the administrator, FORBIDDEN to others', async () => {
    const secretariat = await t.login('secretariat');
    const report = (await t.gql(VERIFY, {}, { token: secretariat })).data.verifyAudit;
    const { rows } = await owner.query(
      `select count(*)::int as n, (select hash from audit_entry order by seq desc limit 1) as head from audit_entry`,
    );
    expect(report).toEqual({ entries: rows[0].n, headHash: rows[0].head, firstBroken: null });
    expect((await t.gql(VERIFY, {}, { token: await t.login('admin') })).data.verifyAudit.firstBroken).toBeNull();
    expect(errorCode(await t.gql(VERIFY, {}, { token: await t.login('sontay') }))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(VERIFY))).toBe('UNAUTHENTICATED');
    const command = await runCommand('audit-verify', [], { env: { DATABASE_URL: t.databaseUrl } });
    expect(command.stdout).toMatch(new RegExp(`Audit chain intact: ${rows[0].n} entries`));
    expect(command.status).toBe(0);
  });

  it('reports a row edited past the trigger (by the superuser) as the first broken link, and a removed row before it', async () => {
    const secretariat = await t.login('secretariat');
    const { rows } = await owner.query(`select id, seq from audit_entry order by seq`);
    const edited = rows[Math.floor(rows.length / 2)];
    await owner.query(`alter table audit_entry disable trigger audit_entry_append_only`);
    try {
      await owner.query(`update audit_entry set reason = 'sửa lén' where id = $1`, [edited.id]);
      expect((await t.gql(VERIFY, {}, { token: secretariat })).data.verifyAudit.firstBroken).toEqual({
        id: edited.id,
        seq: edited.seq,
        problem: 'CONTENT_HASH_MISMATCH',
      });
      const command = await runCommand('audit-verify', [], { env: { DATABASE_URL: t.databaseUrl } });
      expect(command.status).toBe(1);
      expect(command.stderr).toMatch(
        new RegExp(`AUDIT_CHAIN_BROKEN: .*entry ${edited.id} \\(place ${edited.seq}\\): CONTENT_HASH_MISMATCH`),
      );

      // An earlier row removed: the link after it is now the first broken one.
      const removed = rows[3];
      await owner.query(`delete from audit_entry where id = $1`, [removed.id]);
      expect((await t.gql(VERIFY, {}, { token: secretariat })).data.verifyAudit.firstBroken).toEqual({
        id: rows[4].id,
        seq: rows[4].seq,
        problem: 'SEQUENCE_GAP',
      });
    } finally {
      await owner.query(`alter table audit_entry enable trigger audit_entry_append_only`);
    }
  });
});

describe('the embedded database', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'par-audit-roles-'));
    // As root the database runs as the `postgres` user, which must reach its folder inside this one.
    await fs.chmod(dataDir, 0o755);
  });
  afterAll(() => fs.rm(dataDir, { recursive: true, force: true }));

  it('creates the owner and request roles with generated passwords kept in the data folder; the superuser’s is not the fixed one', async () => {
    const database = await openConfiguredDatabase({ databaseUrl: undefined, dataDir });
    try {
      const secrets = JSON.parse(await fs.readFile(path.join(dataDir, SECRETS_FILE), 'utf8'));
      expect((await fs.stat(path.join(dataDir, SECRETS_FILE))).mode & 0o777).toBe(0o600);
      expect(new Set(Object.values(secrets)).size).toBe(3);
      const url = new URL(database.url);
      expect(url.username).toBe('par_index_owner');
      expect(decodeURIComponent(url.password)).toBe(secrets.owner);
      // The fixed password of earlier versions no longer opens the superuser.
      const legacy = new pg.Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${url.port}/postgres` });
      await expect(legacy.connect()).rejects.toMatchObject({ code: '28P01' });
      await legacy.end().catch(() => undefined);

      const orm = await openServingOrm(database);
      try {
        const [row] = await orm.em.getConnection().execute(`select current_user as role`);
        expect(row.role).toBe('par_index_app');
        const refused = await orm.em
          .getConnection()
          .execute(`delete from audit_entry`)
          .then(
            () => 'ok',
            (error: { code?: string }) => error.code,
          );
        expect(refused).toBe('42501');
        const [tables] = await orm.em
          .getConnection()
          .execute(`select count(*)::int as n from pg_tables where schemaname = 'public' and tableowner <> 'par_index_owner'`);
        expect(tables.n).toBe(0);
      } finally {
        await orm.close();
      }
    } finally {
      await database.stop();
    }
  }, 120_000);
});
