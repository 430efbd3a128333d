import { hasRole, type PermissionRules } from '../access/index.ts';
import { Role } from '../access/index.ts';
import { PeriodStatus } from './period.entity.ts';

export const periodPermissions: PermissionRules = (user, { can }) => {
  can('read', 'Period', { status: { $ne: PeriodStatus.PLANNED } });
  if (hasRole(user, Role.SECRETARIAT)) can(['read', 'create', 'update', 'open'], 'Period');
};
