import { Migration } from '@mikro-orm/migrations';

export class Migration20261130122107_monitoring_rules extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create type "monitoring_measure" as enum ('PLAN_ON_TIME', 'INSPECTION_PLAN_ON_TIME', 'COMMUNICATION_PLAN_ON_TIME', 'TASKS_ON_TIME_RATE', 'CITY_TASKS_DONE_RATE', 'REPORTS_ON_TIME', 'INSPECTED_RATE', 'SHORTCOMINGS_HANDLED_RATE');`,
    );
    this.addSql(
      `create table "suggestion_rule" ("id" serial primary key, "criteria_set_id" int not null, "criterion_id" int not null, "measure" "monitoring_measure" not null, "bands" jsonb not null);`,
    );
    this.addSql(`alter table "suggestion_rule" add constraint "suggestion_rule_criterion_id_unique" unique ("criterion_id");`);

    this.addSql(
      `alter table "suggestion_rule" add constraint "suggestion_rule_criteria_set_id_foreign" foreign key ("criteria_set_id") references "criteria_set" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "suggestion_rule" add constraint "suggestion_rule_criterion_id_foreign" foreign key ("criterion_id") references "criterion" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "suggestion_rule" cascade;`);

    this.addSql(`drop type "monitoring_measure";`);
  }
}
