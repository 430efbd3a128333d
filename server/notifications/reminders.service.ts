import type { EntityManager } from '@mikro-orm/postgresql';
import { NotificationKind } from './notification.entity.ts';
import { notifyOnce } from './notifications.service.ts';

const DAY = 86_400_000;
/** Reminders go out when a deadline is this near; each threshold once per deadline and user. */
const THRESHOLDS_DAYS = [3, 1];

function threshold(closesAt: Date, now: Date): number | null {
  const left = closesAt.getTime() - now.getTime();
  if (left <= 0) return null;
  return THRESHOLDS_DAYS.filter((days) => left <= days * DAY).at(-1) ?? null;
}

/** Members of units of the period's blocks that have not submitted their sheet. */
const UNSUBMITTED_MEMBERS = `
  select u.id from app_user u join unit un on un.id = u.unit_id
   where u.active and un.active and u.roles && array['UNIT_STAFF', 'UNIT_LEAD']::text[]
     and un.block in (select cs.block from period_criteria_sets pcs join criteria_set cs on cs.id = pcs.criteria_set_id where pcs.period_id = ?)
     and not exists (select 1 from score_sheet sh where sh.period_id = ? and sh.unit_id = un.id and sh.status = 'SUBMITTED')`;

/** Members of units with requests for explanation and an explanation not locked yet. */
const UNEXPLAINED_MEMBERS = `
  select u.id from app_user u join sheet_review r on r.unit_id = u.unit_id
   where u.active and u.roles && array['UNIT_STAFF', 'UNIT_LEAD']::text[] and r.period_id = ? and r.explanation_status = 'OPEN'
     and exists (select 1 from explanation_request er where er.review_id = r.id)`;

/**
 * In-app reminders of approaching deadlines: unit members whose sheet is not submitted yet
 * (self-scoring), or whose explanation is still open with requests (explanation). Safe to run
 * as often as wanted: each reminder exists once. Returns how many were created.
 */
export async function sendDeadlineReminders(em: EntityManager, now = new Date()): Promise<number> {
  const periods = await em.execute<{ id: number; name: string; status: string; closes_at: Date }[]>(
    `select id, name, status, case status when 'SELF_ASSESSMENT' then self_scoring_closes_at else explanation_closes_at end as closes_at
       from period where status in ('SELF_ASSESSMENT', 'EXPLANATION')`,
  );
  let created = 0;
  for (const period of periods) {
    const days = period.closes_at ? threshold(new Date(period.closes_at), now) : null;
    if (days === null) continue;
    const selfScoring = period.status === 'SELF_ASSESSMENT';
    const recipients = await em.execute<{ id: number }[]>(
      selfScoring ? UNSUBMITTED_MEMBERS : UNEXPLAINED_MEMBERS,
      selfScoring ? [period.id, period.id] : [period.id],
    );
    const closesAt = new Date(period.closes_at).toISOString();
    created += await notifyOnce(
      em,
      recipients.map((row) => row.id),
      {
        kind: NotificationKind.DEADLINE_APPROACHING,
        params: { periodId: period.id, periodName: period.name, step: period.status, closesAt },
        link: selfScoring ? '/scoring' : `/appraisal/periods/${period.id}`,
      },
      `deadline:${period.status}:${period.id}:${closesAt}:${days}d`,
    );
  }
  return created;
}
