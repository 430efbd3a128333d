import { Migration } from '@mikro-orm/migrations';

export class Migration20261130115703_documentSignatures extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "document_reading" add column "signature_status" text check ("signature_status" in ('INTACT', 'CHANGED', 'UNKNOWN_ISSUER', 'CERTIFICATE_NOT_VALID', 'MALFORMED', 'NOT_SIGNED')) null, add column "signatures" jsonb null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "document_reading" drop column "signature_status", drop column "signatures";`);
  }
}
