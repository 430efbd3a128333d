import { analystModule } from './analyst/index.ts';
import { appraisalModule } from './appraisal/index.ts';
import { auditModule } from './audit/index.ts';
import { authModule } from './auth/index.ts';
import { consultationModule } from './consultation/index.ts';
import { criteriaModule } from './criteria/index.ts';
import { evidenceModule } from './evidence/index.ts';
import { monitoringModule } from './monitoring/index.ts';
import { notificationsModule } from './notifications/index.ts';
import { periodsModule } from './periods/index.ts';
import { resultsModule } from './results/index.ts';
import { rolloverModule } from './rollover/index.ts';
import { scoringModule } from './scoring/index.ts';
import { seedModule } from './seed/index.ts';
import type { ServerModule } from './access/index.ts';
import { unitsModule } from './units/index.ts';

/** Every domain module; the ORM, the schema and the permissions are assembled from this list. */
export const serverModules: ServerModule[] = [
  unitsModule,
  auditModule,
  authModule,
  criteriaModule,
  periodsModule,
  scoringModule,
  evidenceModule,
  appraisalModule,
  notificationsModule,
  consultationModule,
  resultsModule,
  monitoringModule,
  rolloverModule,
  analystModule,
  seedModule,
];
