import type { ServerModule } from '../access/index.ts';
import { Score, ScoreSheet } from './scoring.entity.ts';
import { scoringPermissions } from './scoring.permissions.ts';
import { ScoreSheetSummaryResolver, ScoringResolver } from './scoring.resolver.ts';
import { sendSelfScoringReminders } from './window.reminders.ts';
import { SelfScoringWindowResolver } from './window.resolver.ts';

export const scoringModule: ServerModule = {
  name: 'scoring',
  entities: [ScoreSheet, Score],
  resolvers: [ScoringResolver, ScoreSheetSummaryResolver, SelfScoringWindowResolver],
  permissions: scoringPermissions,
  jobs: [{ name: 'self-scoring-reminders', everyMs: 3_600_000, run: sendSelfScoringReminders }],
};

// The public surface: what other modules may use.
export { validatePoints } from './points.logic.ts';
export { Score, ScoreSheet } from './scoring.entity.ts';
export type { ScoreSheetStatus } from './scoring.entity.ts';
export { readableSheet } from './scoring.read.ts';
export { addMeasuredPointsSource, type MeasuredPoints, type MeasuredPointsSource } from './measured.ts';
export { createSheet, saveSelfScore } from './scoring.service.ts';
export { SaveSelfScoreInput, ScoreSheetView, SelfScoreView, SheetArgs } from './scoring.types.ts';
export { assertSheetEditable, authorizeSheetRead, lockSheetState } from './sheet-state.ts';
export type { SheetState } from './sheet-state.ts';
export { scoreSheetColumns } from './scoring.permissions.ts';
