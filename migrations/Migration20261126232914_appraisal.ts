import { Migration } from '@mikro-orm/migrations';

export class Migration20261126232914_appraisal extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "appraisal_cycle" ("id" serial primary key, "period_id" int not null, "bonus_cap" numeric(7,2) null, "deduction_cap" numeric(7,2) null, "round1_released_at" timestamptz null, "finalized_at" timestamptz null);`,
    );
    this.addSql(`alter table "appraisal_cycle" add constraint "appraisal_cycle_period_id_unique" unique ("period_id");`);

    this.addSql(
      `create table "sheet_review" ("id" serial primary key, "sheet_id" int not null, "period_id" int not null, "unit_id" int not null, "released_round" smallint not null default 0, "explanation_status" text check ("explanation_status" in ('NOT_OPEN', 'OPEN', 'LOCKED')) not null default 'NOT_OPEN', "explanation_locked_at" timestamptz null, "explanation_locked_by_id" int null, "created_at" timestamptz not null default now());`,
    );
    this.addSql(`alter table "sheet_review" add constraint "sheet_review_sheet_id_unique" unique ("sheet_id");`);
    this.addSql(`create index "sheet_review_period_id_unit_id_index" on "sheet_review" ("period_id", "unit_id");`);

    this.addSql(
      `create table "notification" ("id" serial primary key, "recipient_id" int not null, "kind" text check ("kind" in ('COMMENT', 'EXPLANATION_REQUESTED', 'RESULTS_RELEASED', 'EXPLANATION_LOCKED', 'DEADLINE_APPROACHING')) not null, "params" jsonb not null, "link" varchar(500) null, "dedupe_key" varchar(200) null, "created_at" timestamptz not null default now(), "read_at" timestamptz null, "email_status" text check ("email_status" in ('NOT_REQUESTED', 'PENDING', 'SENT', 'FAILED')) not null default 'NOT_REQUESTED', "emailed_at" timestamptz null);`,
    );
    this.addSql(`create index "notification_recipient_id_created_at_index" on "notification" ("recipient_id", "created_at");`);
    this.addSql(
      `alter table "notification" add constraint "notification_recipient_id_dedupe_key_unique" unique ("recipient_id", "dedupe_key");`,
    );

    this.addSql(
      `create table "explanation_request" ("id" serial primary key, "score_id" int not null, "review_id" int not null, "question" text not null, "requested_by_id" int not null, "requested_at" timestamptz not null default now(), "answer" text null, "answered_by_id" int null, "answered_at" timestamptz null, "version" int not null default 1);`,
    );
    this.addSql(`alter table "explanation_request" add constraint "explanation_request_score_id_unique" unique ("score_id");`);

    this.addSql(
      `create table "explanation_evidence" ("id" serial primary key, "request_id" int not null, "evidence_id" int not null, "frozen_sha256" varchar(64) null, "added_by_id" int not null, "added_at" timestamptz not null default now());`,
    );
    this.addSql(
      `alter table "explanation_evidence" add constraint "explanation_evidence_request_id_evidence_id_unique" unique ("request_id", "evidence_id");`,
    );

    this.addSql(
      `create table "evidence_verdict" ("id" serial primary key, "score_id" int not null, "evidence_id" int not null, "verdict" text check ("verdict" in ('INSUFFICIENT', 'NOT_MATCHING', 'WRONG_PERIOD')) not null, "note" text null, "appraiser_id" int not null, "round" smallint not null, "updated_at" timestamptz not null default now());`,
    );
    this.addSql(
      `alter table "evidence_verdict" add constraint "evidence_verdict_score_id_evidence_id_unique" unique ("score_id", "evidence_id");`,
    );

    this.addSql(
      `create table "comment_read" ("id" serial primary key, "user_id" int not null, "score_id" int not null, "read_at" timestamptz not null);`,
    );
    this.addSql(`alter table "comment_read" add constraint "comment_read_user_id_score_id_unique" unique ("user_id", "score_id");`);

    this.addSql(
      `create table "comment" ("id" serial primary key, "score_id" int not null, "review_id" int not null, "evidence_id" int null, "parent_id" int null, "author_id" int not null, "body" text not null, "created_at" timestamptz not null default now(), "edited_at" timestamptz null, "resolved_at" timestamptz null, "resolved_by_id" int null, "version" int not null default 1);`,
    );
    this.addSql(`create index "comment_review_id_index" on "comment" ("review_id");`);
    this.addSql(`create index "comment_score_id_created_at_index" on "comment" ("score_id", "created_at");`);

    this.addSql(
      `create table "comment_revision" ("id" serial primary key, "comment_id" int not null, "body" text not null, "written_at" timestamptz not null, "replaced_at" timestamptz not null default now());`,
    );
    this.addSql(`create index "comment_revision_comment_id_index" on "comment_revision" ("comment_id");`);

    this.addSql(
      `create table "appraisal_assignment" ("id" serial primary key, "period_id" int not null, "appraiser_id" int not null, "area_code" varchar(32) null, "unit_id" int null, "created_by_id" int null, "created_at" timestamptz not null default now());`,
    );
    this.addSql(
      `create index "appraisal_assignment_period_id_appraiser_id_index" on "appraisal_assignment" ("period_id", "appraiser_id");`,
    );

    this.addSql(
      `alter table "appraisal_cycle" add constraint "appraisal_cycle_period_id_foreign" foreign key ("period_id") references "period" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "sheet_review" add constraint "sheet_review_sheet_id_foreign" foreign key ("sheet_id") references "score_sheet" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "sheet_review" add constraint "sheet_review_period_id_foreign" foreign key ("period_id") references "period" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "sheet_review" add constraint "sheet_review_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "sheet_review" add constraint "sheet_review_explanation_locked_by_id_foreign" foreign key ("explanation_locked_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "notification" add constraint "notification_recipient_id_foreign" foreign key ("recipient_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "explanation_request" add constraint "explanation_request_score_id_foreign" foreign key ("score_id") references "score" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "explanation_request" add constraint "explanation_request_review_id_foreign" foreign key ("review_id") references "sheet_review" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "explanation_request" add constraint "explanation_request_requested_by_id_foreign" foreign key ("requested_by_id") references "app_user" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "explanation_request" add constraint "explanation_request_answered_by_id_foreign" foreign key ("answered_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "explanation_evidence" add constraint "explanation_evidence_request_id_foreign" foreign key ("request_id") references "explanation_request" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "explanation_evidence" add constraint "explanation_evidence_evidence_id_foreign" foreign key ("evidence_id") references "evidence" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "explanation_evidence" add constraint "explanation_evidence_added_by_id_foreign" foreign key ("added_by_id") references "app_user" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "evidence_verdict" add constraint "evidence_verdict_score_id_foreign" foreign key ("score_id") references "score" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "evidence_verdict" add constraint "evidence_verdict_evidence_id_foreign" foreign key ("evidence_id") references "evidence" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "evidence_verdict" add constraint "evidence_verdict_appraiser_id_foreign" foreign key ("appraiser_id") references "app_user" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "comment_read" add constraint "comment_read_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "comment_read" add constraint "comment_read_score_id_foreign" foreign key ("score_id") references "score" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "comment" add constraint "comment_score_id_foreign" foreign key ("score_id") references "score" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "comment" add constraint "comment_review_id_foreign" foreign key ("review_id") references "sheet_review" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "comment" add constraint "comment_evidence_id_foreign" foreign key ("evidence_id") references "evidence" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "comment" add constraint "comment_parent_id_foreign" foreign key ("parent_id") references "comment" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "comment" add constraint "comment_author_id_foreign" foreign key ("author_id") references "app_user" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "comment" add constraint "comment_resolved_by_id_foreign" foreign key ("resolved_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "comment_revision" add constraint "comment_revision_comment_id_foreign" foreign key ("comment_id") references "comment" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "appraisal_assignment" add constraint "appraisal_assignment_period_id_foreign" foreign key ("period_id") references "period" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "appraisal_assignment" add constraint "appraisal_assignment_appraiser_id_foreign" foreign key ("appraiser_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "appraisal_assignment" add constraint "appraisal_assignment_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "appraisal_assignment" add constraint "appraisal_assignment_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "explanation_request" drop constraint "explanation_request_review_id_foreign";`);

    this.addSql(`alter table "comment" drop constraint "comment_review_id_foreign";`);

    this.addSql(`alter table "explanation_evidence" drop constraint "explanation_evidence_request_id_foreign";`);

    this.addSql(`alter table "comment" drop constraint "comment_parent_id_foreign";`);

    this.addSql(`alter table "comment_revision" drop constraint "comment_revision_comment_id_foreign";`);

    this.addSql(`drop table if exists "appraisal_cycle" cascade;`);

    this.addSql(`drop table if exists "sheet_review" cascade;`);

    this.addSql(`drop table if exists "notification" cascade;`);

    this.addSql(`drop table if exists "explanation_request" cascade;`);

    this.addSql(`drop table if exists "explanation_evidence" cascade;`);

    this.addSql(`drop table if exists "evidence_verdict" cascade;`);

    this.addSql(`drop table if exists "comment_read" cascade;`);

    this.addSql(`drop table if exists "comment" cascade;`);

    this.addSql(`drop table if exists "comment_revision" cascade;`);

    this.addSql(`drop table if exists "appraisal_assignment" cascade;`);
  }
}
