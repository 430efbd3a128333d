import type { ServerModule } from '../access/module.ts';
import { Period } from './period.entity.ts';
import { periodPermissions } from './period.permissions.ts';
import { PeriodResolver } from './period.resolver.ts';

export const periodsModule: ServerModule = {
  name: 'periods',
  entities: [Period],
  resolvers: [PeriodResolver],
  permissions: periodPermissions,
};
