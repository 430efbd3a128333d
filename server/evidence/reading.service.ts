import fs from 'node:fs/promises';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppConfig } from '../shared/config.ts';
import { log } from '../shared/log.ts';
import { observeQueue } from '../shared/metrics.ts';
import { outcome } from './document-text.ts';
import { DocumentReader } from './reader.ts';
import { ReadingStatus } from './reading-status.ts';
import { DocumentReading } from './reading.entity.ts';
import { evidenceStorage } from './stores.ts';

let reader: DocumentReader | null = null;
/** Files being read by this process: a second request for the same content waits for none. */
const inFlight = new Map<string, Promise<void>>();
observeQueue('document-reading', () => inFlight.size);

/** The process's reader (one pool of threads whatever the number of apps), sized by the first config. */
function documentReader(config: AppConfig): DocumentReader {
  reader ??= new DocumentReader({
    threads: config.readerThreads,
    timeoutMs: config.readerTimeoutMs,
    heapMb: 256,
    growthMb: Math.max(512, Math.ceil((3 * config.uploadLimitBytes) / 1024 / 1024)),
  });
  return reader;
}

/** The administrator's root certificates (PEM), read at each use so a changed file applies to the next read. */
async function trustedRoots(config: AppConfig): Promise<string[]> {
  if (!config.trustedRootsFile) return [];
  return [await fs.readFile(config.trustedRootsFile, 'utf8').catch(() => '')];
}

/** Marks a stored file for reading, inside the transaction that files it (a file read before keeps its reading). */
export async function markForReading(tx: EntityManager, sha256: string): Promise<void> {
  await tx.upsert(DocumentReading, { file: sha256 }, { onConflictAction: 'ignore' });
}

/**
 * Reads a stored file marked PENDING and keeps what it says. Off the request path: callers do not
 * wait for it (see scheduleReading); it never throws for a bad file, only records its status.
 */
export function readStoredFile(em: EntityManager, config: AppConfig, sha256: string): Promise<void> {
  let running = inFlight.get(sha256);
  if (!running) {
    running = read(em.fork(), config, sha256).finally(() => inFlight.delete(sha256));
    inFlight.set(sha256, running);
  }
  return running;
}

async function read(em: EntityManager, config: AppConfig, sha256: string): Promise<void> {
  const [row] = await em.execute<{ status: ReadingStatus; content_type: string }[]>(
    `select r.status, f.content_type from document_reading r join stored_file f on f.sha256 = r.file_sha256 where r.file_sha256 = ?`,
    [sha256],
  );
  if (!row || row.status !== ReadingStatus.PENDING) return;
  const copy = await evidenceStorage(config).localCopy(sha256);
  const result = copy
    ? await documentReader(config)
        .read(copy.path, row.content_type, await trustedRoots(config))
        .finally(() => copy.release())
    : outcome(ReadingStatus.MALFORMED, 'the stored file is missing');
  await em.nativeUpdate(
    DocumentReading,
    { file: sha256, status: ReadingStatus.PENDING },
    {
      status: result.status,
      ...result.citation,
      pageCount: result.pageCount,
      detail: result.detail,
      signatureStatus: result.signatureStatus,
      signatures: result.signatures,
      readAt: new Date(),
    },
  );
}

/** Waits for the reads this process has started (each ends within the reader's time limit). */
export async function settleReadings(): Promise<void> {
  await Promise.allSettled([...inFlight.values()]);
}

/** Starts reading without waiting for it; a failure (the database gone) is logged and the file stays PENDING for the job. */
export function scheduleReading(em: EntityManager, config: AppConfig, sha256: string): void {
  readStoredFile(em, config, sha256).catch((error: unknown) => log.error({ err: error, sha256 }, 'reading a stored file failed'));
}

/**
 * The background job: marks stored files that have no reading yet (uploaded before reading
 * existed, or whose read was lost in a restart) and reads what is PENDING, a batch per run.
 */
export async function readPendingFiles(em: EntityManager, _now: Date, config: AppConfig): Promise<number> {
  await em.execute(
    `insert into document_reading (file_sha256) select sha256 from stored_file f
      where not exists (select 1 from document_reading r where r.file_sha256 = f.sha256) on conflict do nothing`,
  );
  const rows = await em.execute<{ file_sha256: string }[]>(
    `select file_sha256 from document_reading where status = 'PENDING' order by created_at limit 100`,
  );
  await Promise.all(rows.map((row) => readStoredFile(em, config, row.file_sha256)));
  return rows.length;
}
