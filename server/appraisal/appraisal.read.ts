import type { EntityManager } from '@mikro-orm/postgresql';
import {
  authorize,
  missingRow,
  permissionSql,
  requireUser,
  rowsByIdLoader,
  withPermission,
  type Action,
  type Actor,
  type AppAbility,
  type AppContext,
} from '../access/index.ts';
import { PeriodStatus, readablePeriod } from '../periods/index.ts';
import { decimalText } from '../shared/decimal.ts';
import { intArray, toDate, toFragment } from '../shared/sql.ts';
import type { UnitView } from '../units/index.ts';
import type { AppraisalCycleView, AppraisalView, AppraiserView, AssignmentView, SheetReviewSummaryView } from './appraisal.types.ts';
import { AppraisalAssignment } from './assignment.entity.ts';
import type { ExplanationStatus } from './cycle.entity.ts';
import type { EvidenceVerdictKind } from './explanation.entity.ts';
import { sheetReviewColumns } from './appraisal.permissions.ts';
import { appraisalRoundsJoin, capSql, finalPointsSql } from './final-score.sql.ts';

/** The round appraisers may write in now: 1 until round-1 results are released, 2 while round 2 is open. */
export function currentRound(cycle: { status: PeriodStatus; round1ReleasedAt: Date | null }): 1 | 2 | null {
  if (cycle.status === PeriodStatus.APPRAISAL_ROUND_1 && !cycle.round1ReleasedAt) return 1;
  if (cycle.status === PeriodStatus.APPRAISAL_ROUND_2) return 2;
  return null;
}

const CYCLE_COLUMNS = `p.id as period_id, p.status, p.self_scoring_closes_at, p.explanation_closes_at,
  c.bonus_cap, c.deduction_cap, c.round1_released_at, c.finalized_at`;

interface CycleRow {
  period_id: number;
  status: PeriodStatus;
  self_scoring_closes_at: Date;
  explanation_closes_at: Date | null;
  bonus_cap: string | null;
  deduction_cap: string | null;
  round1_released_at: Date | null;
  finalized_at: Date | null;
}

function toCycle(row: CycleRow): AppraisalCycleView {
  const cycle: AppraisalCycleView = {
    periodId: row.period_id,
    status: row.status,
    currentRound: null,
    selfScoringClosesAt: toDate(row.self_scoring_closes_at),
    explanationClosesAt: toDate(row.explanation_closes_at),
    round1ReleasedAt: toDate(row.round1_released_at),
    finalizedAt: toDate(row.finalized_at),
    bonusCap: row.bonus_cap,
    deductionCap: row.deduction_cap,
  };
  cycle.currentRound = currentRound(cycle);
  return cycle;
}

/** Periods with their appraisal state, batched per request (callers authorise the period). */
export function cycleLoader(ctx: AppContext) {
  return rowsByIdLoader(ctx, cycleLoader, async (ids) => {
    const rows = await ctx.em.execute<CycleRow[]>(
      `select ${CYCLE_COLUMNS} from period p left join appraisal_cycle c on c.period_id = p.id where p.id = any(?::int[])`,
      [intArray(ids)],
    );
    return rows.map((row) => ({ id: row.period_id, ...toCycle(row) }));
  });
}

/** A sheet under review with everything its permission checks and its view need. */
export interface ReviewRow {
  reviewId: number;
  sheetId: number;
  periodId: number;
  unitId: number;
  criteriaSetId: number;
  releasedRound: number;
  /** Whether the period's results are published (what analysts' reads wait for). */
  published: boolean;
  explanationStatus: ExplanationStatus;
  explanationLockedAt: Date | null;
  unit: UnitView;
  cycle: AppraisalCycleView;
}

/** The fields the CASL rules on `SheetReview` look at (entity property names). */
export const reviewSubject = (review: ReviewRow) => ({
  id: review.reviewId,
  unit: review.unitId,
  period: review.periodId,
  releasedRound: review.releasedRound,
  explanationStatus: review.explanationStatus,
  published: review.published,
});

interface ReviewSqlRow extends CycleRow {
  review_id: number;
  sheet_id: number;
  unit_id: number;
  criteria_set_id: number;
  released_round: number;
  published: boolean;
  explanation_status: ExplanationStatus;
  explanation_locked_at: Date | null;
  unit_code: string;
  unit_name: string;
  unit_block: UnitView['block'];
  unit_active: boolean;
}

const REVIEW_SELECT = `select r.id as review_id, r.sheet_id, r.unit_id, r.released_round, ${sheetReviewColumns('r').published} as published, r.explanation_status,
    r.explanation_locked_at, sh.criteria_set_id, u.code as unit_code, u.name as unit_name, u.block as unit_block,
    u.active as unit_active, ${CYCLE_COLUMNS}
  from sheet_review r
  join score_sheet sh on sh.id = r.sheet_id
  join unit u on u.id = r.unit_id
  join period p on p.id = r.period_id
  left join appraisal_cycle c on c.period_id = p.id`;

function toReview(row: ReviewSqlRow): ReviewRow {
  return {
    reviewId: row.review_id,
    sheetId: row.sheet_id,
    periodId: row.period_id,
    unitId: row.unit_id,
    criteriaSetId: row.criteria_set_id,
    releasedRound: row.released_round,
    published: row.published,
    explanationStatus: row.explanation_status,
    explanationLockedAt: toDate(row.explanation_locked_at),
    unit: { id: row.unit_id, code: row.unit_code, name: row.unit_name, block: row.unit_block, active: row.unit_active },
    cycle: toCycle(row),
  };
}

export type ReviewKey = { periodId: number; unitId: number } | { scoreId: number } | { reviewId: number } | { sheetId: number };

/**
 * One sheet under review, in one statement; null when there is none (the sheet was not
 * submitted, or appraisal has not started). Without `authorise` no permission check: callers
 * authorise the row. With it, the row is locked so writes on one sheet are serialised (caps, round
 * changes), and only once `authorise` has accepted it: it runs on the row read without a lock
 * first (no lock is ever taken for a caller who may not act), then again on the locked row.
 */
export async function findReview(em: EntityManager, key: ReviewKey, authorise?: (review: ReviewRow) => void): Promise<ReviewRow | null> {
  const [where, params] =
    'scoreId' in key
      ? ['r.sheet_id = (select sheet_id from score where id = ?)', [key.scoreId]]
      : 'reviewId' in key
        ? ['r.id = ?', [key.reviewId]]
        : 'sheetId' in key
          ? ['r.sheet_id = ?', [key.sheetId]]
          : ['r.period_id = ? and r.unit_id = ?', [key.periodId, key.unitId]];
  const rows = await em.execute<ReviewSqlRow[]>(`${REVIEW_SELECT} where ${where}`, params);
  const review = rows[0] ? toReview(rows[0]) : null;
  if (!review || !authorise) return review;
  authorise(review);
  const [locked] = await em.execute<ReviewSqlRow[]>(`${REVIEW_SELECT} where r.id = ? for update of r`, [review.reviewId]);
  const current = toReview(locked!);
  authorise(current);
  return current;
}

/** An appraisal row joined under the prefix `a1` / `a2` (see `appraisalColumns`). */
export const appraisalColumns = (alias: string) =>
  `${alias}.id as ${alias}_id, ${alias}.points as ${alias}_points, ${alias}.comment as ${alias}_comment,
   ${alias}.version as ${alias}_version, ${alias}.updated_at as ${alias}_updated_at, ${alias}u.display_name as ${alias}_appraiser`;

export function toAppraisal(row: Record<string, unknown>, alias: 'a1' | 'a2', round: number): AppraisalView | null {
  if (row[`${alias}_id`] == null) return null;
  return {
    id: row[`${alias}_id`] as number,
    round,
    points: row[`${alias}_points`] as string,
    comment: row[`${alias}_comment`] as string | null,
    appraiserName: row[`${alias}_appraiser`] as string,
    updatedAt: toDate(row[`${alias}_updated_at`] as string),
    version: row[`${alias}_version`] as number,
  };
}

export interface ItemRow {
  score_id: number;
  criterion_id: number;
  self_points: string | null;
  note: string | null;
  applicable: boolean;
  not_applicable_reason: string | null;
  er_id: number | null;
  er_question: string | null;
  er_requested_at: Date | null;
  er_requested_by: string | null;
  er_answer: string | null;
  er_answered_at: Date | null;
  er_answered_by: string | null;
  er_version: number | null;
  /** The request's supplementary documents, by document. */
  supplementary: { evidenceId: number; frozenSha256: string | null }[];
  /** The appraisers' findings on the score's documents. */
  verdicts: {
    evidenceId: number;
    verdict: EvidenceVerdictKind;
    note: string | null;
    round: number;
    appraiserName: string;
    updatedAt: string;
  }[];
  /** By the final rule (final-score.sql.ts), with round 2 only where it is visible; null for survey items. */
  final_points: string | null;
  [appraisalColumn: string]: unknown;
}

/** The sheet's totals by the final rule and its caps, as decimals (`AppraisalTotalsView`). */
export interface ItemTotals {
  selfPoints: string;
  finalPoints: string;
  bonusProposed: string;
  bonusAwarded: string;
  bonusCap: string;
  deduction: string;
  deductionCap: string;
}

interface ItemSqlRow extends ItemRow {
  total_self: string | null;
  total_final: string | null;
  total_bonus_proposed: string | null;
  total_bonus: string | null;
  bonus_cap: string | null;
  total_deduction: string | null;
  deduction_cap: string | null;
}

const json = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

/**
 * Every score of a sheet with both rounds' appraisals, its final score, its explanation request with
 * its supplementary documents and the findings on its documents, and the sheet's totals and caps:
 * one statement. Round 2 counts only where `round2Visible` (units see it once final). The documents
 * themselves are the evidence module's read model.
 */
export async function loadItemRows(
  em: EntityManager,
  sheetId: number,
  round2Visible: boolean,
): Promise<{ rows: ItemRow[]; totals: ItemTotals | null }> {
  const total = (points: string, kind: string) => `sum(${points}) filter (where c.kind = '${kind}' and s.applicable) over ()`;
  const sectionMax = (kind: string) => `coalesce(sum(c.max_points) filter (where c.kind = '${kind}') over (), 0)`;
  const rows = await em.execute<ItemSqlRow[]>(
    `select s.id as score_id, s.criterion_id, s.self_points, s.note, s.applicable, s.not_applicable_reason,
            ${appraisalColumns('a1')}, ${appraisalColumns('a2')}, f.final_points,
            er.id as er_id, er.question as er_question, er.requested_at as er_requested_at, rq.display_name as er_requested_by,
            er.answer as er_answer, er.answered_at as er_answered_at, an.display_name as er_answered_by, er.version as er_version,
            coalesce((select json_agg(json_build_object('evidenceId', ee.evidence_id, 'frozenSha256', ee.frozen_sha256) order by ee.evidence_id)
                        from explanation_evidence ee where ee.request_id = er.id), '[]') as supplementary,
            coalesce((select json_agg(json_build_object('evidenceId', v.evidence_id, 'verdict', v.verdict, 'note', v.note, 'round', v.round,
                                                        'appraiserName', vu.display_name, 'updatedAt', v.updated_at))
                        from evidence_verdict v join app_user vu on vu.id = v.appraiser_id where v.score_id = s.id), '[]') as verdicts,
            ${total('s.self_points', 'SELF_SCORED')} as total_self, ${total('f.final_points', 'SELF_SCORED')} as total_final,
            ${total('s.self_points', 'BONUS')} as total_bonus_proposed, ${total('f.final_points', 'BONUS')} as total_bonus,
            ${capSql('ac.bonus_cap', sectionMax('BONUS'))} as bonus_cap,
            ${total('f.final_points', 'DEDUCTION')} as total_deduction, ${capSql('ac.deduction_cap', sectionMax('DEDUCTION'))} as deduction_cap
       from score s
       join criterion c on c.id = s.criterion_id
       join score_sheet sh on sh.id = s.sheet_id
       left join appraisal_cycle ac on ac.period_id = sh.period_id
       ${appraisalRoundsJoin('s')}
       left join app_user a1u on a1u.id = a1.appraiser_id
       left join app_user a2u on a2u.id = a2.appraiser_id
       cross join lateral (
         select case when c.kind = 'SURVEY' then null
                     else ${finalPointsSql({ round2: 'case when ?::boolean then a2.points end', round1: 'a1.points', self: 's.self_points' })} end as final_points
       ) f
       left join explanation_request er on er.score_id = s.id
       left join app_user rq on rq.id = er.requested_by_id
       left join app_user an on an.id = er.answered_by_id
      where s.sheet_id = ?`,
    [round2Visible, sheetId],
  );
  const decimal = (value: string | null) => decimalText(value ?? 0)!;
  const first = rows[0];
  const totals = first
    ? {
        selfPoints: decimal(first.total_self),
        finalPoints: decimal(first.total_final),
        bonusProposed: decimal(first.total_bonus_proposed),
        bonusAwarded: decimal(first.total_bonus),
        bonusCap: decimal(first.bonus_cap),
        deduction: decimal(first.total_deduction),
        deductionCap: decimal(first.deduction_cap),
      }
    : null;
  return {
    rows: rows.map((row) => ({
      ...row,
      final_points: decimalText(row.final_points),
      supplementary: json(row.supplementary),
      verdicts: json(row.verdicts),
    })),
    totals,
  };
}

export interface AssignmentScope {
  areaCode: string | null;
  unitId: number | null;
}

export const assignmentCovers = (scope: AssignmentScope, areaCode: string, unitId: number) =>
  (scope.areaCode === null || scope.areaCode === areaCode) && (scope.unitId === null || scope.unitId === unitId);

/** The caller's assignments in a period that CASL lets them act on with `action` (SQL-filtered). */
export async function permittedAssignments(
  em: EntityManager,
  ability: AppAbility,
  periodId: number,
  action: Action = 'appraise',
): Promise<AssignmentScope[]> {
  const where = withPermission<AppraisalAssignment>(ability, action, 'AppraisalAssignment', { period: periodId });
  if (!where) return [];
  const rows = await em.createQueryBuilder(AppraisalAssignment, 'a').select(['areaCode', 'unit']).where(where).execute('all');
  return rows.map((row) => ({ areaCode: row.areaCode ?? null, unitId: (row.unit as unknown as number | null) ?? null }));
}

/** Assignments of a period the caller may read, with appraiser and unit, in one statement. */
export async function queryAssignments(ctx: AppContext, periodId: number): Promise<AssignmentView[]> {
  const where = withPermission<AppraisalAssignment>(requireUser(ctx).ability, 'read', 'AppraisalAssignment', { period: periodId });
  if (!where) return [];
  const fragment = toFragment(
    ctx.em.createQueryBuilder(AppraisalAssignment, 'a').select(['id', 'appraiser', 'areaCode', 'unit', 'createdAt']).where(where),
  );
  const rows = await ctx.em.execute<
    {
      id: number;
      appraiser_id: number;
      appraiser_name: string;
      area_code: string | null;
      created_at: Date;
      unit_id: number | null;
      unit_code: string | null;
      unit_name: string | null;
      unit_block: UnitView['block'] | null;
      unit_active: boolean | null;
    }[]
  >(
    `select a.id, a.appraiser_id, ap.display_name as appraiser_name, a.area_code, a.created_at,
            u.id as unit_id, u.code as unit_code, u.name as unit_name, u.block as unit_block, u.active as unit_active
       from (${fragment.sql}) a
       join app_user ap on ap.id = a.appraiser_id
       left join unit u on u.id = a.unit_id
      order by ap.display_name, a.area_code nulls first, u.code nulls first, a.id`,
    fragment.bindings,
  );
  return rows.map((row) => ({
    id: row.id,
    periodId,
    appraiserId: row.appraiser_id,
    appraiserName: row.appraiser_name,
    areaCode: row.area_code,
    createdAt: toDate(row.created_at),
    unit:
      row.unit_id === null
        ? null
        : { id: row.unit_id, code: row.unit_code!, name: row.unit_name!, block: row.unit_block!, active: row.unit_active! },
  }));
}

/** Progress of every sheet under review in a period that the caller may read: one statement. */
export async function querySheetReviews(ctx: AppContext, periodId: number): Promise<SheetReviewSummaryView[]> {
  const permitted = permissionSql(requireUser(ctx).ability, 'read', 'SheetReview', sheetReviewColumns('r'));
  if (!permitted) return [];
  const rows = await ctx.em.execute<
    {
      id: number;
      sheet_id: number;
      unit_id: number;
      released_round: number;
      explanation_status: ExplanationStatus;
      code: string;
      name: string;
      block: UnitView['block'];
      active: boolean;
      items: number;
      round1: number;
      round2: number;
      requests: number;
      answered: number;
    }[]
  >(
    `select r.id, r.sheet_id, r.unit_id, r.released_round, r.explanation_status, u.code, u.name, u.block, u.active,
            count(s.id) filter (where c.kind <> 'SURVEY' and s.applicable)::int as items,
            count(a1.id)::int as round1, count(a2.id)::int as round2,
            count(er.id)::int as requests, count(er.answered_at)::int as answered
       from sheet_review r
       join unit u on u.id = r.unit_id
       left join score s on s.sheet_id = r.sheet_id
       left join criterion c on c.id = s.criterion_id
       left join appraisal a1 on a1.score_id = s.id and a1.round = 1
       left join appraisal a2 on a2.score_id = s.id and a2.round = 2
       left join explanation_request er on er.score_id = s.id
      where r.period_id = ? and ${permitted.sql}
      group by r.id, r.sheet_id, r.unit_id, r.released_round, r.explanation_status, u.code, u.name, u.block, u.active
      order by u.block, u.code`,
    [periodId, ...permitted.bindings],
  );
  return rows.map((row) => ({
    reviewId: row.id,
    sheetId: row.sheet_id,
    releasedRound: row.released_round,
    explanationStatus: row.explanation_status,
    unit: { id: row.unit_id, code: row.code, name: row.name, block: row.block, active: row.active },
    items: row.items,
    appraisedRound1: row.round1,
    appraisedRound2: row.round2,
    explanationRequests: row.requests,
    explanationsAnswered: row.answered,
  }));
}

/** Appraisers whose assignments cover an item (area of a unit) in a period. */
export async function assignedAppraisers(em: EntityManager, periodId: number, unitId: number, areaCode: string): Promise<number[]> {
  const rows = await em.execute<{ appraiser_id: number }[]>(
    `select distinct appraiser_id from appraisal_assignment
      where period_id = ? and (area_code is null or area_code = ?) and (unit_id is null or unit_id = ?)`,
    [periodId, areaCode, unitId],
  );
  return rows.map((row) => row.appraiser_id);
}

/** Active appraisers, for the secretariat's assignment form. */
export async function queryAppraisers(ctx: AppContext): Promise<AppraiserView[]> {
  authorize(requireUser(ctx), 'create', 'AppraisalAssignment');
  const rows = await ctx.em.execute<{ id: number; display_name: string; unit_id: number | null }[]>(
    `select id, display_name, unit_id from app_user where active and 'APPRAISER' = any(roles) order by display_name`,
  );
  return rows.map((row) => ({ id: row.id, displayName: row.display_name, unitId: row.unit_id }));
}

/** The period's appraisal state, for anyone who may read the period. */
export async function readableCycle(ctx: AppContext, periodId: number): Promise<AppraisalCycleView> {
  await readablePeriod(ctx, periodId);
  return (await cycleLoader(ctx).load(periodId))!;
}

/** Secretariat: every assignment of the period; an appraiser: their own. */
export async function readableAssignments(ctx: AppContext, periodId: number): Promise<AssignmentView[]> {
  await readablePeriod(ctx, periodId);
  return queryAssignments(ctx, periodId);
}

const SHEET_UNDER_REVIEW = { vi: 'bảng điểm đang thẩm định', en: 'Sheet under appraisal' };

/** A sheet under review the actor may act on with `action`: FORBIDDEN otherwise (NOT_FOUND, see `missingRow`). */
export async function authorizedReview(em: EntityManager, actor: Actor, key: ReviewKey, action: Action = 'read'): Promise<ReviewRow> {
  const review = await findReview(em, key);
  if (!review) throw missingRow(actor, action, 'SheetReview', SHEET_UNDER_REVIEW, Object.values(key).join('/'));
  authorize(actor, action, 'SheetReview', reviewSubject(review));
  return review;
}
