import { ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { Unit } from '../units/index.ts';
import { IdEntity } from '../shared/entity.ts';

/**
 * A unit's record of one monitoring year (plan, task, periodic report, inspection). `unit` and `year` are what the
 * permission rules read (see monitoringColumns), so each record carries them on its own row, even where they repeat
 * its plan's or its period's. Every record is versioned, as records its unit's staff edit together. A mapped superclass: each record keeps its own table.
 */
export abstract class UnitYearRecord extends IdEntity {
  @ManyToOne(() => Unit)
  unit!: Rel<Unit>;

  @Property()
  year!: number;

  /** Several staff edit one record: each edit sends the version it was made on (see shared/version.ts). */
  @Property({ version: true })
  version: number = 1;
}
