import { Migration } from '@mikro-orm/migrations';

/**
 * Cheaper upkeep of result_total on the deadline-day path. A score update (a save) no longer
 * recomputes its unit: it adds the difference its changed rows make (new contribution − old, with
 * the row's appraisals and survey result) to their area's row with an upsert, which commutes with
 * concurrent saves and recomputations (the row lock orders them; each adds to the latest version).
 * Recomputation (inserts, deletes, appraisals, survey imports) finds each row's area by climbing
 * from its own criterion to its root instead of walking whole criteria sets. Same sums, checked by
 * tests/result-totals.test.ts.
 */
export class Migration20261130122800_totals_by_delta extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function refresh_result_totals(period_ids int[], unit_ids int[]) returns void language plpgsql as $$
begin
  perform pg_advisory_xact_lock(x.p, x.u) from (select distinct p, u from unnest(period_ids, unit_ids) as t(p, u)) x order by x.p, x.u;
  delete from result_total t using unnest(period_ids, unit_ids) as x(p, u) where t.period_id = x.p and t.unit_id = x.u;
  insert into result_total (period_id, unit_id, area_id, max_off, self_achieved, appraised_achieved, survey, survey_max_off,
                            survey_missing_off, self_bonus, appraised_bonus, self_deduction, appraised_deduction)
  with recursive pairs as (select distinct p as period_id, u as unit_id from unnest(period_ids, unit_ids) as x(p, u)),
  sheets as (select sh.id, sh.period_id, sh.unit_id from score_sheet sh join pairs using (period_id, unit_id)),
  scored as (select sh.period_id, sh.unit_id, sco.* from sheets sh join score sco on sco.sheet_id = sh.id),
  surveyed as (select sr.* from survey_result sr join pairs using (period_id, unit_id)),
  up as (
    select c.id as leaf_id, c.id, c.parent_id from criterion c
     where c.id in (select criterion_id from scored union select criterion_id from surveyed)
    union all
    select up.leaf_id, c.id, c.parent_id from up join criterion c on c.id = up.parent_id
  ),
  leaves as (
    select up.leaf_id as id, up.id as area_id, c.kind, c.max_points from up join criterion c on c.id = up.leaf_id where up.parent_id is null
  ),
  contributions as (
    select sco.period_id, sco.unit_id, l.area_id,
           case when not sco.applicable and l.kind in ('SELF_SCORED', 'SURVEY') then -l.max_points else 0 end as max_off,
           case when sco.applicable and l.kind = 'SELF_SCORED' then coalesce(sco.self_points, 0) else 0 end as self_achieved,
           case when sco.applicable and l.kind = 'SELF_SCORED' then coalesce(a2.points, a1.points, sco.self_points, 0) else 0 end as appraised_achieved,
           0 as survey,
           case when not sco.applicable and l.kind = 'SURVEY' then -l.max_points else 0 end as survey_max_off,
           case when not sco.applicable and l.kind = 'SURVEY' then -1 else 0 end as survey_missing_off,
           case when sco.applicable and l.kind = 'BONUS' then coalesce(sco.self_points, 0) else 0 end as self_bonus,
           case when sco.applicable and l.kind = 'BONUS' then coalesce(a2.points, a1.points, sco.self_points, 0) else 0 end as appraised_bonus,
           case when sco.applicable and l.kind = 'DEDUCTION' then coalesce(sco.self_points, 0) else 0 end as self_deduction,
           case when sco.applicable and l.kind = 'DEDUCTION' then coalesce(a2.points, a1.points, sco.self_points, 0) else 0 end as appraised_deduction
      from scored sco
      join leaves l on l.id = sco.criterion_id
      left join appraisal a1 on a1.score_id = sco.id and a1.round = 1
      left join appraisal a2 on a2.score_id = sco.id and a2.round = 2
    union all
    select sr.period_id, sr.unit_id, l.area_id, 0, sr.points, sr.points, sr.points, 0, -1, 0, 0, 0, 0
      from surveyed sr
      join leaves l on l.id = sr.criterion_id and l.kind = 'SURVEY'
      left join scored na on na.period_id = sr.period_id and na.unit_id = sr.unit_id and na.criterion_id = sr.criterion_id and not na.applicable
     where na.id is null
  )
  select period_id, unit_id, area_id, sum(max_off), sum(self_achieved), sum(appraised_achieved), sum(survey), sum(survey_max_off),
         sum(survey_missing_off), sum(self_bonus), sum(appraised_bonus), sum(self_deduction), sum(appraised_deduction)
    from contributions group by period_id, unit_id, area_id;
end $$;`);
    this.addSql(`create or replace function score_updated_totals() returns trigger language plpgsql as $$
declare periods int[]; units int[];
begin
  insert into result_total as t (period_id, unit_id, area_id, max_off, self_achieved, appraised_achieved, survey, survey_max_off,
                                 survey_missing_off, self_bonus, appraised_bonus, self_deduction, appraised_deduction)
  with recursive changed as (
    select sh.period_id, sh.unit_id, n.id, n.criterion_id,
           o.self_points as old_self, o.applicable as old_applicable, n.self_points as new_self, n.applicable as new_applicable
      from new_rows n join old_rows o on o.id = n.id join score_sheet sh on sh.id = n.sheet_id
     where (n.self_points is distinct from o.self_points or n.applicable <> o.applicable)
       and n.sheet_id = o.sheet_id and n.criterion_id = o.criterion_id
  ),
  up as (
    select c.id as leaf_id, c.id, c.parent_id from criterion c where c.id in (select criterion_id from changed)
    union all
    select up.leaf_id, c.id, c.parent_id from up join criterion c on c.id = up.parent_id
  ),
  leaves as (
    select up.leaf_id as id, up.id as area_id, c.kind, c.max_points from up join criterion c on c.id = up.leaf_id where up.parent_id is null
  ),
  states as (
    select ch.period_id, ch.unit_id, l.area_id, l.kind, l.max_points, a1.points as a1, a2.points as a2, sr.points as sr,
           s.sign, case when s.sign < 0 then ch.old_self else ch.new_self end as self,
           case when s.sign < 0 then ch.old_applicable else ch.new_applicable end as applicable
      from changed ch
      join leaves l on l.id = ch.criterion_id
      cross join (values (-1), (1)) as s(sign)
      left join appraisal a1 on a1.score_id = ch.id and a1.round = 1
      left join appraisal a2 on a2.score_id = ch.id and a2.round = 2
      left join survey_result sr on sr.period_id = ch.period_id and sr.unit_id = ch.unit_id and sr.criterion_id = ch.criterion_id
  )
  select period_id, unit_id, area_id,
         sum(sign * case when not applicable and kind in ('SELF_SCORED', 'SURVEY') then -max_points else 0 end),
         sum(sign * case when applicable and kind = 'SELF_SCORED' then coalesce(self, 0) when applicable and kind = 'SURVEY' then coalesce(sr, 0) else 0 end),
         sum(sign * case when applicable and kind = 'SELF_SCORED' then coalesce(a2, a1, self, 0) when applicable and kind = 'SURVEY' then coalesce(sr, 0) else 0 end),
         sum(sign * case when applicable and kind = 'SURVEY' then coalesce(sr, 0) else 0 end),
         sum(sign * case when not applicable and kind = 'SURVEY' then -max_points else 0 end),
         sum(sign * case when kind = 'SURVEY' and (not applicable or sr is not null) then -1 else 0 end),
         sum(sign * case when applicable and kind = 'BONUS' then coalesce(self, 0) else 0 end),
         sum(sign * case when applicable and kind = 'BONUS' then coalesce(a2, a1, self, 0) else 0 end),
         sum(sign * case when applicable and kind = 'DEDUCTION' then coalesce(self, 0) else 0 end),
         sum(sign * case when applicable and kind = 'DEDUCTION' then coalesce(a2, a1, self, 0) else 0 end)
    from states group by period_id, unit_id, area_id
  on conflict (period_id, unit_id, area_id) do update set
    max_off = t.max_off + excluded.max_off, self_achieved = t.self_achieved + excluded.self_achieved,
    appraised_achieved = t.appraised_achieved + excluded.appraised_achieved, survey = t.survey + excluded.survey,
    survey_max_off = t.survey_max_off + excluded.survey_max_off, survey_missing_off = t.survey_missing_off + excluded.survey_missing_off,
    self_bonus = t.self_bonus + excluded.self_bonus, appraised_bonus = t.appraised_bonus + excluded.appraised_bonus,
    self_deduction = t.self_deduction + excluded.self_deduction, appraised_deduction = t.appraised_deduction + excluded.appraised_deduction;

  -- A row moved to another sheet or criterion (nothing does this today): recompute both units.
  select array_agg(sh.period_id), array_agg(sh.unit_id) into periods, units
    from (select n.sheet_id from new_rows n join old_rows o on o.id = n.id where n.sheet_id <> o.sheet_id or n.criterion_id <> o.criterion_id
          union select o.sheet_id from new_rows n join old_rows o on o.id = n.id where n.sheet_id <> o.sheet_id or n.criterion_id <> o.criterion_id) r
    join score_sheet sh on sh.id = r.sheet_id;
  if periods is not null then perform refresh_result_totals(periods, units); end if;
  return null;
end $$;`);
  }

  override async down(): Promise<void> {
    // The previous definition stays in Migration20261130112201_totals; going down past this one re-runs that one's up.
  }
}
