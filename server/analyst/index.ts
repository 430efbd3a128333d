import type { ServerModule } from '../access/index.ts';
import { AnalystResolver } from './analyst.resolver.ts';
import { graphiqlRoutes } from './graphiql.routes.ts';

/** The analysts' GraphQL (score records and aggregates; results live in the results module) and the GraphiQL console. */
export const analystModule: ServerModule = {
  name: 'analyst',
  entities: [],
  resolvers: [AnalystResolver],
  routes: graphiqlRoutes,
};
