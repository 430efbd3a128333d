import { Entity, Enum, OptionalProps, Property } from '@mikro-orm/core';
import { IdEntity } from '../shared/entity.ts';
import { describedEnum, type EnumValue } from '../shared/enum.ts';

/** Blocks are ranked separately; communes join from 2025. */
export const UnitBlock = describedEnum({
  DEPARTMENT: 'Sở, cơ quan tương đương Sở (city departments)',
  DISTRICT: 'UBND quận, huyện, thị xã (district-level People’s Committees)',
  COMMUNE: 'UBND xã, phường (communes and wards)',
});
export type UnitBlock = EnumValue<typeof UnitBlock>;

/** An assessed agency: a city department or a district-level People's Committee. */
@Entity()
export class Unit extends IdEntity {
  [OptionalProps]?: 'active';

  @Property({ length: 32, unique: true })
  code!: string;

  @Property({ length: 300 })
  name!: string;

  @Enum({ items: () => UnitBlock, nativeEnumName: 'unit_block' })
  block!: UnitBlock;

  @Property({ default: true })
  active: boolean = true;
}
