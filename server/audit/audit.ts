import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '../auth/index.ts';
import { AuditEntry } from './audit.entity.ts';

export interface AuditRecord {
  subjectType: string;
  subjectId: number;
  sheetId?: number | null;
  action: string;
  actorId: number;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  reason?: string | null;
  round?: number | null;
}

/** Queues an audit entry on `em`; it is written with the change when the transaction flushes. */
export function recordAudit(em: EntityManager, record: AuditRecord): AuditEntry {
  const { actorId, ...rest } = record;
  return em.create(AuditEntry, { ...rest, actor: em.getReference(User, actorId) });
}
