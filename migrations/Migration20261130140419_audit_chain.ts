import { Migration } from '@mikro-orm/migrations';

/**
 * The audit trail becomes append-only and hash-chained (issue 10, item 10).
 * - `actor_id` may be null: acts without a signed-in user (a failed sign-in, the operator's admin:create).
 * - `audit_entry_digest(prev, row)`: SHA-256 (hex) of the previous hash and the row's content in a fixed text form
 *   (jsonb text with the time in UTC), so it reads the same in every session and time zone.
 * - A deferred trigger seals every new row at commit: under a transaction-scoped advisory lock it takes the last
 *   sealed row and sets seq = its seq + 1, prev_hash = its hash, hash = digest. Sealing at commit keeps the lock for
 *   the commit only (never while the transaction still works), and the chain follows commit order.
 *   The function runs as its owner (SECURITY DEFINER), so the request role needs no UPDATE privilege.
 * - A trigger refuses UPDATE, DELETE and TRUNCATE to everyone, the owner included; the one update let through is
 *   that sealing: an unsealed row getting its seq, prev_hash and hash, nothing else changed.
 * Rows already there are sealed now, in id order.
 */
export class Migration20261130140419_audit_chain extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "audit_entry" add column "seq" bigint null, add column "prev_hash" varchar(64) null, add column "hash" varchar(64) null;`,
    );
    this.addSql(`alter table "audit_entry" alter column "actor_id" drop not null;`);
    this.addSql(`alter table "audit_entry" add constraint "audit_entry_seq_unique" unique ("seq");`);
    this.addSql(`
      create function audit_entry_digest(prev text, e audit_entry) returns text language sql stable
      set timezone = 'UTC' as $$
        select encode(sha256(convert_to(coalesce(prev, '') || jsonb_build_object(
          'seq', e.seq, 'id', e.id, 'subjectType', e.subject_type, 'subjectId', e.subject_id, 'sheetId', e.sheet_id,
          'action', e.action, 'actorId', e.actor_id, 'at', to_char(e.at, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          'before', e.before, 'after', e.after, 'reason', e.reason, 'round', e.round)::text, 'UTF8')), 'hex')
      $$;`);
    this.addSql(`
      create function audit_entry_seal() returns trigger language plpgsql security definer set search_path = public, pg_temp as $$
      declare
        last record;
        sealed audit_entry;
      begin
        perform pg_advisory_xact_lock(hashtext('audit_entry_chain'));
        select seq, hash into last from audit_entry where seq is not null order by seq desc limit 1;
        sealed := new;
        sealed.seq := coalesce(last.seq, 0) + 1;
        sealed.prev_hash := last.hash;
        sealed.hash := audit_entry_digest(last.hash, sealed);
        update audit_entry set seq = sealed.seq, prev_hash = sealed.prev_hash, hash = sealed.hash where id = new.id;
        return null;
      end $$;`);
    this.addSql(`
      create function audit_entry_refuse_change() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' then
          if old.hash is null and new.hash is not null
             and to_jsonb(new) - 'seq' - 'prev_hash' - 'hash' = to_jsonb(old) - 'seq' - 'prev_hash' - 'hash' then
            return new;
          end if;
        end if;
        raise exception 'audit_entry is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
      end $$;`);
    // Existing rows, sealed in id order before the refusing trigger exists.
    this.addSql(`
      do $$
      declare
        e audit_entry;
        prev text;
        n bigint := 0;
      begin
        for e in select * from audit_entry order by id loop
          n := n + 1;
          e.seq := n;
          e.prev_hash := prev;
          e.hash := audit_entry_digest(prev, e);
          update audit_entry set seq = e.seq, prev_hash = e.prev_hash, hash = e.hash where id = e.id;
          prev := e.hash;
        end loop;
      end $$;`);
    this.addSql(
      `create constraint trigger audit_entry_seal after insert on audit_entry deferrable initially deferred for each row execute function audit_entry_seal();`,
    );
    this.addSql(
      `create trigger audit_entry_append_only before update or delete on audit_entry for each row execute function audit_entry_refuse_change();`,
    );
    this.addSql(
      `create trigger audit_entry_no_truncate before truncate on audit_entry for each statement execute function audit_entry_refuse_change();`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger audit_entry_no_truncate on audit_entry;`);
    this.addSql(`drop trigger audit_entry_append_only on audit_entry;`);
    this.addSql(`drop trigger audit_entry_seal on audit_entry;`);
    this.addSql(`drop function audit_entry_refuse_change();`);
    this.addSql(`drop function audit_entry_seal();`);
    this.addSql(`drop function audit_entry_digest(text, audit_entry);`);
    this.addSql(`alter table "audit_entry" drop constraint "audit_entry_seq_unique";`);
    this.addSql(`alter table "audit_entry" drop column "seq", drop column "prev_hash", drop column "hash";`);
  }
}
