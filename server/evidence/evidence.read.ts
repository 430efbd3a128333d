import type { EntityManager } from '@mikro-orm/postgresql';
import { actorFrom } from '../auth/actor.types.ts';
import type { ScoreSheetStatus } from '../scoring/scoring.entity.ts';
import { toDate } from '../shared/sql.ts';
import type { EvidenceLinkView, EvidenceView } from './evidence.types.ts';

export interface SheetEvidence {
  /** The sheet's documents, oldest first. */
  documents: EvidenceView[];
  /** Links by score id, in linking order. */
  linksByScore: Map<number, EvidenceLinkView[]>;
}

interface EvidenceRow {
  id: number; sheet_id: number; file_name: string; content_type: string; size: string | number; sha256: string;
  document_number: string | null; issue_date: string | null; issuing_body: string | null; title: string | null;
  uploaded_at: Date; uploaded_by_id: number | null; uploaded_by_name: string | null;
  score_id: number | null; criterion_id: number | null; linked_at: Date | null; frozen_sha256: string | null; frozen_at: Date | null;
}

export const downloadUrl = (evidenceId: number) => `/api/evidence/${evidenceId}/download`;

const EVIDENCE_COLUMNS = `e.id, e.sheet_id, e.file_name, f.content_type, f.size, f.sha256, e.document_number,
  to_char(e.issue_date, 'YYYY-MM-DD') as issue_date, e.issuing_body, e.title, e.uploaded_at, e.uploaded_by_id,
  ub.display_name as uploaded_by_name`;

function toView(row: EvidenceRow): EvidenceView {
  return {
    id: row.id, sheetId: row.sheet_id, fileName: row.file_name, contentType: row.content_type, size: Number(row.size),
    sha256: row.sha256, documentNumber: row.document_number, issueDate: row.issue_date, issuingBody: row.issuing_body,
    title: row.title, uploadedAt: toDate(row.uploaded_at), uploadedBy: actorFrom(row.uploaded_by_id, row.uploaded_by_name),
    downloadUrl: downloadUrl(row.id), linkedCriterionIds: [],
  };
}

/** Every document of a sheet with its links: one statement however many there are. */
export async function loadSheetEvidence(em: EntityManager, sheetId: number): Promise<SheetEvidence> {
  const rows = await em.execute<EvidenceRow[]>(
    `select ${EVIDENCE_COLUMNS}, l.score_id, sc.criterion_id, l.linked_at, l.frozen_sha256, l.frozen_at
       from evidence e
       join stored_file f on f.sha256 = e.file_sha256
       left join app_user ub on ub.id = e.uploaded_by_id
       left join evidence_link l on l.evidence_id = e.id
       left join score sc on sc.id = l.score_id
      where e.sheet_id = ?
      order by e.id, l.id`,
    [sheetId],
  );
  const byId = new Map<number, EvidenceView>();
  const linksByScore = new Map<number, EvidenceLinkView[]>();
  for (const row of rows) {
    let evidence = byId.get(row.id);
    if (!evidence) {
      evidence = toView(row);
      byId.set(row.id, evidence);
    }
    if (row.score_id === null) continue;
    evidence.linkedCriterionIds.push(row.criterion_id!);
    const links = linksByScore.get(row.score_id) ?? [];
    links.push({ evidence, linkedAt: toDate(row.linked_at!), frozenSha256: row.frozen_sha256, frozenAt: toDate(row.frozen_at) });
    linksByScore.set(row.score_id, links);
  }
  return { documents: [...byId.values()], linksByScore };
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
       join stored_file f on f.sha256 = e.file_sha256
       left join app_user ub on ub.id = e.uploaded_by_id
      where e.id = ?`,
    [evidenceId],
  );
  if (!row) return null;
  return { evidence: { ...toView(row), linkedCriterionIds: row.linked }, unitId: row.unit_id, sheetStatus: row.sheet_status };
}
