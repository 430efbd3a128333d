import type { EntityManager } from '@mikro-orm/postgresql';
import { deadlinesOf, remindOfDeadlines } from '../notifications/index.ts';
import { PeriodStatus } from '../periods/index.ts';
import { ExplanationStatus } from './cycle.entity.ts';

/** Members of units asked to explain whose explanation is still open, in periods in explanation. */
const UNEXPLAINED_MEMBERS = `
  select distinct usr.id as user_id, p.id as period_id, p.name as period_name, p.explanation_closes_at as closes_at
    from period p
    join sheet_review r on r.period_id = p.id and r.explanation_status = '${ExplanationStatus.OPEN}'
    join app_user usr on usr.unit_id = r.unit_id and usr.active and usr.roles && array['UNIT_STAFF', 'UNIT_LEAD']::text[]
   where p.status = '${PeriodStatus.EXPLANATION}' and p.explanation_closes_at is not null
     and exists (select 1 from explanation_request er where er.review_id = r.id)`;

/** In-app reminders that the explanation deadline is near, to the units that still have requests to answer. */
export async function sendExplanationReminders(em: EntityManager, now = new Date()): Promise<number> {
  const rows = await em.execute<{ user_id: number; period_id: number; period_name: string; closes_at: Date }[]>(UNEXPLAINED_MEMBERS);
  const deadlines = deadlinesOf(rows, (row, closesAt) => ({
    key: `${PeriodStatus.EXPLANATION}:${row.period_id}`,
    draft: {
      params: { periodId: row.period_id, periodName: row.period_name, step: PeriodStatus.EXPLANATION, closesAt: closesAt.toISOString() },
      link: `/appraisal/periods/${row.period_id}`,
    },
  }));
  return remindOfDeadlines(em, deadlines, now);
}
