import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { validateOrReject } from 'class-validator';
import { ArgumentValidationError, buildSchema, type ClassType, type NonEmptyArray } from 'type-graphql';
import { serverModules } from './modules.ts';

/** The GraphQL schema of every module's resolvers. */
export async function buildAppSchema(): Promise<GraphQLSchema> {
  const [first, ...rest] = serverModules.flatMap((module) => module.resolvers);
  if (!first) throw new Error('no resolvers: server/modules.ts lists no module with any');
  const resolvers: NonEmptyArray<ClassType> = [first, ...rest];
  return buildSchema({ resolvers, validateFn: validateInput });
}

/**
 * What type-graphql's `validate` option does (class-validator on input objects, missing properties
 * skipped), without its `await import('class-validator')` on every argument: under the ESM loader
 * hooks each such import is a round trip to the loader thread, a tenth of a save's time.
 */
async function validateInput(value: unknown): Promise<void> {
  if (value === null || typeof value !== 'object') return;
  try {
    const options = { skipMissingProperties: true, forbidUnknownValues: false };
    if (Array.isArray(value)) {
      await Promise.all(value.filter((item) => item !== null && typeof item === 'object').map((item) => validateOrReject(item, options)));
    } else await validateOrReject(value, options);
  } catch (errors) {
    throw new ArgumentValidationError(errors as ConstructorParameters<typeof ArgumentValidationError>[0]);
  }
}

/** The SDL committed as schema.graphql; a test fails when the code and the file differ. */
export const printAppSchema = (schema: GraphQLSchema) => `${printSchema(lexicographicSortSchema(schema))}\n`;
