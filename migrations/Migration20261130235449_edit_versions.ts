import { Migration } from '@mikro-orm/migrations';

export class Migration20261130235449_edit_versions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "response_template" add column "version" int not null default 1;`);

    this.addSql(`alter table "inspection" add column "version" int not null default 1;`);

    this.addSql(`alter table "annual_plan" add column "version" int not null default 1;`);

    this.addSql(`alter table "plan_task" add column "version" int not null default 1;`);

    this.addSql(`alter table "periodic_report" add column "version" int not null default 1;`);

    this.addSql(`alter table "consultation" add column "version" int not null default 1;`);

    this.addSql(`alter table "feedback_response" add column "version" int not null default 1;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "annual_plan" drop column "version";`);

    this.addSql(`alter table "consultation" drop column "version";`);

    this.addSql(`alter table "feedback_response" drop column "version";`);

    this.addSql(`alter table "inspection" drop column "version";`);

    this.addSql(`alter table "periodic_report" drop column "version";`);

    this.addSql(`alter table "plan_task" drop column "version";`);

    this.addSql(`alter table "response_template" drop column "version";`);
  }
}
