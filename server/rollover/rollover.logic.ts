import type { AcceptedComment } from '../consultation/index.ts';
import { FeedbackAspect, FeedbackResolution, FeedbackResponseStatus } from '../consultation/index.ts';
import type { ScoringBand } from '../criteria/index.ts';
import { fromHundredths, toHundredths } from '../shared/decimal.ts';
import { describedEnum, type EnumValue } from '../shared/enum.ts';
import { cleanText } from '../shared/text.ts';
import type { UnitBlock, UnitView } from '../units/index.ts';

/** The field of a copied criterion an accepted comment changes. */
export const ChangeField = describedEnum({
  SCORING_METHOD: 'The scoring method text.',
  EVIDENCE_REQUIREMENT: 'The evidence requirement text.',
  MAX_POINTS: 'The maximum points of a sub-criterion, with its bands.',
});
export type ChangeField = EnumValue<typeof ChangeField>;

/** Why an accepted (or partially accepted) comment cannot be applied to next year's draft. */
export const ChangeSkipReason = describedEnum({
  ANSWER_NOT_PUBLISHED: 'The answer is still a draft of the secretariat: not yet the department’s word.',
  PARTIAL_NOT_RECORDED: 'Partially accepted without a revised criterion: which part was taken up is only in the explanation.',
  WHOLE_DRAFT: 'The comment is on the whole draft, not on a criterion.',
  GENERAL_ASPECT: 'A general comment names no field of the criterion.',
  NO_NEW_TEXT: 'Accepted without a proposed wording or a revised criterion: there is no new text to apply.',
  POINTS_NOT_RECORDED: 'Proposed points are free text; only a revised criterion records points that can be applied.',
  NOT_IN_SET: 'The criterion’s code is not in the published set that is copied.',
  NOT_A_LEAF: 'Maximum points change on sub-criteria (leaves) only: a parent’s maximum is the sum of its children’s.',
  CONFLICTING: 'Another applicable comment sets the same field of the same criterion to something else.',
});
export type ChangeSkipReason = EnumValue<typeof ChangeSkipReason>;

/** Why an appraiser assignment of last year's period is not carried into the new one. */
export const AssignmentSkipReason = describedEnum({
  APPRAISER_UNAVAILABLE: 'The appraiser’s account is deactivated or no longer has the appraiser role.',
  UNIT_NOT_ASSESSED: 'The assigned unit is inactive or not in a block of the new period.',
  AREA_MISSING: 'The assigned area’s code is not a top-level criterion of the new drafts.',
  OWN_UNIT: 'The appraiser now belongs to the assigned unit.',
});
export type AssignmentSkipReason = EnumValue<typeof AssignmentSkipReason>;

/** One criterion of a published set as the plan needs it. */
export interface SourceCriterion {
  code: string;
  maxPoints: string;
  isTop: boolean;
  isLeaf: boolean;
}

/** An accepted comment and what the rollover does with it: the change applied, or why not. */
export interface PlannedChange {
  commentId: number;
  block: UnitBlock;
  criterionCode: string | null;
  aspect: FeedbackAspect;
  resolution: FeedbackResolution;
  unitName: string;
  field: ChangeField | null;
  /** The new text, or the new maximum for MAX_POINTS. */
  value: string | null;
  /** With a MAX_POINTS change: the revised criterion's bands, which fit its maximum. */
  bands: ScoringBand[] | null;
  applied: boolean;
  skipReason: ChangeSkipReason | null;
}

const TEXT_FIELDS: Partial<Record<FeedbackAspect, ChangeField>> = {
  [FeedbackAspect.SCORING_METHOD]: ChangeField.SCORING_METHOD,
  [FeedbackAspect.EVIDENCE_REQUIREMENT]: ChangeField.EVIDENCE_REQUIREMENT,
};

/** What one comment changes, before conflicts between comments are looked at. */
function changeOf(
  comment: AcceptedComment,
  criteria: Map<string, SourceCriterion> | undefined,
): Omit<PlannedChange, keyof AcceptedCommentShown> {
  const skip = (skipReason: ChangeSkipReason) => ({ field: null, value: null, bands: null, applied: false, skipReason });
  if (comment.responseStatus !== FeedbackResponseStatus.PUBLISHED) return skip(ChangeSkipReason.ANSWER_NOT_PUBLISHED);
  const { revised } = comment;
  if (comment.resolution === FeedbackResolution.PARTIALLY_ACCEPTED && !revised) return skip(ChangeSkipReason.PARTIAL_NOT_RECORDED);
  if (comment.criterionCode === null) return skip(ChangeSkipReason.WHOLE_DRAFT);
  if (comment.aspect === FeedbackAspect.GENERAL) return skip(ChangeSkipReason.GENERAL_ASPECT);
  const target = criteria?.get(comment.criterionCode);
  if (!target) return skip(ChangeSkipReason.NOT_IN_SET);
  if (comment.aspect === FeedbackAspect.MAX_POINTS) {
    if (!revised) return skip(ChangeSkipReason.POINTS_NOT_RECORDED);
    if (!revised.isLeaf || !target.isLeaf) return skip(ChangeSkipReason.NOT_A_LEAF);
    const bands = revised.bands.map((band) => ({ ...band }));
    return { field: ChangeField.MAX_POINTS, value: revised.maxPoints, bands, applied: true, skipReason: null };
  }
  const field = TEXT_FIELDS[comment.aspect]!;
  const text = revised
    ? field === ChangeField.SCORING_METHOD
      ? revised.scoringMethod
      : revised.evidenceRequirement
    : comment.proposedWording;
  // Stored as the criteria service stores any text (cleanText), so the preview shows the very characters kept.
  const value = cleanText(text, 'value');
  if (value === null) return skip(ChangeSkipReason.NO_NEW_TEXT);
  return { field, value, bands: null, applied: true, skipReason: null };
}

type AcceptedCommentShown = Pick<PlannedChange, 'commentId' | 'block' | 'criterionCode' | 'aspect' | 'resolution' | 'unitName'>;

/**
 * What the rollover does with each accepted comment of next year's consultations, given the published sets it copies
 * (by block, by code). Two applicable comments that set one field of one criterion differently are both left out.
 */
export function planChanges(comments: AcceptedComment[], setsByBlock: Map<UnitBlock, Map<string, SourceCriterion>>): PlannedChange[] {
  const planned: PlannedChange[] = comments.map((comment) => ({
    commentId: comment.commentId,
    block: comment.block,
    criterionCode: comment.criterionCode,
    aspect: comment.aspect,
    resolution: comment.resolution,
    unitName: comment.unitName,
    ...changeOf(comment, setsByBlock.get(comment.block)),
  }));
  const key = (change: PlannedChange) => `${change.block}|${change.criterionCode}|${change.field}`;
  const values = new Map<string, Set<string>>();
  for (const change of planned.filter((candidate) => candidate.applied)) {
    values.set(key(change), (values.get(key(change)) ?? new Set()).add(JSON.stringify([change.value, change.bands])));
  }
  return planned.map((change) =>
    change.applied && values.get(key(change))!.size > 1
      ? { ...change, field: null, value: null, bands: null, applied: false, skipReason: ChangeSkipReason.CONFLICTING }
      : change,
  );
}

/** The changes to make to one block's copy: one per criterion and field (agreeing comments make one change). */
export function changesToMake(changes: PlannedChange[], block: UnitBlock): PlannedChange[] {
  const seen = new Set<string>();
  return changes.filter((change) => {
    const key = `${change.criterionCode}|${change.field}`;
    if (!change.applied || change.block !== block || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The copied set's total maximum once its changes are made: the sum of its leaves (every parent is the sum of its children). */
export function totalMaxPoints(criteria: SourceCriterion[], changes: PlannedChange[]): string {
  const changed = new Map(
    changes.filter((change) => change.field === ChangeField.MAX_POINTS).map((change) => [change.criterionCode, change.value!]),
  );
  const leaves = criteria.filter((criterion) => criterion.isLeaf);
  return fromHundredths(leaves.reduce((sum, leaf) => sum + toHundredths(changed.get(leaf.code) ?? leaf.maxPoints, 'maxPoints'), 0));
}

/** The same instant a year later (UTC); 29 February becomes 28 February. */
export function aYearLater(date: Date): Date {
  const later = new Date(date.getTime());
  later.setUTCFullYear(date.getUTCFullYear() + 1);
  if (later.getUTCMonth() !== date.getUTCMonth()) later.setUTCDate(0);
  return later;
}

/** A title or name of year `from` made the next year's: every standalone `from` becomes `from + 1`. */
export const nextYearText = (text: string, from: number): string =>
  text.replace(new RegExp(`(?<!\\d)${from}(?!\\d)`, 'g'), String(from + 1));

/** One appraiser assignment of last year's period, with what decides whether it is carried over. */
export interface SourceAssignment {
  appraiserId: number;
  appraiserName: string;
  appraiserAvailable: boolean;
  appraiserUnitId: number | null;
  areaCode: string | null;
  unit: UnitView | null;
}

/** Whether an assignment is carried into the new period (null) or why not. */
export function assignmentSkipReason(
  assignment: SourceAssignment,
  areaCodes: Set<string>,
  blocks: Set<UnitBlock>,
): AssignmentSkipReason | null {
  if (!assignment.appraiserAvailable) return AssignmentSkipReason.APPRAISER_UNAVAILABLE;
  if (assignment.areaCode !== null && !areaCodes.has(assignment.areaCode)) return AssignmentSkipReason.AREA_MISSING;
  if (assignment.unit) {
    if (!assignment.unit.active || !blocks.has(assignment.unit.block)) return AssignmentSkipReason.UNIT_NOT_ASSESSED;
    if (assignment.appraiserUnitId === assignment.unit.id) return AssignmentSkipReason.OWN_UNIT;
  }
  return null;
}
