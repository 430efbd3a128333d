import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../shared/errors.ts';
import type { AppraisalEvidenceView } from './appraisal.types.ts';

export interface SheetEvidence {
  /** Evidence frozen at submission, by score id. */
  frozen: Map<number, AppraisalEvidenceView[]>;
  /** Supplementary evidence of explanation answers, by request id. */
  supplementary: Map<number, AppraisalEvidenceView[]>;
}

/**
 * The evidence of a sheet as appraisers judge it, with each document's integrity and verdict.
 * TODO(issue 3): evidence documents and their frozen links live in server/evidence, which has
 * not landed yet; until then there is nothing to list.
 */
export async function loadSheetEvidence(_em: EntityManager, _sheetId: number): Promise<SheetEvidence> {
  return { frozen: new Map(), supplementary: new Map() };
}

/** Ids of the evidence documents a score can be judged on (frozen links and supplementary). */
export async function evidenceOfScore(em: EntityManager, scoreId: number): Promise<Set<number>> {
  const rows = await em.execute<{ evidence_id: number }[]>(
    `select ee.evidence_id from explanation_evidence ee join explanation_request er on er.id = ee.request_id where er.score_id = ?`,
    [scoreId],
  );
  return new Set(rows.map((row) => row.evidence_id));
}

/**
 * Supplementary evidence must be the unit's own documents.
 * TODO(issue 3): check against server/evidence once it lands; until then no id can be verified.
 */
export async function assertUnitEvidence(_em: EntityManager, _unitId: number, evidenceIds: readonly number[]): Promise<void> {
  if (evidenceIds.length > 0) {
    throw badInput('evidenceIds', { vi: 'Không tìm thấy tài liệu kiểm chứng của đơn vị.', en: 'These are not evidence documents of the unit.' });
  }
}

/**
 * Records the SHA-256 of every supplementary document of these sheets, as stored now.
 * TODO(issue 3): copy the hash from server/evidence once it lands.
 */
export async function freezeSupplementaryEvidence(_em: EntityManager, _reviewIds: readonly number[]): Promise<void> {}
