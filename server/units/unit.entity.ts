import { Entity, Enum, OptionalProps, Property } from '@mikro-orm/core';
import { IdEntity } from '../shared/entity.ts';

/** Blocks are ranked separately; communes join from 2025. */
export enum UnitBlock {
  DEPARTMENT = 'DEPARTMENT',
  DISTRICT = 'DISTRICT',
  COMMUNE = 'COMMUNE',
}

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
