import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';
import { missingRow, requestLoader, requireUser, type Action, type Actor, type AppContext, type SubjectName } from '../access/index.ts';
import { actorFrom } from '../auth/index.ts';
import { authorizeSheetRead, type ScoreSheetStatus } from '../scoring/index.ts';
import { domainError, notFound } from '../shared/errors.ts';
import { intArray, toDate } from '../shared/sql.ts';
import { citationMismatches, type CitationField } from '../shared/citation.ts';
import { CitationMismatch, type DocumentReadingView, type EvidenceLinkView, type EvidenceView } from './evidence.types.ts';
import type { PdfSignature } from './pdf-signatures.ts';
import { ReadingStatus, type SignatureStatus } from './reading-status.ts';

/** The read model of a sheet's evidence: its documents and which scores each supports. */
export interface SheetEvidence {
  /** The sheet's documents, oldest first. */
  documents: EvidenceView[];
  documentsById: Map<number, EvidenceView>;
  /** Links by score id, by document. */
  linksByScore: Map<number, EvidenceLinkView[]>;
}

interface EvidenceRow {
  id: number;
  sheet_id: number;
  file_name: string;
  content_type: string;
  size: string | number;
  sha256: string;
  document_number: string | null;
  issue_date: string | null;
  issuing_body: string | null;
  title: string | null;
  uploaded_at: Date;
  uploaded_by_id: number | null;
  version: number;
  uploaded_by_name: string | null;
  reading_status: ReadingStatus | null;
  read_number: string | null;
  read_date: string | null;
  read_place: string | null;
  read_body: string | null;
  read_type: string | null;
  read_title: string | null;
  read_pages: number | null;
  read_at: Date | null;
  signature_status: SignatureStatus | null;
  signatures: PdfSignature[] | null;
  score_id: number | null;
  criterion_id: number | null;
  linked_at: Date | null;
  frozen_sha256: string | null;
  frozen_at: Date | null;
}

export const downloadUrl = (evidenceId: number) => `/api/evidence/${evidenceId}/download`;

const EVIDENCE_COLUMNS = `e.id, e.sheet_id, e.file_name, f.content_type, f.size, f.sha256, e.document_number,
  to_char(e.issue_date, 'YYYY-MM-DD') as issue_date, e.issuing_body, e.title, e.uploaded_at, e.uploaded_by_id, e.version,
  ub.display_name as uploaded_by_name, r.status as reading_status, r.document_number as read_number,
  to_char(r.issue_date, 'YYYY-MM-DD') as read_date, r.place as read_place, r.issuing_body as read_body,
  r.document_type as read_type, r.title as read_title, r.page_count as read_pages, r.read_at,
  r.signature_status, r.signatures`;
/** The joins EVIDENCE_COLUMNS needs beside `evidence e`. */
const EVIDENCE_JOINS = `join stored_file f on f.sha256 = e.file_sha256
       left join document_reading r on r.file_sha256 = e.file_sha256
       left join app_user ub on ub.id = e.uploaded_by_id`;

function readingOf(row: EvidenceRow): DocumentReadingView | null {
  if (!row.reading_status) return null;
  return {
    status: row.reading_status,
    documentNumber: row.read_number,
    issueDate: row.read_date,
    place: row.read_place,
    issuingBody: row.read_body,
    documentType: row.read_type,
    title: row.read_title,
    pageCount: row.read_pages,
    readAt: toDate(row.read_at),
    signatureStatus: row.signature_status,
    signatures: (row.signatures ?? []).map((signature) => ({
      ...signature,
      signingTime: toDate(signature.signingTime),
      certificateValidFrom: toDate(signature.certificateValidFrom),
      certificateValidTo: toDate(signature.certificateValidTo),
    })),
  };
}

/** The API's name for each citation field: the upload routes' JSON must say what GraphQL says. */
const MISMATCH_OF: Record<CitationField, CitationMismatch> = {
  documentNumber: CitationMismatch.DOCUMENT_NUMBER,
  issueDate: CitationMismatch.ISSUE_DATE,
  issuingBody: CitationMismatch.ISSUING_BODY,
};

/** Where the entered citation and the file's disagree (only a file that was read can disagree). */
function mismatchesOf(row: EvidenceRow): CitationMismatch[] {
  if (row.reading_status !== ReadingStatus.READ) return [];
  const entered = { documentNumber: row.document_number, issueDate: row.issue_date, issuingBody: row.issuing_body };
  const read = { documentNumber: row.read_number, issueDate: row.read_date, issuingBody: row.read_body };
  return citationMismatches(entered, read).map((field) => MISMATCH_OF[field]);
}

function toView(row: EvidenceRow): EvidenceView {
  return {
    id: row.id,
    sheetId: row.sheet_id,
    fileName: row.file_name,
    contentType: row.content_type,
    size: Number(row.size),
    sha256: row.sha256,
    documentNumber: row.document_number,
    issueDate: row.issue_date,
    issuingBody: row.issuing_body,
    title: row.title,
    uploadedAt: toDate(row.uploaded_at),
    uploadedBy: actorFrom(row.uploaded_by_id, row.uploaded_by_name),
    version: row.version,
    downloadUrl: downloadUrl(row.id),
    linkedCriterionIds: [],
    reading: readingOf(row),
    mismatches: mismatchesOf(row),
  };
}

/** Every document of the sheets with its links: one statement however many there are. */
async function loadSheetEvidence(em: EntityManager, sheetIds: readonly number[]): Promise<Map<number, SheetEvidence>> {
  const rows = await em.execute<EvidenceRow[]>(
    `select ${EVIDENCE_COLUMNS}, l.score_id, sc.criterion_id, l.linked_at, l.frozen_sha256, l.frozen_at
       from evidence e
       ${EVIDENCE_JOINS}
       left join evidence_link l on l.evidence_id = e.id
       left join score sc on sc.id = l.score_id
      where e.sheet_id = any(?::int[])
      order by e.id, l.id`,
    [intArray(sheetIds)],
  );
  const sheets = new Map(sheetIds.map((id) => [id, { documents: [], documentsById: new Map(), linksByScore: new Map() } as SheetEvidence]));
  for (const row of rows) {
    const sheet = sheets.get(row.sheet_id)!;
    let evidence = sheet.documentsById.get(row.id);
    if (!evidence) {
      evidence = toView(row);
      sheet.documents.push(evidence);
      sheet.documentsById.set(row.id, evidence);
    }
    if (row.score_id === null) continue;
    evidence.linkedCriterionIds.push(row.criterion_id!);
    const links = sheet.linksByScore.get(row.score_id) ?? [];
    links.push({ evidence, linkedAt: toDate(row.linked_at!), frozenSha256: row.frozen_sha256, frozenAt: toDate(row.frozen_at) });
    sheet.linksByScore.set(row.score_id, links);
  }
  return sheets;
}

/**
 * The evidence of score sheets, batched per request: every field that shows a sheet's documents or
 * a score's links (self-assessment and appraisal alike) costs one statement together. Callers have
 * authorised the sheets.
 */
export function sheetEvidenceLoader(ctx: AppContext): DataLoader<number, SheetEvidence> {
  return requestLoader<SheetEvidence>(ctx, sheetEvidenceLoader, async (ids) => {
    const sheets = await loadSheetEvidence(ctx.em, ids);
    return ids.map((id) => sheets.get(id)!);
  });
}

export interface EvidenceWithSheet {
  evidence: EvidenceView;
  /** What permission checks on the document's sheet need. */
  unitId: number;
  sheetStatus: ScoreSheetStatus;
}

/** One document with its links and the sheet fields its permission checks need, or null. */
export async function loadEvidence(em: EntityManager, evidenceId: number): Promise<EvidenceWithSheet | null> {
  const [row] = await em.execute<(EvidenceRow & { unit_id: number; sheet_status: ScoreSheetStatus; linked: number[] })[]>(
    `select ${EVIDENCE_COLUMNS}, s.unit_id, s.status as sheet_status,
            array(select sc.criterion_id from evidence_link l join score sc on sc.id = l.score_id
                   where l.evidence_id = e.id order by l.id) as linked
       from evidence e
       join score_sheet s on s.id = e.sheet_id
       ${EVIDENCE_JOINS}
      where e.id = ?`,
    [evidenceId],
  );
  if (!row) return null;
  return { evidence: { ...toView(row), linkedCriterionIds: row.linked }, unitId: row.unit_id, sheetStatus: row.sheet_status };
}

const EVIDENCE = { vi: 'tài liệu kiểm chứng', en: 'Evidence' };
/**
 * A document the caller was allowed to read whose stored file is gone (NOT_FOUND): the row's existence is no
 * secret to them any more. A missing row answers as `missingEvidence` does.
 */
export const storedFileMissing = (id: number) => notFound(EVIDENCE, id);

/** The store lost the file a readable record cites (410): the record stays, its content is gone. */
export const storedFileLost = () =>
  domainError(
    'EVIDENCE_FILE_MISSING',
    { vi: 'Tệp lưu trữ của tài liệu này đã bị mất.', en: 'The stored file of this document is missing.' },
    { http: { status: 410 } },
  );

/** A document that does not exist, as `missingRow` answers it: NOT_FOUND only to who may `action` every row of `subject`. */
export const missingEvidence = (actor: Actor, action: Action, subject: SubjectName, id: number) =>
  missingRow(actor, action, subject, EVIDENCE, id);

/** A document the caller may read (its sheet is readable to them): NOT_FOUND or FORBIDDEN otherwise. */
export async function readableEvidence(ctx: AppContext, id: number): Promise<EvidenceView> {
  const actor = requireUser(ctx);
  const loaded = await loadEvidence(ctx.em, id);
  if (!loaded) throw missingRow(actor, 'read', 'ScoreSheet', EVIDENCE, id);
  authorizeSheetRead(actor, { unitId: loaded.unitId, status: loaded.sheetStatus });
  return loaded.evidence;
}
