import { missingRow, permissionSql, requireUser, type Actor, type AppContext } from '../access/index.ts';
import { connectionOf, pageOf, type ConnectionData } from '../shared/connection.ts';
import { pageRows, SqlBuilder } from '../shared/sql-builder.ts';
import type { UnitView } from '../units/index.ts';
import { queryInspections } from './inspection.read.ts';
import { yearNotConfigured } from './monitoring.errors.ts';
import { monitoringColumns } from './monitoring.permissions.ts';
import { checkArea } from './plan.logic.ts';
import { queryPlans, queryTasks } from './plan.read.ts';
import { ReportStatus } from './report.entity.ts';
import { queryReports, REPORT_STATE_SQL } from './report.read.ts';
import { ReportState } from './report.types.ts';
import { TASK_COUNT_COLUMNS, TASK_FLAGS, withRates, type TaskCounts } from './task.sql.ts';
import type { InspectionView } from './inspection.types.ts';
import type { AnnualPlanView, PlanTaskView } from './plan.types.ts';
import type { PeriodicReportView } from './report.types.ts';
import type {
  InspectionRecordAggregatesView,
  InspectionRecordFilter,
  PlanRecordAggregatesView,
  PlanRecordFilter,
  ReportRecordAggregatesView,
  ReportRecordFilter,
  TaskCompletionView,
  TaskGroupBy,
  TaskGroupView,
  TaskRecordFilter,
} from './overview.types.ts';

const UNIT = { vi: 'đơn vị', en: 'Unit' };

/** What every record filter has: the year, and optionally one unit and one block. */
interface RecordScope {
  year: number;
  unitId?: number | null;
  block?: string | null;
}

/** The scope's conditions on a record aliased `alias` joined to its unit `u`, bound in `q` in text order. */
function scopeConditions(q: SqlBuilder, alias: string, scope: RecordScope): string {
  const conditions = [`${alias}.year = ${q.bind(scope.year)}`];
  if (scope.unitId != null) conditions.push(`${alias}.unit_id = ${q.bind(scope.unitId)}`);
  if (scope.block) conditions.push(`u.block = ${q.bind(scope.block)}::unit_block`);
  return conditions.join(' and ');
}

/**
 * One page of `from` (a CTE of `ctes`, with an `id` column) in `order`, with `stats` over every row and the
 * scope's checks (the year is configured, the unit exists): one statement. YEAR_NOT_CONFIGURED or the
 * unit's NOT_FOUND before any row is answered.
 */
async function recordPage(
  ctx: AppContext,
  q: SqlBuilder,
  ctes: string,
  from: string,
  stats: string,
  order: string,
  scope: RecordScope,
  page: { offset: number; limit: number },
): Promise<{ ids: number[]; keys: Record<string, unknown>[]; stats: Record<string, unknown> }> {
  const checks = `exists (select 1 from monitoring_year y where y.year = ${q.bind(scope.year)}) as configured,
    ${scope.unitId != null ? `exists (select 1 from unit x where x.id = ${q.bind(scope.unitId)})` : 'true'} as unit_known`;
  const raw = await ctx.em
    .getConnection()
    .execute<Record<string, unknown>[]>(
      `with ${ctes}, ${q.pageWithStats(from, `${checks}, ${stats}`, order, page.offset, page.limit)}`,
      q.params,
    );
  const head = raw[0]!;
  if (!head.configured) throw yearNotConfigured(scope.year);
  if (!head.unit_known) throw missingRow(requireUser(ctx), 'read', 'Unit', UNIT, scope.unitId);
  const rows = pageRows(raw);
  return { ids: rows.map((row) => Number(row.id)), keys: rows, stats: head };
}

/** `rows` in the order of `ids` (the page's order; the query by ids sorts its own way). */
const inOrder = <T extends { id: number }>(ids: number[], rows: T[]): T[] => {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
};

/** The caller's readable tasks matching `filter`, with their unit, as the CTE `records` (task columns kept under `t`'s names). */
function taskRecords(actor: Actor, q: SqlBuilder, filter: TaskRecordFilter): string {
  const permitted = permissionSql(actor.ability, 'read', 'PlanTask', monitoringColumns('t'));
  const conditions = [permitted ? q.splice(permitted) : 'false', scopeConditions(q, 't', filter)];
  if (filter.area != null) conditions.push(`t.area = ${q.bind(checkArea(filter.area, 'filter.area'))}`);
  if (filter.status?.length) conditions.push(`t.status::text = any(${q.texts(filter.status)})`);
  if (filter.cityAssigned != null) conditions.push(`${filter.cityAssigned ? '' : 'not '}t.city_assigned`);
  if (filter.overdue != null) conditions.push(`${filter.overdue ? '' : 'not '}${TASK_FLAGS.overdue}`);
  return `records as (
    select t.id, t.area, t.status, t.deadline, t.completed_on, t.city_assigned,
           t.unit_id, u.code as unit_code, u.name as unit_name, u.block, u.active as unit_active
      from plan_task t join unit u on u.id = t.unit_id
     where ${conditions.join(' and ')})`;
}

const counts = (stats: Record<string, unknown>): TaskCompletionView =>
  withRates(
    Object.fromEntries(
      ['total', 'done', 'doneOnTime', 'overdue', 'cityAssigned', 'cityAssignedDone'].map((key) => [key, Number(stats[key] ?? 0)]),
    ) as unknown as TaskCounts,
  );

/** Tasks across units, paged (by deadline, then unit), with completion over every match: two statements. */
export async function taskConnection(
  ctx: AppContext,
  filter: TaskRecordFilter,
  first: number,
  after: string | null | undefined,
): Promise<ConnectionData<PlanTaskView> & { aggregates: TaskCompletionView }> {
  const page = pageOf(first, after, { list: 'tasks', filter });
  const q = new SqlBuilder();
  const ctes = taskRecords(requireUser(ctx), q, filter);
  const stats = `count(*)::int as record_count, ${TASK_COUNT_COLUMNS}`;
  const found = await recordPage(ctx, q, ctes, 'records t', stats, 'deadline, unit_code, id', filter, page);
  const rows = found.ids.length ? inOrder(found.ids, await queryTasks(ctx, { ids: found.ids })) : [];
  return { ...connectionOf(rows, page, Number(found.stats.record_count)), aggregates: counts(found.stats) };
}

const GROUP_KEYS: Record<TaskGroupBy, { id: string; label: string; by: string; unit: boolean }> = {
  UNIT: { id: 't.unit_code', label: 't.unit_name', by: 't.unit_id, t.unit_code, t.unit_name, t.block, t.unit_active', unit: true },
  AREA: { id: 't.area::text', label: `'Lĩnh vực ' || t.area`, by: 't.area', unit: false },
  BLOCK: { id: 't.block::text', label: 't.block::text', by: 't.block', unit: false },
};

/** Task completion grouped by unit, area or block (units and blocks in block order, areas 1–8): one statement per page. */
export async function taskGroupConnection(
  ctx: AppContext,
  filter: TaskRecordFilter,
  groupBy: TaskGroupBy,
  first: number,
  after: string | null | undefined,
): Promise<ConnectionData<TaskGroupView>> {
  const page = pageOf(first, after, { list: 'taskGroups', filter, groupBy });
  const q = new SqlBuilder();
  const key = GROUP_KEYS[groupBy];
  const unit = key.unit
    ? `json_build_object('id', t.unit_id, 'code', t.unit_code, 'name', t.unit_name, 'block', t.block, 'active', t.unit_active)`
    : 'null::json';
  const ctes = `${taskRecords(requireUser(ctx), q, filter)},
    groups as (select ${key.id} as id, ${key.label} as label, ${unit} as unit, ${groupBy === 'AREA' ? 'null' : 't.block'} as sort_block,
                      ${groupBy === 'AREA' ? 't.area' : '0'} as sort_area, ${TASK_COUNT_COLUMNS}
                 from records t group by ${key.by})`;
  const found = await recordPage(ctx, q, ctes, 'groups', 'count(*)::int as group_count', 'sort_block, sort_area, id', filter, page);
  const groups = found.keys.map((row) => ({
    ...counts(row),
    key: String(row.id),
    label: String(row.label),
    unit: (row.unit as UnitView | null) ?? null,
  }));
  return connectionOf(groups, page, Number(found.stats.group_count));
}

/** Plans across units, paged by unit and kind, with how many are issued (on time): two statements. */
export async function planConnection(
  ctx: AppContext,
  filter: PlanRecordFilter,
  first: number,
  after: string | null | undefined,
): Promise<ConnectionData<AnnualPlanView> & { aggregates: PlanRecordAggregatesView }> {
  const page = pageOf(first, after, { list: 'plans', filter });
  const q = new SqlBuilder();
  const permitted = permissionSql(requireUser(ctx).ability, 'read', 'AnnualPlan', monitoringColumns('p'));
  const conditions = [permitted ? q.splice(permitted) : 'false', scopeConditions(q, 'p', filter)];
  if (filter.kind) conditions.push(`p.kind = ${q.bind(filter.kind)}`);
  if (filter.issued != null) conditions.push(`p.issue_date is ${filter.issued ? 'not ' : ''}null`);
  const ctes = `records as (
    select p.id, p.kind, u.code as unit_code, p.issue_date, y.plan_deadline
      from annual_plan p join unit u on u.id = p.unit_id left join monitoring_year y on y.year = p.year
     where ${conditions.join(' and ')})`;
  const stats = `count(*)::int as record_count, count(issue_date)::int as issued,
    count(*) filter (where issue_date <= plan_deadline)::int as issued_on_time`;
  const found = await recordPage(ctx, q, ctes, 'records', stats, 'unit_code, kind, id', filter, page);
  const rows = found.ids.length ? inOrder(found.ids, await queryPlans(ctx, { ids: found.ids })) : [];
  const total = Number(found.stats.record_count);
  return {
    ...connectionOf(rows, page, total),
    aggregates: { count: total, issued: Number(found.stats.issued), issuedOnTime: Number(found.stats.issued_on_time) },
  };
}

/** Reports the caller may read, paged by deadline and unit, with counts by timeliness and decision: two statements. */
export async function reportConnection(
  ctx: AppContext,
  filter: ReportRecordFilter,
  first: number,
  after: string | null | undefined,
): Promise<ConnectionData<PeriodicReportView> & { aggregates: ReportRecordAggregatesView }> {
  const page = pageOf(first, after, { list: 'reports', filter });
  const q = new SqlBuilder();
  const permitted = permissionSql(requireUser(ctx).ability, 'read', 'PeriodicReport', monitoringColumns('r'));
  const conditions = [permitted ? q.splice(permitted) : 'false', scopeConditions(q, 'r', filter)];
  if (filter.kind) conditions.push(`p.kind = ${q.bind(filter.kind)}`);
  if (filter.state?.length) conditions.push(`${REPORT_STATE_SQL} = any(${q.texts(filter.state)})`);
  const ctes = `records as (
    select r.id, p.deadline, u.code as unit_code, r.status, ${REPORT_STATE_SQL} as state
      from periodic_report r join report_period p on p.id = r.period_id join unit u on u.id = r.unit_id
     where ${conditions.join(' and ')})`;
  const stats = `count(*)::int as record_count,
    count(*) filter (where state = '${ReportState.ON_TIME}')::int as on_time,
    count(*) filter (where state = '${ReportState.LATE}')::int as late,
    count(*) filter (where state = '${ReportState.RETURNED}')::int as returned,
    count(*) filter (where status = '${ReportStatus.ACCEPTED}')::int as accepted`;
  const found = await recordPage(ctx, q, ctes, 'records', stats, 'deadline, unit_code, id', filter, page);
  const rows = found.ids.length ? inOrder(found.ids, await queryReports(ctx, { ids: found.ids })) : [];
  const total = Number(found.stats.record_count);
  const n = (key: string) => Number(found.stats[key]);
  return {
    ...connectionOf(rows, page, total),
    aggregates: { count: total, onTime: n('on_time'), late: n('late'), returned: n('returned'), accepted: n('accepted') },
  };
}

/** Inspections across units, paged by unit and date, with the shortcomings found and handled: two statements. */
export async function inspectionConnection(
  ctx: AppContext,
  filter: InspectionRecordFilter,
  first: number,
  after: string | null | undefined,
): Promise<ConnectionData<InspectionView> & { aggregates: InspectionRecordAggregatesView }> {
  const page = pageOf(first, after, { list: 'inspections', filter });
  const q = new SqlBuilder();
  const permitted = permissionSql(requireUser(ctx).ability, 'read', 'Inspection', monitoringColumns('i'));
  const conditions = [permitted ? q.splice(permitted) : 'false', scopeConditions(q, 'i', filter)];
  if (filter.unhandled != null) conditions.push(`(i.shortcomings_found > i.shortcomings_handled) = ${q.bind(filter.unhandled)}`);
  const ctes = `records as (
    select i.id, u.code as unit_code, i.inspected_on, i.shortcomings_found, i.shortcomings_handled
      from inspection i join unit u on u.id = i.unit_id
     where ${conditions.join(' and ')})`;
  const stats = `count(*)::int as record_count, coalesce(sum(shortcomings_found), 0)::int as found,
    coalesce(sum(shortcomings_handled), 0)::int as handled`;
  const found = await recordPage(ctx, q, ctes, 'records', stats, 'unit_code, inspected_on, id', filter, page);
  const rows = found.ids.length ? inOrder(found.ids, await queryInspections(ctx, { year: filter.year, ids: found.ids })) : [];
  const total = Number(found.stats.record_count);
  const [shortcomingsFound, shortcomingsHandled] = [Number(found.stats.found), Number(found.stats.handled)];
  return {
    ...connectionOf(rows, page, total),
    aggregates: {
      count: total,
      shortcomingsFound,
      shortcomingsHandled,
      handledShare: shortcomingsFound ? shortcomingsHandled / shortcomingsFound : null,
    },
  };
}
