import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import type { UnitView } from '../units/index.ts';

/**
 * What every record of a unit's monitoring year (UnitYearRecord: plan, periodic report, inspection) shows first: its id,
 * its unit, its year and its version (not emitted itself).
 */
@ObjectType('UnitYearRecordBase')
export abstract class UnitYearRecordView {
  @Field(() => Int) id!: number;
  @Field(() => Int) unitId!: number;
  @Field(() => Int) year!: number;
  @Field(() => Int, { description: 'Send it back with an edit of the record; a stale version is a CONFLICT.' }) version!: number;
  /** Not in the schema: the unit, read with the row (served by the `unit` field). */
  unitRow!: UnitView;
}

/** How the lists of records (plans, tasks, reports, inspections) are asked for: a year, and optionally one unit. */
@ArgsType()
export class UnitYearArgs {
  @Field(() => Int) year!: number;
  @Field(() => Int, { nullable: true }) unitId?: number;
}
