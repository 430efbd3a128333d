import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../access/index.ts';
import { recordAudit } from '../audit/index.ts';
import { User } from '../auth/index.ts';
import { assertSheetEditable, lockSheetState, Score, ScoreSheet, type SheetState } from '../scoring/index.ts';
import { badInput, domainError } from '../shared/errors.ts';
import { intArray } from '../shared/sql.ts';
import type { StagedFile } from '../shared/upload.ts';
import { assertVersion } from '../shared/version.ts';
import { Evidence, EvidenceLink, StoredFile } from './evidence.entity.ts';
import { missingEvidence } from './evidence.read.ts';
import type { EvidenceLinkInput } from './evidence.types.ts';
import type { FileKind } from './file-kind.ts';
import type { EvidenceMetadata } from './metadata.logic.ts';
import { markForReading } from './reading.service.ts';
import type { EvidenceStorage } from './storage.ts';

const citation = (evidence: Evidence) => ({
  documentNumber: evidence.documentNumber ?? null,
  issueDate: evidence.issueDate ?? null,
  issuingBody: evidence.issuingBody ?? null,
  title: evidence.title ?? null,
});

/** The score rows of these sub-criteria on the sheet; BAD_USER_INPUT if one is not a sub-criterion of it. */
async function scoresOf(em: EntityManager, sheetId: number, criterionIds: number[]): Promise<Score[]> {
  const unique = [...new Set(criterionIds)];
  if (unique.length === 0) return [];
  const scores = await em.find(Score, { sheet: sheetId, criterion: { $in: unique } });
  const missing = unique.filter((id) => !scores.some((score) => score.criterion.id === id));
  if (missing.length) {
    throw badInput(
      'criterionId',
      {
        vi: `Tiêu chí ${missing.join(', ')} không phải là tiêu chí thành phần của bảng điểm này.`,
        en: `Criteria ${missing.join(', ')} are not sub-criteria of this score sheet.`,
      },
      { criterionIds: missing },
    );
  }
  return scores;
}

/** A document of the sheet with its sheet locked for writing, or NOT_FOUND / the sheet's lock error. */
async function editableEvidence(tx: EntityManager, actor: Actor, evidenceId: number): Promise<{ evidence: Evidence; state: SheetState }> {
  const [row] = await tx.execute<{ sheet_id: number }[]>('select sheet_id from evidence where id = ?', [evidenceId]);
  if (!row) throw missingEvidence(actor, 'read', 'ScoreSheet', evidenceId);
  const state = await lockSheetState(tx, actor, row.sheet_id, 'share', (state) => assertSheetEditable(actor, state));
  // Held until the edit commits: a link being added waits for a delete (and then finds nothing), a second delete or
  // edit of the same document takes its turn and sees what the first did.
  const evidence = await tx.findOne(Evidence, evidenceId, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!evidence) throw missingEvidence(actor, 'read', 'ScoreSheet', evidenceId);
  return { evidence, state };
}

/** Refuses an upload to the sheet before its body is read (FORBIDDEN, or the sheet's lock error). */
export async function assertMayUpload(em: EntityManager, actor: Actor, sheetId: number): Promise<void> {
  await lockSheetState(em, actor, sheetId, null, (state) => assertSheetEditable(actor, state));
}

/**
 * Puts a received file into the store (its content kept once per SHA-256) and its `stored_file` row, inside the
 * caller's transaction, marked to be read; returns a reference to that row for the record that cites it. The caller
 * starts reading the file (`scheduleReading`) once the transaction has committed.
 */
export async function storeReceivedFile(
  tx: EntityManager,
  storage: EvidenceStorage,
  file: { staged: StagedFile; kind: FileKind },
): Promise<StoredFile> {
  // Into the store before the rows commit: a failed commit leaves an unreferenced copy, never a row without its file.
  await storage.put(file.staged.sha256, file.staged.path);
  await tx.upsert(
    StoredFile,
    { sha256: file.staged.sha256, size: file.staged.size, contentType: file.kind.mime },
    { onConflictAction: 'ignore' },
  );
  await markForReading(tx, file.staged.sha256);
  return tx.getReference(StoredFile, file.staged.sha256);
}

/** A received document to file on a sheet (see evidence.routes.ts). */
export interface DocumentToFile {
  staged: StagedFile;
  kind: FileKind;
  fileName: string;
  metadata: EvidenceMetadata;
}

/**
 * Files a received document on a sheet, inside the caller's transaction: the content goes to the
 * store (once per SHA-256) and the document row is created, or reused when the sheet already has
 * the same file. Self-assessment evidence and supplementary explanation evidence both come here;
 * the caller starts reading the file (`scheduleReading`) once the transaction has committed.
 */
export async function fileEvidence(
  tx: EntityManager,
  actor: Actor,
  storage: EvidenceStorage,
  sheetId: number,
  file: DocumentToFile,
): Promise<{ evidence: Evidence; existed: boolean; updated: string[] }> {
  const stored = await storeReceivedFile(tx, storage, file);
  const existing = await tx.findOne(Evidence, { sheet: sheetId, file: file.staged.sha256 });
  if (existing) return { evidence: existing, existed: true, updated: keepTypedCitation(tx, actor, existing, file.metadata) };
  const evidence = tx.create(Evidence, {
    sheet: tx.getReference(ScoreSheet, sheetId),
    file: stored,
    fileName: file.fileName,
    uploadedBy: tx.getReference(User, actor.id),
    ...file.metadata,
  });
  await tx.flush();
  return { evidence, existed: false, updated: [] };
}

/**
 * The sheet already had this file: what the user typed with it this time (fields left empty aside)
 * replaces the stored citation, audited, instead of being dropped. Returns the fields it changed.
 */
function keepTypedCitation(tx: EntityManager, actor: Actor, evidence: Evidence, metadata: EvidenceMetadata): string[] {
  const typed = Object.entries(metadata).filter(
    ([key, value]) => value !== null && value !== undefined && value !== evidence[key as keyof EvidenceMetadata],
  );
  if (typed.length === 0) return [];
  const before = citation(evidence);
  Object.assign(evidence, Object.fromEntries(typed));
  recordAudit(tx, actor, {
    subjectType: 'Evidence',
    subjectId: evidence.id,
    sheetId: evidence.sheet.id,
    action: 'evidence-update',
    before,
    after: citation(evidence),
  });
  return typed.map(([key]) => key);
}

/**
 * Files an uploaded document on a draft sheet the actor may change and links it to the given
 * sub-criteria. Returns the document id and whether the sheet already had it.
 */
export async function createEvidence(
  em: EntityManager,
  actor: Actor,
  storage: EvidenceStorage,
  sheetId: number,
  upload: DocumentToFile & { criterionIds: number[] },
): Promise<{ id: number; existed: boolean; updated: string[] }> {
  return em.transactional(async (tx) => {
    await lockSheetState(tx, actor, sheetId, 'share', (state) => assertSheetEditable(actor, state));
    const scores = await scoresOf(tx, sheetId, upload.criterionIds);
    const { evidence, existed, updated } = await fileEvidence(tx, actor, storage, sheetId, upload);
    if (!existed) {
      recordAudit(tx, actor, {
        subjectType: 'Evidence',
        subjectId: evidence.id,
        sheetId,
        action: 'evidence-upload',
        after: {
          fileName: upload.fileName,
          sha256: upload.staged.sha256,
          size: upload.staged.size,
          contentType: upload.kind.mime,
          ...citation(evidence),
        },
      });
    }
    await linkScores(tx, actor, evidence, scores);
    return { id: evidence.id, existed, updated };
  });
}

/** Links the document to the scores it is not linked to yet (audited); returns how many links it made. */
async function linkScores(tx: EntityManager, actor: Actor, evidence: Evidence, scores: Score[]): Promise<number> {
  if (scores.length === 0) return 0;
  // One statement. A link that exists (or that a request at the same instant has just made) stays as it is: linking
  // is idempotent, so concurrent links of the same pair all succeed, and only the link actually made is audited.
  const made = await tx.execute<{ score_id: number }[]>(
    `insert into evidence_link (score_id, evidence_id, linked_by_id) select unnest(?::int[]), ?, ?
       on conflict (score_id, evidence_id) do nothing returning score_id`,
    [intArray(scores.map((score) => score.id)), evidence.id, actor.id],
  );
  for (const { score_id } of made) {
    recordAudit(tx, actor, {
      subjectType: 'Score',
      subjectId: score_id,
      sheetId: evidence.sheet.id,
      action: 'evidence-link',
      after: { evidenceId: evidence.id },
    });
  }
  return made.length;
}

/** A document another record already keeps in the evidence store (content-addressed), with its citation. */
export interface StoredDocument {
  sha256: string;
  fileName: string;
  documentNumber?: string | null;
  issueDate?: string | null;
  title?: string | null;
}

/**
 * Files documents already in the store on a draft sheet the actor may change (reusing the sheet's document for the
 * same file) and links each to the sub-criterion, inside the caller's transaction: nothing is uploaded again, and
 * a document already linked stays one link, so calling it twice changes nothing. Returns the documents' ids and how
 * many links it made.
 */
export async function linkStoredDocuments(
  tx: EntityManager,
  actor: Actor,
  sheetId: number,
  criterionId: number,
  documents: StoredDocument[],
): Promise<{ evidenceIds: number[]; linked: number }> {
  await lockSheetState(tx, actor, sheetId, 'share', (state) => assertSheetEditable(actor, state));
  const [score] = await scoresOf(tx, sheetId, [criterionId]);
  const evidenceIds: number[] = [];
  let linked = 0;
  // One file cited by two records is one document with one link.
  const unique = [...new Map(documents.map((document) => [document.sha256, document])).values()];
  for (const document of unique) {
    let evidence = await tx.findOne(Evidence, { sheet: sheetId, file: document.sha256 });
    if (!evidence) {
      const metadata = {
        documentNumber: document.documentNumber ?? null,
        issueDate: document.issueDate ?? null,
        title: document.title ?? null,
      };
      evidence = tx.create(Evidence, {
        sheet: tx.getReference(ScoreSheet, sheetId),
        file: tx.getReference(StoredFile, document.sha256),
        fileName: document.fileName,
        uploadedBy: tx.getReference(User, actor.id),
        ...metadata,
      });
      await tx.flush();
      recordAudit(tx, actor, {
        subjectType: 'Evidence',
        subjectId: evidence.id,
        sheetId,
        action: 'evidence-upload',
        after: { fileName: document.fileName, sha256: document.sha256, stored: true, ...citation(evidence) },
      });
    }
    linked += await linkScores(tx, actor, evidence, [score!]);
    evidenceIds.push(evidence.id);
  }
  return { evidenceIds, linked };
}

/** Sets a document's citation (checked by `checkMetadata`) on the `version` it was read at; audited when it changes. */
export async function updateEvidenceMetadata(
  em: EntityManager,
  actor: Actor,
  evidenceId: number,
  version: number,
  metadata: EvidenceMetadata,
): Promise<number> {
  return em.transactional(async (tx) => {
    const { evidence, state } = await editableEvidence(tx, actor, evidenceId);
    assertVersion(evidence, version);
    const before = citation(evidence);
    Object.assign(evidence, metadata);
    const after = citation(evidence);
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      recordAudit(tx, actor, {
        subjectType: 'Evidence',
        subjectId: evidence.id,
        sheetId: state.id,
        action: 'evidence-update',
        before,
        after,
      });
    }
    return state.id;
  });
}

/** Removes a document and its links from a draft sheet (the stored content stays: other documents may share it). */
export async function deleteEvidence(em: EntityManager, actor: Actor, evidenceId: number): Promise<number> {
  return em.transactional(async (tx) => {
    const { evidence, state } = await editableEvidence(tx, actor, evidenceId);
    recordAudit(tx, actor, {
      subjectType: 'Evidence',
      subjectId: evidence.id,
      sheetId: state.id,
      action: 'evidence-delete',
      before: { fileName: evidence.fileName, sha256: evidence.file.sha256, ...citation(evidence) },
    });
    tx.remove(evidence);
    return state.id;
  });
}

async function linkTarget(tx: EntityManager, actor: Actor, input: EvidenceLinkInput) {
  const state = await lockSheetState(tx, actor, input.sheetId, 'share', (state) => assertSheetEditable(actor, state));
  // The document is held (the lock its link's foreign key would take) until the link commits. A delete at the same
  // moment either waits for the link and removes it with the document, or went first, and the link finds no document:
  // NOT_FOUND whichever way the requests interleave (not a foreign-key CONFLICT when the delete lands between this
  // read and the insert). A document of another sheet answers the same, so its existence is not told either.
  const [held] = await tx.execute<{ id: number }[]>('select id from evidence where id = ? and sheet_id = ? for key share', [
    input.evidenceId,
    state.id,
  ]);
  if (!held) {
    throw domainError(
      'NOT_FOUND',
      {
        vi: `Tài liệu ${input.evidenceId} không có trong bảng điểm này (có thể vừa bị xóa); hãy tải lại trang.`,
        en: `Evidence ${input.evidenceId} is not in this score sheet (it may just have been deleted); reload the page.`,
      },
      { field: 'evidenceId', id: input.evidenceId },
    );
  }
  const evidence = await tx.findOneOrFail(Evidence, held.id);
  const [score] = await scoresOf(tx, state.id, [input.criterionId]);
  return { evidence, score: score! };
}

export async function linkEvidence(em: EntityManager, actor: Actor, input: EvidenceLinkInput): Promise<void> {
  await em.transactional(async (tx) => {
    const { evidence, score } = await linkTarget(tx, actor, input);
    await linkScores(tx, actor, evidence, [score]);
  });
}

export async function unlinkEvidence(em: EntityManager, actor: Actor, input: EvidenceLinkInput): Promise<void> {
  await em.transactional(async (tx) => {
    const { evidence, score } = await linkTarget(tx, actor, input);
    const link = await tx.findOne(EvidenceLink, { evidence, score });
    if (!link) return;
    tx.remove(link);
    recordAudit(tx, actor, {
      subjectType: 'Score',
      subjectId: score.id,
      sheetId: input.sheetId,
      action: 'evidence-unlink',
      before: { evidenceId: evidence.id },
    });
  });
}
