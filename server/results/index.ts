import type { ServerModule } from '../access/index.ts';
import { CalibrationResolver } from './calibration.resolver.ts';
import {
  PeriodPublication,
  ResultAreaSnapshot,
  ResultGroup,
  ResultSnapshot,
  ResultTotal,
  SurveyImport,
  SurveyResult,
} from './results.entity.ts';
import { resultsPermissions } from './results.permissions.ts';
import { PeriodResultsFieldsResolver, ResultsResolver } from './results.resolver.ts';
import { resultsRoutes } from './results.routes.ts';

export const resultsModule: ServerModule = {
  name: 'results',
  entities: [SurveyImport, SurveyResult, PeriodPublication, ResultGroup, ResultTotal, ResultSnapshot, ResultAreaSnapshot],
  resolvers: [ResultsResolver, PeriodResultsFieldsResolver, CalibrationResolver],
  permissions: resultsPermissions,
  routes: resultsRoutes,
};

// The public surface: what other modules may use.
export { criteriaCtes } from './results.sql.ts';
export { snapshotResults } from './snapshot.ts';
export { DecimalStatsView, ResultSheetState } from './results.types.ts';
export { periodResultColumns } from './results.permissions.ts';
