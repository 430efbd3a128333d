import type { ServerModule } from '../access/index.ts';
import { SeedStep } from './seed-step.entity.ts';

/** Only the bookkeeping table of the seed; no API. */
export const seedModule: ServerModule = { name: 'seed', entities: [SeedStep], resolvers: [] };
