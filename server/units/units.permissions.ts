import type { PermissionRules } from '../access/index.ts';

/** Which units exist is public to every signed-in user; a unit's own data is guarded by its module. */
export const unitsPermissions: PermissionRules = (_user, { can }) => {
  can('read', 'Unit');
};
