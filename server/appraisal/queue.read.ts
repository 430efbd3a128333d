import { withPermission, type AppContext } from '../access/index.ts';
import { toFragment } from '../shared/sql.ts';
import type { UnitView } from '../units/index.ts';
import { type AppraisalCycleView, type QueueFilter, QueueItemStatus, type QueueItemView, type QueueSheetView } from './appraisal.types.ts';
import { AppraisalAssignment } from './assignment.entity.ts';
import { SheetReview } from './cycle.entity.ts';

interface QueueRow {
  score_id: number;
  sheet_id: number;
  unit_id: number;
  unit_code: string;
  unit_name: string;
  unit_block: UnitView['block'];
  unit_active: boolean;
  criterion_id: number;
  code: string;
  title: string;
  max_points: string;
  area_code: string;
  area_title: string;
  self_points: string | null;
  round1: string | null;
  round2: string | null;
  requested: boolean;
  answered: boolean;
}

/** What is left in the round: round 1 everything unappraised; round 2 what was questioned and not re-appraised. */
function statusOf(row: QueueRow, round: number | null): QueueItemStatus {
  if (round === 2) return row.requested && row.round2 === null ? QueueItemStatus.TO_APPRAISE : QueueItemStatus.APPRAISED;
  return row.round1 === null ? QueueItemStatus.TO_APPRAISE : QueueItemStatus.APPRAISED;
}

/**
 * The sub-criteria of sheets under review covered by the caller's assignments (an appraiser:
 * their own, never their own unit's; the secretariat: everyone's, or one appraiser's). Both the
 * assignments and the sheets are narrowed by CASL in SQL; one statement, whatever the size.
 */
export async function queryQueue(
  ctx: AppContext,
  cycle: AppraisalCycleView,
  filter: QueueFilter = {},
): Promise<{
  total: number;
  remaining: number;
  sheets: QueueSheetView[];
}> {
  const action = ctx.ability.can('appraise', 'SheetReview') ? 'appraise' : 'read';
  const periodId = cycle.periodId;
  const assignmentWhere = withPermission<AppraisalAssignment>(ctx.ability, action, 'AppraisalAssignment', {
    period: periodId,
    ...(filter.appraiserId ? { appraiser: filter.appraiserId } : {}),
  });
  const reviewWhere = withPermission<SheetReview>(ctx.ability, action, 'SheetReview', {
    period: periodId,
    ...(filter.unitId ? { unit: filter.unitId } : {}),
  });
  if (!assignmentWhere || !reviewWhere) return { total: 0, remaining: 0, sheets: [] };
  const assignments = toFragment(ctx.em.createQueryBuilder(AppraisalAssignment, 'a').select(['areaCode', 'unit']).where(assignmentWhere));
  const reviews = toFragment(ctx.em.createQueryBuilder(SheetReview, 'r').select(['sheet', 'unit']).where(reviewWhere));
  const rows = await ctx.em.execute<QueueRow[]>(
    `with recursive tree as (
       select c.id, c.code as area_code, c.title as area_title, array[c.position] as path
         from criterion c
        where c.parent_id is null
          and c.criteria_set_id in (select criteria_set_id from period_criteria_sets where period_id = ?)
       union all
       select c.id, t.area_code, t.area_title, t.path || c.position from criterion c join tree t on c.parent_id = t.id
     ),
     mine as (${assignments.sql}),
     reviews as (${reviews.sql})
     select s.id as score_id, r.sheet_id, r.unit_id, u.code as unit_code, u.name as unit_name, u.block as unit_block,
            u.active as unit_active, c.id as criterion_id, c.code, c.title, c.max_points, t.area_code, t.area_title, s.self_points,
            a1.points as round1, a2.points as round2, er.id is not null as requested, er.answered_at is not null as answered
       from reviews r
       join unit u on u.id = r.unit_id
       join score s on s.sheet_id = r.sheet_id and s.applicable
       join criterion c on c.id = s.criterion_id and c.kind <> 'SURVEY'
       join tree t on t.id = c.id
       left join appraisal a1 on a1.score_id = s.id and a1.round = 1
       left join appraisal a2 on a2.score_id = s.id and a2.round = 2
       left join explanation_request er on er.score_id = s.id
      where exists (select 1 from mine m
                     where (m.area_code is null or m.area_code = t.area_code) and (m.unit_id is null or m.unit_id = r.unit_id))
        and (?::text is null or t.area_code = ?::text)
      order by u.block, u.code, t.path`,
    [periodId, ...assignments.bindings, ...reviews.bindings, filter.areaCode ?? null, filter.areaCode ?? null],
  );

  const round = cycle.currentRound ?? (cycle.round1ReleasedAt ? 2 : 1);
  const sheets = new Map<number, QueueSheetView>();
  let total = 0;
  let remaining = 0;
  for (const row of rows) {
    const status = statusOf(row, round);
    if (filter.status && filter.status !== status) continue;
    let sheet = sheets.get(row.sheet_id);
    if (!sheet) {
      sheet = {
        sheetId: row.sheet_id,
        total: 0,
        remaining: 0,
        items: [],
        unit: { id: row.unit_id, code: row.unit_code, name: row.unit_name, block: row.unit_block, active: row.unit_active },
      };
      sheets.set(row.sheet_id, sheet);
    }
    const item: QueueItemView = {
      scoreId: row.score_id,
      criterionId: row.criterion_id,
      code: row.code,
      title: row.title,
      areaCode: row.area_code,
      areaTitle: row.area_title,
      maxPoints: row.max_points,
      selfPoints: row.self_points,
      round1Points: row.round1,
      round2Points: row.round2,
      explanationRequested: row.requested,
      explanationAnswered: row.answered,
      status,
    };
    sheet.items.push(item);
    sheet.total += 1;
    total += 1;
    if (status === QueueItemStatus.TO_APPRAISE) {
      sheet.remaining += 1;
      remaining += 1;
    }
  }
  return { total, remaining, sheets: [...sheets.values()] };
}
