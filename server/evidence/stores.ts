import path from 'node:path';
import type { AppConfig } from '../shared/config.ts';
import { stagingDirOf } from '../shared/upload.ts';
import { S3Storage } from './s3-storage.ts';
import { DiskStorage, type EvidenceStorage } from './storage.ts';

const stores = new Map<string, EvidenceStorage>();

/** The settings that say where evidence is kept. */
export type StorageSettings = Pick<AppConfig, 'dataDir'> & Partial<Pick<AppConfig, 'storageDir' | 's3'>>;

/** The folder of the evidence store: STORAGE_DIR when set (several API processes may share it), else `<dataDir>/evidence`. */
export const evidenceRoot = (where: Omit<StorageSettings, 's3'>) => where.storageDir ?? path.join(where.dataDir, 'evidence');

/**
 * The evidence store of a configuration, one instance per place: the bucket when STORAGE=s3 (staging in this
 * process's own data folder), else the folder of evidenceRoot.
 */
export function evidenceStorage(where: StorageSettings): EvidenceStorage {
  const s3 = where.s3;
  const key = s3 ? JSON.stringify([s3, where.dataDir]) : evidenceRoot(where);
  let store = stores.get(key);
  if (!store) {
    store = s3 ? new S3Storage(s3, stagingDirOf(path.join(where.dataDir, 'evidence'))) : new DiskStorage(key);
    stores.set(key, store);
  }
  return store;
}
