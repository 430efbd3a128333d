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
