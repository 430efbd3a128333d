import { Migration } from '@mikro-orm/migrations';

export class Migration20261130111023_documentReading extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "document_reading" ("file_sha256" varchar(64) not null, "status" text check ("status" in ('PENDING', 'READ', 'NO_TEXT', 'NOT_READABLE_FORMAT', 'ENCRYPTED', 'MALFORMED', 'TOO_LARGE', 'TIMED_OUT')) not null default 'PENDING', "document_number" varchar(100) null, "issue_date" date null, "place" varchar(100) null, "issuing_body" varchar(300) null, "document_type" varchar(100) null, "title" text null, "page_count" int null, "detail" text null, "created_at" timestamptz not null default now(), "read_at" timestamptz null, constraint "document_reading_pkey" primary key ("file_sha256"));`,
    );

    this.addSql(
      `alter table "document_reading" add constraint "document_reading_file_sha256_foreign" foreign key ("file_sha256") references "stored_file" ("sha256") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "document_reading" cascade;`);
  }
}
