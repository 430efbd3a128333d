import type { ServerModule } from '../shared/module.ts';
import { Score, ScoreSheet } from './scoring.entity.ts';

export const scoringModule: ServerModule = { name: 'scoring', entities: [ScoreSheet, Score], resolvers: [] };
