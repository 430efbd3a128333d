import { hasRole, Role, type PermissionRules } from '../access/index.ts';

/** The secretariat and administrators may check the audit chain (verifyAudit). */
export const auditPermissions: PermissionRules = (user, { can }) => {
  if (hasRole(user, Role.SECRETARIAT, Role.ADMIN)) can('verify', 'AuditChain');
};
