import type { PermissionRules } from '../access/index.ts';
import { Role } from '../access/index.ts';

/**
 * Everyone reads their own account; ADMIN manages every account, except that an administrator cannot
 * deactivate their own account or take away their own ADMIN role (`revokeAdmin`), so the one acting can
 * never lock the installation out of its account management.
 */
export const authPermissions: PermissionRules = (user, { can, cannot }) => {
  can('read', 'User', { id: user.id });
  if (user.roles.includes(Role.ADMIN)) {
    can('manage', 'User');
    cannot('deactivate', 'User', { id: user.id });
    cannot('revokeAdmin', 'User', { id: user.id });
  }
};
