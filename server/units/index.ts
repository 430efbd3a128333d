import type { ServerModule } from '../access/module.ts';
import { Unit } from './unit.entity.ts';
import { UnitsResolver } from './units.resolver.ts';

export const unitsModule: ServerModule = {
  name: 'units',
  entities: [Unit],
  resolvers: [UnitsResolver],
  // Which units exist is public to every signed-in user; a unit's own data is guarded by its module.
  permissions: (_user, { can }) => can('read', 'Unit'),
};
