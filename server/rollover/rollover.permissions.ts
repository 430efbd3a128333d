import { hasRole, Role, type PermissionRules } from '../access/index.ts';

/** Starting the next year (criteria drafts, period, assignments) is the secretariat's: `rollOver` a year's Period. */
export const rolloverPermissions: PermissionRules = (user, { can }) => {
  if (hasRole(user, Role.SECRETARIAT)) can('rollOver', 'Period');
};
