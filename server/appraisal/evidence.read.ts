import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { downloadUrl } from '../evidence/evidence.read.ts';
import { evidenceStorage } from '../evidence/storage.ts';
import { badInput } from '../shared/errors.ts';
import { intArray, toDate } from '../shared/sql.ts';
import { EvidenceIntegrity, type AppraisalEvidenceView } from './appraisal.types.ts';
import type { EvidenceVerdictKind } from './explanation.entity.ts';

/** Where the portal opens a document inline (appraisal route) — downloads use the evidence module's route. */
export const viewUrl = (evidenceId: number) => `/api/appraisal/evidence/${evidenceId}`;

export interface SheetEvidence {
  /** Evidence frozen at submission, by score id. */
  frozen: Map<number, AppraisalEvidenceView[]>;
  /** Supplementary evidence of explanation answers, by request id. */
  supplementary: Map<number, AppraisalEvidenceView[]>;
}

interface EvidenceRow {
  kind: 'frozen' | 'supplementary'; score_id: number; request_id: number | null; evidence_id: number;
  document_number: string | null; title: string | null; issue_date: string | null; issuing_body: string | null;
  file_name: string; content_type: string; file_sha256: string; frozen_sha256: string | null;
  verdict: EvidenceVerdictKind | null;
  verdict_note: string | null; verdict_round: number | null; verdict_by: string | null; verdict_at: Date | null;
}

const DOCUMENT_COLUMNS = `e.id as evidence_id, e.document_number, e.title, to_char(e.issue_date, 'YYYY-MM-DD') as issue_date,
  e.issuing_body, e.file_name, f.content_type, e.file_sha256`;
const VERDICT_COLUMNS = `v.verdict, v.note as verdict_note, v.round as verdict_round, vu.display_name as verdict_by, v.updated_at as verdict_at`;

/**
 * What the records say: the hash frozen at submission (or at the explanation's lock) against the
 * document's stored-file hash. The bytes themselves are re-read by `verifyEvidence`.
 */
function recordedIntegrity(frozen: string | null, current: string): EvidenceIntegrity {
  if (frozen === null) return EvidenceIntegrity.NOT_FROZEN;
  return frozen === current ? EvidenceIntegrity.INTACT : EvidenceIntegrity.CHANGED;
}

function toView(row: EvidenceRow): AppraisalEvidenceView {
  return {
    evidenceId: row.evidence_id, documentNumber: row.document_number, title: row.title, issuedOn: row.issue_date,
    issuer: row.issuing_body, fileName: row.file_name, contentType: row.content_type, url: viewUrl(row.evidence_id), downloadUrl: downloadUrl(row.evidence_id),
    supplementary: row.kind === 'supplementary', frozenSha256: row.frozen_sha256,
    integrity: recordedIntegrity(row.frozen_sha256, row.file_sha256),
    verdict: row.verdict === null ? null : {
      verdict: row.verdict, note: row.verdict_note, round: row.verdict_round!, appraiserName: row.verdict_by!, updatedAt: toDate(row.verdict_at!),
    },
  };
}

/** Evidence rows (frozen links and supplementary documents) of the scores matching `where`, with verdicts: one statement. */
function evidenceRows(em: EntityManager, where: string, params: unknown[]): Promise<EvidenceRow[]> {
  return em.execute<EvidenceRow[]>(
    `select 'frozen' as kind, s.id as score_id, null::int as request_id, l.frozen_sha256, ${DOCUMENT_COLUMNS}, ${VERDICT_COLUMNS}
       from score s
       join evidence_link l on l.score_id = s.id
       join evidence e on e.id = l.evidence_id
       join stored_file f on f.sha256 = e.file_sha256
       left join evidence_verdict v on v.score_id = s.id and v.evidence_id = e.id
       left join app_user vu on vu.id = v.appraiser_id
      where ${where}
     union all
     select 'supplementary', s.id, er.id, ee.frozen_sha256, ${DOCUMENT_COLUMNS}, ${VERDICT_COLUMNS}
       from score s
       join explanation_request er on er.score_id = s.id
       join explanation_evidence ee on ee.request_id = er.id
       join evidence e on e.id = ee.evidence_id
       join stored_file f on f.sha256 = e.file_sha256
       left join evidence_verdict v on v.score_id = s.id and v.evidence_id = e.id
       left join app_user vu on vu.id = v.appraiser_id
      where ${where}
      order by score_id, evidence_id`,
    [...params, ...params],
  );
}

/** The evidence of a sheet as appraisers judge it, with each document's recorded integrity and verdict. */
export async function loadSheetEvidence(em: EntityManager, sheetId: number): Promise<SheetEvidence> {
  const result: SheetEvidence = { frozen: new Map(), supplementary: new Map() };
  for (const row of await evidenceRows(em, 's.sheet_id = ?', [sheetId])) {
    const [map, key] = row.kind === 'frozen' ? [result.frozen, row.score_id] : [result.supplementary, row.request_id!];
    map.set(key, [...(map.get(key) ?? []), toView(row)]);
  }
  return result;
}

/** Ids of the evidence documents a score can be judged on (frozen links and supplementary). */
export async function evidenceOfScore(em: EntityManager, scoreId: number): Promise<Set<number>> {
  const rows = await em.execute<{ evidence_id: number }[]>(
    `select evidence_id from evidence_link where score_id = ?
     union select ee.evidence_id from explanation_evidence ee join explanation_request er on er.id = ee.request_id where er.score_id = ?`,
    [scoreId, scoreId],
  );
  return new Set(rows.map((row) => row.evidence_id));
}

/** Supplementary evidence must be documents of the sheet under review (the unit's own). */
export async function assertSheetEvidence(em: EntityManager, sheetId: number, evidenceIds: readonly number[]): Promise<void> {
  if (evidenceIds.length === 0) return;
  const rows = await em.execute<{ id: number }[]>('select id from evidence where sheet_id = ? and id = any(?::int[])', [sheetId, intArray(evidenceIds)]);
  const missing = evidenceIds.filter((id) => !rows.some((row) => row.id === id));
  if (missing.length > 0) {
    throw badInput('evidenceIds', {
      vi: `Tài liệu ${missing.join(', ')} không phải tài liệu kiểm chứng của đơn vị.`,
      en: `Documents ${missing.join(', ')} are not evidence of the unit.`,
    }, { evidenceIds: missing });
  }
}

/** Records the SHA-256 of every supplementary document of these sheets, as stored now. */
export async function freezeSupplementaryEvidence(em: EntityManager, reviewIds: readonly number[]): Promise<void> {
  if (reviewIds.length === 0) return;
  await em.execute(
    `update explanation_evidence ee set frozen_sha256 = e.file_sha256
       from explanation_request er, evidence e
      where er.id = ee.request_id and e.id = ee.evidence_id and er.review_id = any(?::int[])`,
    [intArray(reviewIds)],
  );
}

export interface EvidenceCheck {
  evidenceId: number;
  integrity: EvidenceIntegrity;
  /** SHA-256 of the bytes in the store now (null when the file is gone). */
  storedSha256: string | null;
}

/** Hashes a stored file by streaming it (memory does not grow with its size); null when it is missing. */
async function hashStored(dataDir: string, sha256: string): Promise<string | null> {
  const content = await evidenceStorage(dataDir).open(sha256);
  if (!content) return null;
  const hash = createHash('sha256');
  for await (const chunk of content) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Re-reads the stored bytes of every document of one score and compares them with the hash
 * recorded when it was frozen (or, not yet frozen, with the document's own hash).
 */
export async function verifyEvidence(em: EntityManager, dataDir: string, scoreId: number): Promise<EvidenceCheck[]> {
  const rows = await evidenceRows(em, 's.id = ?', [scoreId]);
  const unique = [...new Map(rows.map((row) => [row.evidence_id, row])).values()];
  return Promise.all(unique.map(async (row) => {
    const stored = await hashStored(dataDir, row.file_sha256);
    const expected = row.frozen_sha256 ?? row.file_sha256;
    const integrity = stored === null ? EvidenceIntegrity.MISSING
      : stored !== expected ? EvidenceIntegrity.CHANGED
      : row.frozen_sha256 === null ? EvidenceIntegrity.NOT_FROZEN : EvidenceIntegrity.INTACT;
    return { evidenceId: row.evidence_id, integrity, storedSha256: stored };
  }));
}
