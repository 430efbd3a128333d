import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { serverModules } from './modules.ts';

export async function buildAppSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: serverModules.flatMap((module) => module.resolvers) as NonEmptyArray<Function>,
    validate: { forbidUnknownValues: false },
  });
}

/** The SDL committed as schema.graphql; a test fails when the code and the file differ. */
export const printAppSchema = (schema: GraphQLSchema) => `${printSchema(lexicographicSortSchema(schema))}\n`;
