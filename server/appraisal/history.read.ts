import { requireUser, type AppContext } from '../access/index.ts';
import { toDate } from '../shared/sql.ts';
import { authorizedReview } from './appraisal.read.ts';
import type { AuditEntryView } from './appraisal.types.ts';

/** The audit trail of one sub-criterion's appraisal (scores, requests, answers, evidence findings), oldest first. */
export async function readableScoreHistory(ctx: AppContext, scoreId: number): Promise<AuditEntryView[]> {
  const { sheetId } = await authorizedReview(ctx.em, requireUser(ctx), { scoreId }, 'readHistory');
  const rows = await ctx.em.execute<
    {
      id: number;
      action: string;
      actor_name: string;
      at: Date;
      before: unknown;
      after: unknown;
      reason: string | null;
      round: number | null;
    }[]
  >(
    `select a.id, a.action, u.display_name as actor_name, a.at, a.before, a.after, a.reason, a.round
       from audit_entry a join app_user u on u.id = a.actor_id
      where a.sheet_id = ? and coalesce(a.after ->> 'scoreId', a.before ->> 'scoreId') = ?
      order by a.at, a.id`,
    [sheetId, String(scoreId)],
  );
  const json = (value: unknown) => (value == null ? null : JSON.stringify(value));
  return rows.map((row) => ({
    id: row.id,
    action: row.action,
    actorName: row.actor_name,
    at: toDate(row.at),
    before: json(row.before),
    after: json(row.after),
    reason: row.reason,
    round: row.round,
  }));
}
