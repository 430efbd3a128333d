import type { ServerModule } from '../access/index.ts';
import { Period } from './period.entity.ts';
import { periodPermissions } from './period.permissions.ts';
import { PeriodResolver } from './period.resolver.ts';

export const periodsModule: ServerModule = {
  name: 'periods',
  entities: [Period],
  resolvers: [PeriodResolver],
  permissions: periodPermissions,
};

// The public surface: what other modules may use.
export { Period, PeriodStatus } from './period.entity.ts';
export { readablePeriod } from './period.read.ts';
export { periodNotFound } from './period.errors.ts';
export { assertDeadlines, createPeriod, lockPeriod } from './period.service.ts';
export { PeriodView } from './period.types.ts';
