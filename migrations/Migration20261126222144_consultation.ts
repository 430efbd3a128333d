import { Migration } from '@mikro-orm/migrations';

export class Migration20261126222144_consultation extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "response_template" ("id" serial primary key, "title" varchar(200) not null, "resolution" text check ("resolution" in ('ACCEPTED', 'PARTIALLY_ACCEPTED', 'NOTED', 'NOT_ACCEPTED')) not null, "explanation" text null, "created_at" timestamptz not null default now());`,
    );

    this.addSql(
      `create table "consultation" ("id" serial primary key, "criteria_set_id" int not null, "title" varchar(500) not null, "introduction" text not null, "opens_at" timestamptz not null, "closes_at" timestamptz not null, "created_by_id" int null, "created_at" timestamptz not null default now(), "synthesis_published_at" timestamptz null);`,
    );
    this.addSql(`alter table "consultation" add constraint "consultation_criteria_set_id_unique" unique ("criteria_set_id");`);

    this.addSql(
      `create table "feedback_comment" ("id" serial primary key, "consultation_id" int not null, "unit_id" int not null, "criterion_id" int null, "aspect" text check ("aspect" in ('SCORING_METHOD', 'EVIDENCE_REQUIREMENT', 'MAX_POINTS', 'GENERAL')) not null, "text" text not null, "proposed_wording" text null, "status" text check ("status" in ('ACTIVE', 'WITHDRAWN')) not null default 'ACTIVE', "author_id" int null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "withdrawn_at" timestamptz null);`,
    );
    this.addSql(`create index "feedback_comment_consultation_id_unit_id_index" on "feedback_comment" ("consultation_id", "unit_id");`);
    this.addSql(
      `create index "feedback_comment_consultation_id_criterion_id_index" on "feedback_comment" ("consultation_id", "criterion_id");`,
    );

    this.addSql(
      `create table "feedback_response" ("id" serial primary key, "comment_id" int not null, "resolution" text check ("resolution" in ('ACCEPTED', 'PARTIALLY_ACCEPTED', 'NOTED', 'NOT_ACCEPTED')) not null, "explanation" text null, "status" text check ("status" in ('DRAFT', 'PUBLISHED')) not null default 'DRAFT', "revised_criterion_id" int null, "responded_by_id" int null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "published_at" timestamptz null);`,
    );
    this.addSql(`alter table "feedback_response" add constraint "feedback_response_comment_id_unique" unique ("comment_id");`);

    this.addSql(
      `create table "feedback_comment_revision" ("id" serial primary key, "comment_id" int not null, "version" int not null, "criterion_id" int null, "aspect" text check ("aspect" in ('SCORING_METHOD', 'EVIDENCE_REQUIREMENT', 'MAX_POINTS', 'GENERAL')) not null, "text" text not null, "proposed_wording" text null, "status" text check ("status" in ('ACTIVE', 'WITHDRAWN')) not null, "saved_by_id" int null, "saved_at" timestamptz not null default now());`,
    );
    this.addSql(
      `alter table "feedback_comment_revision" add constraint "feedback_comment_revision_comment_id_version_unique" unique ("comment_id", "version");`,
    );

    this.addSql(
      `create table "consultation_participation" ("id" serial primary key, "consultation_id" int not null, "unit_id" int not null, "agrees_without_comment" boolean not null default false, "submitted_at" timestamptz null, "submitted_by_id" int null);`,
    );
    this.addSql(`create index "consultation_participation_unit_id_index" on "consultation_participation" ("unit_id");`);
    this.addSql(
      `alter table "consultation_participation" add constraint "consultation_participation_consultation_id_unit_id_unique" unique ("consultation_id", "unit_id");`,
    );

    this.addSql(
      `alter table "consultation" add constraint "consultation_criteria_set_id_foreign" foreign key ("criteria_set_id") references "criteria_set" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "consultation" add constraint "consultation_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "feedback_comment" add constraint "feedback_comment_consultation_id_foreign" foreign key ("consultation_id") references "consultation" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "feedback_comment" add constraint "feedback_comment_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "feedback_comment" add constraint "feedback_comment_criterion_id_foreign" foreign key ("criterion_id") references "criterion" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "feedback_comment" add constraint "feedback_comment_author_id_foreign" foreign key ("author_id") references "app_user" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "feedback_response" add constraint "feedback_response_comment_id_foreign" foreign key ("comment_id") references "feedback_comment" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "feedback_response" add constraint "feedback_response_revised_criterion_id_foreign" foreign key ("revised_criterion_id") references "criterion" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "feedback_response" add constraint "feedback_response_responded_by_id_foreign" foreign key ("responded_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "feedback_comment_revision" add constraint "feedback_comment_revision_comment_id_foreign" foreign key ("comment_id") references "feedback_comment" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "feedback_comment_revision" add constraint "feedback_comment_revision_criterion_id_foreign" foreign key ("criterion_id") references "criterion" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "feedback_comment_revision" add constraint "feedback_comment_revision_saved_by_id_foreign" foreign key ("saved_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "consultation_participation" add constraint "consultation_participation_consultation_id_foreign" foreign key ("consultation_id") references "consultation" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "consultation_participation" add constraint "consultation_participation_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "consultation_participation" add constraint "consultation_participation_submitted_by_id_foreign" foreign key ("submitted_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "feedback_comment" drop constraint "feedback_comment_consultation_id_foreign";`);

    this.addSql(`alter table "consultation_participation" drop constraint "consultation_participation_consultation_id_foreign";`);

    this.addSql(`alter table "feedback_response" drop constraint "feedback_response_comment_id_foreign";`);

    this.addSql(`alter table "feedback_comment_revision" drop constraint "feedback_comment_revision_comment_id_foreign";`);

    this.addSql(`drop table if exists "response_template" cascade;`);

    this.addSql(`drop table if exists "consultation" cascade;`);

    this.addSql(`drop table if exists "feedback_comment" cascade;`);

    this.addSql(`drop table if exists "feedback_response" cascade;`);

    this.addSql(`drop table if exists "feedback_comment_revision" cascade;`);

    this.addSql(`drop table if exists "consultation_participation" cascade;`);
  }
}
