import { perRequest, permissionSql, requireUser, type Actor, type AppContext } from '../access/index.ts';
import { connectionOf, pageOf, type ConnectionData } from '../shared/connection.ts';
import { unitJson, type UnitBlock, type UnitView } from '../units/index.ts';
import { SqlBuilder } from '../shared/sql-builder.ts';
import { toDate } from '../shared/sql.ts';
import { yearNotConfigured } from './monitoring.errors.ts';
import { monitoringColumns } from './monitoring.permissions.ts';
import { TaskStatus } from './plan.entity.ts';
import { PAR_AREAS } from './plan.logic.ts';
import { ReportStatus } from './report.entity.ts';
import { queryReportPeriods, REPORT_STATE_SQL } from './report.read.ts';
import { ReportState } from './report.types.ts';
import { TASK_COUNT_COLUMNS, TASK_COUNTS_JSON, withRates, type TaskCounts } from './task.sql.ts';
import type {
  AreaCompletionView,
  MonitoringOverviewView,
  OverviewUnitFilter,
  OverviewUnitView,
  PeriodReportCountsView,
  ReportCellView,
  TaskCompletionView,
  TaskTrendPointView,
} from './overview.types.ts';

/**
 * The secretariat's overview of a year, one statement per part whatever the number of units and
 * tasks: the periods (with the year's check), the units × periods matrix with each unit's task
 * completion, completion per area (the city's totals are their sum) and the monthly trend.
 * Every part is over the rows the caller may read (monitoringPermissions, in SQL).
 */
export async function overviewOf(ctx: AppContext, year: number): Promise<MonitoringOverviewView> {
  requireUser(ctx);
  const periods = await queryReportPeriods(ctx, { year });
  // A year without periods may still be configured: only then is it asked (not on the usual path).
  if (!periods.length && !(await yearConfigured(ctx, year))) throw yearNotConfigured(year);
  return { year, periods };
}

export async function yearConfigured(ctx: AppContext, year: number): Promise<boolean> {
  const rows = await ctx.em.getConnection().execute<object[]>('select 1 from monitoring_year where year = ?', [year]);
  return rows.length > 0;
}

/** What `readable` tasks of `year` are, as a condition on task rows aliased `t` (null: none). */
function readableTasks(actor: Actor, q: SqlBuilder, year: number): string | null {
  const permitted = permissionSql(actor.ability, 'read', 'PlanTask', monitoringColumns('t'));
  return permitted && `${q.splice(permitted)} and t.year = ${q.bind(year)}`;
}

const ZERO: TaskCounts = { total: 0, done: 0, doneOnTime: 0, overdue: 0, cityAssigned: 0, cityAssignedDone: 0 };

type RawCell = Omit<ReportCellView, 'countedSubmittedAt'> & { countedSubmittedAt: string | null };

/**
 * The units whose records the caller may read (a unit row read as a record of the year: no rule looks further),
 * the active ones and any with a plan of the year, as a CTE body; `block` narrows them.
 */
function overviewUnitsSql(actor: Actor, q: SqlBuilder, year: number, block?: UnitBlock | null): string | null {
  const units = permissionSql(actor.ability, 'read', 'AnnualPlan', {
    id: 'null::int',
    unit: 'u.id',
    year: String(Math.trunc(year)),
    cityAssigned: 'false',
    status: 'null',
  });
  if (!units) return null;
  return `select u.id, u.code, u.name, u.block, u.active from unit u
     where ${q.splice(units)}
       and (u.active or exists (select 1 from annual_plan ap where ap.unit_id = u.id and ap.year = ${q.bind(year)}))
       ${block ? `and u.block = ${q.bind(block)}::unit_block` : ''}`;
}

/** The report's state of each unit of `units` (a CTE) in each period of the year, the report read under the caller's rules. */
function cellsSql(actor: Actor, q: SqlBuilder, year: number, units: string, select: string, groupBy: string): string {
  const reports = permissionSql(actor.ability, 'read', 'PeriodicReport', monitoringColumns('r'));
  const readable = reports ? q.splice(reports) : 'false';
  return `select ${select}
    from ${units} u
    cross join report_period p
    left join periodic_report r on r.period_id = p.id and r.unit_id = u.id and ${readable}
   where p.year = ${q.bind(year)}
   group by ${groupBy}`;
}

/**
 * One page of the matrix's rows, by block and code: each unit with its report of each period of the year
 * (missing when there is none the caller may read: the secretariat never reads drafts) and its task counts.
 * One statement, whatever the number of units and tasks.
 */
export async function overviewUnits(
  ctx: AppContext,
  year: number,
  filter: OverviewUnitFilter,
  first: number,
  after: string | null | undefined,
): Promise<ConnectionData<OverviewUnitView>> {
  const page = pageOf(first, after, { list: 'overviewUnits', year, filter });
  const actor = requireUser(ctx);
  const q = new SqlBuilder();
  const units = overviewUnitsSql(actor, q, year, filter.block);
  if (!units) return connectionOf([], page, 0);
  const paged = `select * from units order by block, code offset ${q.bind(page.offset)} limit ${q.bind(page.limit)}`;
  const cells = cellsSql(
    actor,
    q,
    year,
    'page',
    `u.id as unit_id, json_agg(json_build_object('periodId', p.id, 'kind', p.kind, 'reportId', r.id, 'state', ${REPORT_STATE_SQL},
       'status', r.status, 'countedSubmittedAt', r.counted_submitted_at) order by p.deadline, p.id) as reports`,
    'u.id',
  );
  const tasks = readableTasks(actor, q, year) ?? 'false';
  const rows = await ctx.em
    .getConnection()
    .execute<{ total: number; id: number | null; unit: UnitView; reports: RawCell[] | null; counts: TaskCounts | null }[]>(
      `with units as (${units}),
     page as (${paged}),
     cells as (${cells}),
     tasks as (select t.unit_id, ${TASK_COUNTS_JSON} as counts from plan_task t
                where ${tasks} and t.unit_id in (select id from page) group by t.unit_id)
     select s.total, u.id, ${unitJson('u')} as unit, c.reports, k.counts
       from (select count(*)::int as total from units) s
       left join page u on true
       left join cells c on c.unit_id = u.id
       left join tasks k on k.unit_id = u.id
      order by u.block, u.code`,
      q.params,
    );
  const nodes = rows
    .filter((row) => row.id !== null)
    .map((row) => ({
      unit: row.unit,
      reports: (row.reports ?? []).map((cell) => ({ ...cell, countedSubmittedAt: toDate(cell.countedSubmittedAt) })),
      tasks: withRates(row.counts ?? ZERO),
    }));
  return connectionOf(nodes, page, rows[0]?.total ?? 0);
}

/** How many of the readable units' reports of each period are in each state: one statement. */
export async function overviewReportCounts(ctx: AppContext, overview: MonitoringOverviewView): Promise<PeriodReportCountsView[]> {
  const actor = requireUser(ctx);
  const q = new SqlBuilder();
  const units = overviewUnitsSql(actor, q, overview.year);
  if (!units) return overview.periods.map((period) => ({ periodId: period.id, kind: period.kind, accepted: 0, states: [] }));
  const cells = cellsSql(
    actor,
    q,
    overview.year,
    'units',
    `p.id as period_id, ${REPORT_STATE_SQL} as state, count(*)::int as n, count(*) filter (where r.status = '${ReportStatus.ACCEPTED}')::int as accepted`,
    `p.id, 2`,
  );
  const rows = await ctx.em
    .getConnection()
    .execute<{ period_id: number; state: ReportState; n: number; accepted: number }[]>(`with units as (${units}) ${cells}`, q.params);
  return overview.periods.map((period) => {
    const of = rows.filter((row) => row.period_id === period.id);
    return {
      periodId: period.id,
      kind: period.kind,
      accepted: of.reduce((sum, row) => sum + row.accepted, 0),
      states: Object.values(ReportState).map((state) => ({ state, count: of.find((row) => row.state === state)?.n ?? 0 })),
    };
  });
}

/** Completion per PAR area (all eight, zeros included): one statement, memoised per request. */
export function overviewAreas(ctx: AppContext, year: number): Promise<AreaCompletionView[]> {
  return perRequest(ctx, `overviewAreas:${year}`, async () => {
    const q = new SqlBuilder();
    const areas = q.ints(PAR_AREAS); // bound first: it comes first in the text
    const tasks = readableTasks(requireUser(ctx), q, year) ?? 'false';
    const rows = await ctx.em.getConnection().execute<(TaskCounts & { area: number })[]>(
      `select a.area, ${TASK_COUNT_COLUMNS}
         from unnest(${areas}) as a(area)
         left join plan_task t on t.area = a.area and ${tasks}
        group by a.area order by a.area`,
      q.params,
    );
    return rows.map(withRates);
  });
}

/** The city's (the caller's readable) totals: the sum of the areas, each task being of one area. */
export async function overviewTotals(ctx: AppContext, year: number): Promise<TaskCompletionView> {
  const areas = await overviewAreas(ctx, year);
  const sum = (key: keyof TaskCounts) => areas.reduce((total, area) => total + area[key], 0);
  return withRates(Object.fromEntries(Object.keys(ZERO).map((key) => [key, sum(key as keyof TaskCounts)])) as unknown as TaskCounts);
}

/**
 * Month by month, cumulative: tasks due by the month's end, done by then, and done on time (cancelled
 * tasks left out; a task done before the year counts in January, one done after it in no month). One statement.
 */
export async function overviewTrend(ctx: AppContext, year: number): Promise<TaskTrendPointView[]> {
  const q = new SqlBuilder();
  const tasks = readableTasks(requireUser(ctx), q, year) ?? 'false';
  const start = q.bind(`${year}-01-01`);
  const end = q.bind(`${year}-12-31`);
  return ctx.em.getConnection().execute<TaskTrendPointView[]>(
    // Grouped by day first (a few hundred rows), then by month: the month of 70,000 dates is the slow part.
    `with days as (select t.deadline, t.completed_on, t.status = '${TaskStatus.DONE}' as done, count(*) as n from plan_task t
                    where ${tasks} and t.status <> '${TaskStatus.CANCELLED}' group by 1, 2, 3),
     due as (select extract(month from deadline)::int as m, sum(n) as n from days group by 1),
     done as (select case when completed_on < ${start}::date then 1 else extract(month from completed_on)::int end as m,
                     sum(n) as n, sum(n) filter (where completed_on <= deadline) as on_time
                from days where done and completed_on <= ${end}::date group by 1)
     select g.m as month, (sum(coalesce(d.n, 0)) over w)::int as due, (sum(coalesce(c.n, 0)) over w)::int as done,
            (sum(coalesce(c.on_time, 0)) over w)::int as "doneOnTime"
       from generate_series(1, 12) as g(m)
       left join due d on d.m = g.m
       left join done c on c.m = g.m
     window w as (order by g.m)
      order by g.m`,
    q.params,
  );
}
