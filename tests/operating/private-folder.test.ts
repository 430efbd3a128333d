import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type DatabaseServer } from '../../server/shared/database.ts';

const asRoot = process.getuid?.() === 0;
const made: string[] = [];
let server: DatabaseServer | undefined;

afterAll(async () => {
  await server?.stop();
  for (const folder of made) await fs.rm(folder, { recursive: true, force: true });
});

// `d=$(mktemp -d) && git clone … $d && npm ci && npm test` as root: mktemp's folder is 0700, and the embedded
// cluster runs as the postgres user, who could not enter it (initdb: EACCES).
describe.runIf(asRoot)('the embedded PostgreSQL in a private folder, as root', () => {
  it('starts, after opening only the folders on its way for the postgres user to enter', async () => {
    const privateFolder = await fs.mkdtemp(path.join(os.tmpdir(), 'par-private-'));
    made.push(privateFolder);
    expect((await fs.stat(privateFolder)).mode & 0o777).toBe(0o700);
    const inner = path.join(privateFolder, 'clone', '.data');
    await fs.mkdir(path.dirname(inner), { mode: 0o755 });
    await fs.mkdir(inner, { mode: 0o700 });
    const reported: string[] = [];

    server = await startEmbeddedPostgres(path.join(inner, 'pg'), undefined, { report: (line) => reported.push(line) });

    const client = new pg.Client({ connectionString: server.adminUrl });
    await client.connect();
    const { rows } = await client.query<{ answer: number }>('select 6 * 7 as answer');
    await client.end();
    expect(rows).toEqual([{ answer: 42 }]);
    // Search permission only (enter, not list), on exactly the folders that lacked it.
    for (const folder of [privateFolder, inner]) expect((await fs.stat(folder)).mode & 0o777).toBe(0o701);
    expect((await fs.stat(path.join(privateFolder, 'clone'))).mode & 0o777).toBe(0o755);
    // (The checkout's own folders may be reported too, when its binaries were not reachable either.)
    expect(reported.filter((line) => line.includes(privateFolder))).toEqual(
      [privateFolder, inner].map(
        (folder) => `Embedded PostgreSQL runs as the postgres user, who could not enter ${folder}: it may now (o+x).`,
      ),
    );
    await expect(promisify(execFile)('runuser', ['-u', 'postgres', '--', 'ls', privateFolder])).rejects.toThrow(/Permission denied/);
  });
});
