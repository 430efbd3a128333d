import type { EntityManager } from '@mikro-orm/postgresql';
import { deadlinesOf, noticeOverdue, remindOfDeadlines } from '../notifications/index.ts';
import { TaskStatus } from './plan.entity.ts';
import { ReportStatus } from './report.entity.ts';

/** A deadline day ends at midnight in Hà Nội: the moment it closes. */
const closesAfter = (day: string) => `((${day} + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh')`;
const MEMBERS = `app_user usr on usr.active and usr.roles && array['UNIT_STAFF', 'UNIT_LEAD']::text[]`;

/** Members of units with an unfinished task of a year still being monitored. */
const OPEN_TASKS = `
  select usr.id as user_id, t.id, t.title, t.year, to_char(t.deadline, 'YYYY-MM-DD') as due_on,
         ${closesAfter('t.deadline')} as closes_at, y.reminder_days
    from plan_task t
    join monitoring_year y on y.year = t.year and y.closed_at is null
    join ${MEMBERS} and usr.unit_id = t.unit_id
   where t.status not in ('${TaskStatus.DONE}', '${TaskStatus.CANCELLED}')`;

/** Members of active units whose report of a period is not in (missing, draft or returned), in years still monitored. */
const MISSING_REPORTS = `
  select usr.id as user_id, rp.id, rp.kind as report_kind, rp.year, to_char(rp.deadline, 'YYYY-MM-DD') as due_on,
         ${closesAfter('rp.deadline')} as closes_at, y.reminder_days
    from report_period rp
    join monitoring_year y on y.year = rp.year and y.closed_at is null
    join unit un on un.active
    join ${MEMBERS} and usr.unit_id = un.id
    left join periodic_report r on r.period_id = rp.id and r.unit_id = un.id
   where r.status is null or r.status not in ('${ReportStatus.SUBMITTED}', '${ReportStatus.ACCEPTED}')`;

interface DueRow {
  user_id: number;
  id: number;
  year: number;
  due_on: string;
  closes_at: Date;
  reminder_days: number;
}

/**
 * Monitoring reminders to the unit's staff and lead: the year's configured number of days before
 * a task or report deadline, and once when it has passed with the task unfinished or the report
 * not in. Safe to run as often as wanted; returns how many notifications were created.
 */
export async function sendMonitoringReminders(em: EntityManager, now = new Date()): Promise<number> {
  const tasks = await em.execute<(DueRow & { title: string })[]>(OPEN_TASKS);
  const reports = await em.execute<(DueRow & { report_kind: string })[]>(MISSING_REPORTS);
  const deadlines = [
    ...deadlinesOf(tasks, (row) => ({
      key: `task:${row.id}`,
      reminderDays: [row.reminder_days],
      draft: { params: { step: 'PLAN_TASK', taskId: row.id, title: row.title, year: row.year, dueOn: row.due_on }, link: '/monitoring' },
    })),
    ...deadlinesOf(reports, (row) => ({
      key: `report:${row.id}`,
      reminderDays: [row.reminder_days],
      draft: {
        params: { step: 'REPORT', reportPeriodId: row.id, reportKind: row.report_kind, year: row.year, dueOn: row.due_on },
        link: '/monitoring',
      },
    })),
  ];
  return (await remindOfDeadlines(em, deadlines, now)) + (await noticeOverdue(em, deadlines, now));
}
