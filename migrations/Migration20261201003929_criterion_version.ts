import { Migration } from '@mikro-orm/migrations';

export class Migration20261201003929_criterion_version extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "criterion" add column "version" int not null default 1;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "criterion" drop column "version";`);
  }
}
