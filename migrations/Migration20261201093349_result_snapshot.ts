import { Migration } from '@mikro-orm/migrations';

/**
 * result_snapshot and result_area_snapshot: a published period's results as the ranking computes them, written in
 * the publication's transaction (server/results/snapshot.ts). The API changes nothing they were computed from once
 * a period is published; should anything change all the same (a correction in SQL, a withdrawal), triggers drop
 * that period's snapshot in the same transaction, and its results are computed live again, exactly.
 */
export class Migration20261201093349_result_snapshot extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "result_area_snapshot" ("period_id" int not null, "unit_id" int not null, "area_id" int not null, "block" "unit_block" not null, "area_code" varchar(32) not null, "area_title" text not null, "area_position" int not null, "area_max" numeric not null, "area_achieved" numeric not null, "area_index" numeric null, "area_block_average" numeric null, constraint "result_area_snapshot_pkey" primary key ("period_id", "unit_id", "area_id"));`,
    );
    this.addSql(
      `create table "result_snapshot" ("period_id" int not null, "unit_id" int not null, "block" "unit_block" not null, "final" boolean not null, "sheet_status" varchar(16) null, "max" numeric not null, "achieved" numeric not null, "self_achieved" numeric not null, "appraised_achieved" numeric not null, "survey" numeric not null, "survey_max" numeric not null, "survey_missing" int not null, "bonus_raw" numeric not null, "bonus_cap" numeric not null, "bonus" numeric not null, "deduction_raw" numeric not null, "deduction_cap" numeric not null, "deduction" numeric not null, "total" numeric not null, "index" numeric null, "rank" int null, "block_size" int not null, constraint "result_snapshot_pkey" primary key ("period_id", "unit_id"));`,
    );

    this.addSql(`create function drop_result_snapshots(period_ids int[]) returns void language sql as $$
  delete from result_area_snapshot where period_id = any(period_ids);
  delete from result_snapshot where period_id = any(period_ids);
$$;`);

    // Per table and event, the periods whose snapshot the changed rows make stale.
    const triggers: { table: string; event: string; name: string; periods: string }[] = [
      // Scores, appraisals, survey results and deleted sheets all pass through the maintained totals.
      { table: 'result_total', event: 'insert', name: 'result_total_inserted', periods: 'select period_id from new_rows' },
      { table: 'result_total', event: 'update', name: 'result_total_updated', periods: 'select period_id from new_rows' },
      { table: 'result_total', event: 'delete', name: 'result_total_deleted', periods: 'select period_id from old_rows' },
      // A sheet puts its unit in the results and gives its state.
      { table: 'score_sheet', event: 'insert', name: 'score_sheet_inserted', periods: 'select period_id from new_rows' },
      {
        table: 'score_sheet',
        event: 'update',
        name: 'score_sheet_updated',
        periods: `select o.period_id from old_rows o join new_rows n on n.id = o.id
                   where (n.period_id, n.unit_id, n.status) is distinct from (o.period_id, o.unit_id, o.status)
                  union select n.period_id from old_rows o join new_rows n on n.id = o.id where n.period_id <> o.period_id`,
      },
      { table: 'appraisal_cycle', event: 'insert', name: 'appraisal_cycle_inserted', periods: 'select period_id from new_rows' },
      {
        table: 'appraisal_cycle',
        event: 'update',
        name: 'appraisal_cycle_updated',
        periods: 'select period_id from new_rows union select period_id from old_rows',
      },
      { table: 'appraisal_cycle', event: 'delete', name: 'appraisal_cycle_deleted', periods: 'select period_id from old_rows' },
      // The period's status picks the basis.
      {
        table: 'period',
        event: 'update',
        name: 'period_updated',
        periods: 'select n.id from new_rows n join old_rows o on o.id = n.id where n.status <> o.status',
      },
      { table: 'period_publication', event: 'delete', name: 'period_publication_deleted', periods: 'select period_id from old_rows' },
      // A unit's block says whom it is ranked with.
      {
        table: 'unit',
        event: 'update',
        name: 'unit_updated',
        periods: `select distinct s.period_id from result_snapshot s
                   where exists (select 1 from new_rows n join old_rows o on o.id = n.id where n.block <> o.block)`,
      },
    ];
    for (const { table, event, name, periods } of triggers) {
      const referencing =
        event === 'insert'
          ? 'new table as new_rows'
          : event === 'delete'
            ? 'old table as old_rows'
            : 'old table as old_rows new table as new_rows';
      this.addSql(`create function ${name}_snapshots() returns trigger language plpgsql as $$
declare periods int[];
begin
  select array_agg(distinct p) into periods from (${periods}) as changed(p);
  if periods is not null then perform drop_result_snapshots(periods); end if;
  return null;
end $$;`);
      this.addSql(
        `create trigger ${name}_snapshots after ${event} on "${table}" referencing ${referencing} for each statement execute function ${name}_snapshots();`,
      );
    }
    // TRUNCATE fires no DELETE trigger.
    this.addSql(`create function result_snapshots_truncated() returns trigger language plpgsql as $$
begin
  delete from result_area_snapshot;
  delete from result_snapshot;
  return null;
end $$;`);
    for (const table of ['result_total', 'score_sheet', 'appraisal_cycle', 'period_publication']) {
      this.addSql(
        `create trigger ${table}_truncated_snapshots after truncate on "${table}" for each statement execute function result_snapshots_truncated();`,
      );
    }
  }

  override async down(): Promise<void> {
    for (const name of [
      'result_total_inserted',
      'result_total_updated',
      'result_total_deleted',
      'score_sheet_inserted',
      'score_sheet_updated',
      'appraisal_cycle_inserted',
      'appraisal_cycle_updated',
      'appraisal_cycle_deleted',
      'period_updated',
      'period_publication_deleted',
      'unit_updated',
    ]) {
      this.addSql(`drop function if exists ${name}_snapshots() cascade;`);
    }
    this.addSql(`drop function if exists result_snapshots_truncated() cascade;`);
    this.addSql(`drop function if exists drop_result_snapshots(int[]);`);
    this.addSql(`drop table if exists "result_area_snapshot" cascade;`);
    this.addSql(`drop table if exists "result_snapshot" cascade;`);
  }
}
