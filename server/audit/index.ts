import type { ServerModule } from '../access/index.ts';
import { AuditEntry } from './audit.entity.ts';

/** The audit trail is written by other modules (see audit.ts); they expose it through their own queries. */
export const auditModule: ServerModule = { name: 'audit', entities: [AuditEntry], resolvers: [] };

// The public surface: what other modules may use.
export { recordAudit } from './audit.ts';
