import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root, type ClassType } from 'type-graphql';
import type { AppContext } from '../access/index.ts';
import { PageArgs, type ConnectionData } from '../shared/connection.ts';
import { overviewAreas, overviewOf, overviewReportCounts, overviewTotals, overviewTrend, overviewUnits } from './overview.read.ts';
import {
  AnnualPlanConnection,
  AreaCompletionView,
  InspectionConnection,
  InspectionRecordFilter,
  MonitoringOverviewView,
  OverdueTaskFilter,
  OverviewUnitConnection,
  OverviewUnitFilter,
  OverviewUnitView,
  PeriodicReportConnection,
  PeriodReportCountsView,
  PlanRecordFilter,
  PlanTaskConnection,
  ReportRecordFilter,
  TaskCompletionView,
  TaskGroupBy,
  TaskGroupConnection,
  TaskGroupView,
  TaskRecordFilter,
  TaskTrendPointView,
} from './overview.types.ts';
import {
  INSPECTION_RECORDS,
  PLAN_RECORDS,
  recordConnection,
  REPORT_RECORDS,
  TASK_RECORDS,
  taskGroupConnection,
  type RecordList,
  type RecordScope,
} from './records.read.ts';

/** The secretariat's overview of a year: each field is one statement over the rows the caller may read. */
@Resolver(() => MonitoringOverviewView)
export class MonitoringOverviewResolver {
  @Query(() => MonitoringOverviewView, {
    description:
      'A monitoring year at a glance: reports by unit and period, task completion, overdue tasks (YEAR_NOT_CONFIGURED otherwise).',
  })
  monitoringOverview(@Arg('year', () => Int) year: number, @Ctx() ctx: AppContext): Promise<MonitoringOverviewView> {
    return overviewOf(ctx, year);
  }

  @FieldResolver(() => OverviewUnitConnection, {
    description: 'The matrix, a page of rows: each unit (by block and code) with its reports of each period and its task completion.',
  })
  units(
    @Root() overview: MonitoringOverviewView,
    @Arg('filter', () => OverviewUnitFilter, { nullable: true }) filter: OverviewUnitFilter | undefined,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: AppContext,
  ): Promise<ConnectionData<OverviewUnitView>> {
    return overviewUnits(ctx, overview.year, filter ?? {}, first, after);
  }

  @FieldResolver(() => [PeriodReportCountsView], {
    description: 'Per period, how many of the units’ reports are in each state (every unit, not only a page).',
  })
  reportCounts(@Root() overview: MonitoringOverviewView, @Ctx() ctx: AppContext): Promise<PeriodReportCountsView[]> {
    return overviewReportCounts(ctx, overview);
  }

  @FieldResolver(() => TaskCompletionView, { description: 'Every readable task of the year.' })
  totals(@Root() overview: MonitoringOverviewView, @Ctx() ctx: AppContext): Promise<TaskCompletionView> {
    return overviewTotals(ctx, overview.year);
  }

  @FieldResolver(() => [AreaCompletionView], { description: 'Completion per PAR area 1–8.' })
  areas(@Root() overview: MonitoringOverviewView, @Ctx() ctx: AppContext): Promise<AreaCompletionView[]> {
    return overviewAreas(ctx, overview.year);
  }

  @FieldResolver(() => [TaskTrendPointView], { description: 'Month by month: tasks due and done, cumulative.' })
  trend(@Root() overview: MonitoringOverviewView, @Ctx() ctx: AppContext): Promise<TaskTrendPointView[]> {
    return overviewTrend(ctx, overview.year);
  }

  @FieldResolver(() => PlanTaskConnection, { description: 'Overdue tasks across the city, by deadline (the longest overdue first).' })
  overdueTasks(
    @Root() overview: MonitoringOverviewView,
    @Arg('filter', () => OverdueTaskFilter, { nullable: true }) filter: OverdueTaskFilter | undefined,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: AppContext,
  ): Promise<ConnectionData<unknown>> {
    return recordConnection(ctx, TASK_RECORDS, { ...filter, year: overview.year, overdue: true }, first, after);
  }
}

/**
 * The analysts' query `name` over one kind of monitoring record: the records matching a required filter (of
 * `filterType`), a page of `first` ≤ 100, with aggregates over every match.
 */
function recordsQuery<F extends RecordScope, T extends { id: number }, A>(
  name: string,
  description: string,
  connection: ClassType,
  filterType: ClassType<F>,
  kind: RecordList<F, T, A>,
) {
  @Resolver()
  class RecordsQueryResolver {
    @Query(() => connection, { name, description })
    records(
      @Arg('filter', () => filterType) filter: F,
      @Args(() => PageArgs) { first, after }: PageArgs,
      @Ctx() ctx: AppContext,
    ): Promise<ConnectionData<T>> {
      return recordConnection(ctx, kind, filter, first, after);
    }
  }
  return RecordsQueryResolver;
}

/** The analysts' connections over the monitoring records, one query per kind of record. */
export const monitoringRecordResolvers = [
  recordsQuery(
    'taskRecords',
    'Plan tasks of a year across units, by deadline; completion over every match.',
    PlanTaskConnection,
    TaskRecordFilter,
    TASK_RECORDS,
  ),
  recordsQuery(
    'planRecords',
    'Plans (PAR, inspection, communication) of a year across units.',
    AnnualPlanConnection,
    PlanRecordFilter,
    PLAN_RECORDS,
  ),
  recordsQuery(
    'reportRecords',
    'Periodic reports of a year the caller may read (drafts: only their unit), by deadline and unit.',
    PeriodicReportConnection,
    ReportRecordFilter,
    REPORT_RECORDS,
  ),
  recordsQuery(
    'inspectionRecords',
    'Inspections of a year across units, by unit and date.',
    InspectionConnection,
    InspectionRecordFilter,
    INSPECTION_RECORDS,
  ),
];

/** Task completion over the records, grouped. */
@Resolver()
export class TaskAggregatesResolver {
  @Query(() => TaskGroupConnection, { description: 'Task completion grouped by unit, PAR area or block.' })
  taskAggregates(
    @Arg('filter', () => TaskRecordFilter) filter: TaskRecordFilter,
    @Arg('groupBy', () => TaskGroupBy) groupBy: TaskGroupBy,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: AppContext,
  ): Promise<ConnectionData<TaskGroupView>> {
    return taskGroupConnection(ctx, filter, groupBy, first, after);
  }
}
