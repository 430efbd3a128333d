import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sealAuditChain } from '../../server/audit/index.ts';
import { openServingOrm } from '../../server/orm.ts';
import { DATABASE_TIMEOUTS } from '../../server/orm.config.ts';
import { openConfiguredDatabase } from '../../server/shared/database.ts';
import { SECRETS_FILE } from '../../server/shared/database-roles.ts';
import { errorCode, startTestApp, type GraphQLResponse, type TestApp } from '../support/app.ts';
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

  it('carries the statement timeout itself (issue 10, item 3), not only in this app’s connection options', async () => {
    const rows = await t.orm.em.getConnection().execute<{ setconfig: string[] }[]>(
      `select s.setconfig from pg_db_role_setting s
         join pg_roles r on r.oid = s.setrole join pg_database d on d.oid = s.setdatabase
        where r.rolname = current_user and d.datname = current_database()`,
    );
    expect(rows.flatMap((row) => row.setconfig)).toContain(`statement_timeout=${DATABASE_TIMEOUTS.statementMs}`);
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

  it('still reads and writes the other tables', async () => {
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

// Two cases run npm run audit:verify (a Node process loading the server through SWC): slow on a busy machine.
describe('the hash chain', { timeout: 90_000 }, () => {
  /** Every row of the chain, in its order, as the owner reads it. */
  const chainRows = () =>
    owner.query(`select id, seq, prev_hash, hash from audit_entry order by seq nulls last, id`).then((result) => result.rows);
  /** The chain is one gapless line from place 1: every sealed row follows the one before it. */
  function expectOneLine(rows: { seq: string; prev_hash: string | null; hash: string }[]) {
    expect(rows.every((row) => row.seq !== null && /^[0-9a-f]{64}$/.test(row.hash))).toBe(true);
    expect(rows.map((row) => Number(row.seq))).toEqual(rows.map((_, i) => i + 1));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(rows[0]!.prev_hash).toBeNull();
  }
  const probe = (em: EntityManager, i: number) =>
    em.execute(`insert into audit_entry (subject_type, subject_id, action, after) values ('Probe', ?, 'concurrent', ?)`, [
      i,
      JSON.stringify({ i, text: 'Thanh Oai lúc 7 giờ' }),
    ]);

  it('seals a row at commit when the chain is free', async () => {
    await t.orm.em.fork().transactional((em) => probe(em, -1));
    const rows = await chainRows();
    expectOneLine(rows);
  });

  it('under concurrent writers: each row sealed or waiting whole (never half), then one gapless line once sealed', async () => {
    await Promise.all(Array.from({ length: 30 }, (_, i) => t.orm.em.fork().transactional((em) => probe(em, i))));
    const rows = await chainRows();
    const waiting = rows.filter((row) => row.seq === null);
    expect(waiting.every((row) => row.prev_hash === null && row.hash === null)).toBe(true);
    expectOneLine(rows.filter((row) => row.seq !== null));
    // What a writer left for later is sealed by the next sealing (the audit job's, or verifying's).
    expect(await sealAuditChain(t.orm.em.fork())).toBe(waiting.length);
    expectOneLine(await chainRows());
  });

  it('a writer never waits for the chain: its row commits unsealed while the chain is busy and is sealed after', async () => {
    const busy = new pg.Client({ connectionString: t.databaseUrl });
    await busy.connect();
    try {
      await busy.query(`begin`);
      await busy.query(`select pg_advisory_xact_lock(hashtext('audit_entry_chain'))`);
      await t.orm.em.fork().transactional((em) => probe(em, 100));
      const [written] = await owner
        .query(`select seq, prev_hash, hash from audit_entry where subject_type = 'Probe' and subject_id = 100`)
        .then((result) => result.rows);
      expect(written).toEqual({ seq: null, prev_hash: null, hash: null });
      await busy.query(`commit`);
    } finally {
      await busy.end();
    }
    // The next writer that finds the chain free seals it with its own row.
    await t.orm.em.fork().transactional((em) => probe(em, 101));
    const rows = await chainRows();
    expectOneLine(rows);
    const places = rows.filter((row) => row.seq !== null).map((row) => row.id);
    const [first, second] = await owner
      .query(`select id from audit_entry where subject_type = 'Probe' and subject_id in (100, 101) order by subject_id`)
      .then((result) => result.rows.map((row) => row.id));
    expect(places.indexOf(first)).toBeLessThan(places.indexOf(second));
  });

  it('clears a seal written with a new row: the chain seals it in its own place', async () => {
    expect(
      await asApp(
        `insert into audit_entry (subject_type, subject_id, action, seq, prev_hash, hash) values ('Probe', 200, 'forged', 999999, '${'0'.repeat(64)}', '${'f'.repeat(64)}')`,
      ),
    ).toBe('ok');
    const rows = await chainRows();
    expectOneLine(rows);
    expect(rows.map((row) => Number(row.seq))).not.toContain(999999);
  });

  it('verifies: verifyAudit for the secretariat and the administrator, FORBIDDEN to others', async () => {
    // Signed in first: each sign-in is itself audited.
    const [secretariat, admin, sontay] = await Promise.all(['secretariat', 'admin', 'sontay'].map((name) => t.login(name)));
    const report = (await t.gql(VERIFY, {}, { token: secretariat })).data.verifyAudit;
    const { rows } = await owner.query(
      `select count(*)::int as n, (select hash from audit_entry order by seq desc limit 1) as head from audit_entry`,
    );
    expect(report).toEqual({ entries: rows[0].n, headHash: rows[0].head, firstBroken: null });
    expect((await t.gql(VERIFY, {}, { token: admin })).data.verifyAudit.firstBroken).toBeNull();
    expect(errorCode(await t.gql(VERIFY, {}, { token: sontay }))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(VERIFY))).toBe('UNAUTHENTICATED');
    const command = await runCommand('audit-verify', [], { env: { DATABASE_URL: t.databaseUrl } });
    expect(command.stdout).toMatch(new RegExp(`Audit chain intact: ${rows[0].n} entries`));
    expect(command.status).toBe(0);
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

describe('every official act leaves an audit row', () => {
  const HOUR = 3_600_000;
  function ok(response: GraphQLResponse): any {
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    return response.data;
  }
  /** The newest audit row of `action` on `subjectId` (any subject when omitted), as the owner reads it. */
  async function audited(action: string, subjectId?: number) {
    const { rows } = await owner.query(
      `select a.subject_type, a.subject_id, a.before, a.after, u.username as actor, a.hash
         from audit_entry a left join app_user u on u.id = a.actor_id
        where a.action = $1 and ($2::int is null or a.subject_id = $2) order by a.seq desc limit 1`,
      [action, subjectId ?? null],
    );
    expect(rows[0], `an audit row '${action}'`).toBeDefined();
    expect(rows[0].hash).toMatch(/^[0-9a-f]{64}$/);
    return rows[0] as { subject_type: string; subject_id: number; before: any; after: any; actor: string | null };
  }

  it('sign-in, failed sign-in and sign-out', async () => {
    const token = await t.login('thanhoai');
    const { id } = (await owner.query(`select id from app_user where username = 'thanhoai'`)).rows[0]!;
    expect(await audited('sign-in', id)).toMatchObject({ subject_type: 'User', actor: 'thanhoai' });
    expect(errorCode(await t.gql(`mutation { login(username: "thanhoai", password: "không đúng") { token } }`))).toBe('UNAUTHENTICATED');
    expect(await audited('sign-in-failed', id)).toMatchObject({ actor: null, after: { username: 'thanhoai' } });
    expect(errorCode(await t.gql(`mutation { login(username: "khong-co-ai", password: "x") { token } }`))).toBe('UNAUTHENTICATED');
    expect(await audited('sign-in-failed', 0)).toMatchObject({ actor: null, after: { username: 'khong-co-ai' } });
    expect(ok(await t.gql('mutation { logout }', {}, { token })).logout).toBe(true);
    expect(await audited('sign-out', id)).toMatchObject({ actor: 'thanhoai' });
  });

  it('accounts: creation, roles and deactivation, a password reset and a password change (never the password itself)', async () => {
    const admin = await t.login('admin');
    const password = 'Thanh-Oai lúc 7 giờ sáng';
    const created = ok(
      await t.gql(
        'mutation($input: CreateUserInput!) { createUser(input: $input) { id version } }',
        { input: { username: 'kiemtra.audit', displayName: 'Kiểm tra nhật ký', password, roles: ['ANALYST'] } },
        { token: admin },
      ),
    ).createUser;
    expect(await audited('user-create', created.id)).toMatchObject({
      actor: 'admin',
      after: { username: 'kiemtra.audit', roles: ['ANALYST'] },
    });
    const reset = 'Sóc Sơn sau cơn mưa 2024';
    ok(
      await t.gql(
        'mutation($id: Int!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id } }',
        {
          id: created.id,
          input: { version: created.version, roles: ['ANALYST', 'APPRAISER'], password: reset },
        },
        { token: admin },
      ),
    );
    const update = await audited('user-update', created.id);
    expect(update).toMatchObject({
      actor: 'admin',
      before: { roles: ['ANALYST'] },
      after: { roles: ['ANALYST', 'APPRAISER'], passwordReset: true },
    });
    const token = await t.login('kiemtra.audit', reset);
    ok(
      await t.gql(
        'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { token } }',
        { c: reset, n: password },
        { token },
      ),
    );
    expect(await audited('password-change', created.id)).toMatchObject({ actor: 'kiemtra.audit' });
    const { rows } = await owner.query(
      `select count(*)::int as n from audit_entry where before::text like $1 or after::text like $1 or after::text like $2`,
      [`%${reset}%`, '%scrypt%'],
    );
    expect(rows[0].n).toBe(0);
  });

  it('criteria: a new version, its edits and its publication; a period, its deadlines and its opening', async () => {
    const secretariat = await t.login('secretariat');
    const [source] = ok(
      await t.gql('{ criteriaSets(filter: { year: 2023, block: DISTRICT }) { id } }', {}, { token: secretariat }),
    ).criteriaSets;
    const set = ok(
      await t.gql(
        'mutation($from: Int!) { createCriteriaSet(input: { copyFromId: $from, year: 2031 }) { id criteria { id code isLeaf parentId version } } }',
        { from: source.id },
        { token: secretariat },
      ),
    ).createCriteriaSet;
    expect(await audited('criteria-set-create', set.id)).toMatchObject({
      actor: 'secretariat',
      after: { year: 2031, copyFromId: source.id },
    });
    const leaves = set.criteria.filter((c: { isLeaf: boolean }) => c.isLeaf);
    const [leaf, other] = leaves;
    ok(
      await t.gql(
        'mutation($id: Int!, $v: Int!) { updateCriterion(id: $id, input: { version: $v, title: "Tên mới của tiêu chí" }) { id } }',
        { id: leaf.id, v: leaf.version },
        { token: secretariat },
      ),
    );
    expect(await audited('criterion-update', leaf.id)).toMatchObject({ after: { title: 'Tên mới của tiêu chí' } });
    ok(
      await t.gql(
        'mutation($id: Int!) { moveCriterion(input: { id: $id, position: 0 }) { id } }',
        { id: other.id },
        { token: secretariat },
      ),
    );
    expect(await audited('criterion-move', other.id)).toMatchObject({ after: { position: 0 } });
    const added = ok(
      await t.gql(
        'mutation($set: Int!, $parent: Int!) { addCriterion(input: { criteriaSetId: $set, parentId: $parent, code: "9.9.9", title: "Thử", maxPoints: "1" }) { criteria { id code } } }',
        { set: set.id, parent: leaf.parentId },
        { token: secretariat },
      ),
    ).addCriterion.criteria.find((c: { code: string }) => c.code === '9.9.9');
    expect(await audited('criterion-add', added.id)).toMatchObject({ after: { code: '9.9.9', maxPoints: '1.00' } });
    ok(await t.gql('mutation($id: Int!) { removeCriterion(id: $id) { id } }', { id: added.id }, { token: secretariat }));
    expect(await audited('criterion-remove', added.id)).toMatchObject({ before: { code: '9.9.9' }, after: null });
    ok(await t.gql('mutation($id: Int!) { publishCriteriaSet(id: $id) { id } }', { id: set.id }, { token: secretariat }));
    expect(await audited('criteria-set-publish', set.id)).toMatchObject({ before: { status: 'DRAFT' }, after: { status: 'PUBLISHED' } });

    const closes = new Date(Date.now() + 30 * 24 * HOUR);
    const period = ok(
      await t.gql(
        'mutation($input: CreatePeriodInput!) { createPeriod(input: $input) { id version } }',
        { input: { year: 2031, name: 'Kỳ đánh giá 2031', criteriaSetIds: [set.id], selfScoringClosesAt: closes.toISOString() } },
        { token: secretariat },
      ),
    ).createPeriod;
    expect(await audited('period-create', period.id)).toMatchObject({ after: { name: 'Kỳ đánh giá 2031', criteriaSetIds: [set.id] } });
    const later = new Date(closes.getTime() + 7 * 24 * HOUR);
    ok(
      await t.gql(
        'mutation($id: Int!, $v: Int!, $at: DateTimeISO!) { updatePeriod(id: $id, input: { version: $v, selfScoringClosesAt: $at }) { id } }',
        {
          id: period.id,
          v: period.version,
          at: later.toISOString(),
        },
        { token: secretariat },
      ),
    );
    const deadline = await audited('period-update', period.id);
    expect([new Date(deadline.before.selfScoringClosesAt), new Date(deadline.after.selfScoringClosesAt)]).toEqual([closes, later]);
    ok(await t.gql('mutation($id: Int!) { openPeriod(id: $id) { id } }', { id: period.id }, { token: secretariat }));
    expect(await audited('period-open', period.id)).toMatchObject({ before: { status: 'PLANNED' }, after: { status: 'SELF_ASSESSMENT' } });
  });

  it('consultation: opening, changes, the unit’s answer sent and taken back, the answers, their publication and the synthesis', async () => {
    const [secretariat, sontay, lead] = await Promise.all(['secretariat', 'sontay', 'sontay.lead'].map((name) => t.login(name)));
    const data = ok(
      await t.gql('{ units { id code } criteriaSets(filter: { year: 2023, block: DISTRICT }) { id } }', {}, { token: secretariat }),
    );
    const sontayId = data.units.find((unit: { code: string }) => unit.code === 'SONTAY').id;
    const draft = ok(
      await t.gql(
        'mutation($from: Int!) { createCriteriaSet(input: { copyFromId: $from, year: 2032 }) { id } }',
        { from: data.criteriaSets[0].id },
        {
          token: secretariat,
        },
      ),
    ).createCriteriaSet;
    const round = ok(
      await t.gql(
        'mutation($input: OpenConsultationInput!) { openConsultation(input: $input) { id version } }',
        {
          input: {
            criteriaSetId: draft.id,
            title: 'Lấy ý kiến 2032',
            introduction: 'Đề nghị góp ý.',
            opensAt: new Date(Date.now() - HOUR).toISOString(),
            closesAt: new Date(Date.now() + 24 * HOUR).toISOString(),
            invitedUnitIds: [sontayId],
          },
        },
        { token: secretariat },
      ),
    ).openConsultation;
    expect(await audited('consultation-open', round.id)).toMatchObject({ after: { criteriaSetId: draft.id, invitedUnitIds: [sontayId] } });
    ok(
      await t.gql(
        'mutation($id: Int!, $v: Int!) { updateConsultation(id: $id, input: { version: $v, title: "Lấy ý kiến dự thảo 2032" }) { id } }',
        { id: round.id, v: round.version },
        { token: secretariat },
      ),
    );
    expect(await audited('consultation-update', round.id)).toMatchObject({
      before: { title: 'Lấy ý kiến 2032' },
      after: { title: 'Lấy ý kiến dự thảo 2032' },
    });
    const comment = ok(
      await t.gql(
        'mutation($input: FeedbackCommentInput!) { addFeedbackComment(input: $input) { id } }',
        { input: { consultationId: round.id, aspect: 'GENERAL', text: 'Đề nghị giảm số tài liệu kiểm chứng.' } },
        { token: sontay },
      ),
    ).addFeedbackComment;
    ok(await t.gql('mutation($id: Int!) { submitFeedback(consultationId: $id) { id } }', { id: round.id }, { token: lead }));
    expect(await audited('consultation-submit')).toMatchObject({
      actor: 'sontay.lead',
      after: { consultationId: round.id, unitId: sontayId },
    });
    ok(await t.gql('mutation($id: Int!) { reopenFeedback(consultationId: $id) { id } }', { id: round.id }, { token: lead }));
    expect(await audited('consultation-reopen')).toMatchObject({
      actor: 'sontay.lead',
      after: { consultationId: round.id, submittedAt: null },
    });
    ok(
      await t.gql(
        'mutation($ids: [Int!]!) { respondToComments(input: { commentIds: $ids, versions: [0], resolution: NOTED, explanation: "Ghi nhận." }) { id } }',
        {
          ids: [comment.id],
        },
        { token: secretariat },
      ),
    );
    expect(await audited('consultation-answer', comment.id)).toMatchObject({
      before: null,
      after: { resolution: 'NOTED', status: 'DRAFT' },
    });
    expect(
      ok(await t.gql('mutation($id: Int!) { publishResponses(consultationId: $id) }', { id: round.id }, { token: secretariat }))
        .publishResponses,
    ).toBe(1);
    expect((await audited('consultation-answers-publish', round.id)).after.publishedResponseIds).toHaveLength(1);
    ok(await t.gql('mutation($id: Int!) { closeConsultation(id: $id) { id } }', { id: round.id }, { token: secretariat }));
    expect(await audited('consultation-close', round.id)).toMatchObject({ actor: 'secretariat' });
    ok(await t.gql('mutation($id: Int!) { publishSynthesis(id: $id) { id } }', { id: round.id }, { token: secretariat }));
    expect(await audited('synthesis-publish', round.id)).toMatchObject({ actor: 'secretariat' });
  });

  it('leaves the chain intact after all of them', async () => {
    const report = ok(await t.gql(VERIFY, {}, { token: await t.login('admin') })).verifyAudit;
    expect(report.firstBroken).toBeNull();
  });
});

// Last: it breaks this database's chain on purpose.
describe('tampering', { timeout: 90_000 }, () => {
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
