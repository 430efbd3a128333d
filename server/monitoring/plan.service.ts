import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { authorize, lockAuthorized, type Actor } from '../access/index.ts';
import { recordAudit } from '../audit/index.ts';
import { User } from '../auth/index.ts';
import { Criterion } from '../criteria/index.ts';
import { badInput, domainError, forbidden } from '../shared/errors.ts';
import { cleanText } from '../shared/text.ts';
import { assertVersion } from '../shared/version.ts';
import { Unit, unitNotFound } from '../units/index.ts';
import { changePending, CHANGE_REQUEST, TASK, taskCancelled, yearNotConfigured } from './monitoring.errors.ts';
import {
  AnnualPlan,
  MonitoringYear,
  PlanKind,
  PlanTask,
  TaskChangeKind,
  TaskChangeRequest,
  TaskChangeStatus,
  TaskStatus,
} from './plan.entity.ts';
import { checkArea, checkDate, checkDeadline, checkProgress, todayInHanoi } from './plan.logic.ts';
import { DEFAULT_REPORT_TEMPLATE } from './report.logic.ts';
import type {
  AnnualPlanInput,
  CityTaskInput,
  MonitoringYearInput,
  NewPlanTaskInput,
  PlanTaskFields,
  TaskChangeInput,
  TaskProgressInput,
  UpdatePlanTaskInput,
} from './plan.types.ts';

/** A row as the permission rules see it: plain ids, not entity references. */
export const planSubject = (plan: AnnualPlan) => ({ id: plan.id, unit: plan.unit.id, year: plan.year });
export const taskSubject = (task: PlanTask) => ({ id: task.id, unit: task.unit.id, year: task.year, cityAssigned: task.cityAssigned });

/** What the audit trail keeps of a task. */
const taskRecord = (task: PlanTask) => ({
  code: task.code,
  title: task.title,
  area: task.area,
  output: task.output ?? null,
  deadline: task.deadline,
  criterionId: task.criterion?.id ?? null,
  cooperatingUnitIds: task.cooperatingUnits.isInitialized() ? task.cooperatingUnits.getIdentifiers<number>() : undefined,
  status: task.status,
  progress: task.progress,
  completedOn: task.completedOn ?? null,
});

const audit = (tx: EntityManager, actor: Actor, subject: { type: string; id: number }, action: string, before?: object, after?: object) =>
  recordAudit(tx, actor, {
    subjectType: subject.type,
    subjectId: subject.id,
    action,
    before: (before as Record<string, unknown>) ?? null,
    after: (after as Record<string, unknown>) ?? null,
  });

/** Creates or updates the settings of a year (secretariat). */
export async function configureYear(em: EntityManager, actor: Actor, input: MonitoringYearInput): Promise<MonitoringYear> {
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) {
    throw badInput('year', { vi: 'Năm không hợp lệ.', en: 'Invalid year.' });
  }
  const planDeadline = checkDate(input.planDeadline, 'planDeadline');
  const reminderDays = input.reminderDays ?? 7;
  if (!Number.isInteger(reminderDays) || reminderDays < 0 || reminderDays > 60) {
    throw badInput('reminderDays', { vi: 'Số ngày nhắc trước phải từ 0 đến 60.', en: 'Reminder days must be from 0 to 60.' });
  }
  return em.transactional(async (tx) => {
    // Permission before the lock: the year's row is locked only for who may change it.
    const found = await tx.findOne(MonitoringYear, { year: input.year });
    authorize(actor, found ? 'update' : 'create', 'MonitoringYear');
    const existing = found && (await tx.findOne(MonitoringYear, found.id, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true }));
    const before = existing && { planDeadline: existing.planDeadline, reminderDays: existing.reminderDays };
    const year =
      existing ?? tx.create(MonitoringYear, { year: input.year, planDeadline, reminderDays, reportTemplate: DEFAULT_REPORT_TEMPLATE });
    Object.assign(year, { planDeadline, reminderDays });
    await tx.flush();
    audit(tx, actor, { type: 'MonitoringYear', id: year.id }, 'monitoring-year', before ?? undefined, { planDeadline, reminderDays });
    return year;
  });
}

async function requireYear(em: EntityManager, year: number): Promise<MonitoringYear> {
  const row = await em.findOne(MonitoringYear, { year });
  if (!row) throw yearNotConfigured(year);
  return row;
}

/** The unit's plan of that kind and year, created empty (not yet issued) when missing. */
async function ensurePlan(tx: EntityManager, actor: Actor, unitId: number, year: number, kind: PlanKind): Promise<AnnualPlan> {
  await requireYear(tx, year);
  const existing = await tx.findOne(AnnualPlan, { unit: unitId, year, kind });
  if (existing) return existing;
  if (!(await tx.findOne(Unit, unitId))) throw unitNotFound(actor, unitId);
  const plan = tx.create(AnnualPlan, { unit: tx.getReference(Unit, unitId), year, kind });
  await tx.flush();
  return plan;
}

/** Units record their own plans and tasks (the secretariat assigns city tasks instead). */
const ownUnit = (actor: Actor): number => {
  if (actor.unitId == null) throw forbidden();
  return actor.unitId;
};

/** Records the issued plan document (number, date) of a unit's plan of one kind and year. */
export async function savePlan(em: EntityManager, actor: Actor, input: AnnualPlanInput): Promise<AnnualPlan> {
  const unit = ownUnit(actor);
  const documentNumber =
    input.documentNumber === undefined ? undefined : cleanText(input.documentNumber, 'documentNumber', { max: 100, singleLine: true });
  const issueDate = input.issueDate === undefined ? undefined : input.issueDate ? checkDate(input.issueDate, 'issueDate') : null;
  const planned = input.plannedInspections;
  if (planned != null && (input.kind !== PlanKind.INSPECTION || !Number.isInteger(planned) || planned < 0 || planned > 10_000)) {
    throw badInput('plannedInspections', {
      vi: 'Số đơn vị được kiểm tra chỉ ghi cho kế hoạch kiểm tra, là số nguyên không âm.',
      en: 'Planned inspections belong to the inspection plan and are a whole number, not negative.',
    });
  }
  return em.transactional(async (tx) => {
    await requireYear(tx, input.year);
    authorize(actor, 'update', 'AnnualPlan', { unit, year: input.year });
    // Locked: two saves of one plan take turns, and the second sees the version the first made.
    const existing = await tx.findOne(
      AnnualPlan,
      { unit, year: input.year, kind: input.kind },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    assertVersion(existing, input.version);
    const plan = existing ?? (await ensurePlan(tx, actor, unit, input.year, input.kind));
    const record = () => ({
      documentNumber: plan.documentNumber ?? null,
      issueDate: plan.issueDate ?? null,
      plannedInspections: plan.plannedInspections ?? null,
    });
    const before = record();
    if (documentNumber !== undefined) plan.documentNumber = documentNumber;
    if (issueDate !== undefined) plan.issueDate = issueDate;
    if (planned !== undefined) plan.plannedInspections = planned;
    const after = record();
    if (JSON.stringify(before) !== JSON.stringify(after))
      audit(tx, actor, { type: 'AnnualPlan', id: plan.id }, 'plan-update', before, after);
    return plan;
  });
}

/** The checked definition fields of a task (cooperating units and criterion looked up). */
async function checkedFields(tx: EntityManager, fields: PlanTaskFields, plan: { unitId: number; year: number }) {
  const title = cleanText(fields.title, 'title', { required: true, max: 2000 })!;
  const area = checkArea(fields.area);
  const output = cleanText(fields.output, 'output', { max: 2000 });
  const cooperating = [...new Set(fields.cooperatingUnitIds ?? [])];
  if (cooperating.includes(plan.unitId)) {
    throw badInput('cooperatingUnitIds', {
      vi: 'Đơn vị chủ trì không đồng thời là đơn vị phối hợp.',
      en: 'The lead unit cannot also be a cooperating unit.',
    });
  }
  const units = cooperating.length ? await tx.find(Unit, { id: { $in: cooperating } }) : [];
  const missing = cooperating.filter((id) => !units.some((unit) => unit.id === id));
  if (missing.length) {
    throw badInput('cooperatingUnitIds', {
      vi: `Không có đơn vị mã ${missing.join(', ')}.`,
      en: `Units ${missing.join(', ')} do not exist.`,
    });
  }
  let criterion: Criterion | null = null;
  if (fields.criterionId != null) {
    criterion = await tx.findOne(Criterion, fields.criterionId, { populate: ['criteriaSet'] });
    if (!criterion || criterion.criteriaSet.year !== plan.year) {
      throw badInput('criterionId', {
        vi: `Tiêu chí ${fields.criterionId} không thuộc bộ tiêu chí năm ${plan.year}.`,
        en: `Criterion ${fields.criterionId} is not in a ${plan.year} criteria set.`,
      });
    }
  }
  return { title, area, output, units, criterion };
}

/** The next free number in the plan ("1", "2", …) for a task given without a code. */
async function nextCode(tx: EntityManager, planId: number): Promise<string> {
  const [row] = await tx.execute<{ n: number }[]>(
    `select coalesce(max(code::int), 0) + 1 as n from plan_task where plan_id = ? and code ~ '^[0-9]{1,9}$'`,
    [planId],
  );
  return String(row!.n);
}

export const duplicateCode = (code: string, field = 'code') =>
  domainError(
    'DUPLICATE_CODE',
    { vi: `Mã nhiệm vụ "${code}" đã có trong kế hoạch.`, en: `Task code "${code}" is already in the plan.` },
    { field, taskCode: code },
  );

async function insertTask(
  tx: EntityManager,
  actor: Actor,
  plan: AnnualPlan,
  input: NewPlanTaskInput,
  cityAssigned: boolean,
): Promise<PlanTask> {
  const deadline = checkDeadline(input.deadline, plan.year);
  const fields = await checkedFields(tx, input, { unitId: plan.unit.id, year: plan.year });
  const code =
    input.code != null ? cleanText(input.code, 'code', { required: true, max: 32, singleLine: true })! : await nextCode(tx, plan.id);
  if (await tx.count(PlanTask, { plan, code })) throw duplicateCode(code);
  const task = tx.create(PlanTask, {
    plan,
    unit: plan.unit,
    year: plan.year,
    code,
    title: fields.title,
    area: fields.area,
    output: fields.output,
    deadline,
    originalDeadline: deadline,
    criterion: fields.criterion,
    cityAssigned,
  });
  task.cooperatingUnits.set(fields.units);
  await tx.flush();
  audit(tx, actor, { type: 'PlanTask', id: task.id }, cityAssigned ? 'task-assign' : 'task-create', undefined, taskRecord(task));
  return task;
}

/** A task of the caller's unit's PAR plan of the year (the plan row is created if needed). */
export async function createTask(em: EntityManager, actor: Actor, input: NewPlanTaskInput): Promise<PlanTask> {
  const unit = ownUnit(actor);
  await requireYear(em, input.year);
  authorize(actor, 'create', 'PlanTask', { unit, year: input.year, cityAssigned: false });
  return em.transactional(async (tx) => insertTask(tx, actor, await ensurePlan(tx, actor, unit, input.year, PlanKind.PAR), input, false));
}

/** A task the city's plan assigns to a unit (secretariat): written into the unit's PAR plan, marked as city-assigned. */
export async function assignCityTask(em: EntityManager, actor: Actor, input: CityTaskInput): Promise<PlanTask> {
  authorize(actor, 'create', 'PlanTask', { unit: input.unitId, year: input.year, cityAssigned: true });
  return em.transactional(async (tx) =>
    insertTask(tx, actor, await ensurePlan(tx, actor, input.unitId, input.year, PlanKind.PAR), input, true),
  );
}

/** A task locked for a change once `action` on it is allowed (FORBIDDEN before any lock otherwise). */
const lockTask = (tx: EntityManager, actor: Actor, id: number, action: 'update' | 'progress') =>
  lockAuthorized(tx, actor, PlanTask, id, { action, subjectName: 'PlanTask', what: TASK, subject: taskSubject });

/** Changes a task's definition (not its deadline, which moves only through an approved request). */
export async function updateTask(em: EntityManager, actor: Actor, id: number, input: UpdatePlanTaskInput): Promise<PlanTask> {
  return em.transactional(async (tx) => {
    const task = await lockTask(tx, actor, id, 'update');
    assertVersion(task, input.version);
    if (task.status === TaskStatus.CANCELLED) throw taskCancelled();
    await task.cooperatingUnits.init();
    const before = taskRecord(task);
    const fields = await checkedFields(tx, input, { unitId: task.unit.id, year: task.year });
    if (input.code != null) {
      const code = cleanText(input.code, 'code', { required: true, max: 32, singleLine: true })!;
      if (code !== task.code && (await tx.count(PlanTask, { plan: task.plan, code }))) throw duplicateCode(code);
      task.code = code;
    }
    Object.assign(task, { title: fields.title, area: fields.area, output: fields.output, criterion: fields.criterion });
    task.cooperatingUnits.set(fields.units);
    audit(tx, actor, { type: 'PlanTask', id: task.id }, 'task-update', before, taskRecord(task));
    return task;
  });
}

/** Status, progress and completion date, by the unit's staff. */
export async function updateProgress(
  em: EntityManager,
  actor: Actor,
  id: number,
  input: TaskProgressInput,
  now = new Date(),
): Promise<PlanTask> {
  return em.transactional(async (tx) => {
    const task = await lockTask(tx, actor, id, 'progress');
    assertVersion(task, input.version);
    if (task.status === TaskStatus.CANCELLED) throw taskCancelled();
    const progress = checkProgress(
      { status: input.status, progress: input.progress, completedOn: input.completedOn ?? null },
      todayInHanoi(now),
    );
    const before = { status: task.status, progress: task.progress, completedOn: task.completedOn ?? null };
    Object.assign(task, progress);
    audit(tx, actor, { type: 'PlanTask', id: task.id }, 'task-progress', before, progress);
    return task;
  });
}

/** A request to move a task's deadline or cancel it, with its reason; the secretariat decides. */
export async function requestTaskChange(em: EntityManager, actor: Actor, input: TaskChangeInput): Promise<TaskChangeRequest> {
  const reason = cleanText(input.reason, 'reason', { required: true, max: 2000 })!;
  return em.transactional(async (tx) => {
    const task = await lockAuthorized(tx, actor, PlanTask, input.taskId, {
      action: 'create',
      subjectName: 'TaskChangeRequest',
      what: TASK,
      subject: (row) => ({ unit: row.unit.id, year: row.year }),
      readAs: 'PlanTask',
    });
    if (task.status === TaskStatus.CANCELLED) throw taskCancelled();
    let newDeadline: string | null = null;
    if (input.kind === TaskChangeKind.DEADLINE) {
      if (!input.newDeadline) throw badInput('newDeadline', { vi: 'Cần nhập thời hạn mới.', en: 'Give the new deadline.' });
      newDeadline = checkDeadline(input.newDeadline, task.year, 'newDeadline');
      if (newDeadline === task.deadline) {
        throw badInput('newDeadline', { vi: 'Thời hạn mới trùng thời hạn hiện tại.', en: 'The new deadline is the current one.' });
      }
    } else if (task.status === TaskStatus.DONE) {
      throw domainError('TASK_DONE', { vi: 'Nhiệm vụ đã hoàn thành; không thể hủy.', en: 'The task is done; it cannot be cancelled.' });
    }
    if (await tx.count(TaskChangeRequest, { task, status: TaskChangeStatus.PENDING })) throw changePending();
    const request = tx.create(TaskChangeRequest, {
      task,
      unit: task.unit,
      kind: input.kind,
      newDeadline,
      reason,
      requestedBy: tx.getReference(User, actor.id),
    });
    await tx.flush();
    recordAudit(tx, actor, {
      subjectType: 'PlanTask',
      subjectId: task.id,
      action: 'task-change-request',
      after: { requestId: request.id, kind: input.kind, newDeadline },
      reason,
    });
    return request;
  });
}

/** Approves (applying the move or the cancellation) or rejects a pending request (secretariat). */
export async function decideTaskChange(
  em: EntityManager,
  actor: Actor,
  id: number,
  approve: boolean,
  comment: string | null | undefined,
  now = new Date(),
): Promise<TaskChangeRequest> {
  const decisionComment = cleanText(comment, 'comment', { max: 2000 });
  return em.transactional(async (tx) => {
    const request = await lockAuthorized(tx, actor, TaskChangeRequest, id, {
      action: 'decide',
      subjectName: 'TaskChangeRequest',
      what: CHANGE_REQUEST,
      subject: (row) => ({ unit: row.unit.id, status: row.status }),
    });
    const task = await tx.findOneOrFail(PlanTask, request.task.id, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    Object.assign(request, {
      status: approve ? TaskChangeStatus.APPROVED : TaskChangeStatus.REJECTED,
      decidedBy: tx.getReference(User, actor.id),
      decidedAt: now,
      decisionComment,
    });
    const before = { deadline: task.deadline, status: task.status };
    if (approve && request.kind === TaskChangeKind.DEADLINE) task.deadline = request.newDeadline!;
    if (approve && request.kind === TaskChangeKind.CANCEL) task.status = TaskStatus.CANCELLED;
    recordAudit(tx, actor, {
      subjectType: 'PlanTask',
      subjectId: task.id,
      action: approve ? 'task-change-approve' : 'task-change-reject',
      before,
      after: { deadline: task.deadline, status: task.status, requestId: request.id },
      reason: decisionComment,
    });
    return request;
  });
}
