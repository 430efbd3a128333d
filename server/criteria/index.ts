import type { ServerModule } from '../access/index.ts';
import { CriteriaSet, Criterion } from './criteria.entity.ts';
import { criteriaPermissions } from './criteria.permissions.ts';
import { CriteriaResolver } from './criteria.resolver.ts';

export const criteriaModule: ServerModule = {
  name: 'criteria',
  entities: [CriteriaSet, Criterion],
  resolvers: [CriteriaResolver],
  permissions: criteriaPermissions,
};

// The public surface: what other modules may use.
export { CriteriaSet, CriteriaSetStatus, Criterion, CriterionKind } from './criteria.entity.ts';
export type { ScoringBand } from './criteria.entity.ts';
export { criteriaSetLoader, criteriaTreeLoader, forgetImmutableTrees, loadCriteriaTrees, querySets } from './criteria.read.ts';
export type { CriteriaTree } from './criteria.read.ts';
export { createCriteriaSet, lockCriteriaSet, removeCriterion, updateCriterion } from './criteria.service.ts';
export { CriteriaSetView, CriterionView } from './criteria.types.ts';
export { criterionChange } from './diff.logic.ts';
export { CriterionChangeView } from './diff.types.ts';
