/** The unit row aliased `alias` as JSON shaped like `UnitView`, for read paths that return a record with its unit in one statement. */
export const unitJson = (alias: string): string =>
  `json_build_object('id', ${alias}.id, 'code', ${alias}.code, 'name', ${alias}.name, 'block', ${alias}.block, 'active', ${alias}.active)`;
