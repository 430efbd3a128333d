import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where evidence content lives, keyed by SHA-256. Uploads are first spooled to a local staging
 * file (hashed on the way, so nothing is held in memory), inspected, then handed to `put`.
 * A disk store today; an S3-compatible store can implement the same three calls.
 */
export interface EvidenceStorage {
  /** Local folder for staging files; `put` takes them from there. */
  readonly stagingDir: string;
  /** Takes ownership of `stagedPath` and keeps its content under `sha256`; a second copy is dropped. */
  put(sha256: string, stagedPath: string): Promise<void>;
  /** The content, or null when the store has no such key. */
  open(sha256: string): Promise<Readable | null>;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** `<root>/ab/cd/abcd…`: two levels of fan-out keep folders small at 25,000 files a year. */
export class DiskStorage implements EvidenceStorage {
  readonly stagingDir: string;

  constructor(private readonly root: string) {
    this.stagingDir = path.join(root, '.staging');
  }

  private pathOf(sha256: string): string {
    // Keys come from our own hashing; the check keeps any other string from becoming a path.
    if (!SHA256.test(sha256)) throw new Error(`not a SHA-256 key: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(sha256: string, stagedPath: string): Promise<void> {
    const target = this.pathOf(sha256);
    if (await fs.access(target).then(() => true, () => false)) {
      await fs.rm(stagedPath, { force: true });
      return;
    }
    await fs.mkdir(path.dirname(target), { recursive: true });
    // Same file system (staging is inside the root), so the rename is atomic: readers never see half a file.
    await fs.rename(stagedPath, target);
  }

  async open(sha256: string): Promise<Readable | null> {
    const file = this.pathOf(sha256);
    const handle = await fs.open(file, 'r').catch(() => null);
    return handle ? handle.createReadStream() : null;
  }
}

const stores = new Map<string, EvidenceStorage>();

/** The evidence store of a data folder (`<dataDir>/evidence`), one instance per folder. */
export function evidenceStorage(dataDir: string): EvidenceStorage {
  let store = stores.get(dataDir);
  if (!store) {
    store = new DiskStorage(path.join(dataDir, 'evidence'));
    stores.set(dataDir, store);
  }
  return store;
}

export interface StagedFile {
  path: string;
  sha256: string;
  size: number;
}

/** Streams `source` into a new staging file, hashing as it goes; memory use does not depend on the size. */
export async function stageStream(storage: EvidenceStorage, source: Readable): Promise<StagedFile> {
  await fs.mkdir(storage.stagingDir, { recursive: true });
  const file = path.join(storage.stagingDir, randomUUID());
  const hash = createHash('sha256');
  let size = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, measure, createWriteStream(file, { flags: 'wx' }));
  } catch (error) {
    await fs.rm(file, { force: true });
    throw error;
  }
  return { path: file, sha256: hash.digest('hex'), size };
}

export const discardStaged = (staged: StagedFile | null | undefined) => (staged ? fs.rm(staged.path, { force: true }) : Promise.resolve());
