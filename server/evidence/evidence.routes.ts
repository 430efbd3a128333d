import type { Express, Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { apiRoute, positiveId, requireUser, type Actor, type AppContext, type RouteDeps } from '../access/index.ts';
import type { AppConfig } from '../shared/config.ts';
import { dispositionOf } from '../shared/download.ts';
import { domainError, type AppError } from '../shared/errors.ts';
import { currentLog } from '../shared/log.ts';
import { discardStaged, receiveUpload, type StagedFile } from '../shared/upload.ts';
import { storedFileMissing, readableEvidence } from './evidence.read.ts';
import { assertMayUpload, createEvidence } from './evidence.service.ts';
import type { EvidenceView } from './evidence.types.ts';
import { ALLOWED_EXTENSIONS, detectFileKind, downloadName, type FileKind } from './file-kind.ts';
import { checkFileName, checkMetadata, type EvidenceMetadata } from './metadata.logic.ts';
import { scheduleReading } from './reading.service.ts';
import { evidenceStorage } from './stores.ts';

/** The citation of a document, sent as form fields beside its file. */
const CITATION_FIELDS = ['documentNumber', 'issueDate', 'issuingBody', 'title'] as const;
type CitationFormField = (typeof CITATION_FIELDS)[number];

/** An uploaded document, staged and checked: its kind by content, its name and citation. */
export interface EvidenceFile {
  staged: StagedFile;
  kind: FileKind;
  fileName: string;
  metadata: EvidenceMetadata;
  fields: Map<string, string[]>;
}

/**
 * Receives one evidence document (multipart: `file`, the citation fields `citation` (all four by default) and
 * `extraFields`; any other part is BAD_UPLOAD) into the evidence store's staging folder and checks it:
 * UNSUPPORTED_FILE_TYPE (415) unless its content is an allowed format, BAD_USER_INPUT for a bad name or citation.
 * The caller hands the staged file to the store and discards it in a `finally` (a no-op once the store took it).
 */
export async function receiveEvidenceFile(
  req: Request,
  config: AppConfig,
  extraFields: readonly string[] = [],
  citation: readonly CitationFormField[] = CITATION_FIELDS,
): Promise<EvidenceFile> {
  const upload = await receiveUpload(req, {
    stagingDir: evidenceStorage(config).stagingDir,
    limit: config.uploadLimitBytes,
    fields: [...citation, ...extraFields],
    checkName: checkFileName,
  });
  try {
    const kind = await detectFileKind(upload.file.path);
    if (!kind) {
      throw domainError(
        'UNSUPPORTED_FILE_TYPE',
        {
          vi: 'Loại tệp không được chấp nhận. Chỉ nhận PDF, DOC/DOCX, XLS/XLSX, ODT/ODS, JPEG/PNG hoặc ZIP (kiểm tra theo nội dung tệp).',
          en: 'File type not accepted. Allowed: PDF, DOC/DOCX, XLS/XLSX, ODT/ODS, JPEG/PNG or ZIP (checked by content).',
        },
        { allowed: ALLOWED_EXTENSIONS, http: { status: 415 } },
      );
    }
    const field = (name: string) => upload.fields.get(name)?.[0];
    const metadata = checkMetadata({
      documentNumber: field('documentNumber'),
      issueDate: field('issueDate'),
      issuingBody: field('issuingBody'),
      title: field('title'),
    });
    return { staged: upload.file, kind, fileName: upload.fileName, metadata, fields: upload.fields };
  } catch (error) {
    await discardStaged(upload.file);
    throw error;
  }
}

/** A stored file as a download names it: an evidence document, or a file another record cites (a monitoring plan's…). */
export type SendableFile = Pick<EvidenceView, 'sha256' | 'fileName' | 'contentType' | 'size'>;

/**
 * Sends a document's stored file: as an attachment with its original name (RFC 6266/8187), or
 * inline (PDFs and images open in the browser); `missing` is the error when the store lost it.
 */
export async function sendEvidenceFile(
  ctx: AppContext,
  req: Request,
  res: Response,
  evidence: SendableFile,
  options: { inline?: boolean; missing: () => AppError },
): Promise<void> {
  const content = await evidenceStorage(ctx.config).open(evidence.sha256);
  if (!content) {
    currentLog().error({ fileName: evidence.fileName, sha256: evidence.sha256 }, 'stored evidence file is missing');
    throw options.missing();
  }
  res.set({
    'Content-Type': evidence.contentType,
    'Content-Length': String(evidence.size),
    'Content-Disposition': dispositionOf(downloadName(evidence.fileName, evidence.contentType), options.inline ? 'inline' : 'attachment'),
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

/**
 * POST /api/evidence/score-sheets/:sheetId/files, multipart/form-data: `file` plus optional
 * `documentNumber`, `issueDate` (YYYY-MM-DD), `issuingBody`, `title` and any number of
 * `criterionId` to link it to. Permission and the sheet's state are checked before the body is read.
 * 201 with `{ evidence, existed }`; the file is read in the background (`evidence.reading` is PENDING until then).
 */
async function upload(ctx: AppContext, req: Request, res: Response): Promise<void> {
  const actor: Actor = requireUser(ctx);
  const sheetId = positiveId(req.params.sheetId, 'sheetId');
  await assertMayUpload(ctx.em, actor, sheetId);
  const file = await receiveEvidenceFile(req, ctx.config, ['criterionId']);
  try {
    const criterionIds = (file.fields.get('criterionId') ?? []).map((value) => positiveId(value, 'criterionId'));
    const { id, existed, updated } = await createEvidence(ctx.em, actor, evidenceStorage(ctx.config), sheetId, {
      ...file,
      criterionIds,
    });
    scheduleReading(ctx.em, ctx.config, file.staged.sha256);
    res.status(existed ? 200 : 201).json({ evidence: await readableEvidence(ctx, id), existed, updated });
  } finally {
    await discardStaged(file.staged);
  }
}

/** GET /api/evidence/:id/download: the file, with its original name and detected type. */
async function download(ctx: AppContext, req: Request, res: Response): Promise<void> {
  const evidence = await readableEvidence(ctx, positiveId(req.params.id, 'id'));
  await sendEvidenceFile(ctx, req, res, evidence, { missing: () => storedFileMissing(evidence.id) });
}

export function evidenceRoutes(app: Express, deps: RouteDeps): void {
  app.post('/api/evidence/score-sheets/:sheetId/files', apiRoute(deps, upload));
  app.get('/api/evidence/:id/download', apiRoute(deps, download));
}
