import { Migration } from '@mikro-orm/migrations';

export class Migration20261130110637_user_must_change_password extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "app_user" add column "must_change_password" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "app_user" drop column "must_change_password";`);
  }
}
