import { Collection, Entity, Enum, Index, ManyToMany, ManyToOne, OptionalProps, Property, Unique, type Rel } from '@mikro-orm/core';
import { User } from '../auth/index.ts';
import { Criterion } from '../criteria/index.ts';
import { StoredFile } from '../evidence/index.ts';
import { Unit } from '../units/index.ts';
import type { ReportField } from './report.entity.ts';
import { UnitYearRecord } from './record.entity.ts';
import { IdEntity } from '../shared/entity.ts';
import { describedEnum, stringEnum, type EnumValue } from '../shared/enum.ts';

/** The three plans a unit issues each year; the PAR plan carries the tasks. */
export const PlanKind = describedEnum({
  PAR: 'Kế hoạch CCHC năm (carries the tasks)',
  INSPECTION: 'Kế hoạch kiểm tra CCHC',
  COMMUNICATION: 'Kế hoạch tuyên truyền CCHC',
});
export type PlanKind = EnumValue<typeof PlanKind>;

export const TaskStatus = describedEnum({
  NOT_STARTED: 'Chưa triển khai',
  IN_PROGRESS: 'Đang thực hiện',
  DONE: 'Hoàn thành (with a completion date)',
  CANCELLED: 'Hủy (only through an approved request)',
});
export type TaskStatus = EnumValue<typeof TaskStatus>;

export const TaskChangeKind = stringEnum('DEADLINE', 'CANCEL');
export type TaskChangeKind = EnumValue<typeof TaskChangeKind>;

export const TaskChangeStatus = stringEnum('PENDING', 'APPROVED', 'REJECTED');
export type TaskChangeStatus = EnumValue<typeof TaskChangeStatus>;

/**
 * The secretariat's settings of one monitoring year: the deadline for issuing the annual plans
 * and how many days ahead reminders go out. Units edit their records of the year while it is open.
 */
@Entity()
export class MonitoringYear extends IdEntity {
  [OptionalProps]?: 'reminderDays' | 'closedAt' | 'reportTemplate';

  @Property({ unique: true })
  year!: number;

  /** 'YYYY-MM-DD': a plan issued on or before this day is on time. */
  @Property({ type: 'date' })
  planDeadline!: string;

  @Property({ type: 'smallint', default: 7 })
  reminderDays: number = 7;

  /** The fields every periodic report of the year fills in (see report.logic.ts). */
  @Property({ type: 'jsonb', default: '[]' })
  reportTemplate: ReportField[] = [];

  /** Once set, units change nothing of this year. */
  @Property({ type: 'datetime', nullable: true })
  closedAt?: Date | null;
}

/** A unit's plan of one kind for one year: the issued document (number, date, file) and, for the PAR plan, its tasks. */
@Entity()
@Unique({ properties: ['unit', 'year', 'kind'] })
@Index({ properties: ['year'] })
export class AnnualPlan extends UnitYearRecord {
  [OptionalProps]?: 'documentNumber' | 'issueDate' | 'file' | 'fileName' | 'plannedInspections' | 'createdAt' | 'updatedAt' | 'version';

  @Enum({ items: () => PlanKind, nativeEnumName: 'plan_kind' })
  kind!: PlanKind;

  /** Số, ký hiệu, e.g. "12/KH-UBND"; null until the plan is issued. */
  @Property({ length: 100, nullable: true })
  documentNumber?: string | null;

  /** 'YYYY-MM-DD'; compared with the year's plan deadline. */
  @Property({ type: 'date', nullable: true })
  issueDate?: string | null;

  /** The signed document, in the evidence store (content-addressed). */
  @ManyToOne(() => StoredFile, { nullable: true })
  file?: Rel<StoredFile> | null;

  @Property({ length: 255, nullable: true })
  fileName?: string | null;

  /** Inspection plans: how many subordinate offices or communes the plan covers. */
  @Property({ type: 'smallint', nullable: true })
  plannedInspections?: number | null;

  @Property({ defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/**
 * One task of a PAR plan (nhiệm vụ). `unit` (the lead unit, the plan's) and `year` repeat the plan's
 * so the permission rules read in SQL on the task row alone. City-assigned tasks are written by the
 * secretariat into the assignee's plan.
 */
@Entity()
@Unique({ properties: ['plan', 'code'] })
@Index({ properties: ['unit', 'year'] })
@Index({ properties: ['year', 'deadline'] })
export class PlanTask extends UnitYearRecord {
  [OptionalProps]?:
    | 'output'
    | 'criterion'
    | 'cityAssigned'
    | 'status'
    | 'progress'
    | 'completedOn'
    | 'outputFile'
    | 'outputFileName'
    | 'outputDocumentNumber'
    | 'createdAt'
    | 'updatedAt'
    | 'version';

  @ManyToOne(() => AnnualPlan, { deleteRule: 'cascade' })
  plan!: Rel<AnnualPlan>;

  /** Unique within the plan, e.g. "1", "2.3" (the numbering plans circulate with). */
  @Property({ length: 32 })
  code!: string;

  @Property({ type: 'text' })
  title!: string;

  /** The PAR area, 1–8 (the index's top-level areas). */
  @Property({ type: 'smallint' })
  area!: number;

  /** Expected output (sản phẩm). */
  @Property({ type: 'text', nullable: true })
  output?: string | null;

  /** 'YYYY-MM-DD', the deadline in force (moves only through an approved change). */
  @Property({ type: 'date' })
  deadline!: string;

  /** The deadline the task was planned with. */
  @Property({ type: 'date' })
  originalDeadline!: string;

  @ManyToMany({ entity: () => Unit, pivotTable: 'plan_task_cooperating_unit', joinColumn: 'task_id', inverseJoinColumn: 'unit_id' })
  cooperatingUnits = new Collection<Unit>(this);

  /** Optional link to the index sub-criterion the task serves. */
  @ManyToOne(() => Criterion, { nullable: true, deleteRule: 'set null' })
  criterion?: Rel<Criterion> | null;

  @Property({ default: false })
  cityAssigned: boolean = false;

  @Enum({ items: () => TaskStatus, nativeEnumName: 'task_status', default: TaskStatus.NOT_STARTED })
  status: TaskStatus = TaskStatus.NOT_STARTED;

  @Property({ type: 'smallint', default: 0 })
  progress: number = 0;

  @Property({ type: 'date', nullable: true })
  completedOn?: string | null;

  /** The output document (evidence store). */
  @ManyToOne(() => StoredFile, { nullable: true })
  outputFile?: Rel<StoredFile> | null;

  @Property({ length: 255, nullable: true })
  outputFileName?: string | null;

  @Property({ length: 100, nullable: true })
  outputDocumentNumber?: string | null;

  @Property({ defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/** A unit's request to move a task's deadline or cancel it; the secretariat approves or rejects it. */
@Entity()
@Index({ properties: ['task'] })
@Index({ properties: ['status'] })
export class TaskChangeRequest extends IdEntity {
  [OptionalProps]?: 'newDeadline' | 'status' | 'requestedAt' | 'decidedBy' | 'decidedAt' | 'decisionComment';

  @ManyToOne(() => PlanTask, { deleteRule: 'cascade' })
  task!: Rel<PlanTask>;

  /** Repeats the task's, for the permission rules in SQL. */
  @ManyToOne(() => Unit)
  unit!: Rel<Unit>;

  @Enum({ items: () => TaskChangeKind, nativeEnumName: 'task_change_kind' })
  kind!: TaskChangeKind;

  @Property({ type: 'date', nullable: true })
  newDeadline?: string | null;

  @Property({ type: 'text' })
  reason!: string;

  @Enum({ items: () => TaskChangeStatus, nativeEnumName: 'task_change_status', default: TaskChangeStatus.PENDING })
  status: TaskChangeStatus = TaskChangeStatus.PENDING;

  @ManyToOne(() => User)
  requestedBy!: Rel<User>;

  @Property({ defaultRaw: 'now()' })
  requestedAt: Date = new Date();

  @ManyToOne(() => User, { nullable: true })
  decidedBy?: Rel<User> | null;

  @Property({ type: 'datetime', nullable: true })
  decidedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  decisionComment?: string | null;
}
