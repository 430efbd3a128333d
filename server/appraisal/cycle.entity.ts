import { Entity, Enum, Index, ManyToOne, OneToOne, OptionalProps, Property, type Rel } from '@mikro-orm/core';
import { User } from '../auth/index.ts';
import { Period } from '../periods/index.ts';
import { ScoreSheet } from '../scoring/index.ts';
import { Unit } from '../units/index.ts';
import { CreatedEntity, IdEntity } from '../shared/entity.ts';
import { describedEnum, type EnumValue } from '../shared/enum.ts';

/**
 * The appraisal side of one period: the bonus and deduction caps and the milestones the
 * secretariat sets (the period's own status says which step is open).
 */
@Entity()
export class AppraisalCycle extends IdEntity {
  [OptionalProps]?: 'bonusCap' | 'deductionCap' | 'round1ReleasedAt' | 'finalizedAt';

  @OneToOne(() => Period, { owner: true, deleteRule: 'cascade' })
  period!: Rel<Period>;

  /** Most bonus points a unit can be awarded; null = the maximum of the set's bonus section. */
  @Property({ type: 'decimal', precision: 7, scale: 2, nullable: true })
  bonusCap?: string | null;

  /** Most points that can be deducted from a unit; null = the maximum of the set's deduction section. */
  @Property({ type: 'decimal', precision: 7, scale: 2, nullable: true })
  deductionCap?: string | null;

  /** Round 1 closes here; units then see round-1 scores and comments on their own sheet. */
  @Property({ type: 'datetime', nullable: true, fieldName: 'round1_released_at' })
  round1ReleasedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  finalizedAt?: Date | null;
}

export const ExplanationStatus = describedEnum({
  NOT_OPEN: 'The explanation window has not been opened yet.',
  OPEN: 'The unit answers requests and adds supplementary evidence.',
  LOCKED: 'Locked by the unit lead (or by round 2 opening); supplementary evidence is frozen.',
});
export type ExplanationStatus = EnumValue<typeof ExplanationStatus>;

/**
 * The appraisal state of one submitted score sheet. Created for every submitted sheet when
 * round 1 opens; `unit` and `releasedRound` are copied here so permissions filter in SQL.
 */
@Entity()
@Index({ properties: ['period', 'unit'] })
export class SheetReview extends CreatedEntity<'releasedRound' | 'explanationStatus' | 'explanationLockedAt' | 'explanationLockedBy'> {
  @OneToOne(() => ScoreSheet, { owner: true, deleteRule: 'cascade' })
  sheet!: Rel<ScoreSheet>;

  @ManyToOne(() => Period)
  period!: Rel<Period>;

  @ManyToOne(() => Unit)
  unit!: Rel<Unit>;

  /** What the unit may see: 0 nothing, 1 round-1 results, 2 final results. */
  @Property({ type: 'smallint', default: 0 })
  releasedRound: number = 0;

  @Enum({ items: () => ExplanationStatus })
  explanationStatus: ExplanationStatus = ExplanationStatus.NOT_OPEN;

  @Property({ type: 'datetime', nullable: true })
  explanationLockedAt?: Date | null;

  /** Null when round 2 locked it automatically. */
  @ManyToOne(() => User, { nullable: true })
  explanationLockedBy?: Rel<User> | null;
}
