import { columnsOn, hasRole, isUnitUser, Role, type PermissionRules, type SubjectColumns } from '../access/index.ts';

/**
 * `SheetReview` rows carry the sheet's `unit`, `releasedRound` and whether the period's results are
 * `published`, so each rule below is also a SQL filter. `readInternal` = sees results before they are
 * released to the unit. Appraisers read every sheet under review but their own unit's; what they may
 * change is narrowed further by their `AppraisalAssignment`s (both rules must allow an item).
 */
export const appraisalPermissions: PermissionRules = (user, { can, cannot }) => {
  if (hasRole(user, Role.SECRETARIAT)) {
    can(['read', 'create', 'delete'], 'AppraisalAssignment');
    can(['read', 'readInternal', 'readHistory', 'comment'], 'SheetReview');
    can(['openAppraisal', 'releaseResults', 'openExplanation', 'finalize', 'configureAppraisal'], 'Period');
    can('resolve', 'Comment');
  }
  if (hasRole(user, Role.APPRAISER)) {
    can(['read', 'appraise'], 'AppraisalAssignment', { appraiser: user.id });
    can(['read', 'readInternal', 'readHistory', 'comment', 'appraise'], 'SheetReview');
  }
  // What analysts see of appraisal follows the results rule (results.permissions.ts): every path, once published.
  if (hasRole(user, Role.ANALYST)) can(['read', 'readInternal', 'readHistory'], 'SheetReview', { published: true });
  if (isUnitUser(user)) {
    // A unit sees the appraisal of its own sheet only once round-1 results are released.
    can(['read', 'comment'], 'SheetReview', { unit: user.unitId, releasedRound: { $gte: 1 } });
    can('explain', 'SheetReview', { unit: user.unitId, releasedRound: { $gte: 1 } });
    if (hasRole(user, Role.UNIT_LEAD)) can('lockExplanation', 'SheetReview', { unit: user.unitId, releasedRound: { $gte: 1 } });
  }
  // Who may comment on a sheet is the `comment` rule on SheetReview above; a comment is edited by its author only,
  // and a thread is resolved by those who wrote in it (and the secretariat), each still needing `comment` on the sheet.
  can('update', 'Comment', { author: user.id });
  can('resolve', 'Comment', { participants: user.id });
  if (user.unitId !== null) {
    // Nobody appraises their own unit, whatever their assignments say; and a member of a unit (an appraiser
    // or analyst too) sees its appraisal only as the unit does: once released, and never before release.
    cannot(['appraise', 'readInternal', 'readHistory'], 'SheetReview', { unit: user.unitId });
    cannot(['read', 'comment'], 'SheetReview', { unit: user.unitId, releasedRound: { $lt: 1 } });
  }
};

/** SheetReview's rule conditions in SQL, on the `sheet_review` row aliased `alias`. */
export const sheetReviewColumns = (alias: string): SubjectColumns => ({
  ...columnsOn(alias, {
    id: 'id',
    sheet: 'sheet_id',
    unit: 'unit_id',
    period: 'period_id',
    releasedRound: 'released_round',
    explanationStatus: 'explanation_status',
  }),
  published: `(exists (select 1 from period_publication pp where pp.period_id = ${alias}.period_id))`,
});
