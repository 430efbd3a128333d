import { columnsOn, hasRole, isUnitUser, Role, type PermissionRules, type SubjectColumns } from '../access/index.ts';
import { ScoreSheetStatus } from './scoring.entity.ts';

/**
 * Score sheets and, through them, their scores and evidence. Unit roles see and change only their
 * own unit's sheet, and change it only as a draft; whether the period and its deadline still allow
 * changes is a rule of the moment, checked by scoring.access.ts with its own error codes.
 */
export const scoringPermissions: PermissionRules = (user, { can }) => {
  if (isUnitUser(user)) {
    can('read', 'ScoreSheet', { unit: user.unitId });
    can('update', 'ScoreSheet', { unit: user.unitId, status: ScoreSheetStatus.DRAFT });
    if (hasRole(user, Role.UNIT_LEAD)) can('submit', 'ScoreSheet', { unit: user.unitId, status: ScoreSheetStatus.DRAFT });
  }
  if (hasRole(user, Role.APPRAISER, Role.SECRETARIAT, Role.ANALYST)) can(['read', 'oversee'], 'ScoreSheet');
  if (hasRole(user, Role.SECRETARIAT)) {
    can('reopen', 'ScoreSheet', { status: ScoreSheetStatus.SUBMITTED });
    // Extending one unit's deadline and reminding units of it (self-scoring overview).
    can(['extend', 'remind'], 'ScoreSheet');
  }
};

/** ScoreSheet's rule conditions in SQL, on the `score_sheet` row aliased `alias` (for rules→SQL in raw read queries). */
export const scoreSheetColumns = (alias: string): SubjectColumns =>
  columnsOn(alias, { id: 'id', unit: 'unit_id', period: 'period_id', status: 'status' });
