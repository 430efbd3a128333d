import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { UnitBlock } from './unit.entity.ts';

registerEnumType(UnitBlock, {
  name: 'UnitBlock',
  description: 'Units are ranked within their block.',
  valuesConfig: {
    DEPARTMENT: { description: 'Sở, cơ quan tương đương Sở (city departments)' },
    DISTRICT: { description: 'UBND quận, huyện, thị xã (district-level People’s Committees)' },
    COMMUNE: { description: 'UBND xã, phường (communes and wards)' },
  },
});

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
