import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';
import { authorize, requireUser, type AppContext } from '../access/index.ts';
import { downloadUrl, evidenceStorage, loadEvidence, missingEvidence, type EvidenceStorage, type EvidenceView } from '../evidence/index.ts';
import { badInput } from '../shared/errors.ts';
import { authorizedReview, findReview, reviewSubject } from './appraisal.read.ts';
import { EvidenceIntegrity, type AppraisalEvidenceView, type EvidenceVerdictView } from './appraisal.types.ts';

/** Where the portal opens a document inline (appraisal route) — downloads use the evidence module's route. */
export const viewUrl = (evidenceId: number) => `/api/appraisal/evidence/${evidenceId}`;

/**
 * What the records say: the hash frozen at submission (or at the explanation's lock) against the
 * document's stored-file hash. The bytes themselves are re-read by `verifyEvidence`.
 */
function recordedIntegrity(frozen: string | null, current: string): EvidenceIntegrity {
  if (frozen === null) return EvidenceIntegrity.NOT_FROZEN;
  return frozen === current ? EvidenceIntegrity.INTACT : EvidenceIntegrity.CHANGED;
}

/** A document of the sheet's evidence read model as the appraisers judge it for one score. */
export function appraisalEvidence(
  evidence: EvidenceView,
  frozenSha256: string | null,
  supplementary: boolean,
  verdict: EvidenceVerdictView | null,
): AppraisalEvidenceView {
  return {
    evidenceId: evidence.id,
    documentNumber: evidence.documentNumber,
    title: evidence.title,
    issuedOn: evidence.issueDate,
    issuer: evidence.issuingBody,
    fileName: evidence.fileName,
    contentType: evidence.contentType,
    url: viewUrl(evidence.id),
    downloadUrl: downloadUrl(evidence.id),
    supplementary,
    frozenSha256,
    integrity: recordedIntegrity(frozenSha256, evidence.sha256),
    verdict,
    reading: evidence.reading,
    mismatches: evidence.mismatches,
  };
}

/** A document a score can be judged on: linked at submission or supplementary, with its recorded hashes. */
export interface ScoreDocument {
  evidenceId: number;
  /** SHA-256 of the document's stored file. */
  fileSha256: string;
  /** SHA-256 recorded when it was frozen; null while not frozen. */
  frozenSha256: string | null;
}

/** The documents a score can be judged on (links and supplementary), by document: one statement. */
export async function documentsOfScore(em: EntityManager, scoreId: number): Promise<ScoreDocument[]> {
  const rows = await em.execute<{ evidence_id: number; file_sha256: string; frozen_sha256: string | null }[]>(
    `select l.evidence_id, e.file_sha256, l.frozen_sha256
       from evidence_link l join evidence e on e.id = l.evidence_id where l.score_id = ?
     union all
     select ee.evidence_id, e.file_sha256, ee.frozen_sha256
       from explanation_evidence ee join explanation_request er on er.id = ee.request_id join evidence e on e.id = ee.evidence_id
      where er.score_id = ?
      order by evidence_id`,
    [scoreId, scoreId],
  );
  return rows.map((row) => ({ evidenceId: row.evidence_id, fileSha256: row.file_sha256, frozenSha256: row.frozen_sha256 }));
}

/** BAD_USER_INPUT unless the document is one the score can be judged on (comments, verdicts). */
export async function assertDocumentOfScore(em: EntityManager, scoreId: number, evidenceId: number): Promise<void> {
  if ((await documentsOfScore(em, scoreId)).some((document) => document.evidenceId === evidenceId)) return;
  throw badInput('evidenceId', {
    vi: 'Tài liệu kiểm chứng này không gắn với tiêu chí.',
    en: 'This evidence document is not linked to the sub-criterion.',
  });
}

export interface EvidenceCheck {
  evidenceId: number;
  integrity: EvidenceIntegrity;
  /** SHA-256 of the bytes in the store now (null when the file is gone). */
  storedSha256: string | null;
}

/** Hashes a stored file by streaming it (memory does not grow with its size); null when it is missing. */
async function hashStored(storage: EvidenceStorage, sha256: string): Promise<string | null> {
  const content = await storage.open(sha256);
  if (!content) return null;
  const hash = createHash('sha256');
  for await (const chunk of content) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Re-reads the stored bytes of every document of one score and compares them with the hash
 * recorded when it was frozen (or, not yet frozen, with the document's own hash).
 */
export async function verifyEvidence(ctx: AppContext, scoreId: number): Promise<EvidenceCheck[]> {
  await authorizedReview(ctx.em, requireUser(ctx), { scoreId });
  const storage = evidenceStorage(ctx.config);
  const documents = [...new Map((await documentsOfScore(ctx.em, scoreId)).map((row) => [row.evidenceId, row])).values()];
  return Promise.all(
    documents.map(async (row) => {
      const stored = await hashStored(storage, row.fileSha256);
      const expected = row.frozenSha256 ?? row.fileSha256;
      const integrity =
        stored === null
          ? EvidenceIntegrity.MISSING
          : stored !== expected
            ? EvidenceIntegrity.CHANGED
            : row.frozenSha256 === null
              ? EvidenceIntegrity.NOT_FROZEN
              : EvidenceIntegrity.INTACT;
      return { evidenceId: row.evidenceId, integrity, storedSha256: stored };
    }),
  );
}

/** A document of a sheet under review the caller may read the appraisal of: NOT_FOUND or FORBIDDEN otherwise. */
export async function reviewedEvidence(ctx: AppContext, id: number): Promise<EvidenceView> {
  const actor = requireUser(ctx);
  const loaded = await loadEvidence(ctx.em, id);
  const review = loaded && (await findReview(ctx.em, { sheetId: loaded.evidence.sheetId }));
  if (!loaded || !review) throw missingEvidence(actor, 'read', 'SheetReview', id);
  authorize(actor, 'read', 'SheetReview', reviewSubject(review));
  return loaded.evidence;
}
