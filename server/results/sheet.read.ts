import type { EntityManager } from '@mikro-orm/postgresql';
import { appraisalRoundsJoin, finalPointsSql, joinedSources } from '../appraisal/index.ts';
import { decimalText } from '../shared/decimal.ts';
import { SqlBuilder } from '../shared/sql-builder.ts';
import { criteriaCtes, criterionHeadOf, type CriterionHead } from './results.sql.ts';

export interface SheetLine extends CriterionHead {
  criterionId: number;
  isLeaf: boolean;
  maxPoints: string;
  applicable: boolean | null;
  selfPoints: string | null;
  round1: string | null;
  round2: string | null;
  survey: string | null;
  /** Leaf: the points counted (on the period's basis); parent: the sum over its applicable leaves. */
  points: string | null;
  applicableMax: string | null;
  note: string | null;
}

/** A unit's whole score sheet of a period in tree order, with every level rolled up: one statement. */
export async function querySheetLines(em: EntityManager, periodId: number, unitId: number): Promise<SheetLine[]> {
  const q = new SqlBuilder();
  const sql = `with recursive ${criteriaCtes(q, [periodId])},
unit_set as (
  select s.period_id, s.set_id, s.final, sh.id as sheet_id
    from sets s join unit u on u.block = s.block and u.id = ${q.bind(unitId)}
    left join score_sheet sh on sh.period_id = s.period_id and sh.unit_id = u.id
),
leaf_values as (
  select l.id, l.path, coalesce(sco.applicable, true) as applicable, sco.self_points, a1.points as round1, a2.points as round2,
         sr.points as survey, sco.note, l.max_points,
         case when l.kind = 'SURVEY' then sr.points
              when us.final then ${finalPointsSql(joinedSources('sco'))} else sco.self_points end as value
    from unit_set us
    join leaves l on l.set_id = us.set_id
    left join score sco on sco.sheet_id = us.sheet_id and sco.criterion_id = l.id
    ${appraisalRoundsJoin('sco')}
    left join survey_result sr on sr.period_id = us.period_id and sr.unit_id = ${q.bind(unitId)} and sr.criterion_id = l.id
),
rollup as (
  select node.id, coalesce(sum(lv.value) filter (where lv.applicable), 0) as points,
         coalesce(sum(lv.max_points) filter (where lv.applicable), 0) as applicable_max
    from leaf_values lv cross join lateral unnest(lv.path) as node(id)
   group by node.id
)
select c.id, c.code, c.title, array_length(n.sort_path, 1) as level, c.kind, c.max_points,
       lv.id is not null as is_leaf, lv.applicable, lv.self_points, lv.round1, lv.round2, lv.survey, lv.note,
       r.points, r.applicable_max
  from nodes n
  join unit_set us on us.set_id = n.set_id
  join criterion c on c.id = n.id
  left join leaf_values lv on lv.id = n.id
  left join rollup r on r.id = n.id
 order by n.sort_path`;
  const rows = await em.execute<Record<string, unknown>[]>(sql, q.params);
  return rows.map((row) => ({
    ...criterionHeadOf(row),
    criterionId: Number(row.id),
    isLeaf: Boolean(row.is_leaf),
    maxPoints: decimalText(row.max_points)!,
    applicable: row.is_leaf ? Boolean(row.applicable) : null,
    selfPoints: decimalText(row.self_points),
    round1: decimalText(row.round1),
    round2: decimalText(row.round2),
    survey: decimalText(row.survey),
    points: decimalText(row.points),
    applicableMax: decimalText(row.applicable_max),
    note: (row.note as string | null) ?? null,
  }));
}
