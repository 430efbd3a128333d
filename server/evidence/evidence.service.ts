import type { EntityManager } from '@mikro-orm/postgresql';
import { recordAudit } from '../audit/index.ts';
import { User } from '../auth/index.ts';
import { requireUser } from '../access/index.ts';
import { assertSheetEditable, lockSheetState, type SheetState } from '../scoring/index.ts';
import { Score, ScoreSheet } from '../scoring/index.ts';
import type { AppContext } from '../access/index.ts';
import { badInput, notFound } from '../shared/errors.ts';
import { Evidence, EvidenceLink, StoredFile } from './evidence.entity.ts';
import type { EvidenceMetadata } from './metadata.logic.ts';
import type { EvidenceLinkInput } from './evidence.types.ts';
import type { FileKind } from './file-kind.ts';
import type { EvidenceStorage, StagedFile } from './storage.ts';

const EVIDENCE = { vi: 'tài liệu kiểm chứng', en: 'Evidence' };

const citation = (evidence: Evidence) => ({
  documentNumber: evidence.documentNumber ?? null, issueDate: evidence.issueDate ?? null,
  issuingBody: evidence.issuingBody ?? null, title: evidence.title ?? null,
});

/** The score rows of these sub-criteria on the sheet; BAD_USER_INPUT if one is not a sub-criterion of it. */
async function scoresOf(em: EntityManager, sheetId: number, criterionIds: number[]): Promise<Score[]> {
  const unique = [...new Set(criterionIds)];
  if (unique.length === 0) return [];
  const scores = await em.find(Score, { sheet: sheetId, criterion: { $in: unique } });
  const missing = unique.filter((id) => !scores.some((score) => score.criterion.id === id));
  if (missing.length) {
    throw badInput('criterionId', {
      vi: `Tiêu chí ${missing.join(', ')} không phải là tiêu chí thành phần của bảng điểm này.`,
      en: `Criteria ${missing.join(', ')} are not sub-criteria of this score sheet.`,
    }, { criterionIds: missing });
  }
  return scores;
}

/** A document of the sheet with its sheet locked for writing, or NOT_FOUND / the sheet's lock error. */
async function editableEvidence(ctx: AppContext, tx: EntityManager, evidenceId: number): Promise<{ evidence: Evidence; state: SheetState }> {
  const [row] = await tx.execute<{ sheet_id: number }[]>('select sheet_id from evidence where id = ?', [evidenceId]);
  if (!row) throw notFound(EVIDENCE, evidenceId);
  const state = await lockSheetState(tx, row.sheet_id, 'share');
  assertSheetEditable(ctx, state);
  const evidence = await tx.findOneOrFail(Evidence, evidenceId);
  return { evidence, state };
}

export interface NewEvidence {
  staged: StagedFile;
  kind: FileKind;
  fileName: string;
  metadata: EvidenceMetadata;
  criterionIds: number[];
}

/**
 * Files an uploaded document on a sheet: the content goes to the store (once per SHA-256), the
 * document row is created, or reused when the sheet already has the same file, and linked to the
 * given sub-criteria. Returns the document id and whether it already existed.
 */
export async function createEvidence(ctx: AppContext, storage: EvidenceStorage, sheetId: number, upload: NewEvidence): Promise<{ id: number; existed: boolean }> {
  const user = requireUser(ctx);
  return ctx.em.transactional(async (tx) => {
    const state = await lockSheetState(tx, sheetId, 'share');
    assertSheetEditable(ctx, state);
    const scores = await scoresOf(tx, sheetId, upload.criterionIds);
    // Into the store before the rows commit: a failed commit leaves an unreferenced copy, never a row without its file.
    await storage.put(upload.staged.sha256, upload.staged.path);
    await tx.upsert(StoredFile, { sha256: upload.staged.sha256, size: upload.staged.size, contentType: upload.kind.mime }, { onConflictAction: 'ignore' });
    let evidence = await tx.findOne(Evidence, { sheet: sheetId, file: upload.staged.sha256 });
    const existed = evidence !== null;
    if (!evidence) {
      evidence = tx.create(Evidence, {
        sheet: tx.getReference(ScoreSheet, sheetId), file: tx.getReference(StoredFile, upload.staged.sha256),
        fileName: upload.fileName, uploadedBy: tx.getReference(User, user.id), ...upload.metadata,
      });
      await tx.flush();
      recordAudit(tx, {
        subjectType: 'Evidence', subjectId: evidence.id, sheetId, action: 'evidence-upload', actorId: user.id,
        after: { fileName: upload.fileName, sha256: upload.staged.sha256, size: upload.staged.size, contentType: upload.kind.mime, ...citation(evidence) },
      });
    }
    await linkScores(tx, user.id, evidence, scores);
    return { id: evidence.id, existed };
  });
}

async function linkScores(tx: EntityManager, actorId: number, evidence: Evidence, scores: Score[]): Promise<void> {
  if (scores.length === 0) return;
  const linked = await tx.find(EvidenceLink, { evidence, score: { $in: scores } });
  for (const score of scores) {
    if (linked.some((link) => link.score.id === score.id)) continue;
    tx.create(EvidenceLink, { score, evidence, linkedBy: tx.getReference(User, actorId) });
    recordAudit(tx, {
      subjectType: 'Score', subjectId: score.id, sheetId: evidence.sheet.id, action: 'evidence-link', actorId,
      after: { evidenceId: evidence.id },
    });
  }
}

export async function updateEvidenceMetadata(ctx: AppContext, evidenceId: number, metadata: EvidenceMetadata): Promise<number> {
  const user = requireUser(ctx);
  return ctx.em.transactional(async (tx) => {
    const { evidence, state } = await editableEvidence(ctx, tx, evidenceId);
    const before = citation(evidence);
    Object.assign(evidence, metadata);
    const after = citation(evidence);
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      recordAudit(tx, { subjectType: 'Evidence', subjectId: evidence.id, sheetId: state.id, action: 'evidence-update', actorId: user.id, before, after });
    }
    return state.id;
  });
}

/** Removes a document and its links from a draft sheet (the stored content stays: other documents may share it). */
export async function deleteEvidence(ctx: AppContext, evidenceId: number): Promise<number> {
  const user = requireUser(ctx);
  return ctx.em.transactional(async (tx) => {
    const { evidence, state } = await editableEvidence(ctx, tx, evidenceId);
    recordAudit(tx, {
      subjectType: 'Evidence', subjectId: evidence.id, sheetId: state.id, action: 'evidence-delete', actorId: user.id,
      before: { fileName: evidence.fileName, sha256: evidence.file.sha256, ...citation(evidence) },
    });
    tx.remove(evidence);
    return state.id;
  });
}

async function linkTarget(ctx: AppContext, tx: EntityManager, input: EvidenceLinkInput) {
  const state = await lockSheetState(tx, input.sheetId, 'share');
  assertSheetEditable(ctx, state);
  const evidence = await tx.findOne(Evidence, { id: input.evidenceId, sheet: state.id });
  if (!evidence) {
    throw badInput('evidenceId', {
      vi: `Tài liệu ${input.evidenceId} không thuộc bảng điểm này.`,
      en: `Evidence ${input.evidenceId} does not belong to this score sheet.`,
    });
  }
  const [score] = await scoresOf(tx, state.id, [input.criterionId]);
  return { evidence, score: score! };
}

export async function linkEvidence(ctx: AppContext, input: EvidenceLinkInput): Promise<void> {
  const user = requireUser(ctx);
  await ctx.em.transactional(async (tx) => {
    const { evidence, score } = await linkTarget(ctx, tx, input);
    await linkScores(tx, user.id, evidence, [score]);
  });
}

export async function unlinkEvidence(ctx: AppContext, input: EvidenceLinkInput): Promise<void> {
  const user = requireUser(ctx);
  await ctx.em.transactional(async (tx) => {
    const { evidence, score } = await linkTarget(ctx, tx, input);
    const link = await tx.findOne(EvidenceLink, { evidence, score });
    if (!link) return;
    tx.remove(link);
    recordAudit(tx, {
      subjectType: 'Score', subjectId: score.id, sheetId: input.sheetId, action: 'evidence-unlink', actorId: user.id,
      before: { evidenceId: evidence.id },
    });
  });
}
