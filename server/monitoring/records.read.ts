import { permissionSql, requireUser, type Actor, type AppContext, type SubjectName } from '../access/index.ts';
import { connectionOf, pageOf, type ConnectionData } from '../shared/connection.ts';
import { pageRows, SqlBuilder } from '../shared/sql-builder.ts';
import { unitNotFound, type UnitView } from '../units/index.ts';
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

/** What every record filter has: the year, and optionally one unit and one block. */
export interface RecordScope {
  year: number;
  unitId?: number | null;
  block?: string | null;
}

/**
 * The conditions every record query starts with, on a `subject` row aliased `alias` joined to its unit `u`: the caller
 * may read it, and it is in the scope. Bound in `q` in text order.
 */
function scopeConditions(actor: Actor, q: SqlBuilder, subject: SubjectName, alias: string, scope: RecordScope): string[] {
  const permitted = permissionSql(actor.ability, 'read', subject, monitoringColumns(alias));
  const conditions = [permitted ? q.splice(permitted) : 'false', `${alias}.year = ${q.bind(scope.year)}`];
  if (scope.unitId != null) conditions.push(`${alias}.unit_id = ${q.bind(scope.unitId)}`);
  if (scope.block) conditions.push(`u.block = ${q.bind(scope.block)}::unit_block`);
  return conditions;
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
  // unit_known is false only for a unitId that was given.
  if (!head.unit_known) throw unitNotFound(requireUser(ctx), scope.unitId!);
  const rows = pageRows(raw);
  return { ids: rows.map((row) => Number(row.id)), keys: rows, stats: head };
}

/** The page's records as `query` reads them by id, in the page's order (the query sorts its own way); none read for an empty page. */
async function recordsOf<T extends { id: number }>(ids: number[], query: (ids: number[]) => Promise<T[]>): Promise<T[]> {
  if (!ids.length) return [];
  const byId = new Map((await query(ids)).map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

const counts = (stats: Record<string, unknown>): TaskCompletionView =>
  withRates(
    Object.fromEntries(
      ['total', 'done', 'doneOnTime', 'overdue', 'cityAssigned', 'cityAssignedDone'].map((key) => [key, Number(stats[key] ?? 0)]),
    ) as unknown as TaskCounts,
  );

/**
 * One kind of record as its connection lists it: the `subject` rows (aliased `alias`) the caller may read in the
 * filter's scope and its own `conditions`, as the CTE `records` of `columns` (under the alias's names) from `tables`;
 * `stats`, the aggregates over every match (beside `record_count`); the page's `order`; `rows`, the records by id.
 */
export interface RecordList<F extends RecordScope, T, A> {
  list: string;
  subject: SubjectName;
  alias: string;
  columns: string;
  tables: string;
  conditions: (q: SqlBuilder, filter: F) => string[];
  stats: string;
  order: string;
  rows: (ctx: AppContext, ids: number[], filter: F) => Promise<T[]>;
  aggregates: (stats: Record<string, unknown>, total: number) => A;
}

/** The CTE `records`: the caller's readable records of `kind` that match `filter`, bound in `q` in text order. */
function recordsCte<F extends RecordScope>(actor: Actor, q: SqlBuilder, kind: RecordList<F, unknown, unknown>, filter: F): string {
  const conditions = [...scopeConditions(actor, q, kind.subject, kind.alias, filter), ...kind.conditions(q, filter)];
  return `records as (select ${kind.columns} from ${kind.tables} where ${conditions.join(' and ')})`;
}

/** A page of `kind`'s records matching `filter`, with the aggregates over every match: two statements. */
export async function recordConnection<F extends RecordScope, T extends { id: number }, A>(
  ctx: AppContext,
  kind: RecordList<F, T, A>,
  filter: F,
  first: number,
  after: string | null | undefined,
): Promise<ConnectionData<T> & { aggregates: A }> {
  const page = pageOf(first, after, { list: kind.list, filter });
  const q = new SqlBuilder();
  const ctes = recordsCte(requireUser(ctx), q, kind, filter);
  const stats = `count(*)::int as record_count, ${kind.stats}`;
  const found = await recordPage(ctx, q, ctes, `records ${kind.alias}`, stats, kind.order, filter, page);
  const rows = await recordsOf(found.ids, (ids) => kind.rows(ctx, ids, filter));
  const total = Number(found.stats.record_count);
  return { ...connectionOf(rows, page, total), aggregates: kind.aggregates(found.stats, total) };
}

/** Tasks across units, paged (by deadline, then unit), with completion over every match. */
export const TASK_RECORDS: RecordList<TaskRecordFilter, PlanTaskView, TaskCompletionView> = {
  list: 'tasks',
  subject: 'PlanTask',
  alias: 't',
  columns: `t.id, t.area, t.status, t.deadline, t.completed_on, t.city_assigned,
           t.unit_id, u.code as unit_code, u.name as unit_name, u.block, u.active as unit_active`,
  tables: 'plan_task t join unit u on u.id = t.unit_id',
  conditions: (q, filter) => {
    const conditions = [];
    if (filter.area != null) conditions.push(`t.area = ${q.bind(checkArea(filter.area, 'filter.area'))}`);
    if (filter.status?.length) conditions.push(`t.status::text = any(${q.texts(filter.status)})`);
    if (filter.cityAssigned != null) conditions.push(`${filter.cityAssigned ? '' : 'not '}t.city_assigned`);
    if (filter.overdue != null) conditions.push(`${filter.overdue ? '' : 'not '}${TASK_FLAGS.overdue}`);
    return conditions;
  },
  stats: TASK_COUNT_COLUMNS,
  order: 'deadline, unit_code, id',
  rows: (ctx, ids) => queryTasks(ctx, { ids }),
  aggregates: counts,
};

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
  const ctes = `${recordsCte(requireUser(ctx), q, TASK_RECORDS, filter)},
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

/** Plans across units, paged by unit and kind, with how many are issued (on time). */
export const PLAN_RECORDS: RecordList<PlanRecordFilter, AnnualPlanView, PlanRecordAggregatesView> = {
  list: 'plans',
  subject: 'AnnualPlan',
  alias: 'p',
  columns: 'p.id, p.kind, u.code as unit_code, p.issue_date, y.plan_deadline',
  tables: 'annual_plan p join unit u on u.id = p.unit_id left join monitoring_year y on y.year = p.year',
  conditions: (q, filter) => [
    ...(filter.kind ? [`p.kind = ${q.bind(filter.kind)}`] : []),
    ...(filter.issued != null ? [`p.issue_date is ${filter.issued ? 'not ' : ''}null`] : []),
  ],
  stats: `count(issue_date)::int as issued, count(*) filter (where issue_date <= plan_deadline)::int as issued_on_time`,
  order: 'unit_code, kind, id',
  rows: (ctx, ids) => queryPlans(ctx, { ids }),
  aggregates: (stats, total) => ({ count: total, issued: Number(stats.issued), issuedOnTime: Number(stats.issued_on_time) }),
};

/** Reports the caller may read, paged by deadline and unit, with counts by timeliness and decision. */
export const REPORT_RECORDS: RecordList<ReportRecordFilter, PeriodicReportView, ReportRecordAggregatesView> = {
  list: 'reports',
  subject: 'PeriodicReport',
  alias: 'r',
  columns: `r.id, p.deadline, u.code as unit_code, r.status, ${REPORT_STATE_SQL} as state`,
  tables: 'periodic_report r join report_period p on p.id = r.period_id join unit u on u.id = r.unit_id',
  conditions: (q, filter) => [
    ...(filter.kind ? [`p.kind = ${q.bind(filter.kind)}`] : []),
    ...(filter.state?.length ? [`${REPORT_STATE_SQL} = any(${q.texts(filter.state)})`] : []),
  ],
  stats: `count(*) filter (where state = '${ReportState.ON_TIME}')::int as on_time,
    count(*) filter (where state = '${ReportState.LATE}')::int as late,
    count(*) filter (where state = '${ReportState.RETURNED}')::int as returned,
    count(*) filter (where status = '${ReportStatus.ACCEPTED}')::int as accepted`,
  order: 'deadline, unit_code, id',
  rows: (ctx, ids) => queryReports(ctx, { ids }),
  aggregates: (stats, total) => {
    const n = (key: string) => Number(stats[key]);
    return { count: total, onTime: n('on_time'), late: n('late'), returned: n('returned'), accepted: n('accepted') };
  },
};

/** Inspections across units, paged by unit and date, with the shortcomings found and handled. */
export const INSPECTION_RECORDS: RecordList<InspectionRecordFilter, InspectionView, InspectionRecordAggregatesView> = {
  list: 'inspections',
  subject: 'Inspection',
  alias: 'i',
  columns: 'i.id, u.code as unit_code, i.inspected_on, i.shortcomings_found, i.shortcomings_handled',
  tables: 'inspection i join unit u on u.id = i.unit_id',
  conditions: (q, filter) =>
    filter.unhandled != null ? [`(i.shortcomings_found > i.shortcomings_handled) = ${q.bind(filter.unhandled)}`] : [],
  stats: `coalesce(sum(shortcomings_found), 0)::int as found, coalesce(sum(shortcomings_handled), 0)::int as handled`,
  order: 'unit_code, inspected_on, id',
  rows: (ctx, ids, filter) => queryInspections(ctx, { year: filter.year, ids }),
  aggregates: (stats, total) => {
    const [shortcomingsFound, shortcomingsHandled] = [Number(stats.found), Number(stats.handled)];
    return {
      count: total,
      shortcomingsFound,
      shortcomingsHandled,
      handledShare: shortcomingsFound ? shortcomingsHandled / shortcomingsFound : null,
    };
  },
};
