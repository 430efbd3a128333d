import { ArrayMaxSize, IsOptional } from 'class-validator';
import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { Connection, AggregatedConnection } from '../shared/connection.ts';
import { stringEnum, type EnumValue } from '../shared/enum.ts';
import { registerEnum } from '../shared/graphql-enum.ts';
import { UnitBlock, UnitView } from '../units/index.ts';
import { AnnualPlanView, PlanTaskView, TaskCountsFields } from './plan.types.ts';
import { PlanKind, TaskStatus } from './plan.entity.ts';
import { PeriodicReportView, ReportPeriodView, ReportState } from './report.types.ts';
import { ReportKind, ReportStatus } from './report.entity.ts';
import { InspectionView } from './inspection.types.ts';

/** What completion is counted from: the tasks of a group, cancelled ones left out of every count. */
@ObjectType('TaskCompletion', { simpleResolvers: true, description: 'Task counts of a group (cancelled tasks left out) and its rates.' })
export class TaskCompletionView extends TaskCountsFields {
  @Field(() => Int, { description: 'Deadline passed and not done.' }) overdue!: number;
  @Field(() => Float, { nullable: true, description: 'done ÷ total, 0–1; null without tasks.' }) completionRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'doneOnTime ÷ total, 0–1; null without tasks.' }) onTimeRate!: number | null;
}

@ObjectType('ReportCell', { simpleResolvers: true, description: 'Where one unit’s report of one period stands.' })
export class ReportCellView {
  @Field(() => Int) periodId!: number;
  @Field(() => ReportKind) kind!: ReportKind;
  @Field(() => Int, { nullable: true, description: 'The report, when the caller may read it (drafts only their unit).' })
  reportId!: number | null;
  @Field(() => ReportState) state!: ReportState;
  @Field(() => ReportStatus, { nullable: true, description: 'ACCEPTED once the secretariat accepted it; null when missing.' })
  status!: ReportStatus | null;
  @Field(() => Date, { nullable: true, description: 'The submission timeliness is judged by.' }) countedSubmittedAt!: Date | null;
}

@ObjectType('MonitoringOverviewUnit', {
  simpleResolvers: true,
  description: 'A row of the overview: a unit’s reports and tasks of the year.',
})
export class OverviewUnitView {
  @Field(() => UnitView) unit!: UnitView;
  @Field(() => [ReportCellView], { description: 'One cell per report period of the year, in the order of `periods`.' })
  reports!: ReportCellView[];
  @Field(() => TaskCompletionView) tasks!: TaskCompletionView;
}

@ObjectType()
export class OverviewUnitConnection extends Connection(OverviewUnitView, 'MonitoringOverviewUnit') {}

@InputType({ description: 'Which units’ rows of the overview to read.' })
export class OverviewUnitFilter {
  @Field(() => UnitBlock, { nullable: true }) block?: UnitBlock | null;
}

@ObjectType('AreaCompletion', { simpleResolvers: true, description: 'Task completion of one PAR area.' })
export class AreaCompletionView extends TaskCompletionView {
  @Field(() => Int, { description: 'PAR area 1–8.' }) area!: number;
}

@ObjectType('ReportStateCount', { simpleResolvers: true })
export class ReportStateCountView {
  @Field(() => ReportState) state!: ReportState;
  @Field(() => Int) count!: number;
}

@ObjectType('PeriodReportCounts', { simpleResolvers: true, description: 'How the units’ reports of one period stand.' })
export class PeriodReportCountsView {
  @Field(() => Int) periodId!: number;
  @Field(() => ReportKind) kind!: ReportKind;
  @Field(() => Int, { description: 'Reports the secretariat accepted.' }) accepted!: number;
  @Field(() => [ReportStateCountView], { description: 'Every state, zeros included.' }) states!: ReportStateCountView[];
}

@ObjectType('TaskTrendPoint', { simpleResolvers: true, description: 'Cumulative task figures at the end of one month of the year.' })
export class TaskTrendPointView {
  @Field(() => Int, { description: '1–12.' }) month!: number;
  @Field(() => Int, { description: 'Tasks whose deadline is on or before the month’s last day.' }) due!: number;
  @Field(() => Int, { description: 'Tasks completed on or before the month’s last day.' }) done!: number;
  @Field(() => Int, { description: 'Of those, completed by their deadline.' }) doneOnTime!: number;
}

@ObjectType('MonitoringOverview', {
  description: 'The secretariat’s overview of a monitoring year, over the units the caller may read (a unit: itself).',
})
export class MonitoringOverviewView {
  @Field(() => Int) year!: number;
  @Field(() => [ReportPeriodView], { description: 'The report periods of the year, by deadline: the matrix’s columns.' })
  periods!: ReportPeriodView[];
}

export const TaskGroupBy = stringEnum('UNIT', 'AREA', 'BLOCK');
export type TaskGroupBy = EnumValue<typeof TaskGroupBy>;
registerEnum(TaskGroupBy, 'TaskGroupBy');

@InputType({ description: 'Tasks of a year across units (every field but `year` optional).' })
export class TaskRecordFilter {
  @Field(() => Int) year!: number;
  @Field(() => Int, { nullable: true, description: 'The lead unit.' }) unitId?: number | null;
  @Field(() => UnitBlock, { nullable: true }) block?: UnitBlock | null;
  @Field(() => Int, { nullable: true, description: 'PAR area 1–8.' }) area?: number | null;
  @Field(() => [TaskStatus], { nullable: true }) @IsOptional() @ArrayMaxSize(4) status?: TaskStatus[] | null;
  @Field(() => Boolean, { nullable: true }) overdue?: boolean | null;
  @Field(() => Boolean, { nullable: true }) cityAssigned?: boolean | null;
}

@InputType({ description: 'The overview’s overdue list: every filter optional.' })
export class OverdueTaskFilter {
  @Field(() => Int, { nullable: true }) unitId?: number | null;
  @Field(() => UnitBlock, { nullable: true }) block?: UnitBlock | null;
  @Field(() => Int, { nullable: true, description: 'PAR area 1–8.' }) area?: number | null;
  @Field(() => Boolean, { nullable: true }) cityAssigned?: boolean | null;
}

@ObjectType('TaskRecordAggregates', { simpleResolvers: true, description: 'Over every task matching the filter.' })
export class TaskRecordAggregatesView extends TaskCompletionView {}

@ObjectType()
export class PlanTaskConnection extends AggregatedConnection(PlanTaskView, 'PlanTask', TaskRecordAggregatesView) {}

@ObjectType('TaskGroup', { simpleResolvers: true, description: 'Task completion of one unit, area or block.' })
export class TaskGroupView extends TaskCompletionView {
  @Field({ description: 'Unit code, area number or block.' }) key!: string;
  @Field({ description: 'Unit name, "Lĩnh vực n" or the block.' }) label!: string;
  @Field(() => UnitView, { nullable: true, description: 'Grouped by unit: the unit.' }) unit!: UnitView | null;
}

@ObjectType()
export class TaskGroupConnection extends Connection(TaskGroupView, 'TaskGroup') {}

/** What the filters of plans, reports and inspections start with: the year, and optionally one unit and one block (not emitted itself). */
@InputType('RecordScopeFilterBase')
abstract class RecordScopeFilter {
  @Field(() => Int) year!: number;
  @Field(() => Int, { nullable: true }) unitId?: number | null;
  @Field(() => UnitBlock, { nullable: true }) block?: UnitBlock | null;
}

@InputType()
export class PlanRecordFilter extends RecordScopeFilter {
  @Field(() => PlanKind, { nullable: true }) kind?: PlanKind | null;
  @Field(() => Boolean, { nullable: true, description: 'Issued (true) or not yet (false).' }) issued?: boolean | null;
}

@ObjectType('PlanRecordAggregates', { simpleResolvers: true })
export class PlanRecordAggregatesView {
  @Field(() => Int) count!: number;
  @Field(() => Int) issued!: number;
  @Field(() => Int) issuedOnTime!: number;
}

@ObjectType()
export class AnnualPlanConnection extends AggregatedConnection(AnnualPlanView, 'AnnualPlan', PlanRecordAggregatesView) {}

@InputType()
export class ReportRecordFilter extends RecordScopeFilter {
  @Field(() => ReportKind, { nullable: true }) kind?: ReportKind | null;
  @Field(() => [ReportState], { nullable: true }) @IsOptional() @ArrayMaxSize(5) state?: ReportState[] | null;
}

@ObjectType('ReportRecordAggregates', { simpleResolvers: true })
export class ReportRecordAggregatesView {
  @Field(() => Int) count!: number;
  @Field(() => Int) onTime!: number;
  @Field(() => Int) late!: number;
  @Field(() => Int) returned!: number;
  @Field(() => Int) accepted!: number;
}

@ObjectType()
export class PeriodicReportConnection extends AggregatedConnection(PeriodicReportView, 'PeriodicReport', ReportRecordAggregatesView) {}

@InputType()
export class InspectionRecordFilter extends RecordScopeFilter {
  @Field(() => Boolean, { nullable: true, description: 'With shortcomings still to handle (true) or none (false).' })
  unhandled?: boolean | null;
}

@ObjectType('InspectionRecordAggregates', { simpleResolvers: true })
export class InspectionRecordAggregatesView {
  @Field(() => Int) count!: number;
  @Field(() => Int) shortcomingsFound!: number;
  @Field(() => Int) shortcomingsHandled!: number;
  @Field(() => Float, { nullable: true, description: 'handled ÷ found, 0–1; null when nothing was found.' }) handledShare!: number | null;
}

@ObjectType()
export class InspectionConnection extends AggregatedConnection(InspectionView, 'Inspection', InspectionRecordAggregatesView) {}
