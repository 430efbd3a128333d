import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../access/index.ts';
import { User } from '../auth/index.ts';
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

/** Queues an audit entry of the actor's change on `em`; it is written with the change when the transaction flushes. */
export function recordAudit(em: EntityManager, actor: Pick<Actor, 'id'>, record: AuditRecord): AuditEntry {
  return em.create(AuditEntry, { ...record, actor: em.getReference(User, actor.id) });
}
