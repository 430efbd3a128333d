import busboy from 'busboy';
import type { Request } from 'express';
import { AppError, badInput, domainError } from '../shared/errors.ts';
import { checkFileName } from './metadata.logic.ts';
import { discardStaged, stageStream, type EvidenceStorage, type StagedFile } from './storage.ts';

export interface ParsedUpload {
  /** Form fields by name (a name may repeat, e.g. `criterionId`). */
  fields: Map<string, string[]>;
  file: StagedFile;
  fileName: string;
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

export const fileTooLarge = (limit: number) =>
  domainError('FILE_TOO_LARGE', {
    vi: `Tệp vượt quá dung lượng cho phép (${megabytes(limit)}).`,
    en: `The file is larger than the limit of ${megabytes(limit)}.`,
  }, { limitBytes: limit, http: { status: 413 } });

const malformed = () => badInput('file', { vi: 'Yêu cầu tải tệp không hợp lệ (cần multipart/form-data).', en: 'Malformed upload: send multipart/form-data.' });

/**
 * Reads a multipart upload: small text fields and exactly one file part named `file`, which is
 * streamed to a staging file (see storage.ts) as it arrives: the request is never held in memory.
 * Over `limit` bytes the rest is discarded and FILE_TOO_LARGE is thrown; the staging file is
 * removed on every failure.
 */
export function parseUpload(req: Request, storage: EvidenceStorage, limit: number): Promise<ParsedUpload> {
  return new Promise<ParsedUpload>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      // preservePath: see the client's name as sent, so a name with a path is refused instead of trimmed.
      parser = busboy({
        headers: req.headers, preservePath: true, defParamCharset: 'utf8',
        limits: { files: 1, fileSize: limit, fields: 20, fieldSize: 4000, parts: 25 },
      });
    } catch {
      reject(malformed());
      return;
    }
    const fields = new Map<string, string[]>();
    let failure: AppError | null = null;
    let staging: Promise<{ staged: StagedFile; truncated: boolean; fileName: string } | null> | null = null;
    const fail = (error: AppError) => { failure ??= error; };
    let aborted = false;

    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) fail(badInput(name, { vi: `Trường "${name}" quá dài.`, en: `Field "${name}" is too long.` }));
      fields.set(name, [...(fields.get(name) ?? []), value]);
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || staging) {
        stream.resume();
        return;
      }
      let fileName = '';
      try {
        fileName = checkFileName(info.filename);
      } catch (error) {
        fail(error as AppError);
        stream.resume();
        return;
      }
      staging = stageStream(storage, stream).then(
        (staged) => ({ staged, truncated: (stream as unknown as { truncated: boolean }).truncated, fileName }),
        (error) => {
          fail(malformed());
          if (!aborted) console.error(error);
          return null;
        },
      );
    });
    parser.on('filesLimit', () => fail(badInput('file', { vi: 'Mỗi lần chỉ tải một tệp.', en: 'Upload one file at a time.' })));
    parser.on('fieldsLimit', () => fail(badInput('fields', { vi: 'Quá nhiều trường.', en: 'Too many fields.' })));
    parser.on('partsLimit', () => fail(badInput('fields', { vi: 'Quá nhiều phần.', en: 'Too many parts.' })));

    let finished = false;
    const finish = async () => {
      if (finished) return;
      finished = true;
      const result = staging ? await staging : null;
      if (!failure && result?.truncated) failure = fileTooLarge(limit);
      if (!failure && !result) failure = badInput('file', { vi: 'Chưa chọn tệp.', en: 'No file was sent.' });
      if (failure) {
        await discardStaged(result?.staged);
        reject(failure);
      } else resolve({ fields, file: result!.staged, fileName: result!.fileName });
    };
    parser.on('close', () => void finish());
    parser.on('error', () => {
      fail(malformed());
      req.unpipe(parser);
      req.resume();
      void finish();
    });
    req.on('aborted', () => {
      aborted = true;
      parser.destroy(new Error('client aborted'));
    });
    req.pipe(parser);
  });
}
