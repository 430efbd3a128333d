import type { EntityManager } from '@mikro-orm/postgresql';
import { permissionSql, type Actor } from '../access/index.ts';
import { scoreSheetColumns } from '../scoring/index.ts';
import { pageRows, SqlBuilder } from '../shared/sql-builder.ts';
import { executeOnReplica } from '../shared/read-replica.ts';
import type { UnitBlock, UnitView } from '../units/index.ts';
import { UNIT_COLUMNS, unitOf } from './records.sql.ts';

export interface EvidenceQueryFilter {
  periodId: number;
  block?: UnitBlock | null;
  unitIds?: number[] | null;
  criterionCodes?: string[] | null;
  issuedFrom?: string | null;
  issuedTo?: string | null;
  /** Case-insensitive part of the issuing body, document number or title. */
  search?: string | null;
  linked?: boolean | null;
}

export interface EvidenceRecordRow {
  id: number;
  periodId: number;
  unit: UnitView;
  fileName: string;
  documentNumber: string | null;
  issueDate: string | null;
  issuingBody: string | null;
  title: string | null;
  contentType: string;
  size: number;
  uploadedAt: Date;
  criterionCodes: string[];
  frozen: boolean;
}

/**
 * Evidence documents (metadata only, never the files) of the sheets the caller may read
 * (ScoreSheet rules, in SQL), with the sub-criteria each supports: one statement per page.
 */
export async function queryEvidence(
  em: EntityManager,
  actor: Actor,
  filter: EvidenceQueryFilter,
  offset: number,
  limit: number,
): Promise<{ totalCount: number; totalBytes: number; rows: EvidenceRecordRow[] }> {
  const sheets = permissionSql(actor.ability, 'read', 'ScoreSheet', scoreSheetColumns('sh'));
  if (!sheets) return { totalCount: 0, totalBytes: 0, rows: [] };
  const q = new SqlBuilder();
  const sql = `with records as (
  select e.id, sh.period_id, sh.unit_id, ${UNIT_COLUMNS},
         e.file_name, e.document_number, to_char(e.issue_date, 'YYYY-MM-DD') as issue_date, e.issuing_body, e.title,
         f.content_type, f.size, e.uploaded_at,
         coalesce((select array_agg(c.code order by c.code) from evidence_link l join score s on s.id = l.score_id
                   join criterion c on c.id = s.criterion_id where l.evidence_id = e.id), '{}') as criterion_codes,
         exists (select 1 from evidence_link l where l.evidence_id = e.id and l.frozen_sha256 is not null) as frozen
    from evidence e
    join score_sheet sh on sh.id = e.sheet_id
    join unit u on u.id = sh.unit_id
    join stored_file f on f.sha256 = e.file_sha256
   where sh.period_id = ${q.bind(filter.periodId)} and ${q.splice(sheets)}
     ${filter.block ? `and u.block = ${q.bind(filter.block)}::unit_block` : ''}
     ${filter.unitIds?.length ? `and sh.unit_id = any(${q.ints(filter.unitIds)})` : ''}
     ${filter.issuedFrom ? `and e.issue_date >= ${q.bind(filter.issuedFrom)}::date` : ''}
     ${filter.issuedTo ? `and e.issue_date <= ${q.bind(filter.issuedTo)}::date` : ''}
     ${filter.search ? `and (e.issuing_body ilike ${q.contains(filter.search)} or e.document_number ilike ${q.contains(filter.search)} or e.title ilike ${q.contains(filter.search)})` : ''}
),
filtered as (
  select * from records where true
  ${filter.criterionCodes?.length ? `and criterion_codes && ${q.texts(filter.criterionCodes)}::varchar[]` : ''}
  ${filter.linked != null ? `and (cardinality(criterion_codes) > 0) = ${q.bind(filter.linked)}` : ''}
),
${q.pageWithStats('filtered', 'count(*)::int as total_count, coalesce(sum(size), 0)::bigint as total_bytes', 'unit_code, issue_date nulls last, id', offset, limit)}`;
  const raw = await executeOnReplica<Record<string, unknown>[]>(em, sql, q.params);
  return {
    totalCount: Number(raw[0]?.total_count ?? 0),
    totalBytes: Number(raw[0]?.total_bytes ?? 0),
    rows: pageRows(raw).map((row) => ({
      id: Number(row.id),
      periodId: Number(row.period_id),
      unit: unitOf(row),
      fileName: String(row.file_name),
      documentNumber: (row.document_number as string | null) ?? null,
      issueDate: (row.issue_date as string | null) ?? null,
      issuingBody: (row.issuing_body as string | null) ?? null,
      title: (row.title as string | null) ?? null,
      contentType: String(row.content_type),
      size: Number(row.size),
      uploadedAt: new Date(String(row.uploaded_at)),
      criterionCodes: (row.criterion_codes as string[]) ?? [],
      frozen: Boolean(row.frozen),
    })),
  };
}
