import type { ServerModule } from '../access/index.ts';
import { rolloverPermissions } from './rollover.permissions.ts';
import { RolloverResolver } from './rollover.resolver.ts';

/**
 * The yearly rollover: the secretariat starts the next year from the last one (criteria drafts with the consultation's
 * accepted changes, the period and its deadlines, appraiser assignments), previewed first, created in one transaction.
 * It owns no table: what it creates belongs to criteria, periods and appraisal, made through their front doors.
 */
export const rolloverModule: ServerModule = {
  name: 'rollover',
  entities: [],
  resolvers: [RolloverResolver],
  permissions: rolloverPermissions,
};
