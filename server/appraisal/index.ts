import type { ServerModule } from '../access/module.ts';
import { Appraisal } from './appraisal.entity.ts';
import { appraisalPermissions } from './appraisal.permissions.ts';
import { AppraisalResolver } from './appraisal.resolver.ts';
import { AppraisalAssignment } from './assignment.entity.ts';
import { AppraisalCycle, SheetReview } from './cycle.entity.ts';
import { CycleResolver } from './cycle.resolver.ts';
import { appraisalRoutes } from './evidence.http.ts';
import { EvidenceVerdict, ExplanationEvidence, ExplanationRequest } from './explanation.entity.ts';

export const appraisalModule: ServerModule = {
  name: 'appraisal',
  entities: [Appraisal, AppraisalAssignment, AppraisalCycle, SheetReview, ExplanationRequest, ExplanationEvidence, EvidenceVerdict],
  resolvers: [CycleResolver, AppraisalResolver],
  permissions: appraisalPermissions,
  routes: appraisalRoutes,
};
