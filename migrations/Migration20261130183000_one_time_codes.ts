import { Migration } from '@mikro-orm/migrations';

export class Migration20261130183000_one_time_codes extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "app_user" add column "one_time_code_expires_at" timestamptz null, add column "one_time_code_used_at" timestamptz null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "app_user" drop column "one_time_code_expires_at", drop column "one_time_code_used_at";`);
  }
}
