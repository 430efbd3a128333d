import { Migration } from '@mikro-orm/migrations';

export class Migration20261130120647_monitoring_reports extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "report_kind" as enum ('Q1', 'H1', 'Q3', 'YEAR');`);
    this.addSql(`create type "report_status" as enum ('DRAFT', 'SUBMITTED', 'RETURNED', 'ACCEPTED');`);
    this.addSql(
      `create table "report_period" ("id" serial primary key, "year" int not null, "kind" "report_kind" not null, "deadline" date not null);`,
    );
    this.addSql(`alter table "report_period" add constraint "report_period_year_kind_unique" unique ("year", "kind");`);

    this.addSql(
      `create table "inspection" ("id" serial primary key, "unit_id" int not null, "year" int not null, "target" varchar(300) not null, "inspected_on" date not null, "conclusion_number" varchar(100) null, "conclusion_file_sha256" varchar(64) null, "conclusion_file_name" varchar(255) null, "shortcomings_found" smallint not null default 0, "shortcomings_handled" smallint not null default 0, "created_at" timestamptz not null default now());`,
    );
    this.addSql(`create index "inspection_unit_id_year_index" on "inspection" ("unit_id", "year");`);

    this.addSql(
      `create table "periodic_report" ("id" serial primary key, "period_id" int not null, "unit_id" int not null, "year" int not null, "values" jsonb not null, "status" "report_status" not null default 'DRAFT', "first_submitted_at" timestamptz null, "counted_submitted_at" timestamptz null, "submitted_at" timestamptz null, "submitted_by_id" int null, "returned_at" timestamptz null, "return_comment" text null, "decided_by_id" int null, "decided_at" timestamptz null, "updated_at" timestamptz not null default now(), "updated_by_id" int null);`,
    );
    this.addSql(`create index "periodic_report_year_unit_id_index" on "periodic_report" ("year", "unit_id");`);
    this.addSql(`alter table "periodic_report" add constraint "periodic_report_period_id_unit_id_unique" unique ("period_id", "unit_id");`);

    this.addSql(
      `alter table "inspection" add constraint "inspection_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "inspection" add constraint "inspection_conclusion_file_sha256_foreign" foreign key ("conclusion_file_sha256") references "stored_file" ("sha256") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "periodic_report" add constraint "periodic_report_period_id_foreign" foreign key ("period_id") references "report_period" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "periodic_report" add constraint "periodic_report_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "periodic_report" add constraint "periodic_report_submitted_by_id_foreign" foreign key ("submitted_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "periodic_report" add constraint "periodic_report_decided_by_id_foreign" foreign key ("decided_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "periodic_report" add constraint "periodic_report_updated_by_id_foreign" foreign key ("updated_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );

    this.addSql(`alter table "monitoring_year" add column "report_template" jsonb not null default '[]';`);

    this.addSql(`alter table "annual_plan" add column "planned_inspections" smallint null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "periodic_report" drop constraint "periodic_report_period_id_foreign";`);

    this.addSql(`drop table if exists "report_period" cascade;`);

    this.addSql(`drop table if exists "inspection" cascade;`);

    this.addSql(`drop table if exists "periodic_report" cascade;`);

    this.addSql(`alter table "annual_plan" drop column "planned_inspections";`);

    this.addSql(`alter table "monitoring_year" drop column "report_template";`);

    this.addSql(`drop type "report_kind";`);
    this.addSql(`drop type "report_status";`);
  }
}
