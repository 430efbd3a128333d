import { Collection, Entity, Enum, ManyToMany, Property } from '@mikro-orm/core';
import { CriteriaSet } from '../criteria/index.ts';
import { CreatedEntity } from '../shared/entity.ts';
import { describedEnum, type EnumValue } from '../shared/enum.ts';

/** The yearly cycle (docs/domain.md); each step is opened by the secretariat. */
export const PeriodStatus = describedEnum({
  PLANNED: 'Prepared by the secretariat; not yet visible to units.',
  SELF_ASSESSMENT: 'Units self-score and attach evidence (tự chấm điểm).',
  APPRAISAL_ROUND_1: 'Appraisal round 1 (thẩm định lần 1).',
  EXPLANATION: 'Units explain and add evidence (giải trình).',
  APPRAISAL_ROUND_2: 'Appraisal round 2 (thẩm định lần 2).',
  FINALIZED: 'Final scores fixed.',
});
export type PeriodStatus = EnumValue<typeof PeriodStatus>;

/** An assessment year (kỳ đánh giá) for one or more blocks, each with its criteria set. */
@Entity()
export class Period extends CreatedEntity<'status' | 'version'> {
  @Property()
  year!: number;

  @Property({ length: 300 })
  name!: string;

  @Enum({ items: () => PeriodStatus })
  status: PeriodStatus = PeriodStatus.PLANNED;

  /** After this instant units can no longer change their self-assessment. */
  @Property()
  selfScoringClosesAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  explanationClosesAt?: Date | null;

  /** One set per block. */
  @ManyToMany(() => CriteriaSet)
  criteriaSets = new Collection<CriteriaSet>(this);

  /** The secretariat's staff set the period together: each edit sends the version it was made on (see shared/version.ts). */
  @Property({ version: true })
  version: number = 1;
}
