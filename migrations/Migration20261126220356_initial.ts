import { Migration } from '@mikro-orm/migrations';

export class Migration20261126220356_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "unit_block" as enum ('DEPARTMENT', 'DISTRICT', 'COMMUNE');`);
    this.addSql(
      `create table "criteria_set" ("id" serial primary key, "year" int not null, "block" "unit_block" not null, "version" int not null, "title" varchar(500) not null, "status" text check ("status" in ('DRAFT', 'CONSULTATION', 'PUBLISHED', 'ARCHIVED')) not null default 'DRAFT', "previous_version_id" int null, "created_at" timestamptz not null default now(), "published_at" timestamptz null);`,
    );
    this.addSql(`alter table "criteria_set" add constraint "criteria_set_year_block_version_unique" unique ("year", "block", "version");`);

    this.addSql(
      `create table "criterion" ("id" serial primary key, "criteria_set_id" int not null, "parent_id" int null, "code" varchar(32) not null, "title" text not null, "guidance" text null, "max_points" numeric(7,2) not null, "kind" text check ("kind" in ('SELF_SCORED', 'SURVEY', 'BONUS', 'DEDUCTION')) not null default 'SELF_SCORED', "scoring_method" text null, "bands" jsonb not null, "evidence_requirement" text null, "position" int not null);`,
    );
    this.addSql(
      `create index "criterion_criteria_set_id_parent_id_position_index" on "criterion" ("criteria_set_id", "parent_id", "position");`,
    );
    this.addSql(`alter table "criterion" add constraint "criterion_criteria_set_id_code_unique" unique ("criteria_set_id", "code");`);

    this.addSql(
      `create table "period" ("id" serial primary key, "year" int not null, "name" varchar(300) not null, "status" text check ("status" in ('PLANNED', 'SELF_ASSESSMENT', 'APPRAISAL_ROUND_1', 'EXPLANATION', 'APPRAISAL_ROUND_2', 'FINALIZED')) not null default 'PLANNED', "self_scoring_closes_at" timestamptz not null, "explanation_closes_at" timestamptz null, "created_at" timestamptz not null default now());`,
    );

    this.addSql(
      `create table "period_criteria_sets" ("period_id" int not null, "criteria_set_id" int not null, constraint "period_criteria_sets_pkey" primary key ("period_id", "criteria_set_id"));`,
    );

    this.addSql(
      `create table "seed_step" ("name" varchar(100) not null, "applied_at" timestamptz not null default now(), constraint "seed_step_pkey" primary key ("name"));`,
    );

    this.addSql(
      `create table "unit" ("id" serial primary key, "code" varchar(32) not null, "name" varchar(300) not null, "block" "unit_block" not null, "active" boolean not null default true);`,
    );
    this.addSql(`alter table "unit" add constraint "unit_code_unique" unique ("code");`);

    this.addSql(
      `create table "app_user" ("id" serial primary key, "username" varchar(64) not null, "display_name" varchar(200) not null, "password_hash" varchar(255) not null, "roles" text[] not null, "unit_id" int null, "active" boolean not null default true, "created_at" timestamptz not null default now());`,
    );
    this.addSql(`alter table "app_user" add constraint "app_user_username_unique" unique ("username");`);

    this.addSql(
      `create table "session" ("id" serial primary key, "token_hash" varchar(64) not null, "user_id" int not null, "created_at" timestamptz not null default now(), "expires_at" timestamptz not null, "revoked_at" timestamptz null);`,
    );
    this.addSql(`alter table "session" add constraint "session_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "session_user_id_index" on "session" ("user_id");`);

    this.addSql(
      `alter table "criteria_set" add constraint "criteria_set_previous_version_id_foreign" foreign key ("previous_version_id") references "criteria_set" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "criterion" add constraint "criterion_criteria_set_id_foreign" foreign key ("criteria_set_id") references "criteria_set" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "criterion" add constraint "criterion_parent_id_foreign" foreign key ("parent_id") references "criterion" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "period_criteria_sets" add constraint "period_criteria_sets_period_id_foreign" foreign key ("period_id") references "period" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "period_criteria_sets" add constraint "period_criteria_sets_criteria_set_id_foreign" foreign key ("criteria_set_id") references "criteria_set" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "app_user" add constraint "app_user_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "session" add constraint "session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "criteria_set" drop constraint "criteria_set_previous_version_id_foreign";`);

    this.addSql(`alter table "criterion" drop constraint "criterion_criteria_set_id_foreign";`);

    this.addSql(`alter table "period_criteria_sets" drop constraint "period_criteria_sets_criteria_set_id_foreign";`);

    this.addSql(`alter table "criterion" drop constraint "criterion_parent_id_foreign";`);

    this.addSql(`alter table "period_criteria_sets" drop constraint "period_criteria_sets_period_id_foreign";`);

    this.addSql(`alter table "app_user" drop constraint "app_user_unit_id_foreign";`);

    this.addSql(`alter table "session" drop constraint "session_user_id_foreign";`);

    this.addSql(`drop table if exists "criteria_set" cascade;`);

    this.addSql(`drop table if exists "criterion" cascade;`);

    this.addSql(`drop table if exists "period" cascade;`);

    this.addSql(`drop table if exists "period_criteria_sets" cascade;`);

    this.addSql(`drop table if exists "seed_step" cascade;`);

    this.addSql(`drop table if exists "unit" cascade;`);

    this.addSql(`drop table if exists "app_user" cascade;`);

    this.addSql(`drop table if exists "session" cascade;`);

    this.addSql(`drop type "unit_block";`);
  }
}
