import { hasRole, isUnitUser, type PermissionRules } from '../access/index.ts';
import { Role } from '../access/index.ts';

/**
 * Results (issue 6, "Publication"): before a period's results are published only the secretariat
 * and the appraisers see totals; after it, units see every unit's index and rank (the `summary`
 * field) and their own unit's full details, and analysts see everything.
 *
 * Subjects are checked on plain rows: PeriodResult `{ period, unit, published }`,
 * Calibration and SurveyResult `{ period, published }`.
 */
export const resultsPermissions: PermissionRules = (user, { can }) => {
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
};
