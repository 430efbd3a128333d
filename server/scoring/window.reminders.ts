import type { EntityManager } from '@mikro-orm/postgresql';
import { deadlinesOf, remindOfDeadlines } from '../notifications/index.ts';
import { PeriodStatus } from '../periods/index.ts';
import { EFFECTIVE_DEADLINE } from './sheet-state.ts';

/**
 * Members of every unit of an open self-assessment period that has not submitted, each with its
 * unit's own deadline (the period's, or its extension when later).
 */
const UNSUBMITTED_MEMBERS = `
  select distinct usr.id as user_id, p.id as period_id, p.name as period_name, ${EFFECTIVE_DEADLINE} as closes_at
    from period p
    join period_criteria_sets pcs on pcs.period_id = p.id
    join criteria_set cs on cs.id = pcs.criteria_set_id
    join unit un on un.block = cs.block and un.active
    join app_user usr on usr.unit_id = un.id and usr.active and usr.roles && array['UNIT_STAFF', 'UNIT_LEAD']::text[]
    left join score_sheet s on s.period_id = p.id and s.unit_id = un.id
   where p.status = '${PeriodStatus.SELF_ASSESSMENT}' and s.status is distinct from 'SUBMITTED'
     and ${EFFECTIVE_DEADLINE} is not null`;

/**
 * In-app reminders that the self-scoring deadline is near, to the members of units that have not
 * submitted: a unit with an extension is reminded of its own deadline, not the period's.
 */
export async function sendSelfScoringReminders(em: EntityManager, now = new Date()): Promise<number> {
  const rows = await em.execute<{ user_id: number; period_id: number; period_name: string; closes_at: Date }[]>(UNSUBMITTED_MEMBERS);
  const deadlines = deadlinesOf(rows, (row, closesAt) => ({
    key: `${PeriodStatus.SELF_ASSESSMENT}:${row.period_id}`,
    draft: {
      params: {
        periodId: row.period_id,
        periodName: row.period_name,
        step: PeriodStatus.SELF_ASSESSMENT,
        closesAt: closesAt.toISOString(),
      },
      link: '/scoring',
    },
  }));
  return remindOfDeadlines(em, deadlines, now);
}
