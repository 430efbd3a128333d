import { MikroORM } from '@mikro-orm/postgresql';
import { describe, expect, inject, it } from 'vitest';
import { ormConfig } from '../../server/orm.config.ts';

/**
 * DATABASE_URL and DATABASE_READ_URL are used whole: MikroORM alone reads only their host, port, user, password and
 * database, so `?sslmode=require` for a managed PostgreSQL was dropped and the connection went out in clear text.
 */
const withSslMode = (url: string, mode: string) => {
  const parsed = new URL(url);
  parsed.searchParams.set('sslmode', mode);
  return parsed.toString();
};

/** Whether each connection (`write`, and `read` with a replica URL) is encrypted, or why the ORM could not open them. */
async function sslOf(url: string, readUrl?: string): Promise<{ write: boolean; read?: boolean } | string> {
  const query = 'select ssl from pg_stat_ssl where pid = pg_backend_pid()';
  let orm: MikroORM | undefined;
  try {
    orm = await MikroORM.init(ormConfig(url, { readUrl }));
    const ssl = async (kind: 'write' | 'read') =>
      (await orm!.em.getDriver().getConnection(kind).execute<{ ssl: boolean }[]>(query))[0]!.ssl;
    return { write: await ssl('write'), ...(readUrl && { read: await ssl('read') }) };
  } catch (error) {
    return String(error);
  } finally {
    await orm?.close();
  }
}

describe('the database URL, with its parameters', () => {
  it('connects with TLS when the URL asks for it (or is refused for that reason), and in clear when it says disable', async () => {
    const adminUrl = inject('adminUrl');
    expect(await sslOf(withSslMode(adminUrl, 'disable'), withSslMode(adminUrl, 'disable'))).toEqual({ write: false, read: false });
    // The server of this run may or may not offer TLS (the embedded one does not): never a silent clear-text connection.
    for (const [url, readUrl] of [
      [withSslMode(adminUrl, 'no-verify'), undefined],
      [withSslMode(adminUrl, 'disable'), withSslMode(adminUrl, 'no-verify')],
    ] as const) {
      const outcome = await sslOf(url, readUrl);
      if (typeof outcome === 'string') expect(outcome).toMatch(/The server does not support SSL connections/);
      else expect(outcome).toEqual(readUrl ? { write: false, read: true } : { write: true });
    }
  });
});
