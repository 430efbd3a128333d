import { Migration } from '@mikro-orm/migrations';

export class Migration20261130140955_sheet_deadline_extension extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "score_sheet" add column "deadline_extended_to" timestamptz null, add column "extension_reason" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "score_sheet" drop column "deadline_extended_to", drop column "extension_reason";`);
  }
}
