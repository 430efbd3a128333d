import type { ServerModule } from '../access/index.ts';
import { monitoringFacts, monitoringPermissions } from './monitoring.permissions.ts';
import { AnnualPlan, MonitoringYear, PlanTask, TaskChangeRequest } from './plan.entity.ts';
import { AnnualPlanResolver, PlanTaskResolver } from './plan.resolver.ts';

/**
 * The monitoring of PAR activities through the year (hệ thống theo dõi, đánh giá hoạt động CCHC):
 * annual plans and their tasks, which feed area 1 of the index.
 */
export const monitoringModule: ServerModule = {
  name: 'monitoring',
  entities: [MonitoringYear, AnnualPlan, PlanTask, TaskChangeRequest],
  resolvers: [AnnualPlanResolver, PlanTaskResolver],
  permissions: monitoringPermissions,
  permissionFacts: monitoringFacts,
};

// The public surface: what other modules may use.
export { AnnualPlan, MonitoringYear, PlanKind, PlanTask, TaskStatus } from './plan.entity.ts';
export { assignCityTask, configureYear, createTask, savePlan, updateProgress } from './plan.service.ts';
export { monitoringColumns } from './monitoring.permissions.ts';
