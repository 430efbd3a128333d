import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type ClassType, type NonEmptyArray } from 'type-graphql';
import { serverModules } from './modules.ts';

/** The GraphQL schema of every module's resolvers. */
export async function buildAppSchema(): Promise<GraphQLSchema> {
  const [first, ...rest] = serverModules.flatMap((module) => module.resolvers);
  if (!first) throw new Error('no resolvers: server/modules.ts lists no module with any');
  const resolvers: NonEmptyArray<ClassType> = [first, ...rest];
  return buildSchema({
    resolvers,
    validate: { forbidUnknownValues: false },
  });
}

/** The SDL committed as schema.graphql; a test fails when the code and the file differ. */
export const printAppSchema = (schema: GraphQLSchema) => `${printSchema(lexicographicSortSchema(schema))}\n`;
