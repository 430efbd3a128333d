import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { stagingDirOf } from '../shared/upload.ts';

/**
 * Where evidence content lives, keyed by SHA-256. Uploads are first spooled to a local staging
 * file (shared/upload.ts: hashed on the way, so nothing is held in memory), inspected, then handed to `put`.
 * A disk store today; an S3-compatible store can implement the same three calls.
 */
export interface EvidenceStorage {
  /** Local folder for staging files; `put` takes them from there. */
  readonly stagingDir: string;
  /** Takes ownership of `stagedPath` and keeps its content under `sha256`; a second copy is dropped. */
  put(sha256: string, stagedPath: string): Promise<void>;
  /** The content, or null when the store has no such key. */
  open(sha256: string): Promise<Readable | null>;
  /** A local file with the content for a reader (a remote store would download it); `release` when done. */
  localCopy(sha256: string): Promise<{ path: string; release(): Promise<void> } | null>;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** `<root>/ab/cd/abcd…`: two levels of fan-out keep folders small at 25,000 files a year. */
export class DiskStorage implements EvidenceStorage {
  readonly stagingDir: string;

  constructor(private readonly root: string) {
    this.stagingDir = stagingDirOf(root);
  }

  private pathOf(sha256: string): string {
    // Keys come from our own hashing; the check keeps any other string from becoming a path.
    if (!SHA256.test(sha256)) throw new Error(`not a SHA-256 key: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(sha256: string, stagedPath: string): Promise<void> {
    const target = this.pathOf(sha256);
    if (
      await fs.access(target).then(
        () => true,
        () => false,
      )
    ) {
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

  async localCopy(sha256: string): Promise<{ path: string; release(): Promise<void> } | null> {
    const file = this.pathOf(sha256);
    const exists = await fs.access(file).then(
      () => true,
      () => false,
    );
    // The stored file itself: content under its hash never changes, so there is nothing to copy or release.
    return exists ? { path: file, release: async () => {} } : null;
  }
}

const stores = new Map<string, EvidenceStorage>();

/** The folder of the evidence store: STORAGE_DIR when set (several API processes may share it), else `<dataDir>/evidence`. */
export const evidenceRoot = (where: { dataDir: string; storageDir?: string }) => where.storageDir ?? path.join(where.dataDir, 'evidence');

/** The evidence store of a configuration (see evidenceRoot), one instance per folder. */
export function evidenceStorage(where: { dataDir: string; storageDir?: string }): EvidenceStorage {
  const root = evidenceRoot(where);
  let store = stores.get(root);
  if (!store) {
    store = new DiskStorage(root);
    stores.set(root, store);
  }
  return store;
}
