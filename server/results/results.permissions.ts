import { hasRole, isUnitUser, Role, type PermissionRules, type SubjectColumns } from '../access/index.ts';

/**
 * Results and their publication (docs/domain.md): before a period's results are published only the secretariat
 * and the appraisers see totals; after it, units see every unit's index and rank (the `summary`
 * field) and their own unit's full details, and analysts see everything.
 *
 * Subjects are checked on plain rows: PeriodResult `{ period, unit, published }`,
 * Calibration and SurveyResult `{ period, published }`.
 */
export const resultsPermissions: PermissionRules = (user, { can, cannot }) => {
  if (hasRole(user, Role.SECRETARIAT, Role.APPRAISER)) {
    can('read', ['PeriodResult', 'Calibration', 'SurveyResult']);
  }
  if (hasRole(user, Role.SECRETARIAT)) {
    can(['publish', 'withdraw'], 'PeriodResult');
    can('import', 'SurveyResult');
    can('update', 'ResultGroup');
  }
  if (hasRole(user, Role.ANALYST)) {
    can('read', ['PeriodResult', 'Calibration', 'SurveyResult'], { published: true });
  }
  if (isUnitUser(user)) {
    can('read', 'PeriodResult', ['summary'], { published: true });
    can('read', 'PeriodResult', { published: true, unit: user.unitId });
  }
  // A member of a unit (an appraiser too) sees its own unit's result only as the unit does: once published.
  if (user.unitId !== null) cannot('read', 'PeriodResult', { unit: user.unitId, published: false });
};

/** PeriodResult's rule conditions in SQL, for the unit and period given as SQL expressions. */
export const periodResultColumns = (period: string, unit: string): SubjectColumns => ({
  period,
  unit,
  published: `(exists (select 1 from period_publication pp where pp.period_id = ${period}))`,
});
