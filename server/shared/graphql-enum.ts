import { registerEnumType } from 'type-graphql';
import { valueDescriptionsOf } from './enum.ts';

/**
 * Puts the enum `values` (enum.ts) in the GraphQL schema as `name`, with its `description`. Its values are described by
 * what `describedEnum` was given, or by `valueDescriptions` for an enum only some of whose values need a word.
 */
export function registerEnum<E extends Record<string, string>>(
  values: E,
  name: string,
  { description, valueDescriptions }: { description?: string; valueDescriptions?: Partial<Record<keyof E, string>> } = {},
): void {
  const described: Partial<Record<string, string>> = valueDescriptions ?? valueDescriptionsOf(values) ?? {};
  const entries = Object.entries(described).map(([value, text]) => [value, { description: text }]);
  registerEnumType(values, { name, description, valuesConfig: entries.length ? Object.fromEntries(entries) : undefined });
}
