import type { ServerModule } from '../access/index.ts';
import { AuditEntry } from './audit.entity.ts';
import { auditPermissions } from './audit.permissions.ts';
import { AuditResolver } from './audit.resolver.ts';

/**
 * The audit trail, written by every module through recordAudit (audit.ts) and read through their own queries;
 * append-only and hash-chained in the database (migration audit_chain), checked by verifyAudit.
 */
export const auditModule: ServerModule = {
  name: 'audit',
  entities: [AuditEntry],
  resolvers: [AuditResolver],
  permissions: auditPermissions,
};

// The public surface: what other modules may use.
export { recordAudit } from './audit.ts';
export { verifyAuditChain, type ChainReport } from './chain.read.ts';
