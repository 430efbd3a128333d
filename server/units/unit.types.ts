import { ArrayMaxSize, IsOptional } from 'class-validator';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { UnitBlock } from './unit.entity.ts';
import { registerEnum } from '../shared/graphql-enum.ts';

registerEnum(UnitBlock, 'UnitBlock', { description: 'Units are ranked within their block.' });

@ObjectType('Unit', { simpleResolvers: true, description: 'An assessed agency (đơn vị).' })
export class UnitView {
  @Field(() => Int) id!: number;
  @Field() code!: string;
  @Field({ description: 'Vietnamese name, e.g. "UBND thị xã Sơn Tây".' }) name!: string;
  @Field(() => UnitBlock) block!: UnitBlock;
  @Field() active!: boolean;
}

@InputType()
export class UnitFilter {
  @Field(() => UnitBlock, { nullable: true }) block?: UnitBlock;
  @Field({ nullable: true, description: 'Only active (or only inactive) units.' }) active?: boolean;
}

/**
 * What the filters of per-unit lists (results, calibration, analysts' records) start with: one block and at most 5,000
 * unit ids, both optional (not emitted itself).
 */
@InputType('UnitSelectionFilterBase')
export abstract class UnitSelectionFilter {
  @Field(() => UnitBlock, { nullable: true }) block?: UnitBlock | null;
  @Field(() => [Int], { nullable: true }) @IsOptional() @ArrayMaxSize(5000) unitIds?: number[] | null;
}
