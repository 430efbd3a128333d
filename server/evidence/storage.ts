import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { domainError } from '../shared/errors.ts';
import { stagingDirOf } from '../shared/upload.ts';

/**
 * Where evidence content lives, keyed by SHA-256. Uploads are first spooled to a local staging
 * file (shared/upload.ts: hashed on the way, so nothing is held in memory), inspected, then handed to `put`.
 * A folder (DiskStorage) or an S3-compatible bucket (S3Storage), chosen by configuration; a store that cannot be
 * reached throws `storageUnavailable` (503), never answers "missing" for it.
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
  /** Whether the store holds no file yet (a restore refuses a store that does). */
  isEmpty(): Promise<boolean>;
  /** Resolves once the store answers and lets us in; else rejects with what is wrong (checked at start). */
  check(): Promise<void>;
  /** Where the files are, for messages: a folder, or `s3://bucket`. */
  readonly location: string;
}

/** The store did not answer, or refused us (credentials, permissions): nothing was changed; the client may retry. */
export const storageUnavailable = () =>
  domainError(
    'STORAGE_UNAVAILABLE',
    {
      vi: 'Kho lưu trữ tệp tạm thời không phản hồi; không có gì thay đổi, vui lòng thử lại sau ít phút.',
      en: 'The file store is not answering right now; nothing was changed, try again in a few minutes.',
    },
    { http: { status: 503 } },
  );

const SHA256 = /^[0-9a-f]{64}$/;

/** Keys come from our own hashing; the check keeps any other string from becoming a path or an object name. */
export function checkedKey(sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error(`not a SHA-256 key: ${sha256}`);
  return sha256;
}

/** `<root>/ab/cd/abcd…`: two levels of fan-out keep folders small at 25,000 files a year. */
export class DiskStorage implements EvidenceStorage {
  readonly stagingDir: string;
  readonly location: string;

  constructor(private readonly root: string) {
    this.stagingDir = stagingDirOf(root);
    this.location = root;
  }

  private pathOf(sha256: string): string {
    checkedKey(sha256);
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
    await fs.rename(stagedPath, target).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EXDEV') throw error;
      // A file from elsewhere (a restore's unpacked archive): copied into staging first, so the rename stays atomic.
      const copy = path.join(this.stagingDir, randomUUID());
      await fs.mkdir(this.stagingDir, { recursive: true });
      await fs.copyFile(stagedPath, copy);
      await fs.rename(copy, target);
      await fs.rm(stagedPath, { force: true });
    });
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

  async isEmpty(): Promise<boolean> {
    const names = await fs.readdir(this.root).catch(() => []);
    return !names.some((name) => !name.startsWith('.'));
  }

  async check(): Promise<void> {
    await fs.mkdir(this.stagingDir, { recursive: true });
    await fs.access(this.root, fs.constants.W_OK);
  }
}
