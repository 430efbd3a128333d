import type { EntityManager } from '@mikro-orm/postgresql';
import { permissionSql, type Actor } from '../access/index.ts';
import { sheetReviewColumns } from '../appraisal/index.ts';
import { feedbackCommentColumns, feedbackResponseColumns } from '../consultation/index.ts';
import { pageRows, SqlBuilder } from '../shared/sql-builder.ts';
import { executeOnReplica } from '../shared/read-replica.ts';
import type { UnitView } from '../units/index.ts';
import { UNIT_COLUMNS, unitOf } from './records.sql.ts';

export interface CommentQueryFilter {
  periodId: number;
  unitIds?: number[] | null;
  criterionCodes?: string[] | null;
  resolved?: boolean | null;
  onEvidence?: boolean | null;
  search?: string | null;
}

export interface CommentRecordRow {
  id: number;
  periodId: number;
  unit: UnitView;
  criterionCode: string;
  criterionTitle: string;
  evidenceId: number | null;
  parentId: number | null;
  authorName: string;
  authorIsUnit: boolean;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  resolvedAt: Date | null;
}

/**
 * Appraisal comments (threads on a score or an evidence document) of the sheets under review the
 * caller may read — the appraisal module's SheetReview rules, in SQL. One statement per page.
 */
export async function queryComments(
  em: EntityManager,
  actor: Actor,
  filter: CommentQueryFilter,
  offset: number,
  limit: number,
): Promise<{ totalCount: number; resolvedCount: number; rows: CommentRecordRow[] }> {
  const reviews = permissionSql(actor.ability, 'read', 'SheetReview', sheetReviewColumns('rv'));
  if (!reviews) return { totalCount: 0, resolvedCount: 0, rows: [] };
  const q = new SqlBuilder();
  const sql = `with filtered as (
  select cm.id, rv.period_id, rv.unit_id, ${UNIT_COLUMNS},
         c.code as criterion_code, c.title as criterion_title, cm.evidence_id, cm.parent_id,
         a.display_name as author_name, a.unit_id is not null and a.unit_id = rv.unit_id as author_is_unit,
         cm.body, cm.created_at, cm.edited_at, coalesce(cm.resolved_at, root.resolved_at) as resolved_at
    from comment cm
    join sheet_review rv on rv.id = cm.review_id
    join unit u on u.id = rv.unit_id
    join score s on s.id = cm.score_id
    join criterion c on c.id = s.criterion_id
    join app_user a on a.id = cm.author_id
    left join comment root on root.id = cm.parent_id
   where rv.period_id = ${q.bind(filter.periodId)} and ${q.splice(reviews)}
     ${filter.unitIds?.length ? `and rv.unit_id = any(${q.ints(filter.unitIds)})` : ''}
     ${filter.criterionCodes?.length ? `and c.code = any(${q.texts(filter.criterionCodes)})` : ''}
     ${filter.onEvidence != null ? `and (cm.evidence_id is not null) = ${q.bind(filter.onEvidence)}` : ''}
     ${filter.search ? `and cm.body ilike ${q.contains(filter.search)}` : ''}
),
selected as (select * from filtered ${filter.resolved != null ? `where (resolved_at is not null) = ${q.bind(filter.resolved)}` : ''}),
${q.pageWithStats('selected', 'count(*)::int as total_count, count(resolved_at)::int as resolved_count', 'created_at, id', offset, limit)}`;
  const raw = await executeOnReplica<Record<string, unknown>[]>(em, sql, q.params);
  const date = (value: unknown) => (value == null ? null : new Date(String(value)));
  return {
    totalCount: Number(raw[0]?.total_count ?? 0),
    resolvedCount: Number(raw[0]?.resolved_count ?? 0),
    rows: pageRows(raw).map((row) => ({
      id: Number(row.id),
      periodId: Number(row.period_id),
      unit: unitOf(row),
      criterionCode: String(row.criterion_code),
      criterionTitle: String(row.criterion_title),
      evidenceId: row.evidence_id == null ? null : Number(row.evidence_id),
      parentId: row.parent_id == null ? null : Number(row.parent_id),
      authorName: String(row.author_name),
      authorIsUnit: Boolean(row.author_is_unit),
      body: String(row.body),
      createdAt: date(row.created_at)!,
      editedAt: date(row.edited_at),
      resolvedAt: date(row.resolved_at),
    })),
  };
}

export interface FeedbackQueryFilter {
  consultationId?: number | null;
  unitIds?: number[] | null;
  criterionCodes?: string[] | null;
  aspects?: string[] | null;
  resolutions?: string[] | null;
  includeWithdrawn?: boolean | null;
  search?: string | null;
}

export interface FeedbackRecordRow {
  id: number;
  consultationId: number;
  consultationTitle: string;
  unit: UnitView;
  criterionCode: string | null;
  criterionTitle: string | null;
  aspect: string;
  text: string;
  proposedWording: string | null;
  status: string;
  createdAt: Date;
  resolution: string | null;
  explanation: string | null;
  responseStatus: string | null;
}

/**
 * Consultation feedback (ý kiến góp ý) with the department's answer where the caller may read it —
 * the consultation module's FeedbackComment and FeedbackResponse rules, in SQL. One statement per page.
 */
export async function queryFeedback(
  em: EntityManager,
  actor: Actor,
  filter: FeedbackQueryFilter,
  offset: number,
  limit: number,
): Promise<{ totalCount: number; byResolution: Record<string, number>; rows: FeedbackRecordRow[] }> {
  const comments = permissionSql(actor.ability, 'read', 'FeedbackComment', feedbackCommentColumns('fc'));
  if (!comments) return { totalCount: 0, byResolution: {}, rows: [] };
  const responses = permissionSql(actor.ability, 'read', 'FeedbackResponse', feedbackResponseColumns('fr', 'fc'));
  const q = new SqlBuilder();
  const sql = `with selected as (
  select fc.id, fc.consultation_id, cn.title as consultation_title, fc.unit_id, ${UNIT_COLUMNS}, c.code as criterion_code, c.title as criterion_title, fc.aspect, fc.text, fc.proposed_wording,
         fc.status, fc.created_at, v.resolution, v.explanation, v.response_status
    from feedback_comment fc
    join consultation cn on cn.id = fc.consultation_id
    join unit u on u.id = fc.unit_id
    left join criterion c on c.id = fc.criterion_id
    left join feedback_response fr on fr.comment_id = fc.id
    cross join lateral (
      select case when ${responses ? q.splice(responses) : 'false'} then fr.resolution end as resolution,
             case when ${responses ? q.splice(responses) : 'false'} then fr.explanation end as explanation,
             case when ${responses ? q.splice(responses) : 'false'} then fr.status end as response_status
    ) v
   where ${q.splice(comments)}
     ${filter.consultationId != null ? `and fc.consultation_id = ${q.bind(filter.consultationId)}` : ''}
     ${filter.includeWithdrawn ? '' : `and fc.status = 'ACTIVE'`}
     ${filter.unitIds?.length ? `and fc.unit_id = any(${q.ints(filter.unitIds)})` : ''}
     ${filter.criterionCodes?.length ? `and c.code = any(${q.texts(filter.criterionCodes)})` : ''}
     ${filter.aspects?.length ? `and fc.aspect = any(${q.texts(filter.aspects)})` : ''}
     ${filter.resolutions?.length ? `and v.resolution = any(${q.texts(filter.resolutions)})` : ''}
     ${filter.search ? `and (fc.text ilike ${q.contains(filter.search)} or fc.proposed_wording ilike ${q.contains(filter.search)})` : ''}
),
${q.pageWithStats(
  'selected',
  `count(*)::int as total_count,
  (select coalesce(json_object_agg(coalesce(r.resolution, ''), r.n), '{}') from
     (select resolution, count(*)::int as n from selected group by resolution) r) as by_resolution`,
  'consultation_id, unit_code, criterion_code nulls first, id',
  offset,
  limit,
)}`;
  const raw = await executeOnReplica<Record<string, unknown>[]>(em, sql, q.params);
  const byResolution = raw[0]?.by_resolution;
  return {
    totalCount: Number(raw[0]?.total_count ?? 0),
    byResolution: (typeof byResolution === 'string' ? JSON.parse(byResolution) : (byResolution ?? {})) as Record<string, number>,
    rows: pageRows(raw).map((row) => ({
      id: Number(row.id),
      consultationId: Number(row.consultation_id),
      consultationTitle: String(row.consultation_title),
      unit: unitOf(row),
      criterionCode: (row.criterion_code as string | null) ?? null,
      criterionTitle: (row.criterion_title as string | null) ?? null,
      aspect: String(row.aspect),
      text: String(row.text),
      proposedWording: (row.proposed_wording as string | null) ?? null,
      status: String(row.status),
      createdAt: new Date(String(row.created_at)),
      resolution: (row.resolution as string | null) ?? null,
      explanation: (row.explanation as string | null) ?? null,
      responseStatus: (row.response_status as string | null) ?? null,
    })),
  };
}
