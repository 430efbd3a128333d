import { TaskStatus } from './plan.entity.ts';

/** Today in Hà Nội, in SQL: deadlines are calendar days there. */
const TODAY = `(now() at time zone 'Asia/Ho_Chi_Minh')::date`;

/** `overdue` and `done on time` of a task row aliased `t`, as SQL (no bindings). */
export const TASK_FLAGS = {
  overdue: `(t.status not in ('${TaskStatus.DONE}', '${TaskStatus.CANCELLED}') and t.deadline < ${TODAY})`,
  doneOnTime: `(t.status = '${TaskStatus.DONE}' and t.completed_on <= t.deadline)`,
};

const LIVE = `t.status <> '${TaskStatus.CANCELLED}'`;

/** The task counts of a group of task rows aliased `t` (TaskStats, TaskCompletion): name → aggregate, cancelled tasks left out. */
const TASK_COUNTS: [name: string, sql: string][] = [
  ['total', `count(t.id) filter (where ${LIVE})`],
  ['done', `count(t.id) filter (where t.status = '${TaskStatus.DONE}')`],
  ['doneOnTime', `count(t.id) filter (where ${TASK_FLAGS.doneOnTime})`],
  ['overdue', `count(t.id) filter (where ${TASK_FLAGS.overdue})`],
  ['cityAssigned', `count(t.id) filter (where ${LIVE} and t.city_assigned)`],
  ['cityAssignedDone', `count(t.id) filter (where t.city_assigned and t.status = '${TaskStatus.DONE}')`],
];

/** Those counts as one JSON object. */
export const TASK_COUNTS_JSON = `json_build_object(${TASK_COUNTS.map(([name, sql]) => `'${name}', ${sql}`).join(', ')})`;

/** Those counts as int columns named as the view's fields. */
export const TASK_COUNT_COLUMNS = TASK_COUNTS.map(([name, sql]) => `${sql}::int as "${name}"`).join(', ');

export interface TaskCounts {
  total: number;
  done: number;
  doneOnTime: number;
  overdue: number;
  cityAssigned: number;
  cityAssignedDone: number;
}

/** Counts with their rates (null without tasks). */
export const withRates = <T extends TaskCounts>(counts: T) => ({
  ...counts,
  completionRate: counts.total ? counts.done / counts.total : null,
  onTimeRate: counts.total ? counts.doneOnTime / counts.total : null,
});
