import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { PlanKind, TaskChangeKind, TaskChangeStatus, TaskStatus } from './plan.entity.ts';
import { registerEnum } from '../shared/graphql-enum.ts';
import { UnitYearRecordView } from './record.types.ts';

registerEnum(PlanKind, 'PlanKind');
registerEnum(TaskStatus, 'TaskStatus');
registerEnum(TaskChangeKind, 'TaskChangeKind', { description: 'Move the deadline, or cancel the task.' });
registerEnum(TaskChangeStatus, 'TaskChangeStatus');

@ObjectType('MonitoringYear', { simpleResolvers: true, description: 'The secretariat’s settings of one monitoring year.' })
export class MonitoringYearView {
  @Field(() => Int) id!: number;
  @Field(() => Int) year!: number;
  @Field({ description: 'YYYY-MM-DD: plans issued on or before this day are on time.' }) planDeadline!: string;
  @Field(() => Int, { description: 'Reminders go out this many days before a deadline.' }) reminderDays!: number;
  @Field(() => Date, { nullable: true, description: 'Units change nothing of a closed year.' }) closedAt!: Date | null;
}

/** The counts of a set of tasks (task.sql.ts's TaskCounts), shared by a plan's stats and the overview's groups (not emitted itself). */
@ObjectType('TaskCountsBase')
export abstract class TaskCountsFields {
  @Field(() => Int) total!: number;
  @Field(() => Int) done!: number;
  @Field(() => Int) doneOnTime!: number;
  @Field(() => Int) cityAssigned!: number;
  @Field(() => Int) cityAssignedDone!: number;
}

@ObjectType('TaskStats', {
  simpleResolvers: true,
  description: 'Counts over a plan’s tasks (cancelled tasks are left out of every count).',
})
export class TaskStatsView extends TaskCountsFields {
  @Field(() => Int) overdue!: number;
}

@ObjectType('AnnualPlan', { description: 'A unit’s plan of one kind for one year.' })
export class AnnualPlanView extends UnitYearRecordView {
  @Field(() => PlanKind) kind!: PlanKind;
  @Field(() => String, { nullable: true }) documentNumber!: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' }) issueDate!: string | null;
  @Field(() => String, { nullable: true, description: 'The year’s plan deadline, YYYY-MM-DD (null if the year is not configured).' })
  deadline!: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Issued by the deadline; null while not issued.' })
  issuedOnTime!: boolean | null;
  @Field(() => String, { nullable: true }) fileName!: string | null;
  @Field(() => String, { nullable: true, description: 'SHA-256 of the plan document in the evidence store.' })
  fileSha256!: string | null;
  @Field(() => Int, { nullable: true, description: 'Inspection plans: offices or communes it covers.' })
  plannedInspections!: number | null;
  @Field(() => TaskStatsView) stats!: TaskStatsView;
  @Field() updatedAt!: Date;
}

@ObjectType('TaskChangeRequest', { simpleResolvers: true, description: 'A request to move a task’s deadline or cancel it.' })
export class TaskChangeRequestView {
  @Field(() => Int) id!: number;
  @Field(() => Int) taskId!: number;
  @Field(() => Int) unitId!: number;
  @Field(() => TaskChangeKind) kind!: TaskChangeKind;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD (deadline moves).' }) newDeadline!: string | null;
  @Field() reason!: string;
  @Field(() => TaskChangeStatus) status!: TaskChangeStatus;
  @Field(() => String, { nullable: true }) requestedByName!: string | null;
  @Field() requestedAt!: Date;
  @Field(() => Date, { nullable: true }) decidedAt!: Date | null;
  @Field(() => String, { nullable: true }) decisionComment!: string | null;
}

@ObjectType('PlanTask', { description: 'A task of a PAR plan (nhiệm vụ).' })
export class PlanTaskView {
  @Field(() => Int) id!: number;
  @Field(() => Int) planId!: number;
  @Field(() => Int, { description: 'The lead unit (the plan’s).' }) unitId!: number;
  @Field(() => Int) year!: number;
  @Field() code!: string;
  @Field() title!: string;
  @Field(() => Int, { description: 'PAR area 1–8.' }) area!: number;
  @Field(() => String, { nullable: true, description: 'Expected output (sản phẩm).' }) output!: string | null;
  @Field({ description: 'YYYY-MM-DD, the deadline in force.' }) deadline!: string;
  @Field({ description: 'YYYY-MM-DD, as planned.' }) originalDeadline!: string;
  @Field(() => [Int]) cooperatingUnitIds!: number[];
  @Field(() => Int, { nullable: true, description: 'The index sub-criterion the task serves.' }) criterionId!: number | null;
  @Field() cityAssigned!: boolean;
  @Field(() => TaskStatus) status!: TaskStatus;
  @Field(() => Int) progress!: number;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' }) completedOn!: string | null;
  @Field({ description: 'Deadline passed and not done.' }) overdue!: boolean;
  @Field({ description: 'Done by the deadline in force.' }) doneOnTime!: boolean;
  @Field(() => String, { nullable: true }) outputFileName!: string | null;
  @Field(() => String, { nullable: true }) outputDocumentNumber!: string | null;
  @Field(() => String, { nullable: true }) outputFileSha256!: string | null;
  @Field(() => TaskChangeRequestView, { nullable: true, description: 'The pending deadline move or cancellation, if any.' })
  pendingChange!: TaskChangeRequestView | null;
  @Field(() => Int, { description: 'Send it back with `updatePlanTask` or `updateTaskProgress`; a stale version is a CONFLICT.' })
  version!: number;
  @Field() updatedAt!: Date;
}

@InputType()
export class MonitoringYearInput {
  @Field(() => Int) year!: number;
  @Field({ description: 'YYYY-MM-DD.' }) planDeadline!: string;
  @Field(() => Int, { nullable: true, description: '0–60; default 7.' }) reminderDays?: number;
}

@InputType({ description: 'The issued plan document of the caller’s unit.' })
export class AnnualPlanInput {
  @Field(() => Int, {
    description: 'The `version` the edit was made on (0 while the plan is not recorded yet); CONFLICT when the plan changed since.',
  })
  version!: number;
  @Field(() => Int) year!: number;
  @Field(() => PlanKind) kind!: PlanKind;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) documentNumber?: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' }) issueDate?: string | null;
  @Field(() => Int, { nullable: true, description: 'Inspection plans only: offices or communes it covers.' })
  plannedInspections?: number | null;
}

@InputType()
export class PlanTaskFields {
  @Field(() => String, { nullable: true, description: 'Unique in the plan; the next number when left out.' })
  @IsOptional()
  @MaxLength(32)
  code?: string;
  @Field() title!: string;
  @Field(() => Int) area!: number;
  @Field(() => String, { nullable: true }) output?: string | null;
  @Field(() => [Int], { nullable: true }) @IsOptional() @ArrayMaxSize(60) cooperatingUnitIds?: number[];
  @Field(() => Int, { nullable: true }) criterionId?: number | null;
}

@InputType()
export class UpdatePlanTaskInput extends PlanTaskFields {
  @Field(() => Int, { description: 'The `version` the edit was made on; CONFLICT when the task changed since.' }) version!: number;
}

@InputType({ description: 'A task of the caller’s unit’s PAR plan of `year`.' })
export class NewPlanTaskInput extends PlanTaskFields {
  @Field(() => Int) year!: number;
  @Field({ description: 'YYYY-MM-DD within the plan’s year.' }) deadline!: string;
}

@InputType({ description: 'A task the city’s plan assigns to a unit; it appears in the unit’s PAR plan, marked as such.' })
export class CityTaskInput extends NewPlanTaskInput {
  @Field(() => Int) unitId!: number;
}

@InputType()
export class TaskProgressInput {
  @Field(() => Int, { description: 'The `version` the edit was made on; CONFLICT when the task changed since.' }) version!: number;
  @Field(() => TaskStatus) status!: TaskStatus;
  @Field(() => Int) progress!: number;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, required when DONE; not in the future.' })
  completedOn?: string | null;
}

@InputType()
export class TaskChangeInput {
  @Field(() => Int) taskId!: number;
  @Field(() => TaskChangeKind) kind!: TaskChangeKind;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD within the plan’s year (deadline moves).' })
  newDeadline?: string | null;
  @Field() reason!: string;
}

@InputType()
export class PlanTaskFilter {
  @Field(() => Int, { nullable: true }) area?: number;
  @Field(() => TaskStatus, { nullable: true }) status?: TaskStatus;
  @Field(() => Boolean, { nullable: true }) overdue?: boolean;
  @Field(() => Boolean, { nullable: true }) cityAssigned?: boolean;
}
