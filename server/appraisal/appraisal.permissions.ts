import { hasRole, isUnitUser, Role, type PermissionRules, type SubjectColumns } from '../access/index.ts';

/**
 * `SheetReview` rows carry the sheet's `unit` and `releasedRound`, so each rule below is also a
 * SQL filter. `readInternal` = sees results before they are released to the unit. Appraisers read every sheet under review; what they may change is narrowed further
 * by their `AppraisalAssignment`s (both rules must allow an item).
 */
export const appraisalPermissions: PermissionRules = (user, { can, cannot }) => {
  if (hasRole(user, Role.SECRETARIAT)) {
    can(['read', 'create', 'delete'], 'AppraisalAssignment');
    can(['read', 'readInternal', 'readHistory', 'comment'], 'SheetReview');
    can(['openAppraisal', 'releaseResults', 'openExplanation', 'finalize', 'configureAppraisal'], 'Period');
  }
  if (hasRole(user, Role.APPRAISER)) {
    can(['read', 'appraise'], 'AppraisalAssignment', { appraiser: user.id });
    can(['read', 'readInternal', 'readHistory', 'comment', 'appraise'], 'SheetReview');
  }
  if (hasRole(user, Role.ANALYST, Role.ADMIN)) can(['read', 'readInternal', 'readHistory'], 'SheetReview');
  if (isUnitUser(user)) {
    // A unit sees the appraisal of its own sheet only once round-1 results are released.
    can(['read', 'comment'], 'SheetReview', { unit: user.unitId, releasedRound: { $gte: 1 } });
    can('explain', 'SheetReview', { unit: user.unitId, releasedRound: { $gte: 1 } });
    if (hasRole(user, Role.UNIT_LEAD)) can('lockExplanation', 'SheetReview', { unit: user.unitId, releasedRound: { $gte: 1 } });
  }
  // Who may comment on a sheet is the `comment` rule on SheetReview above; a comment is edited by its author only.
  can('update', 'Comment', { author: user.id });
  // Nobody appraises their own unit, whatever their assignments say.
  if (user.unitId !== null) cannot('appraise', 'SheetReview', { unit: user.unitId });
};

/** SheetReview's rule conditions in SQL, on the `sheet_review` row aliased `alias`. */
export const sheetReviewColumns = (alias: string): SubjectColumns => ({
  id: `${alias}.id`,
  sheet: `${alias}.sheet_id`,
  unit: `${alias}.unit_id`,
  period: `${alias}.period_id`,
  releasedRound: `${alias}.released_round`,
  explanationStatus: `${alias}.explanation_status`,
});
