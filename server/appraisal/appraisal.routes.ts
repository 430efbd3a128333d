import { pipeline } from 'node:stream/promises';
import { create as contentDisposition } from 'content-disposition';
import type express from 'express';
import type { Request, Response } from 'express';
import { authorize, requireUser } from '../access/index.ts';
import { asciiFallback } from '../evidence/index.ts';
import { checkMetadata } from '../evidence/index.ts';
import { loadEvidence } from '../evidence/index.ts';
import { fileTooLarge, parseUpload } from '../evidence/index.ts';
import { ALLOWED_EXTENSIONS, detectFileKind } from '../evidence/index.ts';
import { discardStaged, evidenceStorage } from '../evidence/index.ts';
import type { AppContext } from '../access/index.ts';
import { domainError, notFound } from '../shared/errors.ts';
import { apiRoute, positiveId } from '../access/index.ts';
import type { RouteDeps } from '../access/index.ts';
import { findReview, reviewSubject } from './appraisal.read.ts';
import { attachSupplementary, explainableRequest } from './explanation.service.ts';

const EVIDENCE = { vi: 'tài liệu kiểm chứng', en: 'Evidence' };
const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * POST /api/appraisal/explanations/:requestId/evidence, multipart/form-data: `file` plus optional
 * `documentNumber`, `issueDate`, `issuingBody`, `title`. The unit adds a supplementary document to
 * its answer while the explanation is open; checked before the body is read. 201 `{ evidenceId }`.
 */
async function uploadSupplementary(ctx: AppContext, req: Request, res: Response): Promise<void> {
  const actor = { user: requireUser(ctx), ability: ctx.ability };
  const requestId = positiveId(req.params.requestId, 'requestId');
  await explainableRequest(ctx.em, actor, requestId, false);
  const limit = ctx.config.uploadLimitBytes;
  if (Number(req.headers['content-length'] ?? 0) > limit + MULTIPART_OVERHEAD) throw fileTooLarge(limit);

  const storage = evidenceStorage(ctx.config.dataDir);
  const parsed = await parseUpload(req, storage, limit);
  try {
    if (parsed.file.size === 0) throw domainError('EMPTY_FILE', { vi: 'Tệp rỗng.', en: 'The file is empty.' }, { http: { status: 400 } });
    const kind = await detectFileKind(parsed.file.path);
    if (!kind) {
      throw domainError('UNSUPPORTED_FILE_TYPE', {
        vi: 'Loại tệp không được chấp nhận. Chỉ nhận PDF, DOC/DOCX, XLS/XLSX, ODT/ODS, JPEG/PNG hoặc ZIP (kiểm tra theo nội dung tệp).',
        en: 'File type not accepted. Allowed: PDF, DOC/DOCX, XLS/XLSX, ODT/ODS, JPEG/PNG or ZIP (checked by content).',
      }, { allowed: ALLOWED_EXTENSIONS, http: { status: 415 } });
    }
    const field = (name: string) => parsed.fields.get(name)?.[0];
    const metadata = checkMetadata({
      documentNumber: field('documentNumber'), issueDate: field('issueDate'), issuingBody: field('issuingBody'), title: field('title'),
    });
    const evidenceId = await attachSupplementary(ctx.em, actor, storage, requestId, { staged: parsed.file, kind, fileName: parsed.fileName, metadata });
    res.status(201).json({ evidenceId });
  } finally {
    await discardStaged(parsed.file);
  }
}

/**
 * GET /api/appraisal/evidence/:id: a document of a sheet under review, shown inline (PDFs and
 * images open in the appraisal view) for whoever may read that sheet's appraisal.
 */
async function view(ctx: AppContext, req: Request, res: Response): Promise<void> {
  requireUser(ctx);
  const id = positiveId(req.params.id, 'id');
  const loaded = await loadEvidence(ctx.em, id);
  const review = loaded && (await findReview(ctx.em, { sheetId: loaded.evidence.sheetId }));
  if (!loaded || !review) throw notFound(EVIDENCE, id);
  authorize(ctx, 'read', 'SheetReview', reviewSubject(review));
  const { evidence } = loaded;
  const content = await evidenceStorage(ctx.config.dataDir).open(evidence.sha256);
  if (!content) {
    throw domainError('EVIDENCE_FILE_MISSING', {
      vi: 'Tệp lưu trữ của tài liệu này đã bị mất.', en: 'The stored file of this document is missing.',
    }, { http: { status: 410 } });
  }
  res.set({
    'Content-Type': evidence.contentType,
    'Content-Length': String(evidence.size),
    'Content-Disposition': contentDisposition(evidence.fileName, { type: 'inline', fallback: asciiFallback(evidence.fileName) }),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-cache',
  });
  await pipeline(content, res).catch(() => content.destroy());
}

export function appraisalRoutes(app: express.Express, deps: RouteDeps): void {
  app.post('/api/appraisal/explanations/:requestId/evidence', apiRoute(deps, uploadSupplementary));
  app.get('/api/appraisal/evidence/:id', apiRoute(deps, view));
}
