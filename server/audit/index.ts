import type { ServerModule } from '../access/index.ts';
import { AuditEntry } from './audit.entity.ts';
import { auditPermissions } from './audit.permissions.ts';
import { AuditResolver } from './audit.resolver.ts';
import { sealAuditChain } from './audit.ts';

/**
 * The audit trail, written by every module through recordAudit (audit.ts) and read through their own queries;
 * append-only and hash-chained in the database (migrations audit_chain, audit_chain_sealed_after), checked by verifyAudit.
 */
export const auditModule: ServerModule = {
  name: 'audit',
  entities: [AuditEntry],
  resolvers: [AuditResolver],
  permissions: auditPermissions,
  // Rows a writer left for later (the chain was busy at its commit) wait at most this long for their seal.
  jobs: [{ name: 'seal-audit-chain', everyMs: 2_000, run: sealAuditChain }],
};

// The public surface: what other modules may use.
export { recordAudit, sealAuditChain } from './audit.ts';
export { verifyAuditChain, type ChainReport } from './chain.read.ts';
