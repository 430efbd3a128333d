import { hasRole, type PermissionRules } from '../access/index.ts';
import { Role } from '../access/index.ts';
import { CriteriaSetStatus } from './criteria.entity.ts';

export const criteriaPermissions: PermissionRules = (user, { can }) => {
  // Published guidance is public to every signed-in user; drafts belong to the secretariat
  // (the consultation module opens drafts under consultation to the invited units).
  can('read', 'CriteriaSet', { status: { $in: [CriteriaSetStatus.PUBLISHED, CriteriaSetStatus.ARCHIVED] } });
  if (hasRole(user, Role.SECRETARIAT)) {
    can(['read', 'create', 'update', 'publish'], 'CriteriaSet');
    can(['create', 'update', 'delete'], 'Criterion');
  }
};
