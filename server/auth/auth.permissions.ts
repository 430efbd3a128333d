import type { PermissionRules } from '../access/ability.ts';
import { Role } from '../access/role.ts';

export const authPermissions: PermissionRules = (user, { can }) => {
  can('read', 'User', { id: user.id });
  if (user.roles.includes(Role.ADMIN)) can('manage', 'User');
};
