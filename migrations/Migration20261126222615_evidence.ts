import { Migration } from '@mikro-orm/migrations';

export class Migration20261126222615_evidence extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "stored_file" ("sha256" varchar(64) not null, "size" bigint not null, "content_type" varchar(127) not null, "created_at" timestamptz not null default now(), constraint "stored_file_pkey" primary key ("sha256"));`,
    );

    this.addSql(
      `create table "evidence" ("id" serial primary key, "sheet_id" int not null, "file_sha256" varchar(64) not null, "file_name" varchar(255) not null, "document_number" varchar(100) null, "issue_date" date null, "issuing_body" varchar(300) null, "title" text null, "uploaded_by_id" int null, "uploaded_at" timestamptz not null default now());`,
    );
    this.addSql(`alter table "evidence" add constraint "evidence_sheet_id_file_sha256_unique" unique ("sheet_id", "file_sha256");`);

    this.addSql(
      `create table "evidence_link" ("id" serial primary key, "score_id" int not null, "evidence_id" int not null, "linked_by_id" int null, "linked_at" timestamptz not null default now(), "frozen_sha256" varchar(64) null, "frozen_at" timestamptz null);`,
    );
    this.addSql(`create index "evidence_link_evidence_id_index" on "evidence_link" ("evidence_id");`);
    this.addSql(
      `alter table "evidence_link" add constraint "evidence_link_score_id_evidence_id_unique" unique ("score_id", "evidence_id");`,
    );

    this.addSql(
      `alter table "evidence" add constraint "evidence_sheet_id_foreign" foreign key ("sheet_id") references "score_sheet" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "evidence" add constraint "evidence_file_sha256_foreign" foreign key ("file_sha256") references "stored_file" ("sha256") on update cascade;`,
    );
    this.addSql(
      `alter table "evidence" add constraint "evidence_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "evidence_link" add constraint "evidence_link_score_id_foreign" foreign key ("score_id") references "score" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "evidence_link" add constraint "evidence_link_evidence_id_foreign" foreign key ("evidence_id") references "evidence" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "evidence_link" add constraint "evidence_link_linked_by_id_foreign" foreign key ("linked_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "evidence" drop constraint "evidence_file_sha256_foreign";`);

    this.addSql(`alter table "evidence_link" drop constraint "evidence_link_evidence_id_foreign";`);

    this.addSql(`drop table if exists "stored_file" cascade;`);

    this.addSql(`drop table if exists "evidence" cascade;`);

    this.addSql(`drop table if exists "evidence_link" cascade;`);
  }
}
