import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, visit, type ASTNode, type OperationDefinitionNode } from 'graphql';
import { assertCleanCharacters } from './shared/text.ts';

/** Every string inside a variable's value, with the path that names it (`input.body`, `ids.2`). */
function* stringsOf(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [value, path];
  else if (Array.isArray(value)) for (const [index, item] of value.entries()) yield* stringsOf(item, `${path}.${index}`);
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) yield* stringsOf(item, `${path}.${key}`);
}

/** Apollo keeps one parsed document per query text: its literals are found once. */
const literalsByOperation = new WeakMap<OperationDefinitionNode, [string, string][]>();

/** Every string literal written in the operation, named by the argument or input field that holds it. */
function literalsOf(operation: OperationDefinitionNode): [string, string][] {
  let found = literalsByOperation.get(operation);
  if (!found) literalsByOperation.set(operation, (found = findLiterals(operation)));
  return found;
}

function findLiterals(operation: OperationDefinitionNode): [string, string][] {
  const found: [string, string][] = [];
  const names: string[] = [];
  const named = (node: ASTNode) => node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD;
  visit(operation, {
    enter(node) {
      if (named(node)) names.push((node as { name: { value: string } }).name.value);
      if (node.kind === Kind.STRING) found.push([node.value, names.join('.') || 'query']);
    },
    leave(node) {
      if (named(node)) names.pop();
    },
  });
  return found;
}

/** Refused before execution, the request itself is bad: 400 (Apollo would answer 500). */
const BEFORE_EXECUTION = { http: { status: 400 } };

/**
 * The one check of every text a GraphQL operation carries, in variables or written inline, before
 * any resolver runs: NUL, other control characters, lone surrogates and bidi overrides answer
 * BAD_USER_INPUT naming the field (see `uncleanCharacter`), so no service ever sees them.
 */
export const cleanInputText: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, operation }) {
        for (const [name, value] of Object.entries(request.variables ?? {})) {
          for (const [text, field] of stringsOf(value, name)) assertCleanCharacters(text, field, BEFORE_EXECUTION);
        }
        if (operation) for (const [text, field] of literalsOf(operation)) assertCleanCharacters(text, field, BEFORE_EXECUTION);
      },
    };
  },
};
