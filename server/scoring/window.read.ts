import { authorize, requireUser, type AppContext } from '../access/index.ts';
import { PeriodStatus, readablePeriod } from '../periods/index.ts';
import { toDate } from '../shared/sql.ts';
import type { UnitBlock } from '../units/index.ts';
import { ScoreSheetStatus } from './scoring.entity.ts';
import { EFFECTIVE_DEADLINE } from './sheet-state.ts';
import { SelfScoringState, type UnitSelfScoringView } from './window.types.ts';

interface OverviewRow {
  unit_id: number;
  code: string;
  name: string;
  block: UnitBlock;
  active: boolean;
  sheet_id: number | null;
  status: ScoreSheetStatus | null;
  submitted_at: Date | null;
  deadline: Date;
  extended_to: Date | null;
  extension_reason: string | null;
  total: number;
  scored: number;
  last_activity_at: Date | null;
  period_status: PeriodStatus;
}

/**
 * Every active unit of the period's blocks, with or without a sheet: where it stands, how far it is,
 * when it last changed anything and until when it may. One statement.
 */
export async function selfScoringOverview(ctx: AppContext, periodId: number, now = new Date()): Promise<UnitSelfScoringView[]> {
  const actor = requireUser(ctx);
  authorize(actor, 'oversee', 'ScoreSheet');
  await readablePeriod(ctx, periodId);
  const rows = await ctx.em.execute<OverviewRow[]>(
    `with leaves as (
       select c.criteria_set_id, count(*)::int as total from criterion c
        where c.kind = 'SELF_SCORED' and not exists (select 1 from criterion child where child.parent_id = c.id)
        group by c.criteria_set_id)
     select u.id as unit_id, u.code, u.name, u.block, u.active, s.id as sheet_id, s.status, s.submitted_at,
            ${EFFECTIVE_DEADLINE} as deadline, s.deadline_extended_to as extended_to, s.extension_reason,
            coalesce(l.total, 0) as total, coalesce(sc.scored, 0) as scored,
            greatest(s.created_at, s.submitted_at, sc.last_change) as last_activity_at, p.status as period_status
       from period p
       join period_criteria_sets pcs on pcs.period_id = p.id
       join criteria_set cs on cs.id = pcs.criteria_set_id
       join unit u on u.block = cs.block and u.active
       left join leaves l on l.criteria_set_id = cs.id
       left join score_sheet s on s.period_id = p.id and s.unit_id = u.id
       left join lateral (
         select count(*) filter (where c.kind = 'SELF_SCORED' and (x.self_points is not null or not x.applicable))::int as scored,
                max(x.updated_at) as last_change
           from score x join criterion c on c.id = x.criterion_id
          where x.sheet_id = s.id) sc on true
      where p.id = ?
      order by u.block, u.name, u.id`,
    [periodId],
  );
  return rows.map((row) => {
    const deadline = toDate(row.deadline);
    const state = row.status === null ? SelfScoringState.NOT_STARTED : (row.status as string as SelfScoringState);
    return {
      unit: { id: row.unit_id, code: row.code, name: row.name, block: row.block, active: row.active },
      sheetId: row.sheet_id,
      state,
      progress: { scored: row.scored, total: row.total },
      lastActivityAt: row.sheet_id === null ? null : toDate(row.last_activity_at),
      submittedAt: toDate(row.submitted_at),
      deadline,
      extendedTo: toDate(row.extended_to),
      extensionReason: row.extension_reason,
      open: row.period_status === PeriodStatus.SELF_ASSESSMENT && state !== SelfScoringState.SUBMITTED && now < deadline,
    };
  });
}
