import type { PermissionRules } from '../access/index.ts';
import { Role } from '../access/index.ts';

export const authPermissions: PermissionRules = (user, { can }) => {
  can('read', 'User', { id: user.id });
  if (user.roles.includes(Role.ADMIN)) can('manage', 'User');
};
