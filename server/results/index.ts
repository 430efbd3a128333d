import type { ServerModule } from '../access/module.ts';
import { PeriodPublication, ResultGroup, SurveyImport, SurveyResult } from './results.entity.ts';
import { resultsPermissions } from './results.permissions.ts';
import { resultsRoutes } from './results.routes.ts';
import { CalibrationResolver } from './calibration.resolver.ts';
import { PeriodResultsFieldsResolver, ResultsResolver } from './results.resolver.ts';

export const resultsModule: ServerModule = {
  name: 'results',
  entities: [SurveyImport, SurveyResult, PeriodPublication, ResultGroup],
  resolvers: [ResultsResolver, PeriodResultsFieldsResolver, CalibrationResolver],
  permissions: resultsPermissions,
  routes: resultsRoutes,
};
