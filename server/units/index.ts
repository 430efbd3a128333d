import type { ServerModule } from '../access/index.ts';
import { Unit } from './unit.entity.ts';
import { unitsPermissions } from './units.permissions.ts';
import { UnitsResolver } from './units.resolver.ts';

export const unitsModule: ServerModule = {
  name: 'units',
  entities: [Unit],
  resolvers: [UnitsResolver],
  permissions: unitsPermissions,
};

// The public surface: what other modules may use.
export { Unit, UnitBlock } from './unit.entity.ts';
export { UNIT, unitNotFound } from './unit.errors.ts';
export { unitLoader } from './unit.read.ts';
export { unitJson } from './unit.sql.ts';
export { UnitSelectionFilter, UnitView } from './unit.types.ts';
