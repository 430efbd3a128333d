import type { ServerModule } from '../access/index.ts';
import { addMeasuredPointsSource } from '../scoring/index.ts';
import { InspectionConclusionResolver, PlanFileResolver, TaskOutputResolver } from './files.resolver.ts';
import { monitoringFacts, monitoringPermissions } from './monitoring.permissions.ts';
import { monitoringRoutes } from './monitoring.routes.ts';
import { AnnualPlan, MonitoringYear, PlanTask, TaskChangeRequest } from './plan.entity.ts';
import { AnnualPlanResolver, PlanTaskResolver } from './plan.resolver.ts';
import { Inspection } from './inspection.entity.ts';
import { InspectionResolver } from './inspection.resolver.ts';
import { sendMonitoringReminders } from './monitoring.reminders.ts';
import { PeriodicReport, ReportPeriod } from './report.entity.ts';
import { PeriodicReportResolver, ReportPeriodResolver } from './report.resolver.ts';
import { SuggestionRule } from './suggestion.entity.ts';
import { monitoredPoints } from './suggestion.read.ts';
import { SheetSuggestionsResolver, SuggestionRuleResolver } from './suggestion.resolver.ts';
import { monitoringRecordResolvers, MonitoringOverviewResolver, TaskAggregatesResolver } from './overview.resolver.ts';

/**
 * The monitoring of PAR activities through the year (hệ thống theo dõi, đánh giá hoạt động CCHC):
 * annual plans and their tasks, periodic reports and inspections, which feed area 1 of the index.
 */
export const monitoringModule: ServerModule = {
  name: 'monitoring',
  entities: [MonitoringYear, AnnualPlan, PlanTask, TaskChangeRequest, ReportPeriod, PeriodicReport, Inspection, SuggestionRule],
  resolvers: [
    AnnualPlanResolver,
    PlanTaskResolver,
    ReportPeriodResolver,
    PeriodicReportResolver,
    InspectionResolver,
    SuggestionRuleResolver,
    SheetSuggestionsResolver,
    PlanFileResolver,
    TaskOutputResolver,
    InspectionConclusionResolver,
    MonitoringOverviewResolver,
    ...monitoringRecordResolvers,
    TaskAggregatesResolver,
  ],
  permissions: monitoringPermissions,
  permissionFacts: monitoringFacts,
  routes: monitoringRoutes,
  jobs: [{ name: 'monitoring-reminders', everyMs: 3_600_000, run: sendMonitoringReminders }],
};

// The pre-submit check warns of a self-score above what the monitoring facts give.
addMeasuredPointsSource(monitoredPoints);

// The public surface: what other modules may use.
export { AnnualPlan, MonitoringYear, PlanKind, PlanTask, TaskStatus } from './plan.entity.ts';
export { assignCityTask, configureYear, createTask, savePlan, updateProgress } from './plan.service.ts';
export { monitoringColumns } from './monitoring.permissions.ts';
export { Inspection } from './inspection.entity.ts';
export { PeriodicReport, ReportKind, ReportPeriod, ReportStatus } from './report.entity.ts';
export { DEFAULT_REPORT_TEMPLATE } from './report.logic.ts';
export { MonitoringMeasure, SuggestionRule } from './suggestion.entity.ts';
