import type { UnitBlock, UnitView } from '../units/index.ts';

/** The unit columns every analyst record query selects, its unit joined as `u` (its `unit_id` comes from the record's own table). */
export const UNIT_COLUMNS = 'u.code as unit_code, u.name as unit_name, u.block, u.active as unit_active';

/** Those columns (and `unit_id`) of a record row as the GraphQL `Unit` the record carries. */
export const unitOf = (row: Record<string, unknown>): UnitView => ({
  id: Number(row.unit_id),
  code: String(row.unit_code),
  name: String(row.unit_name),
  block: row.block as UnitBlock,
  active: Boolean(row.unit_active),
});
