import { pipeline } from 'node:stream/promises';
import { create as contentDisposition } from 'content-disposition';
import type express from 'express';
import type { Request, Response } from 'express';
import { requireUser } from '../access/index.ts';
import { assertSheetEditable, authorizeSheetRead, lockSheetState } from '../scoring/index.ts';
import type { AppContext } from '../access/index.ts';
import { badInput, domainError, notFound } from '../shared/errors.ts';
import { apiRoute } from '../access/index.ts';
import type { RouteDeps } from '../access/index.ts';
import { loadEvidence } from './evidence.read.ts';
import { checkMetadata } from './metadata.logic.ts';
import { createEvidence } from './evidence.service.ts';
import { fileTooLarge, parseUpload } from './evidence.upload.ts';
import { ALLOWED_EXTENSIONS, detectFileKind } from './file-kind.ts';
import { discardStaged, evidenceStorage } from './storage.ts';

const EVIDENCE = { vi: 'tài liệu kiểm chứng', en: 'Evidence' };
/** Room for the multipart framing and the text fields around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;

function positiveId(value: string | string[] | undefined, field: string): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw badInput(field, { vi: `Mã "${value}" không hợp lệ.`, en: `Invalid id "${value}".` });
  return id;
}

const unsupportedType = () =>
  domainError('UNSUPPORTED_FILE_TYPE', {
    vi: 'Loại tệp không được chấp nhận. Chỉ nhận PDF, DOC/DOCX, XLS/XLSX, ODT/ODS, JPEG/PNG hoặc ZIP (kiểm tra theo nội dung tệp).',
    en: 'File type not accepted. Allowed: PDF, DOC/DOCX, XLS/XLSX, ODT/ODS, JPEG/PNG or ZIP (checked by content).',
  }, { allowed: ALLOWED_EXTENSIONS, http: { status: 415 } });

const emptyFile = () => domainError('EMPTY_FILE', { vi: 'Tệp rỗng.', en: 'The file is empty.' }, { http: { status: 400 } });

/**
 * POST /api/score-sheets/:sheetId/evidence, multipart/form-data: `file` plus optional
 * `documentNumber`, `issueDate` (YYYY-MM-DD), `issuingBody`, `title` and any number of
 * `criterionId` to link it to. Permission and the sheet's state are checked before the body is read.
 * 201 with `{ evidence, existed }`.
 */
async function upload(ctx: AppContext, req: Request, res: Response): Promise<void> {
  requireUser(ctx);
  const sheetId = positiveId(req.params.sheetId, 'sheetId');
  assertSheetEditable(ctx, await lockSheetState(ctx.em, sheetId, null));
  const limit = ctx.config.uploadLimitBytes;
  if (Number(req.headers['content-length'] ?? 0) > limit + MULTIPART_OVERHEAD) throw fileTooLarge(limit);

  const storage = evidenceStorage(ctx.config.dataDir);
  const parsed = await parseUpload(req, storage, limit);
  try {
    if (parsed.file.size === 0) throw emptyFile();
    const kind = await detectFileKind(parsed.file.path);
    if (!kind) throw unsupportedType();
    const field = (name: string) => parsed.fields.get(name)?.[0];
    const metadata = checkMetadata({
      documentNumber: field('documentNumber'), issueDate: field('issueDate'), issuingBody: field('issuingBody'), title: field('title'),
    });
    const criterionIds = (parsed.fields.get('criterionId') ?? []).map((value) => positiveId(value, 'criterionId'));
    const { id, existed } = await createEvidence(ctx, storage, sheetId, { staged: parsed.file, kind, fileName: parsed.fileName, metadata, criterionIds });
    const loaded = await loadEvidence(ctx.em, id);
    res.status(existed ? 200 : 201).json({ evidence: loaded?.evidence, existed });
  } finally {
    // Gone already when the store took it; removed here on every refusal.
    await discardStaged(parsed.file);
  }
}

/** GET /api/evidence/:id/download: the file, with its original name (RFC 6266/8187) and detected type. */
async function download(ctx: AppContext, req: Request, res: Response): Promise<void> {
  requireUser(ctx);
  const id = positiveId(req.params.id, 'id');
  const loaded = await loadEvidence(ctx.em, id);
  if (!loaded) throw notFound(EVIDENCE, id);
  authorizeSheetRead(ctx, { unitId: loaded.unitId, status: loaded.sheetStatus });
  const { evidence } = loaded;
  const content = await evidenceStorage(ctx.config.dataDir).open(evidence.sha256);
  if (!content) {
    console.error(`evidence ${id}: stored file ${evidence.sha256} is missing`);
    throw notFound(EVIDENCE, id);
  }
  res.set({
    'Content-Type': evidence.contentType,
    'Content-Length': String(evidence.size),
    'Content-Disposition': contentDisposition(evidence.fileName, { fallback: asciiFallback(evidence.fileName) }),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-cache',
    ETag: `"${evidence.sha256}"`,
  });
  if (req.fresh) {
    content.destroy();
    res.status(304).end();
    return;
  }
  await pipeline(content, res).catch(() => content.destroy());
}

/** 'Kế hoạch số 243.pdf' → 'Ke hoach so 243.pdf' for clients that ignore filename*. */
export function asciiFallback(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
}

export function evidenceRoutes(app: express.Express, deps: RouteDeps): void {
  app.post('/api/score-sheets/:sheetId/evidence', apiRoute(deps, upload));
  app.get('/api/evidence/:id/download', apiRoute(deps, download));
}
