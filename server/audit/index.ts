import type { ServerModule } from '../access/module.ts';
import { AuditEntry } from './audit.entity.ts';

/** The audit trail is written by other modules (see audit.ts); they expose it through their own queries. */
export const auditModule: ServerModule = { name: 'audit', entities: [AuditEntry], resolvers: [] };
