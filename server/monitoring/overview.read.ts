import { perRequest, permissionSql, requireUser, type Actor, type AppContext } from '../access/index.ts';
import { unitJson, type UnitView } from '../units/index.ts';
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
 * The rows of the matrix: every unit the caller may read the records of (active ones, and any with
 * a plan of the year), with its report of each period of the year (missing when none the caller may
 * read: the secretariat never reads drafts) and its task counts. One statement, memoised per request.
 */
export function overviewUnits(ctx: AppContext, year: number): Promise<OverviewUnitView[]> {
  return perRequest(ctx, `overviewUnits:${year}`, async () => {
    const actor = requireUser(ctx);
    // A unit row read as a record of the year: the units whose records the caller may read (no rule looks further).
    const units = permissionSql(actor.ability, 'read', 'AnnualPlan', {
      id: 'null::int',
      unit: 'u.id',
      year: String(Math.trunc(year)),
      cityAssigned: 'false',
      status: 'null',
    });
    const reports = permissionSql(actor.ability, 'read', 'PeriodicReport', monitoringColumns('r'));
    if (!units) return [];
    const q = new SqlBuilder();
    const unitsCte = `select u.* from unit u
       where ${q.splice(units)}
         and (u.active or exists (select 1 from annual_plan ap where ap.unit_id = u.id and ap.year = ${q.bind(year)}))`;
    const reportJoin = reports ? `and ${q.splice(reports)}` : 'and false';
    const periodYear = q.bind(year);
    const tasks = readableTasks(actor, q, year) ?? 'false';
    const rows = await ctx.em.getConnection().execute<{ unit: UnitView; reports: RawCell[] | null; counts: TaskCounts | null }[]>(
      `with units as (${unitsCte}),
       cells as (
         select u.id as unit_id,
                json_agg(json_build_object('periodId', p.id, 'kind', p.kind, 'reportId', r.id, 'state', ${REPORT_STATE_SQL},
                                           'status', r.status, 'countedSubmittedAt', r.counted_submitted_at)
                         order by p.deadline, p.id) as reports
           from units u
           cross join report_period p
           left join periodic_report r on r.period_id = p.id and r.unit_id = u.id ${reportJoin}
          where p.year = ${periodYear}
          group by u.id),
       tasks as (select t.unit_id, ${TASK_COUNTS_JSON} as counts from plan_task t where ${tasks} group by t.unit_id)
       select ${unitJson('u')} as unit, c.reports, k.counts
         from units u
         left join cells c on c.unit_id = u.id
         left join tasks k on k.unit_id = u.id
        order by u.block, u.code`,
      q.params,
    );
    return rows.map((row) => ({
      unit: row.unit,
      reports: (row.reports ?? []).map((cell) => ({ ...cell, countedSubmittedAt: toDate(cell.countedSubmittedAt) })),
      tasks: withRates(row.counts ?? ZERO),
    }));
  });
}

/** How many units' reports of each period are in each state (from the matrix's rows: no statement of its own). */
export async function overviewReportCounts(ctx: AppContext, overview: MonitoringOverviewView): Promise<PeriodReportCountsView[]> {
  const units = await overviewUnits(ctx, overview.year);
  return overview.periods.map((period) => {
    const cells = units.flatMap((row) => row.reports.filter((cell) => cell.periodId === period.id));
    return {
      periodId: period.id,
      kind: period.kind,
      accepted: cells.filter((cell) => cell.status === ReportStatus.ACCEPTED).length,
      states: Object.values(ReportState).map((state) => ({ state, count: cells.filter((cell) => cell.state === state).length })),
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
    `with tasks as (select t.deadline, t.completed_on, t.status from plan_task t where ${tasks} and t.status <> '${TaskStatus.CANCELLED}'),
     due as (select extract(month from deadline)::int as m, count(*) as n from tasks group by 1),
     done as (select case when completed_on < ${start}::date then 1 else extract(month from completed_on)::int end as m,
                     count(*) as n, count(*) filter (where completed_on <= deadline) as on_time
                from tasks where status = '${TaskStatus.DONE}' and completed_on <= ${end}::date group by 1)
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
