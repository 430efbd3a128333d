import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AbilityCache, Role, type AuthUser, type PermissionFactsLoader, type PermissionRules } from '../../server/access/index.ts';
import { serverModules } from '../../server/modules.ts';
import { ClusterSignals } from '../../server/shared/cluster-signals.ts';
import { errorCode, startTestApp, type TestApp } from '../support/app.ts';
import * as files from '../support/files.ts';
import { scoringContext } from '../support/scoring.ts';
import { uploadEvidence } from '../support/upload.ts';

/**
 * Two API processes on one database behind one address act as one: what one revokes, counts or
 * stores, the other sees. Each app here is a process's worth of server (its own caches, pool and
 * listening connection); they share the database and the evidence folder (STORAGE_DIR).
 */
let a: TestApp;
let b: TestApp;
let storageDir: string;
let otherDataDir: string;

const ME = '{ me { username } }';
/** Signals travel through the database asynchronously: well within a second, far below the 10 s the caches keep entries. */
const SOON = { timeout: 3_000, interval: 20 };

beforeAll(async () => {
  storageDir = await fs.mkdtemp(path.join(os.tmpdir(), 'par-shared-storage-'));
  otherDataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'par-instance-b-'));
  a = await startTestApp({ config: { storageDir } });
  b = await startTestApp({ beside: a, config: { storageDir, dataDir: otherDataDir } });
});
afterAll(async () => {
  await b?.close();
  await a?.close();
  await fs.rm(storageDir, { recursive: true, force: true });
  await fs.rm(otherDataDir, { recursive: true, force: true });
});

describe('several API instances on one database', () => {
  it('refuses a token on the other instance as soon as it is signed out on one', async () => {
    const token = await a.login('analyst');
    // B has checked the token and keeps it in its cache.
    expect((await b.gql(ME, {}, { token })).data.me.username).toBe('analyst');
    expect((await b.gql(ME, {}, { token })).data.me.username).toBe('analyst');
    expect((await a.gql('mutation { logout }', {}, { token })).data.logout).toBe(true);
    await expect.poll(async () => errorCode(await b.gql(ME, {}, { token })), SOON).toBe('UNAUTHENTICATED');
  });

  it('ends a deactivated account’s sessions on every instance', async () => {
    const admin = await a.login('admin');
    const token = await b.login('appraiser');
    expect((await b.gql(ME, {}, { token })).data.me.username).toBe('appraiser');
    const id = (await a.gql('{ users { id username } }', {}, { token: admin })).data.users.find(
      (user: { username: string }) => user.username === 'appraiser',
    ).id;
    const off = await a.gql('mutation($id: Int!) { setUserActive(id: $id, active: false) { active } }', { id }, { token: admin });
    expect(off.data.setUserActive.active).toBe(false);
    await expect.poll(async () => errorCode(await b.gql(ME, {}, { token })), SOON).toBe('UNAUTHENTICATED');
    await a.gql('mutation($id: Int!) { setUserActive(id: $id, active: true) { active } }', { id }, { token: admin });
  });

  it('counts failed sign-ins across instances', async () => {
    const attempt = (app: TestApp) =>
      app.gql('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: 'thanhoai', p: 'wrong' });
    for (let i = 0; i < 5; i++) expect(errorCode(await attempt(i % 2 ? b : a))).toBeDefined();
    expect(errorCode(await attempt(b))).toBe('TOO_MANY_SIGN_IN_ATTEMPTS');
    expect(errorCode(await attempt(a))).toBe('TOO_MANY_SIGN_IN_ATTEMPTS');
  });

  it('serves from one instance the evidence uploaded through the other', async () => {
    const { sontay, periodId, unitId } = await scoringContext(a);
    const sheet = (
      await a.gql(
        'query($p: Int!, $u: Int!) { scoreSheet(periodId: $p, unitId: $u) { id } }',
        { p: periodId, u: unitId('SONTAY') },
        { token: sontay },
      )
    ).data.scoreSheet;
    const content = files.pdf(`Chia se giua hai may chu ${Date.now()}`);
    const uploaded = await uploadEvidence(a.url, sheet.id, { name: 'chia-se.pdf', content }, { token: sontay });
    expect(uploaded.status).toBe(201);
    const download = await fetch(`${b.url}${uploaded.body.evidence.downloadUrl}`, { headers: { authorization: `Bearer ${sontay}` } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(content)).toBe(true);
    // Kept once, in the shared folder: not in either instance's data folder.
    const sha = uploaded.body.evidence.sha256 as string;
    await expect(fs.access(path.join(storageDir, sha.slice(0, 2), sha.slice(2, 4), sha))).resolves.toBeUndefined();
  });

  it('rebuilds abilities everywhere when one instance changes permission facts', async () => {
    const rules = serverModules.flatMap((module) => (module.permissions ? [module.permissions] : [])) as PermissionRules[];
    const loaders = serverModules.flatMap((module) => (module.permissionFacts ? [module.permissionFacts] : [])) as PermissionFactsLoader[];
    const [here, there] = [new ClusterSignals(a.orm), new ClusterSignals(b.orm)];
    await Promise.all([here.start(), there.start()]);
    try {
      const [cacheHere, cacheThere] = [new AbilityCache(a.orm, rules, loaders, here), new AbilityCache(b.orm, rules, loaders, there)];
      const [row] = await a.orm.em
        .getConnection()
        .execute<{ id: number; unit_id: number }[]>("select id, unit_id from app_user where username = 'sontay'");
      const user: AuthUser = { id: row!.id, username: 'sontay', displayName: 'Sơn Tây', roles: [Role.UNIT_STAFF], unitId: row!.unit_id };
      const before = await cacheThere.for(user);
      expect(await cacheThere.for(user)).toBe(before); // cached
      await cacheHere.invalidate();
      await expect.poll(async () => (await cacheThere.for(user)) !== before, SOON).toBe(true);
    } finally {
      await Promise.all([here.stop(), there.stop()]);
    }
  });

  it('trusts no cached session while it cannot hear the others, and listens again', async () => {
    const sql = a.orm.em.getConnection();
    const listeners = async () =>
      (
        await sql.execute<{ n: number }[]>(
          "select count(*)::int as n from pg_stat_activity where datname = current_database() and query = 'listen par_index_cache'",
        )
      )[0]!.n;
    expect(await listeners()).toBe(2);
    const token = await a.login('secretariat');
    expect((await b.gql(ME, {}, { token })).data.me.username).toBe('secretariat');
    await sql.execute(
      "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query = 'listen par_index_cache'",
    );
    // Revoked behind the instances' backs (no signal): only a process that asks the database again refuses it.
    await sql.execute(
      'update session set revoked_at = now() where revoked_at is null and user_id = (select id from app_user where username = ?)',
      ['secretariat'],
    );
    await expect.poll(async () => errorCode(await b.gql(ME, {}, { token })), SOON).toBe('UNAUTHENTICATED');
    await expect.poll(listeners, { timeout: 10_000, interval: 100 }).toBe(2);
  });
});
