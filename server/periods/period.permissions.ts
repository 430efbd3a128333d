import { hasRole, type PermissionRules } from '../auth/ability.ts';
import { Role } from '../auth/role.ts';
import { PeriodStatus } from './period.entity.ts';

export const periodPermissions: PermissionRules = (user, { can }) => {
  can('read', 'Period', { status: { $ne: PeriodStatus.PLANNED } });
  if (hasRole(user, Role.SECRETARIAT)) can(['read', 'create', 'update', 'open'], 'Period');
};
