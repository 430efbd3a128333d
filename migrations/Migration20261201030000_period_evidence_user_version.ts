import { Migration } from '@mikro-orm/migrations';

export class Migration20261201030000_period_evidence_user_version extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "period" add column "version" int not null default 1;`);

    this.addSql(`alter table "evidence" add column "version" int not null default 1;`);

    this.addSql(`alter table "app_user" add column "version" int not null default 1;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "period" drop column "version";`);

    this.addSql(`alter table "evidence" drop column "version";`);

    this.addSql(`alter table "app_user" drop column "version";`);
  }
}
