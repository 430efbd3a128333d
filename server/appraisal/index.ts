import type { ServerModule } from '../shared/module.ts';
import { Appraisal } from './appraisal.entity.ts';

export const appraisalModule: ServerModule = { name: 'appraisal', entities: [Appraisal], resolvers: [] };
