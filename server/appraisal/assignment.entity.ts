import { Entity, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { User } from '../auth/index.ts';
import { Period } from '../periods/index.ts';
import { Unit } from '../units/index.ts';
import { CreatedEntity } from '../shared/entity.ts';

/**
 * Who appraises what in a period: an area (by its code, e.g. '2', so it spans every block's
 * set) for every unit, every area of one unit, or one area of one unit.
 */
@Entity()
@Index({ properties: ['period', 'appraiser'] })
export class AppraisalAssignment extends CreatedEntity<'areaCode' | 'unit' | 'createdBy'> {
  @ManyToOne(() => Period, { deleteRule: 'cascade' })
  period!: Rel<Period>;

  /** Gone with its appraiser: an assignment means nothing without them. */
  @ManyToOne(() => User, { deleteRule: 'cascade' })
  appraiser!: Rel<User>;

  /** Code of a top-level criterion (area); null = every area. */
  @Property({ length: 32, nullable: true })
  areaCode?: string | null;

  /** Null = every unit. Deleting the unit deletes the assignment (never widens it to every unit). */
  @ManyToOne(() => Unit, { nullable: true, deleteRule: 'cascade' })
  unit?: Rel<Unit> | null;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  createdBy?: Rel<User> | null;
}
