import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { evidenceStorage, type EvidenceStorage } from '../server/evidence/index.ts';
import type { S3Settings } from '../server/shared/config.ts';
import { startFakeS3, type FakeS3 } from './support/s3-server.ts';

/** The S3-compatible evidence store against a real HTTP server that checks every request's signature. */
let s3: FakeS3;
let dataDir: string;
let settings: S3Settings;
let store: EvidenceStorage;

const sha = (content: Buffer) => createHash('sha256').update(content).digest('hex');
const keyOf = (hash: string) => `${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}`;
/** A file in the store's staging folder, as an upload leaves it. */
async function staged(content: Buffer): Promise<string> {
  await fs.mkdir(store.stagingDir, { recursive: true });
  const file = path.join(store.stagingDir, randomBytes(6).toString('hex'));
  await fs.writeFile(file, content);
  return file;
}
const exists = (file: string) =>
  fs.access(file).then(
    () => true,
    () => false,
  );
async function read(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  s3 = await startFakeS3();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'par-s3-store-'));
  settings = { bucket: s3.bucket, region: s3.region, endpoint: s3.endpoint, credentials: s3.credentials };
  store = evidenceStorage({ dataDir, s3: settings });
});
afterAll(async () => {
  await s3?.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});
beforeEach(() => {
  s3.requests.length = 0;
});

describe('S3-compatible evidence store', () => {
  it('keeps a file under its SHA-256 once, streams it back and hands readers a local copy', async () => {
    await expect(store.check()).resolves.toBeUndefined();
    s3.requests.length = 0;
    const content = randomBytes(200_000);
    const hash = sha(content);
    const first = await staged(content);
    await store.put(hash, first);
    expect(await exists(first)).toBe(false);
    expect(s3.objects.get(keyOf(hash))?.equals(content)).toBe(true);
    expect(s3.requests.map((r) => r.operation)).toEqual(['HeadObject', 'PutObject']);

    // The same content again: dropped, not sent a second time.
    s3.requests.length = 0;
    const second = await staged(content);
    await store.put(hash, second);
    expect(await exists(second)).toBe(false);
    expect(s3.requests.map((r) => r.operation)).toEqual(['HeadObject']);

    expect((await read((await store.open(hash))!)).equals(content)).toBe(true);
    const copy = (await store.localCopy(hash))!;
    expect((await fs.readFile(copy.path)).equals(content)).toBe(true);
    await copy.release();
    expect(await exists(copy.path)).toBe(false);
    expect(await store.isEmpty()).toBe(false);
  });

  it('answers null for a key the bucket does not hold, and refuses a key that is not a SHA-256', async () => {
    const absent = sha(Buffer.from('never stored'));
    expect(await store.open(absent)).toBeNull();
    expect(await store.localCopy(absent)).toBeNull();
    await expect(store.open('../../etc/passwd')).rejects.toThrow(/not a SHA-256 key/);
  });

  it('uploads a large file in parts, never whole in memory, and reads it back intact', async () => {
    const content = randomBytes(17 * 1024 * 1024 + 123);
    const hash = sha(content);
    await store.put(hash, await staged(content));
    const operations = s3.requests.map((r) => r.operation);
    expect(operations.filter((op) => op === 'UploadPart')).toHaveLength(3);
    expect(operations).toContain('CompleteMultipartUpload');
    expect(operations).not.toContain('PutObject');
    expect(sha(await read((await store.open(hash))!))).toBe(hash);
  });

  it('leaves nothing in the bucket when an upload fails half-way, and says STORAGE_UNAVAILABLE', async () => {
    const content = randomBytes(9 * 1024 * 1024);
    const hash = sha(content);
    const file = await staged(content);
    s3.failNext('UploadPart', 100);
    await expect(store.put(hash, file)).rejects.toMatchObject({ extensions: { code: 'STORAGE_UNAVAILABLE', http: { status: 503 } } });
    s3.failNext('UploadPart', 0);
    expect(s3.objects.has(keyOf(hash))).toBe(false);
    expect(s3.requests.map((r) => r.operation)).toContain('AbortMultipartUpload');
    expect(s3.openUploads()).toBe(0);
    // The staged file stays with its caller, who discards it.
    expect(await exists(file)).toBe(true);
  });

  it('refuses wrong credentials with a clear reason at the start check and STORAGE_UNAVAILABLE on use', async () => {
    const wrongSecret = evidenceStorage({
      dataDir,
      s3: { ...settings, credentials: { ...s3.credentials, secretAccessKey: 'not-the-secret' } },
    });
    await expect(wrongSecret.check()).rejects.toThrow(
      /^STORAGE_UNAVAILABLE: the evidence store s3:\/\/par-evidence at .* refused our credentials/,
    );
    expect(s3.requests.at(-1)).toEqual({ operation: null, status: 403 });
    const content = Buffer.from('refused');
    await expect(wrongSecret.put(sha(content), await staged(content))).rejects.toMatchObject({
      extensions: { code: 'STORAGE_UNAVAILABLE' },
    });
    expect(s3.objects.has(keyOf(sha(content)))).toBe(false);
    // Nor is a stored file taken for a missing one: the read fails loudly instead of answering null.
    await expect(wrongSecret.open(sha(content))).rejects.toMatchObject({ extensions: { code: 'STORAGE_UNAVAILABLE' } });

    const unknownKey = evidenceStorage({ dataDir, s3: { ...settings, credentials: { accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'x' } } });
    await expect(unknownKey.check()).rejects.toThrow(/refused our credentials.*HTTP 403/);
    const noBucket = evidenceStorage({ dataDir, s3: { ...settings, bucket: 'no-such-bucket' } });
    await expect(noBucket.check()).rejects.toThrow(/has no such bucket/);
  });

  it('says the store cannot be reached when nothing answers at the endpoint', async () => {
    const closed = await startFakeS3();
    await closed.close();
    const unreachable = evidenceStorage({ dataDir, s3: { ...settings, endpoint: closed.endpoint } });
    await expect(unreachable.check()).rejects.toThrow(/could not be reached: ECONNREFUSED/);
    await expect(unreachable.open(sha(Buffer.from('x')))).rejects.toMatchObject({ extensions: { code: 'STORAGE_UNAVAILABLE' } });
  });
});
