import { Field, Int, ObjectType } from 'type-graphql';
import type { UnitView } from '../units/index.ts';

/**
 * What every record of a unit's monitoring year (UnitYearRecord: plan, periodic report, inspection) shows first: its id,
 * its unit and its year (not emitted itself).
 */
@ObjectType('UnitYearRecordBase')
export abstract class UnitYearRecordView {
  @Field(() => Int) id!: number;
  @Field(() => Int) unitId!: number;
  @Field(() => Int) year!: number;
  /** Not in the schema: the unit, read with the row (served by the `unit` field). */
  unitRow!: UnitView;
}
