import { Migration } from '@mikro-orm/migrations';

export class Migration20261130235239_notification_deadline_passed extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "notification" drop constraint if exists "notification_kind_check";`);

    this.addSql(
      `alter table "notification" add constraint "notification_kind_check" check("kind" in ('COMMENT', 'EXPLANATION_REQUESTED', 'RESULTS_RELEASED', 'EXPLANATION_LOCKED', 'DEADLINE_APPROACHING', 'DEADLINE_PASSED'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "notification" drop constraint if exists "notification_kind_check";`);

    this.addSql(
      `alter table "notification" add constraint "notification_kind_check" check("kind" in ('COMMENT', 'EXPLANATION_REQUESTED', 'RESULTS_RELEASED', 'EXPLANATION_LOCKED', 'DEADLINE_APPROACHING'));`,
    );
  }
}
