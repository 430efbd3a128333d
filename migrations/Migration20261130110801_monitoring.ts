import { Migration } from '@mikro-orm/migrations';

export class Migration20261130110801_monitoring extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "plan_kind" as enum ('PAR', 'INSPECTION', 'COMMUNICATION');`);
    this.addSql(`create type "task_status" as enum ('NOT_STARTED', 'IN_PROGRESS', 'DONE', 'CANCELLED');`);
    this.addSql(`create type "task_change_kind" as enum ('DEADLINE', 'CANCEL');`);
    this.addSql(`create type "task_change_status" as enum ('PENDING', 'APPROVED', 'REJECTED');`);
    this.addSql(
      `create table "monitoring_year" ("id" serial primary key, "year" int not null, "plan_deadline" date not null, "reminder_days" smallint not null default 7, "closed_at" timestamptz null);`,
    );
    this.addSql(`alter table "monitoring_year" add constraint "monitoring_year_year_unique" unique ("year");`);

    this.addSql(
      `create table "annual_plan" ("id" serial primary key, "unit_id" int not null, "year" int not null, "kind" "plan_kind" not null, "document_number" varchar(100) null, "issue_date" date null, "file_sha256" varchar(64) null, "file_name" varchar(255) null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`,
    );
    this.addSql(`create index "annual_plan_year_index" on "annual_plan" ("year");`);
    this.addSql(`alter table "annual_plan" add constraint "annual_plan_unit_id_year_kind_unique" unique ("unit_id", "year", "kind");`);

    this.addSql(
      `create table "plan_task" ("id" serial primary key, "plan_id" int not null, "unit_id" int not null, "year" int not null, "code" varchar(32) not null, "title" text not null, "area" smallint not null, "output" text null, "deadline" date not null, "original_deadline" date not null, "criterion_id" int null, "city_assigned" boolean not null default false, "status" "task_status" not null default 'NOT_STARTED', "progress" smallint not null default 0, "completed_on" date null, "output_file_sha256" varchar(64) null, "output_file_name" varchar(255) null, "output_document_number" varchar(100) null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`,
    );
    this.addSql(`create index "plan_task_year_deadline_index" on "plan_task" ("year", "deadline");`);
    this.addSql(`create index "plan_task_unit_id_year_index" on "plan_task" ("unit_id", "year");`);
    this.addSql(`alter table "plan_task" add constraint "plan_task_plan_id_code_unique" unique ("plan_id", "code");`);

    this.addSql(
      `create table "plan_task_cooperating_unit" ("task_id" int not null, "unit_id" int not null, constraint "plan_task_cooperating_unit_pkey" primary key ("task_id", "unit_id"));`,
    );

    this.addSql(
      `create table "task_change_request" ("id" serial primary key, "task_id" int not null, "unit_id" int not null, "kind" "task_change_kind" not null, "new_deadline" date null, "reason" text not null, "status" "task_change_status" not null default 'PENDING', "requested_by_id" int not null, "requested_at" timestamptz not null default now(), "decided_by_id" int null, "decided_at" timestamptz null, "decision_comment" text null);`,
    );
    this.addSql(`create index "task_change_request_status_index" on "task_change_request" ("status");`);
    this.addSql(`create index "task_change_request_task_id_index" on "task_change_request" ("task_id");`);

    this.addSql(
      `alter table "annual_plan" add constraint "annual_plan_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "annual_plan" add constraint "annual_plan_file_sha256_foreign" foreign key ("file_sha256") references "stored_file" ("sha256") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "plan_task" add constraint "plan_task_plan_id_foreign" foreign key ("plan_id") references "annual_plan" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "plan_task" add constraint "plan_task_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "plan_task" add constraint "plan_task_criterion_id_foreign" foreign key ("criterion_id") references "criterion" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "plan_task" add constraint "plan_task_output_file_sha256_foreign" foreign key ("output_file_sha256") references "stored_file" ("sha256") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "plan_task_cooperating_unit" add constraint "plan_task_cooperating_unit_task_id_foreign" foreign key ("task_id") references "plan_task" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "plan_task_cooperating_unit" add constraint "plan_task_cooperating_unit_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "task_change_request" add constraint "task_change_request_task_id_foreign" foreign key ("task_id") references "plan_task" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "task_change_request" add constraint "task_change_request_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "task_change_request" add constraint "task_change_request_requested_by_id_foreign" foreign key ("requested_by_id") references "app_user" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "task_change_request" add constraint "task_change_request_decided_by_id_foreign" foreign key ("decided_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "plan_task" drop constraint "plan_task_plan_id_foreign";`);

    this.addSql(`alter table "plan_task_cooperating_unit" drop constraint "plan_task_cooperating_unit_task_id_foreign";`);

    this.addSql(`alter table "task_change_request" drop constraint "task_change_request_task_id_foreign";`);

    this.addSql(`drop table if exists "monitoring_year" cascade;`);

    this.addSql(`drop table if exists "annual_plan" cascade;`);

    this.addSql(`drop table if exists "plan_task" cascade;`);

    this.addSql(`drop table if exists "plan_task_cooperating_unit" cascade;`);

    this.addSql(`drop table if exists "task_change_request" cascade;`);

    this.addSql(`drop type "plan_kind";`);
    this.addSql(`drop type "task_status";`);
    this.addSql(`drop type "task_change_kind";`);
    this.addSql(`drop type "task_change_status";`);
  }
}
