import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import type { Request } from 'express';
import { AppError, badInput, domainError } from './errors.ts';
import type { Localized } from './i18n.ts';
import { uploadBytes, uploads } from './metrics.ts';

/** A file spooled to local disk, hashed on the way. */
export interface StagedFile {
  path: string;
  sha256: string;
  size: number;
}

/** What an upload route receives: the staged file, the name the client gave it and the text fields. */
export interface ReceivedUpload {
  file: StagedFile;
  fileName: string;
  /** Text fields by name, in the order sent (a name may repeat, e.g. `criterionId`). */
  fields: Map<string, string[]>;
}

export interface UploadOptions {
  /** Where the file is spooled (created when missing); the caller moves or discards the staged file. */
  stagingDir: string;
  /** Most bytes the file may have. */
  limit: number;
  /** The text fields a multipart upload may carry besides its one `file` part; any other part is BAD_UPLOAD. */
  fields?: readonly string[];
  /** Also take the file as the raw request body (any content type but multipart), named by the `fileName` query parameter. */
  rawBody?: boolean;
  /** Checks the file name as sent, before any byte is spooled; throws to refuse it. */
  checkName?: (name: string) => string;
}

/** Room for the multipart framing and the text fields around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;
const FIELD_MAX_LENGTH = 4000;

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

export const fileTooLarge = (limit: number) =>
  domainError(
    'FILE_TOO_LARGE',
    {
      vi: `Tệp vượt quá dung lượng cho phép (${megabytes(limit)}).`,
      en: `The file is larger than the limit of ${megabytes(limit)}.`,
    },
    { field: 'file', limitBytes: limit, http: { status: 413 } },
  );

/** The upload itself is broken (framing, parts, connection): 400, nothing kept. */
const badUpload = (messages: Localized) => new AppError('BAD_UPLOAD', messages, { field: 'file', http: { status: 400 } });

const BROKEN: Localized = {
  vi: 'Dữ liệu tải lên bị hỏng hoặc không đầy đủ; hãy gửi lại tệp.',
  en: 'The upload is broken or incomplete; send the file again.',
};
const DISCONNECTED: Localized = { vi: 'Kết nối bị ngắt khi đang tải tệp.', en: 'The connection closed during the upload.' };

/** Removes a staged file (gone already when the store took it). */
export const discardStaged = (staged: StagedFile | null | undefined) => (staged ? fs.rm(staged.path, { force: true }) : Promise.resolve());

/** Every upload area keeps its staging folder here, under the data folder: `<dataDir>/<area>/.staging`. */
export const stagingDirOf = (areaDir: string) => path.join(areaDir, '.staging');

/** A staged file this old in a folder other processes share is left by a crash: no upload takes a day. */
const SHARED_STAGING_MAX_AGE_MS = 24 * 3_600_000;

/** Removes the entries of one staging folder (those last written before `before`, when given). */
async function sweepFolder(staging: string, before = Infinity): Promise<string[]> {
  const names = await fs.readdir(staging).catch(() => [] as string[]);
  const stale: string[] = [];
  for (const name of names) {
    const file = path.join(staging, name);
    const written = before === Infinity ? 0 : ((await fs.stat(file).catch(() => null))?.mtimeMs ?? Infinity);
    if (written < before) stale.push(file);
  }
  await Promise.all(stale.map((file) => fs.rm(file, { recursive: true, force: true })));
  return stale;
}

/**
 * Empties every staging folder under `dataDir` (`<dataDir>/<area>/.staging`): what a crash or a
 * kill left mid-upload. Run once at start, before any request can be staging a file. The staging
 * folders of `sharedAreas` (an evidence store other API processes use too) may hold their uploads
 * in flight: only files untouched for a day go.
 */
export async function sweepStaging(dataDir: string, sharedAreas: string[] = []): Promise<string[]> {
  const areas = await fs.readdir(dataDir, { withFileTypes: true }).catch(() => []);
  const swept: string[] = [];
  for (const area of areas.filter((entry) => entry.isDirectory())) {
    const areaDir = path.join(dataDir, area.name);
    if (!sharedAreas.includes(areaDir)) swept.push(...(await sweepFolder(stagingDirOf(areaDir))));
  }
  for (const areaDir of sharedAreas) swept.push(...(await sweepFolder(stagingDirOf(areaDir), Date.now() - SHARED_STAGING_MAX_AGE_MS)));
  return swept;
}

/**
 * Streams `source` into a new file of `stagingDir`, hashing as it goes; memory use does not depend on
 * the size. Beyond `limit` bytes the rest is read and dropped, and `truncated` says so. The stream is
 * taken at once (an error it emits is never left without a listener); `stagingDir` must exist.
 */
function spool(stagingDir: string, source: Readable, limit = Infinity): Promise<{ staged: StagedFile; truncated: boolean }> {
  const file = path.join(stagingDir, randomUUID());
  const hash = createHash('sha256');
  let size = 0;
  let truncated = false;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (truncated || size + chunk.length > limit) {
        truncated = true;
        done();
        return;
      }
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  const out = createWriteStream(file, { flags: 'wx' });
  return pipeline(source, measure, out).then(
    () => ({ staged: { path: file, sha256: hash.digest('hex'), size }, truncated }),
    async (error: unknown) => {
      // A write stream destroyed before its file is open still opens (creates) it, then closes it: removing the file
      // before that close would leave it behind (a cut upload on a busy machine did). Not events.once: it rejects on the
      // stream's error, which is what brought us here.
      if (!out.closed) await new Promise<void>((closed) => out.once('close', () => closed()));
      await fs.rm(file, { force: true });
      throw error;
    },
  );
}

/** Streams `source` into a staging file of `stagingDir` (see `spool`): the seed files its demo documents this way. */
export async function stageStream(stagingDir: string, source: Readable): Promise<StagedFile> {
  await fs.mkdir(stagingDir, { recursive: true });
  return (await spool(stagingDir, source)).staged;
}

/**
 * Receives one uploaded file, the one way every upload route does: a multipart/form-data body with
 * exactly one part named `file` and the text fields listed (or, with `rawBody`, the body itself),
 * streamed to a staging file while hashed, never held in memory. Every failure answers with a
 * stable code and leaves no staging file: FILE_TOO_LARGE (413) from the declared length before
 * reading or while streaming; EMPTY_FILE; BAD_UPLOAD (400) for a body that is not multipart, ends
 * before its closing boundary, carries an unknown or a second file part, or whose client goes away.
 */
export async function receiveUpload(req: Request, options: UploadOptions): Promise<ReceivedUpload> {
  const receiving = receiveFile(req, options);
  uploadsUnderWay.add(receiving);
  void receiving.then(
    () => uploadsUnderWay.delete(receiving),
    () => uploadsUnderWay.delete(receiving),
  );
  try {
    const received = await receiving;
    uploads.inc({ outcome: 'received' });
    uploadBytes.inc(received.file.size);
    return received;
  } catch (error) {
    uploads.inc({ outcome: 'refused' });
    throw error;
  }
}

/** Uploads being received: until each is received whole or refused (its staged file removed). */
const uploadsUnderWay = new Set<Promise<ReceivedUpload>>();

/**
 * Resolves once every upload being received has been received or refused, at most `withinMs` later: a stopping
 * server, having cut the uploads that outlasted its drain, waits for them to remove their staged files.
 */
export async function settleUploads(withinMs = 5_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.allSettled([...uploadsUnderWay]), new Promise((resolve) => (timer = setTimeout(resolve, withinMs)))]).finally(
    () => clearTimeout(timer),
  );
}

async function receiveFile(req: Request, options: UploadOptions): Promise<ReceivedUpload> {
  const multipart = /^multipart\/form-data/i.test(req.headers['content-type'] ?? '');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > options.limit + (multipart ? MULTIPART_OVERHEAD : 0)) throw fileTooLarge(options.limit);
  if (!multipart && !options.rawBody) {
    throw badUpload({ vi: 'Yêu cầu tải tệp không hợp lệ (cần multipart/form-data).', en: 'Malformed upload: send multipart/form-data.' });
  }
  await fs.mkdir(options.stagingDir, { recursive: true });
  const received = multipart ? await receiveMultipart(req, options) : await receiveRaw(req, options);
  if (received.file.size === 0) {
    await discardStaged(received.file);
    throw domainError('EMPTY_FILE', { vi: 'Tệp rỗng.', en: 'The file is empty.' }, { field: 'file', http: { status: 400 } });
  }
  return received;
}

async function receiveRaw(req: Request, options: UploadOptions): Promise<ReceivedUpload> {
  const fileName = typeof req.query.fileName === 'string' ? req.query.fileName : '';
  const checked = options.checkName ? options.checkName(fileName) : fileName;
  const { staged, truncated } = await spool(options.stagingDir, req, options.limit).catch(() => {
    throw badUpload(DISCONNECTED);
  });
  if (truncated) {
    await discardStaged(staged);
    throw fileTooLarge(options.limit);
  }
  return { file: staged, fileName: checked, fields: new Map() };
}

function receiveMultipart(req: Request, options: UploadOptions): Promise<ReceivedUpload> {
  const allowed = new Set(options.fields ?? []);
  return new Promise<ReceivedUpload>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      // preservePath: see the client's name as sent, so a name with a path is refused instead of trimmed.
      parser = busboy({
        headers: req.headers,
        preservePath: true,
        defParamCharset: 'utf8',
        limits: { files: 1, fileSize: options.limit, fields: 50, fieldSize: FIELD_MAX_LENGTH, parts: 60 },
      });
    } catch {
      reject(badUpload(BROKEN));
      return;
    }
    const fields = new Map<string, string[]>();
    let failure: AppError | null = null;
    const fail = (error: AppError) => {
      failure ??= error;
    };
    let fileName = '';
    let spooling: Promise<{ staged: StagedFile; truncated: boolean } | null> | null = null;

    parser.on('field', (name, value, info) => {
      if (!allowed.has(name))
        fail(badUpload({ vi: `Phần "${name}" không thuộc yêu cầu tải tệp này.`, en: `Unexpected part "${name}" in the upload.` }));
      else if (info.valueTruncated) fail(badInput(name, { vi: `Trường "${name}" quá dài.`, en: `Field "${name}" is too long.` }));
      fields.set(name, [...(fields.get(name) ?? []), value]);
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || spooling) {
        fail(badUpload({ vi: `Phần "${name}" không thuộc yêu cầu tải tệp này.`, en: `Unexpected part "${name}" in the upload.` }));
        stream.resume();
        return;
      }
      try {
        fileName = options.checkName ? options.checkName(info.filename ?? '') : (info.filename ?? '');
      } catch (error) {
        fail(error as AppError);
        stream.resume();
        return;
      }
      // Attached in this tick: the part may fail (end of form, client gone) before any byte is written.
      spooling = spool(options.stagingDir, stream).then(
        (result) => ({ ...result, truncated: (stream as unknown as { truncated: boolean }).truncated }),
        () => {
          fail(badUpload(BROKEN));
          return null;
        },
      );
    });
    parser.on('filesLimit', () => fail(badUpload({ vi: 'Mỗi lần chỉ tải một tệp.', en: 'Upload one file at a time.' })));
    parser.on('fieldsLimit', () => fail(badUpload({ vi: 'Quá nhiều trường.', en: 'Too many fields.' })));
    parser.on('partsLimit', () => fail(badUpload({ vi: 'Quá nhiều phần.', en: 'Too many parts.' })));

    let finished = false;
    const finish = async () => {
      if (finished) return;
      finished = true;
      const result = spooling ? await spooling : null;
      if (!failure && result?.truncated) failure = fileTooLarge(options.limit);
      if (!failure && !result) failure = badInput('file', { vi: 'Chưa chọn tệp.', en: 'No file was sent.' });
      if (failure) {
        await discardStaged(result?.staged);
        reject(failure);
      } else resolve({ file: result!.staged, fileName, fields });
    };
    parser.on('close', () => void finish());
    parser.on('error', () => {
      fail(badUpload(BROKEN));
      req.unpipe(parser);
      req.resume();
      void finish();
    });
    req.on('close', () => {
      if (req.complete) return;
      fail(badUpload(DISCONNECTED));
      parser.destroy();
      void finish();
    });
    req.pipe(parser);
  });
}
