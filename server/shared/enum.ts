/**
 * String enums, each value written once. An enum is a frozen object whose values are its keys, with a type of the same
 * name for its values:
 *
 *     export const TaskChangeKind = stringEnum('DEADLINE', 'CANCEL');
 *     export type TaskChangeKind = EnumValue<typeof TaskChangeKind>;
 *
 * or, when its values carry a meaning worth saying (the API describes each value with it):
 *
 *     export const PlanKind = describedEnum({ PAR: 'Kế hoạch CCHC năm (carries the tasks)', … });
 *
 * Entities store them as `@Enum(() => PlanKind)`, code reads `PlanKind.PAR`, and the module's `*.types.ts` puts them in
 * the API with `registerEnum(PlanKind, 'PlanKind')` (graphql-enum.ts). No GraphQL here: the evidence reader's worker
 * uses its enums without loading the schema.
 */
export type StringEnum<V extends string> = { readonly [K in V]: K };

/** The union of an enum's values: `export type PlanKind = EnumValue<typeof PlanKind>`. */
export type EnumValue<E> = E[keyof E];

const descriptions = new WeakMap<object, Readonly<Record<string, string>>>();

/** The enum whose values are `values`. */
export function stringEnum<const V extends string>(...values: V[]): StringEnum<V> {
  return Object.freeze(Object.fromEntries(values.map((value) => [value, value]))) as StringEnum<V>;
}

/** The enum whose values are the keys of `meanings`, each described by its text. */
export function describedEnum<const V extends string>(meanings: Record<V, string>): StringEnum<V> {
  const values = stringEnum(...(Object.keys(meanings) as V[]));
  descriptions.set(values, Object.freeze({ ...meanings }));
  return values;
}

/** What `describedEnum` was given for `values` (nothing for a `stringEnum`). */
export const valueDescriptionsOf = (values: object): Readonly<Record<string, string>> | undefined => descriptions.get(values);
