import { subject as asSubject } from '@casl/ability';
import { requireUser, type AppContext } from '../access/index.ts';
import { criteriaTreeLoader, CriterionKind, type CriterionView } from '../criteria/index.ts';
import { sheetEvidenceLoader } from '../evidence/index.ts';
import { toDate } from '../shared/sql.ts';
import {
  assignmentCovers,
  authorizedReview,
  type ItemRow,
  loadItemRows,
  permittedAssignments,
  type ReviewKey,
  type ReviewRow,
  reviewSubject,
  toAppraisal,
} from './appraisal.read.ts';
import type {
  AppraisalEvidenceView,
  AppraisalItemView,
  EvidenceVerdictView,
  ExplanationRequestView,
  SheetAppraisalView,
} from './appraisal.types.ts';
import { appraisalEvidence } from './evidence.read.ts';

/** The area (top-level ancestor) of a criterion. */
export function areaOf(criterion: CriterionView): CriterionView {
  let node = criterion;
  while (node.parent) node = node.parent;
  return node;
}

function toRequest(row: ItemRow): Omit<ExplanationRequestView, 'evidence'> | null {
  if (row.er_id === null) return null;
  return {
    id: row.er_id,
    scoreId: row.score_id,
    question: row.er_question!,
    requestedByName: row.er_requested_by!,
    requestedAt: toDate(row.er_requested_at!),
    answer: row.er_answer,
    answeredByName: row.er_answered_by,
    answeredAt: toDate(row.er_answered_at),
    version: row.er_version!,
  };
}

/**
 * A sheet's appraisal view for the caller, who may read `review` (checked by the resolver).
 * Units see round-2 scores only once final. Fixed statements: the criteria tree, the scores
 * with their appraisals and requests, the evidence, and the caller's assignments.
 */
async function buildSheetAppraisal(ctx: AppContext, review: ReviewRow): Promise<SheetAppraisalView> {
  const target = asSubject('SheetReview', reviewSubject(review));
  const showRound2 = ctx.ability.can('readInternal', target) || review.releasedRound >= 2;
  const mayAppraise = review.cycle.currentRound !== null && ctx.ability.can('appraise', target);
  const [tree, { rows, totals }, evidence, scopes] = await Promise.all([
    criteriaTreeLoader(ctx).load(review.criteriaSetId),
    loadItemRows(ctx.em, review.sheetId, showRound2),
    sheetEvidenceLoader(ctx).load(review.sheetId),
    mayAppraise ? permittedAssignments(ctx.em, ctx.ability, review.periodId) : Promise.resolve([]),
  ]);
  const byCriterion = new Map(rows.map((row) => [row.criterion_id, row]));

  const items: AppraisalItemView[] = [];
  for (const criterion of tree.flat) {
    const row = criterion.isLeaf ? byCriterion.get(criterion.id) : undefined;
    if (!row) continue;
    const areaCode = areaOf(criterion).code;
    const round1 = toAppraisal(row, 'a1', 1);
    const round2 = showRound2 ? toAppraisal(row, 'a2', 2) : null;
    const request = toRequest(row);
    const verdicts = new Map(
      row.verdicts.map(({ evidenceId, updatedAt, ...verdict }): [number, EvidenceVerdictView] => [
        evidenceId,
        { ...verdict, updatedAt: toDate(updatedAt) },
      ]),
    );
    const judged = (evidenceId: number, frozenSha256: string | null, supplementary: boolean): AppraisalEvidenceView =>
      appraisalEvidence(evidence.documentsById.get(evidenceId)!, frozenSha256, supplementary, verdicts.get(evidenceId) ?? null);
    items.push({
      scoreId: row.score_id,
      sheetId: review.sheetId,
      criterion,
      areaCode,
      selfPoints: row.self_points,
      note: row.note,
      applicable: row.applicable,
      notApplicableReason: row.not_applicable_reason,
      round1,
      round2,
      finalPoints: row.final_points,
      canAppraise:
        mayAppraise &&
        criterion.kind !== CriterionKind.SURVEY &&
        row.applicable &&
        scopes.some((scope) => assignmentCovers(scope, areaCode, review.unitId)),
      evidence: (evidence.linksByScore.get(row.score_id) ?? []).map((link) => judged(link.evidence.id, link.frozenSha256, false)),
      explanationRequest: request && {
        ...request,
        evidence: row.supplementary.map((document) => judged(document.evidenceId, document.frozenSha256, true)),
      },
    });
  }

  // A sheet under review has a score row per sub-criterion; without any, nothing counts but the configured caps.
  const none = '0.00';
  return {
    reviewId: review.reviewId,
    sheetId: review.sheetId,
    periodId: review.periodId,
    unit: review.unit,
    criteriaSetId: review.criteriaSetId,
    cycle: review.cycle,
    releasedRound: review.releasedRound,
    explanationStatus: review.explanationStatus,
    explanationLockedAt: review.explanationLockedAt,
    items,
    totals: totals ?? {
      selfPoints: none,
      finalPoints: none,
      bonusProposed: none,
      bonusAwarded: none,
      bonusCap: review.cycle.bonusCap ?? none,
      deduction: none,
      deductionCap: review.cycle.deductionCap ?? none,
    },
  };
}

/** A unit's sheet under appraisal as the caller may see it: NOT_FOUND or FORBIDDEN otherwise. */
export async function readableSheetAppraisal(ctx: AppContext, key: ReviewKey): Promise<SheetAppraisalView> {
  return buildSheetAppraisal(ctx, await authorizedReview(ctx.em, requireUser(ctx), key));
}

/** One sub-criterion of a sheet under appraisal as the caller may see it. */
export async function readableItem(ctx: AppContext, scoreId: number): Promise<AppraisalItemView> {
  return (await readableSheetAppraisal(ctx, { scoreId })).items.find((item) => item.scoreId === scoreId)!;
}
