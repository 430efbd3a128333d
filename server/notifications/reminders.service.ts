import type { EntityManager } from '@mikro-orm/postgresql';
import { NotificationKind } from './notification.entity.ts';
import { notifyOnce, type NotificationDraft } from './notifications.service.ts';

const DAY = 86_400_000;
/** Reminders go out when a deadline is this near (days), unless the module says otherwise. */
export const DEFAULT_REMINDER_DAYS = [3, 1] as const;
/** A deadline that passed longer ago than this is old news: nobody is told it is overdue any more. */
const OVERDUE_NOTICE_DAYS = 7;

/** One deadline and the users who are to hear of it. */
export interface Deadline {
  /** Names what has the deadline, e.g. `SELF_ASSESSMENT:12` or `task:40`; with `closesAt`, a reminder exists once. */
  key: string;
  closesAt: Date;
  recipients: readonly number[];
  /** How many days before it reminders go out (DEFAULT_REMINDER_DAYS when not given). */
  reminderDays?: readonly number[];
  /** What they read; `kind` is set by the reminder. */
  draft: Omit<NotificationDraft, 'kind'>;
}

/** Rows of (user, deadline) as deadlines: rows with the same key and closing time become one deadline for all their users. */
export function deadlinesOf<T extends { user_id: number; closes_at: Date | string }>(
  rows: readonly T[],
  describe: (row: T, closesAt: Date) => Pick<Deadline, 'key' | 'draft' | 'reminderDays'>,
): Deadline[] {
  const deadlines = new Map<string, Deadline & { recipients: number[] }>();
  for (const row of rows) {
    const closesAt = new Date(row.closes_at);
    const described = describe(row, closesAt);
    const group = `${described.key}:${closesAt.toISOString()}`;
    const deadline = deadlines.get(group) ?? { ...described, closesAt, recipients: [] };
    deadline.recipients.push(row.user_id);
    deadlines.set(group, deadline);
  }
  return [...deadlines.values()];
}

/** The nearest of `thresholdsDays` the deadline is now within; null when none is or the deadline has passed. */
export function thresholdReached(closesAt: Date, now: Date, thresholdsDays: readonly number[]): number | null {
  const left = closesAt.getTime() - now.getTime();
  if (left <= 0) return null;
  const reached = thresholdsDays.filter((days) => left <= days * DAY);
  return reached.length ? Math.min(...reached) : null;
}

/**
 * Reminds each deadline's recipients once per threshold reached (a moved deadline reminds anew).
 * Safe to run as often as wanted. Returns how many notifications were created.
 */
export async function remindOfDeadlines(em: EntityManager, deadlines: readonly Deadline[], now: Date): Promise<number> {
  let created = 0;
  for (const deadline of deadlines) {
    const days = thresholdReached(deadline.closesAt, now, deadline.reminderDays ?? DEFAULT_REMINDER_DAYS);
    if (days === null) continue;
    created += await notifyOnce(
      em,
      deadline.recipients,
      { ...deadline.draft, kind: NotificationKind.DEADLINE_APPROACHING },
      `deadline:${deadline.key}:${deadline.closesAt.toISOString()}:${days}d`,
    );
  }
  return created;
}

/**
 * Tells each recipient once that a deadline has passed, in the first days after it (a job that
 * starts late does not announce long-gone deadlines). Returns how many notifications were created.
 */
export async function noticeOverdue(em: EntityManager, deadlines: readonly Deadline[], now: Date): Promise<number> {
  let created = 0;
  for (const deadline of deadlines) {
    const since = now.getTime() - deadline.closesAt.getTime();
    if (since < 0 || since > OVERDUE_NOTICE_DAYS * DAY) continue;
    created += await notifyOnce(
      em,
      deadline.recipients,
      { ...deadline.draft, kind: NotificationKind.DEADLINE_PASSED },
      `overdue:${deadline.key}:${deadline.closesAt.toISOString()}`,
    );
  }
  return created;
}
