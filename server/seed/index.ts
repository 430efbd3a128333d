import type { MikroORM } from '@mikro-orm/postgresql';
import { runSeedSteps, type SeedOptions, type SeedStepDefinition } from './seed.ts';
import { demoAppraisalAssignmentsStep } from './steps/appraisal.ts';
import { demoConsultation2024Step } from './steps/consultation.ts';
import { hanoiCriteria2023Step } from './steps/criteria.ts';
import { hanoiMonitoringReports2023Step } from './steps/monitoring-reports.ts';
import { hanoiSuggestionRules2023Step } from './steps/monitoring-rules.ts';
import { hanoiMonitoring2023Step } from './steps/monitoring.ts';
import { hanoiPeriod2023Step } from './steps/period.ts';
import { hanoiResultsStep } from './steps/results.ts';
import { demoSontayScoringStep } from './steps/scoring.ts';
import { hanoiUnitsStep } from './steps/units.ts';
import { demoUsersStep } from './steps/users.ts';

/** In order; later features append their steps. */
export const seedSteps: SeedStepDefinition[] = [
  hanoiUnitsStep,
  hanoiCriteria2023Step,
  hanoiPeriod2023Step,
  demoUsersStep,
  demoSontayScoringStep,
  demoConsultation2024Step,
  demoAppraisalAssignmentsStep,
  hanoiResultsStep,
  hanoiMonitoring2023Step,
  hanoiMonitoringReports2023Step,
  hanoiSuggestionRules2023Step,
];

export const seedDatabase = (orm: MikroORM, options: SeedOptions) => runSeedSteps(orm, seedSteps, options);

// The public surface: the seed's bookkeeping entity (for the module list) and the demo accounts.
export { seedModule } from './module.ts';
export { DEMO_PASSWORD, demoAccounts } from './steps/users.ts';
