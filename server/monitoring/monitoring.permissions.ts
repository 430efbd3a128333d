import { hasRole, isUnitUser, Role, type PermissionFactsLoader, type PermissionRules, type SubjectColumns } from '../access/index.ts';
import { AppraisalAssignment } from '../appraisal/index.ts';
import { MonitoringYear, TaskChangeStatus } from './plan.entity.ts';

/** What the monitoring rules need to know beyond the user; loaded with the ability (see AbilityCache). */
export interface MonitoringFacts {
  /** Years units may still edit (not closed by the secretariat). */
  openYears: number[];
  /** Appraisers: the units they appraise in some period; null = every unit. */
  appraisedUnits: number[] | null;
}

declare module '../access/ability.ts' {
  interface PermissionFacts {
    monitoring: MonitoringFacts;
  }
}

/** Open years for unit users; the appraised units for appraisers (at most two statements, only for users whose rules need them). */
export const monitoringFacts: PermissionFactsLoader = async (em, user) => {
  const unit = isUnitUser(user);
  const appraiser = hasRole(user, Role.APPRAISER);
  if (!unit && !appraiser) return {};
  const openYears = unit ? (await em.find(MonitoringYear, { closedAt: null }, { fields: ['year'] })).map((row) => row.year) : [];
  let appraisedUnits: number[] | null = [];
  if (appraiser) {
    const assignments = await em.find(AppraisalAssignment, { appraiser: user.id }, { fields: ['unit'] });
    appraisedUnits = assignments.some((row) => !row.unit) ? null : [...new Set(assignments.map((row) => row.unit!.id))];
  }
  return { monitoring: { openYears, appraisedUnits } };
};

const RECORDS = ['AnnualPlan', 'PlanTask', 'TaskChangeRequest'];

/**
 * Subjects: MonitoringYear, AnnualPlan, PlanTask (definition: `update`; status and progress:
 * `progress`), TaskChangeRequest (`create` by the unit, `decide` by the secretariat).
 * Conditions use entity property names; `monitoringColumns` maps them to SQL.
 */
export const monitoringPermissions: PermissionRules = (user, { can }, facts) => {
  can('read', 'MonitoringYear');
  if (hasRole(user, Role.SECRETARIAT)) {
    can(['create', 'update', 'close'], 'MonitoringYear');
    can('read', RECORDS);
    // The city's own plan assigns tasks: the secretariat writes those, and only those, into a unit's plan.
    can(['create', 'update'], 'PlanTask', { cityAssigned: true });
    can('decide', 'TaskChangeRequest', { status: TaskChangeStatus.PENDING });
  }
  if (hasRole(user, Role.ANALYST)) can('read', RECORDS);
  const known = facts.monitoring;
  if (known && hasRole(user, Role.APPRAISER)) {
    if (known.appraisedUnits === null) can('read', RECORDS);
    else can('read', RECORDS, { unit: { $in: known.appraisedUnits } });
  }
  if (known && isUnitUser(user)) {
    const unit = user.unitId;
    const open = { unit, year: { $in: known.openYears } };
    // No unit reads another unit's records.
    can('read', RECORDS, { unit });
    can(['create', 'update'], 'AnnualPlan', open);
    can(['create', 'update'], 'PlanTask', { ...open, cityAssigned: false });
    can('progress', 'PlanTask', open);
    can('create', 'TaskChangeRequest', open);
  }
};

/** The rule conditions of AnnualPlan, PlanTask and TaskChangeRequest in SQL, on the row aliased `alias` (each has unit_id; plans and tasks year). */
export const monitoringColumns = (alias: string): SubjectColumns => ({
  id: `${alias}.id`,
  unit: `${alias}.unit_id`,
  year: `${alias}.year`,
  cityAssigned: `${alias}.city_assigned`,
  status: `${alias}.status`,
});
