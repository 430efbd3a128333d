import { Migration } from '@mikro-orm/migrations';

/**
 * The audit chain stops serialising every audited write (issue 13, item 2). Sealing used to take one global lock at
 * every commit and hold it through the commit itself, so all audited writes queued behind each other.
 * - `audit_entry_seal_pending(wait)` seals, under the chain's advisory lock, every committed row not sealed yet, in id
 *   order after the last sealed row (seq + 1, prev_hash, hash as before). The chain's order is the order rows were
 *   sealed in; seq stays gapless and each link is checked as before.
 * - At commit, a writer seals only if the chain is free (`pg_try_advisory_xact_lock`): it never waits, and a row it
 *   skips is sealed by the next writer that finds the chain free, by the audit module's job, or before verifying.
 *   Outside READ COMMITTED a writer leaves sealing to them (its snapshot could miss the newest seal).
 * - A new row never arrives sealed: a BEFORE INSERT trigger clears seq, prev_hash and hash (the old seal overwrote them).
 * - A partial index finds the rows still to seal.
 */
export class Migration20261201093000_audit_chain_sealed_after extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "audit_entry_unsealed_index" on "audit_entry" ("id") where "seq" is null;`);
    this.addSql(`
      create function audit_entry_seal_pending(wait boolean) returns integer language plpgsql security definer
      set search_path = public, pg_temp as $$
      declare
        last record;
        e audit_entry;
        place bigint;
        prev text;
        sealed integer := 0;
      begin
        if wait then
          perform pg_advisory_xact_lock(hashtext('audit_entry_chain'));
        elsif not pg_try_advisory_xact_lock(hashtext('audit_entry_chain')) then
          return 0;
        end if;
        select seq, hash into last from audit_entry where seq is not null order by seq desc limit 1;
        place := coalesce(last.seq, 0);
        prev := last.hash;
        for e in select * from audit_entry where seq is null order by id loop
          place := place + 1;
          e.seq := place;
          e.prev_hash := prev;
          e.hash := audit_entry_digest(prev, e);
          update audit_entry set seq = e.seq, prev_hash = e.prev_hash, hash = e.hash where id = e.id;
          prev := e.hash;
          sealed := sealed + 1;
        end loop;
        return sealed;
      end $$;`);
    this.addSql(`
      create or replace function audit_entry_seal() returns trigger language plpgsql security definer
      set search_path = public, pg_temp as $$
      begin
        if current_setting('transaction_isolation') = 'read committed'
           and (select seq from audit_entry where id = new.id) is null then
          perform audit_entry_seal_pending(false);
        end if;
        return null;
      end $$;`);
    this.addSql(`
      create function audit_entry_unsealed() returns trigger language plpgsql as $$
      begin
        new.seq := null;
        new.prev_hash := null;
        new.hash := null;
        return new;
      end $$;`);
    this.addSql(
      `create trigger audit_entry_arrives_unsealed before insert on audit_entry for each row execute function audit_entry_unsealed();`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger audit_entry_arrives_unsealed on audit_entry;`);
    this.addSql(`drop function audit_entry_unsealed();`);
    this.addSql(`
      create or replace function audit_entry_seal() returns trigger language plpgsql security definer
      set search_path = public, pg_temp as $$
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
    this.addSql(`select audit_entry_seal_pending(true);`);
    this.addSql(`drop function audit_entry_seal_pending(boolean);`);
    this.addSql(`drop index "audit_entry_unsealed_index";`);
  }
}
