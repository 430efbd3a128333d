import { Migration } from '@mikro-orm/migrations';

/**
 * result_total: what each unit's rows add to each area of its period's results (see the entity
 * ResultTotal), kept by triggers in the same transaction as every write to the rows it sums. A
 * write recomputes the totals of the units it touched from their rows, under a per-unit advisory
 * lock taken before reading, so concurrent writes to one unit never leave a stale sum (each
 * recomputation reads after the previous one committed). The rules are those of results.sql.ts.
 */
export class Migration20261130112201_totals extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "result_total" ("period_id" int not null, "unit_id" int not null, "area_id" int not null, "max_off" numeric(9,2) not null, "self_achieved" numeric(9,2) not null, "appraised_achieved" numeric(9,2) not null, "survey" numeric(9,2) not null, "survey_max_off" numeric(9,2) not null, "survey_missing_off" int not null, "self_bonus" numeric(9,2) not null, "appraised_bonus" numeric(9,2) not null, "self_deduction" numeric(9,2) not null, "appraised_deduction" numeric(9,2) not null, constraint "result_total_pkey" primary key ("period_id", "unit_id", "area_id"));`,
    );

    this.addSql(`create function refresh_result_totals(period_ids int[], unit_ids int[]) returns void language plpgsql as $$
begin
  perform pg_advisory_xact_lock(x.p, x.u) from (select distinct p, u from unnest(period_ids, unit_ids) as t(p, u)) x order by x.p, x.u;
  delete from result_total t using unnest(period_ids, unit_ids) as x(p, u) where t.period_id = x.p and t.unit_id = x.u;
  insert into result_total (period_id, unit_id, area_id, max_off, self_achieved, appraised_achieved, survey, survey_max_off,
                            survey_missing_off, self_bonus, appraised_bonus, self_deduction, appraised_deduction)
  with recursive pairs as (select distinct p as period_id, u as unit_id from unnest(period_ids, unit_ids) as x(p, u)),
  sheets as (select sh.id, sh.period_id, sh.unit_id from score_sheet sh join pairs using (period_id, unit_id)),
  sets as (
    select distinct c.criteria_set_id as set_id from sheets sh join score sc on sc.sheet_id = sh.id join criterion c on c.id = sc.criterion_id
    union
    select distinct c.criteria_set_id from survey_result sr join pairs using (period_id, unit_id) join criterion c on c.id = sr.criterion_id
  ),
  nodes as (
    select c.id, c.id as area_id from criterion c where c.parent_id is null and c.criteria_set_id in (select set_id from sets)
    union all
    select c.id, n.area_id from criterion c join nodes n on c.parent_id = n.id
  ),
  leaves as (
    select n.id, n.area_id, c.kind, c.max_points from nodes n join criterion c on c.id = n.id
     where not exists (select 1 from criterion k where k.parent_id = n.id)
  ),
  contributions as (
    select sh.period_id, sh.unit_id, l.area_id,
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
      from sheets sh
      join score sco on sco.sheet_id = sh.id
      join leaves l on l.id = sco.criterion_id
      left join appraisal a1 on a1.score_id = sco.id and a1.round = 1
      left join appraisal a2 on a2.score_id = sco.id and a2.round = 2
    union all
    select sr.period_id, sr.unit_id, l.area_id, 0, sr.points, sr.points, sr.points, 0, -1, 0, 0, 0, 0
      from survey_result sr
      join pairs using (period_id, unit_id)
      join leaves l on l.id = sr.criterion_id and l.kind = 'SURVEY'
      left join sheets sh on sh.period_id = sr.period_id and sh.unit_id = sr.unit_id
      left join score na on na.sheet_id = sh.id and na.criterion_id = sr.criterion_id and not na.applicable
     where na.id is null
  )
  select period_id, unit_id, area_id, sum(max_off), sum(self_achieved), sum(appraised_achieved), sum(survey), sum(survey_max_off),
         sum(survey_missing_off), sum(self_bonus), sum(appraised_bonus), sum(self_deduction), sum(appraised_deduction)
    from contributions group by period_id, unit_id, area_id;
end $$;`);

    // One trigger function per table and event: each names the units its changed rows belong to.
    const scoreUnits = (rows: string) =>
      `select array_agg(sh.period_id), array_agg(sh.unit_id) from (select distinct sheet_id from ${rows}) r join score_sheet sh on sh.id = r.sheet_id`;
    const appraisalUnits = (rows: string) =>
      `select array_agg(sh.period_id), array_agg(sh.unit_id) from (select distinct score_id from ${rows}) r
         join score sc on sc.id = r.score_id join score_sheet sh on sh.id = sc.sheet_id`;
    const surveyUnits = (rows: string) =>
      `select array_agg(period_id), array_agg(unit_id) from (select distinct period_id, unit_id from ${rows}) r`;
    const triggers: { table: string; event: string; name: string; units: string }[] = [
      { table: 'score', event: 'insert', name: 'score_inserted', units: scoreUnits('new_rows') },
      {
        table: 'score',
        event: 'update',
        name: 'score_updated',
        // A note or a version alone moves no total.
        units: scoreUnits(`(select n.sheet_id from new_rows n join old_rows o on o.id = n.id
                             where n.self_points is distinct from o.self_points or n.applicable <> o.applicable
                                or n.sheet_id <> o.sheet_id or n.criterion_id <> o.criterion_id) c`),
      },
      { table: 'score', event: 'delete', name: 'score_deleted', units: scoreUnits('old_rows') },
      { table: 'appraisal', event: 'insert', name: 'appraisal_inserted', units: appraisalUnits('new_rows') },
      {
        table: 'appraisal',
        event: 'update',
        name: 'appraisal_updated',
        units: appraisalUnits('(select score_id from new_rows union select score_id from old_rows) c'),
      },
      { table: 'appraisal', event: 'delete', name: 'appraisal_deleted', units: appraisalUnits('old_rows') },
      { table: 'survey_result', event: 'insert', name: 'survey_result_inserted', units: surveyUnits('new_rows') },
      {
        table: 'survey_result',
        event: 'update',
        name: 'survey_result_updated',
        units: surveyUnits('(select period_id, unit_id from new_rows union select period_id, unit_id from old_rows) c'),
      },
      { table: 'survey_result', event: 'delete', name: 'survey_result_deleted', units: surveyUnits('old_rows') },
      { table: 'score_sheet', event: 'delete', name: 'score_sheet_deleted', units: surveyUnits('old_rows') },
    ];
    for (const { table, event, name, units } of triggers) {
      const referencing =
        event === 'insert'
          ? 'new table as new_rows'
          : event === 'delete'
            ? 'old table as old_rows'
            : 'old table as old_rows new table as new_rows';
      this.addSql(`create function ${name}_totals() returns trigger language plpgsql as $$
declare periods int[]; units int[];
begin
  ${units} into periods, units;
  if periods is not null then perform refresh_result_totals(periods, units); end if;
  return null;
end $$;`);
      this.addSql(
        `create trigger ${name}_totals after ${event} on "${table}" referencing ${referencing} for each statement execute function ${name}_totals();`,
      );
    }

    // TRUNCATE fires no row or DELETE trigger: start again from the rows left.
    this.addSql(`create function result_totals_truncated() returns trigger language plpgsql as $$
begin
  delete from result_total;
  perform refresh_result_totals(array_agg(period_id), array_agg(unit_id))
     from (select period_id, unit_id from score_sheet union select period_id, unit_id from survey_result) u;
  return null;
end $$;`);
    for (const table of ['score', 'appraisal', 'survey_result', 'score_sheet']) {
      this.addSql(
        `create trigger ${table}_truncated_totals after truncate on "${table}" for each statement execute function result_totals_truncated();`,
      );
    }

    // The rows already there.
    this.addSql(`select refresh_result_totals(array_agg(period_id), array_agg(unit_id))
                   from (select period_id, unit_id from score_sheet union select period_id, unit_id from survey_result) u;`);
  }

  override async down(): Promise<void> {
    for (const name of [
      'score_inserted',
      'score_updated',
      'score_deleted',
      'appraisal_inserted',
      'appraisal_updated',
      'appraisal_deleted',
      'survey_result_inserted',
      'survey_result_updated',
      'survey_result_deleted',
      'score_sheet_deleted',
    ]) {
      this.addSql(`drop function if exists ${name}_totals() cascade;`);
    }
    this.addSql(`drop function if exists result_totals_truncated() cascade;`);
    this.addSql(`drop function if exists refresh_result_totals(int[], int[]);`);
    this.addSql(`drop table if exists "result_total" cascade;`);
  }
}
