import type { EntityManager } from '@mikro-orm/postgresql';
import { decimalText as text } from '../shared/decimal.ts';
import { SqlBuilder } from '../shared/sql-builder.ts';
import { criterionHeadOf, leafPointsCtes, type CriterionHead } from './results.sql.ts';

export type ComparisonStatus = 'MATCHED' | 'NEW' | 'REMOVED';

export interface CriterionComparisonRow extends CriterionHead {
  status: ComparisonStatus;
  maxPoints: string | null;
  previousMaxPoints: string | null;
  achieved: string | null;
  applicableMax: string | null;
  index: string | null;
  previousAchieved: string | null;
  previousApplicableMax: string | null;
  previousIndex: string | null;
  change: string | null;
}

/**
 * One unit's points on every criterion (area, criterion, sub-criterion) of two periods, matched by
 * code across the two criteria-set versions: a code in both is MATCHED (its maximum may have
 * changed), only in the current set NEW, only in the previous one REMOVED. One statement.
 */
export async function queryComparison(
  em: EntityManager,
  unitId: number,
  periodId: number,
  previousPeriodId: number,
): Promise<CriterionComparisonRow[]> {
  const q = new SqlBuilder();
  const sql = `with recursive ${leafPointsCtes(q, [periodId, previousPeriodId], null, [unitId])},
node_points as (
  select lp.period_id, node.id as node_id,
         coalesce(sum(lp.value) filter (where lp.applicable), 0) as achieved,
         coalesce(sum(lp.max_points) filter (where lp.applicable), 0) as applicable_max
    from leaf_points lp
    cross join lateral unnest(lp.path) as node(id)
   group by lp.period_id, node.id
),
by_period as (
  select np.period_id, c.code, c.title, c.kind, c.max_points, n.sort_path, np.achieved, np.applicable_max,
         case when np.applicable_max > 0 then round(np.achieved * 100 / np.applicable_max, 2) end as index
    from node_points np
    join criterion c on c.id = np.node_id
    join nodes n on n.id = np.node_id
),
cur as (select * from by_period where period_id = ${q.bind(periodId)}),
prev as (select * from by_period where period_id = ${q.bind(previousPeriodId)})
select coalesce(cur.code, prev.code) as code, coalesce(cur.title, prev.title) as title,
       array_length(coalesce(cur.sort_path, prev.sort_path), 1) as level, coalesce(cur.kind, prev.kind) as kind,
       case when cur.code is null then 'REMOVED' when prev.code is null then 'NEW' else 'MATCHED' end as status,
       cur.max_points, prev.max_points as previous_max_points,
       cur.achieved, cur.applicable_max, cur.index,
       prev.achieved as previous_achieved, prev.applicable_max as previous_applicable_max, prev.index as previous_index,
       cur.index - prev.index as change
  from cur full outer join prev on prev.code = cur.code
 order by coalesce(cur.sort_path, prev.sort_path), coalesce(cur.code, prev.code)`;
  const rows = await em.execute<Record<string, unknown>[]>(sql, q.params);
  return rows.map((row) => ({
    ...criterionHeadOf(row),
    status: row.status as ComparisonStatus,
    maxPoints: text(row.max_points),
    previousMaxPoints: text(row.previous_max_points),
    achieved: text(row.achieved),
    applicableMax: text(row.applicable_max),
    index: text(row.index),
    previousAchieved: text(row.previous_achieved),
    previousApplicableMax: text(row.previous_applicable_max),
    previousIndex: text(row.previous_index),
    change: text(row.change),
  }));
}
