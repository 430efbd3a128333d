import { columnsOn, hasRole, isUnitUser, Role } from '../access/index.ts';
import type { PermissionFactsLoader, PermissionRules, SubjectColumns } from '../access/index.ts';
import { AppraisalAssignment } from '../appraisal/index.ts';
import { MonitoringYear, TaskChangeStatus } from './plan.entity.ts';
import { ReportStatus } from './report.entity.ts';

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

const RECORDS = ['AnnualPlan', 'PlanTask', 'TaskChangeRequest', 'Inspection'];
/** Outside its unit, a report is read once submitted: drafts stay with the unit. */
const SENT = { status: { $in: [ReportStatus.SUBMITTED, ReportStatus.RETURNED, ReportStatus.ACCEPTED] } };

/**
 * Subjects: MonitoringYear, AnnualPlan, PlanTask (definition: `update`; status and progress:
 * `progress`), TaskChangeRequest (`create` by the unit, `decide` by the secretariat), ReportPeriod,
 * PeriodicReport (`update` by staff and lead, `submit` by the lead only, `return` and `accept` by
 * the secretariat; whether its state allows it is the service's check, with its own codes),
 * ReportConsolidation (the city-level sums), Inspection and SuggestionRule (how area 1 is suggested).
 * Conditions use entity property names; `monitoringColumns` maps them to SQL.
 */
export const monitoringPermissions: PermissionRules = (user, { can }, facts) => {
  can('read', ['MonitoringYear', 'ReportPeriod']);
  if (hasRole(user, Role.SECRETARIAT)) {
    can(['create', 'update', 'close'], 'MonitoringYear');
    can('update', ['ReportPeriod', 'SuggestionRule']);
    can('read', RECORDS);
    can('read', 'ReportConsolidation');
    can('read', 'PeriodicReport', SENT);
    can(['return', 'accept'], 'PeriodicReport');
    // The city's own plan assigns tasks: the secretariat writes those, and only those, into a unit's plan.
    can(['create', 'update'], 'PlanTask', { cityAssigned: true });
    can('decide', 'TaskChangeRequest', { status: TaskChangeStatus.PENDING });
  }
  if (hasRole(user, Role.ANALYST)) {
    can('read', RECORDS);
    can('read', 'ReportConsolidation');
    can('read', 'PeriodicReport', SENT);
  }
  const known = facts.monitoring;
  if (known && hasRole(user, Role.APPRAISER)) {
    const appraised = known.appraisedUnits === null ? undefined : { unit: { $in: known.appraisedUnits } };
    can('read', RECORDS, appraised);
    can('read', 'PeriodicReport', { ...appraised, ...SENT });
  }
  if (known && isUnitUser(user)) {
    const unit = user.unitId;
    const open = { unit, year: { $in: known.openYears } };
    // No unit reads another unit's records.
    can('read', [...RECORDS, 'PeriodicReport'], { unit });
    can(['create', 'update'], 'AnnualPlan', open);
    can(['create', 'update'], 'PlanTask', { ...open, cityAssigned: false });
    can('progress', 'PlanTask', open);
    can('create', 'TaskChangeRequest', open);
    can(['create', 'update', 'delete'], 'Inspection', open);
    can('update', 'PeriodicReport', open);
    if (hasRole(user, Role.UNIT_LEAD)) can('submit', 'PeriodicReport', open);
  }
};

/** The rule conditions of the module's records (AnnualPlan, PlanTask, TaskChangeRequest, PeriodicReport, Inspection) in SQL, on the row aliased `alias`. */
export const monitoringColumns = (alias: string): SubjectColumns =>
  columnsOn(alias, { id: 'id', unit: 'unit_id', year: 'year', cityAssigned: 'city_assigned', status: 'status' });
