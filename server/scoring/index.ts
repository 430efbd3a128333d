import type { ServerModule } from '../access/module.ts';
import { Score, ScoreSheet } from './scoring.entity.ts';
import { scoringPermissions } from './scoring.permissions.ts';
import { ScoreSheetSummaryResolver, ScoringResolver } from './scoring.resolver.ts';

export const scoringModule: ServerModule = {
  name: 'scoring',
  entities: [ScoreSheet, Score],
  resolvers: [ScoringResolver, ScoreSheetSummaryResolver],
  permissions: scoringPermissions,
};
