import type { EntityManager } from '@mikro-orm/postgresql';
import { sealAuditChain } from './audit.ts';

/** Why a link of the audit chain is broken (see verifyAuditChain). */
export type ChainProblem = 'UNSEALED' | 'SEQUENCE_GAP' | 'PREVIOUS_HASH_MISMATCH' | 'CONTENT_HASH_MISMATCH';

export interface ChainReport {
  /** Rows checked: every sealed row of audit_entry (after sealing what was committed, unless told not to seal). */
  entries: number;
  /** The last sealed row's hash: note it down to notice later that the chain was rewritten as a whole. */
  headHash: string | null;
  firstBroken: { id: number; seq: string | null; problem: ChainProblem } | null;
}

/**
 * Walks the audit chain in its order and reports the first broken link: a row with half a seal, a missing or
 * repeated place (a row deleted or inserted past the triggers), a `prev_hash` that is not the previous row's hash
 * (reordered or removed rows), or a `hash` that is not the digest of the row's content (an edited row). Seals what
 * was committed first (`seal: false` checks the chain as stored, as a restore compares it with its archive); a row
 * committed after that is not in the chain yet and not checked. One statement for the check: PostgreSQL recomputes
 * every digest with the same function sealing used.
 */
export async function verifyAuditChain(em: EntityManager, { seal = true } = {}): Promise<ChainReport> {
  if (seal) await sealAuditChain(em);
  const [row] = await em
    .getConnection()
    .execute<{ entries: string; head_hash: string | null; id: number | null; seq: string | null; problem: ChainProblem | null }[]>(
      `with chain as (
       select e.id, e.seq, e.prev_hash, e.hash,
              lag(e.seq) over w as previous_seq, lag(e.hash) over w as previous_hash,
              row_number() over w as position, audit_entry_digest(e.prev_hash, e) as digest
         from audit_entry e
        where not (e.seq is null and e.prev_hash is null and e.hash is null)
       window w as (order by e.seq nulls first, e.id)
     ), problems as (
       select id, seq, position,
              case when seq is null or hash is null then 'UNSEALED'
                   when seq <> coalesce(previous_seq, 0) + 1 then 'SEQUENCE_GAP'
                   when prev_hash is distinct from previous_hash then 'PREVIOUS_HASH_MISMATCH'
                   when hash <> digest then 'CONTENT_HASH_MISMATCH'
              end as problem
         from chain
     )
     select (select count(*) from chain) as entries,
            (select hash from audit_entry where seq is not null order by seq desc limit 1) as head_hash,
            p.id, p.seq, p.problem
       from (select 1) one
       left join lateral (select * from problems where problem is not null order by position limit 1) p on true`,
    );
  return {
    entries: Number(row!.entries),
    headHash: row!.head_hash,
    firstBroken: row!.problem ? { id: row!.id!, seq: row!.seq, problem: row!.problem } : null,
  };
}
