import { Migration } from '@mikro-orm/migrations';

export class Migration20261126221831_results extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "result_group" ("id" serial primary key, "period_id" int not null, "code" varchar(16) not null, "label" varchar(200) not null, "min_index" numeric(6,2) not null);`,
    );
    this.addSql(`alter table "result_group" add constraint "result_group_period_id_code_unique" unique ("period_id", "code");`);

    this.addSql(
      `create table "survey_import" ("id" serial primary key, "period_id" int not null, "file_name" varchar(255) not null, "sha256" varchar(64) not null, "row_count" int not null, "replaced_count" int not null, "imported_by_id" int not null, "imported_at" timestamptz not null default now());`,
    );
    this.addSql(`alter table "survey_import" add constraint "survey_import_period_id_sha256_unique" unique ("period_id", "sha256");`);

    this.addSql(
      `create table "survey_result" ("id" serial primary key, "period_id" int not null, "unit_id" int not null, "criterion_id" int not null, "points" numeric(7,2) not null, "survey_import_id" int not null);`,
    );
    this.addSql(`create index "survey_result_criterion_id_index" on "survey_result" ("criterion_id");`);
    this.addSql(
      `alter table "survey_result" add constraint "survey_result_period_id_unit_id_criterion_id_unique" unique ("period_id", "unit_id", "criterion_id");`,
    );

    this.addSql(
      `create table "period_publication" ("id" serial primary key, "period_id" int not null, "published_by_id" int not null, "published_at" timestamptz not null default now());`,
    );
    this.addSql(`alter table "period_publication" add constraint "period_publication_period_id_unique" unique ("period_id");`);

    this.addSql(
      `alter table "result_group" add constraint "result_group_period_id_foreign" foreign key ("period_id") references "period" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "survey_import" add constraint "survey_import_period_id_foreign" foreign key ("period_id") references "period" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "survey_import" add constraint "survey_import_imported_by_id_foreign" foreign key ("imported_by_id") references "app_user" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "survey_result" add constraint "survey_result_period_id_foreign" foreign key ("period_id") references "period" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "survey_result" add constraint "survey_result_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "survey_result" add constraint "survey_result_criterion_id_foreign" foreign key ("criterion_id") references "criterion" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "survey_result" add constraint "survey_result_survey_import_id_foreign" foreign key ("survey_import_id") references "survey_import" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "period_publication" add constraint "period_publication_period_id_foreign" foreign key ("period_id") references "period" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "period_publication" add constraint "period_publication_published_by_id_foreign" foreign key ("published_by_id") references "app_user" ("id") on update cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "survey_result" drop constraint "survey_result_survey_import_id_foreign";`);

    this.addSql(`drop table if exists "result_group" cascade;`);

    this.addSql(`drop table if exists "survey_import" cascade;`);

    this.addSql(`drop table if exists "survey_result" cascade;`);

    this.addSql(`drop table if exists "period_publication" cascade;`);
  }
}
