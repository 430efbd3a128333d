import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { User } from '../auth/user.entity.ts';
import { Period } from '../periods/period.entity.ts';
import { Unit } from '../units/unit.entity.ts';

/**
 * Who appraises what in a period: an area (by its code, e.g. '2', so it spans every block's
 * set) for every unit, every area of one unit, or one area of one unit.
 */
@Entity()
@Index({ properties: ['period', 'appraiser'] })
export class AppraisalAssignment {
  [OptionalProps]?: 'areaCode' | 'unit' | 'createdAt';

  @PrimaryKey()
  id!: number;

  @ManyToOne(() => Period, { deleteRule: 'cascade' })
  period!: Rel<Period>;

  @ManyToOne(() => User)
  appraiser!: Rel<User>;

  /** Code of a top-level criterion (area); null = every area. */
  @Property({ length: 32, nullable: true })
  areaCode?: string | null;

  /** Null = every unit. */
  @ManyToOne(() => Unit, { nullable: true })
  unit?: Rel<Unit> | null;

  @ManyToOne(() => User)
  createdBy!: Rel<User>;

  @Property({ defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
