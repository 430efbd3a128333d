import type { ServerModule } from '../access/index.ts';
import { Unit } from './unit.entity.ts';
import { UnitsResolver } from './units.resolver.ts';

export const unitsModule: ServerModule = {
  name: 'units',
  entities: [Unit],
  resolvers: [UnitsResolver],
  // Which units exist is public to every signed-in user; a unit's own data is guarded by its module.
  permissions: (_user, { can }) => can('read', 'Unit'),
};

// The public surface: what other modules may use.
export { Unit, UnitBlock } from './unit.entity.ts';
export { unitLoader } from './unit.read.ts';
export { UnitView } from './unit.types.ts';
