import type { ServerModule } from '../access/module.ts';
import { CriteriaSet, Criterion } from './criteria.entity.ts';
import { criteriaPermissions } from './criteria.permissions.ts';
import { CriteriaResolver } from './criteria.resolver.ts';

export const criteriaModule: ServerModule = {
  name: 'criteria',
  entities: [CriteriaSet, Criterion],
  resolvers: [CriteriaResolver],
  permissions: criteriaPermissions,
};
