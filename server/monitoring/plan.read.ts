import type DataLoader from 'dataloader';
import { groupBy, requestLoader, requireUser, type AppContext } from '../access/index.ts';
import { unitJson } from '../units/index.ts';
import { toDate } from '../shared/sql.ts';
import { PLAN, TASK } from './monitoring.errors.ts';
import { readableConditions, readableRecord, type RecordWhere } from './monitoring.read.ts';
import { TaskChangeStatus } from './plan.entity.ts';
import { issuedOnTime } from './plan.logic.ts';
import { TASK_COUNTS_JSON, TASK_FLAGS } from './task.sql.ts';
import type { PlanKind } from './plan.entity.ts';
import type { AnnualPlanView, MonitoringYearView, PlanTaskFilter, PlanTaskView, TaskChangeRequestView } from './plan.types.ts';

export async function queryYears(ctx: AppContext): Promise<MonitoringYearView[]> {
  requireUser(ctx);
  const rows = await ctx.em.getConnection().execute<(Omit<MonitoringYearView, 'closedAt'> & { closedAt: string | null })[]>(
    `select id, year, to_char(plan_deadline, 'YYYY-MM-DD') as "planDeadline", reminder_days as "reminderDays", closed_at as "closedAt"
       from monitoring_year order by year desc`,
  );
  return rows.map((row) => ({ ...row, closedAt: toDate(row.closedAt) }));
}

export interface PlanWhere extends RecordWhere {
  kind?: PlanKind;
}

/** Plans the caller may read, with their unit and task counts: one statement. */
export async function queryPlans(ctx: AppContext, where: PlanWhere): Promise<AnnualPlanView[]> {
  const readable = readableConditions(ctx, 'AnnualPlan', 'p', where);
  if (!readable) return [];
  const { q, conditions } = readable;
  if (where.kind) conditions.push(`p.kind = ${q.bind(where.kind)}`);
  const rows = await ctx.em.getConnection().execute<(Omit<AnnualPlanView, 'updatedAt' | 'issuedOnTime'> & { updatedAt: string })[]>(
    `select p.id, p.unit_id as "unitId", p.year, p.kind, p.document_number as "documentNumber",
            to_char(p.issue_date, 'YYYY-MM-DD') as "issueDate", to_char(y.plan_deadline, 'YYYY-MM-DD') as deadline,
            p.file_name as "fileName", p.file_sha256 as "fileSha256", p.planned_inspections as "plannedInspections",
            p.version, p.updated_at as "updatedAt",
            ${unitJson('u')} as "unitRow",
            ${TASK_COUNTS_JSON} as stats
       from annual_plan p
       join unit u on u.id = p.unit_id
       left join monitoring_year y on y.year = p.year
       left join plan_task t on t.plan_id = p.id
      where ${conditions.join(' and ')}
      group by p.id, u.id, y.id
      order by p.year desc, u.block, u.code, p.kind`,
    q.params,
  );
  return rows.map((row) => ({
    ...row,
    updatedAt: toDate(row.updatedAt),
    issuedOnTime: issuedOnTime(row.issueDate, row.deadline),
  }));
}

export const readablePlan = (ctx: AppContext, id: number): Promise<AnnualPlanView> =>
  readableRecord(ctx, 'AnnualPlan', PLAN, 'annual_plan', id, (ids) => queryPlans(ctx, { ids }));

export interface TaskWhere extends PlanTaskFilter, RecordWhere {
  planIds?: number[];
}

/** Tasks the caller may read, with their cooperating units and pending change: one statement. */
export async function queryTasks(ctx: AppContext, where: TaskWhere): Promise<PlanTaskView[]> {
  const readable = readableConditions(ctx, 'PlanTask', 't', where);
  if (!readable) return [];
  const { q, conditions } = readable;
  if (where.planIds) conditions.push(`t.plan_id = any(${q.ints(where.planIds)})`);
  if (where.area != null) conditions.push(`t.area = ${q.bind(where.area)}`);
  if (where.status) conditions.push(`t.status = ${q.bind(where.status)}`);
  if (where.cityAssigned != null) conditions.push(`${where.cityAssigned ? '' : 'not '}t.city_assigned`);
  if (where.overdue != null) conditions.push(`${where.overdue ? '' : 'not '}${TASK_FLAGS.overdue}`);
  const rows = await ctx.em
    .getConnection()
    .execute<(Omit<PlanTaskView, 'updatedAt' | 'pendingChange'> & RawChange & { updatedAt: string })[]>(
      `select t.id, t.plan_id as "planId", t.unit_id as "unitId", t.year, t.code, t.title, t.area, t.output,
            to_char(t.deadline, 'YYYY-MM-DD') as deadline, to_char(t.original_deadline, 'YYYY-MM-DD') as "originalDeadline",
            array(select c.unit_id from plan_task_cooperating_unit c where c.task_id = t.id order by c.unit_id) as "cooperatingUnitIds",
            t.criterion_id as "criterionId", t.city_assigned as "cityAssigned", t.status, t.progress,
            to_char(t.completed_on, 'YYYY-MM-DD') as "completedOn", ${TASK_FLAGS.overdue} as overdue, ${TASK_FLAGS.doneOnTime} as "doneOnTime",
            t.output_file_name as "outputFileName", t.output_document_number as "outputDocumentNumber",
            t.output_file_sha256 as "outputFileSha256", t.version, t.updated_at as "updatedAt",
            (select ${CHANGE_JSON} from task_change_request r left join app_user ru on ru.id = r.requested_by_id
              where r.task_id = t.id and r.status = '${TaskChangeStatus.PENDING}' order by r.id desc limit 1) as "pendingChange"
       from plan_task t
      where ${conditions.join(' and ')}
      order by t.year desc, t.unit_id, t.deadline, t.id`,
      q.params,
    );
  return rows.map((row) => ({ ...row, updatedAt: toDate(row.updatedAt), pendingChange: changeView(row.pendingChange) }));
}

/** A change request row (aliased `r`, its requester `ru`) as JSON with the view's field names. */
const CHANGE_JSON = `json_build_object('id', r.id, 'taskId', r.task_id, 'unitId', r.unit_id, 'kind', r.kind,
  'newDeadline', to_char(r.new_deadline, 'YYYY-MM-DD'), 'reason', r.reason, 'status', r.status, 'requestedByName', ru.display_name,
  'requestedAt', r.requested_at, 'decidedAt', r.decided_at, 'decisionComment', r.decision_comment)`;

type RawChangeView = Omit<TaskChangeRequestView, 'requestedAt' | 'decidedAt'> & { requestedAt: string; decidedAt: string | null };
interface RawChange {
  pendingChange: RawChangeView | null;
}

const changeView = (raw: RawChangeView | null): TaskChangeRequestView | null =>
  raw && { ...raw, requestedAt: toDate(raw.requestedAt), decidedAt: toDate(raw.decidedAt) };

/** Change requests the caller may read (the secretariat: every unit's), newest first: one statement. */
export async function queryChangeRequests(ctx: AppContext, status?: TaskChangeStatus): Promise<TaskChangeRequestView[]> {
  const readable = readableConditions(ctx, 'TaskChangeRequest', 'r', {});
  if (!readable) return [];
  const { q, conditions } = readable;
  if (status) conditions.push(`r.status = ${q.bind(status)}`);
  const rows = await ctx.em.getConnection().execute<{ change: RawChangeView }[]>(
    `select ${CHANGE_JSON} as change from task_change_request r left join app_user ru on ru.id = r.requested_by_id
      where ${conditions.join(' and ')} order by r.requested_at desc, r.id desc`,
    q.params,
  );
  return rows.map((row) => changeView(row.change)!);
}

export const readableTask = (ctx: AppContext, id: number): Promise<PlanTaskView> =>
  readableRecord(ctx, 'PlanTask', TASK, 'plan_task', id, (ids) => queryTasks(ctx, { ids }));

/** Each plan's tasks under one filter, batched per request: any number of plans cost one statement. */
export const planTasksLoader = (ctx: AppContext, filter: PlanTaskFilter = {}): DataLoader<number, PlanTaskView[]> =>
  requestLoader(ctx, `planTasks:${JSON.stringify(filter)}`, async (planIds) =>
    groupBy(planIds, await queryTasks(ctx, { ...filter, planIds: [...planIds] }), (row) => row.planId),
  );
