import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../access/index.ts';
import { AuditEntry } from './audit.entity.ts';

export interface AuditRecord {
  subjectType: string;
  subjectId: number;
  sheetId?: number | null;
  action: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  reason?: string | null;
  round?: number | null;
}

/**
 * Queues an audit entry of the actor's act on `em`; it is written with the change when the transaction flushes.
 * `actor` null: an act no signed-in user made (a failed sign-in, the operator's command).
 */
export function recordAudit(em: EntityManager, actor: Pick<Actor, 'id'> | null, record: AuditRecord): AuditEntry {
  return em.create(AuditEntry, { ...record, actor: actor ? actor.id : null });
}

/**
 * Seals every committed row not sealed yet (waiting for a writer sealing meanwhile); returns how many. Writers seal at
 * commit only when the chain is free, so rows may wait for this, the audit job or the next writer.
 */
export async function sealAuditChain(em: EntityManager): Promise<number> {
  const [row] = await em.getConnection().execute<{ sealed: number }[]>('select audit_entry_seal_pending(true) as sealed');
  return row!.sealed;
}
