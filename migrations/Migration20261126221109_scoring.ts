import { Migration } from '@mikro-orm/migrations';

export class Migration20261126221109_scoring extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "score_sheet" ("id" serial primary key, "period_id" int not null, "unit_id" int not null, "criteria_set_id" int not null, "status" text check ("status" in ('DRAFT', 'SUBMITTED')) not null default 'DRAFT', "submitted_at" timestamptz null, "submitted_by_id" int null, "created_at" timestamptz not null default now());`,
    );
    this.addSql(`alter table "score_sheet" add constraint "score_sheet_period_id_unit_id_unique" unique ("period_id", "unit_id");`);

    this.addSql(
      `create table "score" ("id" serial primary key, "sheet_id" int not null, "criterion_id" int not null, "self_points" numeric(7,2) null, "note" text null, "applicable" boolean not null default true, "not_applicable_reason" text null, "version" int not null default 1, "updated_at" timestamptz not null default now(), "updated_by_id" int null);`,
    );
    this.addSql(`create index "score_criterion_id_index" on "score" ("criterion_id");`);
    this.addSql(`alter table "score" add constraint "score_sheet_id_criterion_id_unique" unique ("sheet_id", "criterion_id");`);

    this.addSql(
      `create table "audit_entry" ("id" serial primary key, "subject_type" varchar(64) not null, "subject_id" int not null, "sheet_id" int null, "action" varchar(64) not null, "actor_id" int not null, "at" timestamptz not null default now(), "before" jsonb null, "after" jsonb null, "reason" text null, "round" smallint null);`,
    );
    this.addSql(`create index "audit_entry_sheet_id_index" on "audit_entry" ("sheet_id");`);
    this.addSql(`create index "audit_entry_subject_type_subject_id_index" on "audit_entry" ("subject_type", "subject_id");`);

    this.addSql(
      `create table "appraisal" ("id" serial primary key, "score_id" int not null, "round" int not null, "points" numeric(7,2) not null, "comment" text null, "appraiser_id" int not null, "version" int not null default 1, "updated_at" timestamptz not null default now());`,
    );
    this.addSql(`alter table "appraisal" add constraint "appraisal_score_id_round_unique" unique ("score_id", "round");`);

    this.addSql(
      `alter table "score_sheet" add constraint "score_sheet_period_id_foreign" foreign key ("period_id") references "period" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "score_sheet" add constraint "score_sheet_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "score_sheet" add constraint "score_sheet_criteria_set_id_foreign" foreign key ("criteria_set_id") references "criteria_set" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "score_sheet" add constraint "score_sheet_submitted_by_id_foreign" foreign key ("submitted_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "score" add constraint "score_sheet_id_foreign" foreign key ("sheet_id") references "score_sheet" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "score" add constraint "score_criterion_id_foreign" foreign key ("criterion_id") references "criterion" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "score" add constraint "score_updated_by_id_foreign" foreign key ("updated_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "audit_entry" add constraint "audit_entry_actor_id_foreign" foreign key ("actor_id") references "app_user" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "appraisal" add constraint "appraisal_score_id_foreign" foreign key ("score_id") references "score" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "appraisal" add constraint "appraisal_appraiser_id_foreign" foreign key ("appraiser_id") references "app_user" ("id") on update cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "score" drop constraint "score_sheet_id_foreign";`);

    this.addSql(`alter table "appraisal" drop constraint "appraisal_score_id_foreign";`);

    this.addSql(`drop table if exists "score_sheet" cascade;`);

    this.addSql(`drop table if exists "score" cascade;`);

    this.addSql(`drop table if exists "audit_entry" cascade;`);

    this.addSql(`drop table if exists "appraisal" cascade;`);
  }
}
