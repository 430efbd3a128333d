import { Arg, Int, type ArgOptions } from 'type-graphql';

/**
 * A GraphQL argument holding a row's id (`Int`), named `name`: `@IdArg() id: number`, `@IdArg('periodId') periodId: number`,
 * `@IdArg('unitId', { nullable: true }) unitId: number | undefined`. Ids are serial integers, never `Float`, so every
 * id argument is declared the one way.
 */
export function IdArg(name = 'id', options?: ArgOptions) {
  return Arg(name, () => Int, options);
}
