import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { S3Client } from '@aws-sdk/client-s3';
import type { S3Settings } from '../shared/config.ts';
import { currentLog } from '../shared/log.ts';
import { checkedKey, storageUnavailable, type EvidenceStorage } from './storage.ts';

/** Parts of a multipart upload: at most QUEUE of them are in memory at once, whatever the file's size. */
const PART_BYTES = 8 * 1024 * 1024;
const QUEUE = 2;

/** The SDK, loaded on first use: a server keeping evidence in a folder never pays for loading it. */
let sdk: Promise<[typeof import('@aws-sdk/client-s3'), typeof import('@aws-sdk/lib-storage')]> | undefined;
const loadSdk = () => (sdk ??= Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/lib-storage')]));

/** The HTTP status of an answer the store gave (the SDK's service exceptions carry it); undefined when none came. */
const statusOf = (error: unknown) => (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
const isNotFound = (error: unknown) => statusOf(error) === 404;

/** What went wrong talking to the store, for the log and the start check (never sent to a client). */
function describeFailure(error: unknown): string {
  const { name, code, message } = (error ?? {}) as { name?: string; code?: string; message?: string };
  const status = statusOf(error);
  if (status !== undefined) return `${name} (HTTP ${status}): ${message}`;
  return [code, message].filter(Boolean).join(': ') || String(error);
}

/**
 * Evidence in an S3-compatible bucket (AWS S3, MinIO, Ceph…), one object per SHA-256 under `ab/cd/abcd…` as on
 * disk. Uploads stream from the staging file in parts (multipart past PART_BYTES); a failed one is aborted, so the
 * bucket never holds part of a file. Reads stream the object. Every failure other than "no such object" is
 * STORAGE_UNAVAILABLE (503): a store that is down is never taken for a lost file.
 */
export class S3Storage implements EvidenceStorage {
  readonly location: string;
  private readonly bucket: string;
  private client: Promise<S3Client> | undefined;

  constructor(
    private readonly settings: S3Settings,
    readonly stagingDir: string,
  ) {
    this.bucket = settings.bucket;
    this.location = `s3://${settings.bucket}${settings.endpoint ? ` at ${settings.endpoint}` : ''}`;
  }

  private connect(): Promise<S3Client> {
    const settings = this.settings;
    return (this.client ??= loadSdk().then(
      ([{ S3Client }]) =>
        new S3Client({
          region: settings.region,
          endpoint: settings.endpoint,
          // S3-compatible servers are addressed `<endpoint>/<bucket>`: their buckets have no DNS names of their own.
          forcePathStyle: Boolean(settings.endpoint),
          credentials: settings.credentials,
          // Checksums only where the API requires them: many S3-compatible servers refuse the newer default trailers.
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
          requestHandler: { connectionTimeout: 5_000, requestTimeout: 120_000 },
        }),
    ));
  }

  private keyOf(sha256: string): string {
    checkedKey(sha256);
    return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
  }

  /** Runs one call to the store; anything but the answers the caller expects becomes STORAGE_UNAVAILABLE, logged. */
  private async call<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      currentLog().error({ store: this.location, failure: describeFailure(error) }, `evidence store: ${what} failed`);
      throw storageUnavailable();
    }
  }

  private async exists(key: string): Promise<boolean> {
    return this.call('HEAD', async () => {
      const [[{ HeadObjectCommand }], client] = await Promise.all([loadSdk(), this.connect()]);
      return client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key })).then(
        () => true,
        (error: unknown) => {
          if (isNotFound(error)) return false;
          throw error;
        },
      );
    });
  }

  async put(sha256: string, stagedPath: string): Promise<void> {
    const key = this.keyOf(sha256);
    if (!(await this.exists(key))) {
      await this.call('upload', async () => {
        const [[, { Upload }], client] = await Promise.all([loadSdk(), this.connect()]);
        const upload = new Upload({
          client,
          params: { Bucket: this.bucket, Key: key, Body: createReadStream(stagedPath) },
          partSize: PART_BYTES,
          queueSize: QUEUE,
          // A failed multipart upload is aborted: no parts are left behind (nor billed).
          leavePartsOnError: false,
        });
        await upload.done();
      });
    }
    await fs.rm(stagedPath, { force: true });
  }

  async open(sha256: string): Promise<Readable | null> {
    const key = this.keyOf(sha256);
    return this.call('GET', async () => {
      const [[{ GetObjectCommand }], client] = await Promise.all([loadSdk(), this.connect()]);
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
        return answer.Body as Readable;
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    });
  }

  async localCopy(sha256: string): Promise<{ path: string; release(): Promise<void> } | null> {
    const content = await this.open(sha256);
    if (!content) return null;
    // Downloaded into this process's staging folder (swept at start should it be left by a crash).
    await fs.mkdir(this.stagingDir, { recursive: true });
    const file = path.join(this.stagingDir, `copy-${randomUUID()}`);
    const release = () => fs.rm(file, { force: true });
    await this.call('download', () => pipeline(content, createWriteStream(file))).catch(async (error: unknown) => {
      await release();
      throw error;
    });
    return { path: file, release };
  }

  async isEmpty(): Promise<boolean> {
    const answer = await this.call('LIST', async () => {
      const [[{ ListObjectsV2Command }], client] = await Promise.all([loadSdk(), this.connect()]);
      return client.send(new ListObjectsV2Command({ Bucket: this.bucket, MaxKeys: 1 }));
    });
    return !answer.KeyCount;
  }

  async check(): Promise<void> {
    const [[{ HeadBucketCommand }], client] = await Promise.all([loadSdk(), this.connect()]);
    try {
      await client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      const status = statusOf(error);
      const why =
        status === 403 || status === 401
          ? 'refused our credentials (check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)'
          : status === 404
            ? 'has no such bucket'
            : 'could not be reached';
      throw new Error(`STORAGE_UNAVAILABLE: the evidence store ${this.location} ${why}: ${describeFailure(error)}`);
    }
    await fs.mkdir(this.stagingDir, { recursive: true });
  }
}
