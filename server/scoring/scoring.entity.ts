import { Entity, Enum, Index, ManyToOne, OptionalProps, Property, Unique, type Rel } from '@mikro-orm/core';
import { User } from '../auth/index.ts';
import { CriteriaSet, Criterion } from '../criteria/index.ts';
import { Period } from '../periods/index.ts';
import { Unit } from '../units/index.ts';
import { CreatedEntity, IdEntity } from '../shared/entity.ts';
import { describedEnum, type EnumValue } from '../shared/enum.ts';

/** A submitted sheet is read-only for the unit unless the secretariat reopens it. */
export const ScoreSheetStatus = describedEnum({
  DRAFT: 'Being filled in by the unit.',
  SUBMITTED: 'Locked by the unit lead (chốt điểm).',
});
export type ScoreSheetStatus = EnumValue<typeof ScoreSheetStatus>;

/** One unit's self-assessment for one period (bảng tự chấm điểm), against its block's criteria set. */
@Entity()
@Unique({ properties: ['period', 'unit'] })
export class ScoreSheet extends CreatedEntity<'status' | 'submittedAt' | 'submittedBy' | 'deadlineExtendedTo' | 'extensionReason'> {
  @ManyToOne(() => Period)
  period!: Rel<Period>;

  @ManyToOne(() => Unit)
  unit!: Rel<Unit>;

  @ManyToOne(() => CriteriaSet)
  criteriaSet!: Rel<CriteriaSet>;

  @Enum({ items: () => ScoreSheetStatus })
  status: ScoreSheetStatus = ScoreSheetStatus.DRAFT;

  @Property({ type: 'datetime', nullable: true })
  submittedAt?: Date | null;

  @ManyToOne(() => User, { nullable: true })
  submittedBy?: Rel<User> | null;

  /** This unit alone may self-score until then (gia hạn), when it is later than the period's deadline. */
  @Property({ type: 'datetime', nullable: true })
  deadlineExtendedTo?: Date | null;

  /** Why the secretariat extended this unit's deadline. */
  @Property({ type: 'text', nullable: true })
  extensionReason?: string | null;
}

/** The unit's score for one sub-criterion (leaf) of its sheet. */
@Entity()
@Unique({ properties: ['sheet', 'criterion'] })
@Index({ properties: ['criterion'] })
export class Score extends IdEntity {
  [OptionalProps]?: 'applicable' | 'version' | 'updatedAt' | 'selfPoints' | 'note' | 'notApplicableReason' | 'updatedBy';

  @ManyToOne(() => ScoreSheet, { deleteRule: 'cascade' })
  sheet!: Rel<ScoreSheet>;

  @ManyToOne(() => Criterion)
  criterion!: Rel<Criterion>;

  /** Null until scored. Exact decimal (numeric 7,2). */
  @Property({ type: 'decimal', precision: 7, scale: 2, nullable: true })
  selfPoints?: string | null;

  /** The unit's note, or its explanation when a score has no evidence. */
  @Property({ type: 'text', nullable: true })
  note?: string | null;

  /** A not-applicable item leaves the applicable maximum (docs/domain.md). */
  @Property({ default: true })
  applicable: boolean = true;

  @Property({ type: 'text', nullable: true })
  notApplicableReason?: string | null;

  /** Optimistic concurrency: clients send the version they edited. */
  @Property({ version: true })
  version: number = 1;

  @Property({ defaultRaw: 'now()' })
  updatedAt: Date = new Date();

  @ManyToOne(() => User, { nullable: true })
  updatedBy?: Rel<User> | null;
}
