import { Collection, Entity, Enum, ManyToMany, OptionalProps, Property } from '@mikro-orm/core';
import { CriteriaSet } from '../criteria/index.ts';
import { IdEntity } from '../shared/entity.ts';

/** The yearly cycle (docs/domain.md); each step is opened by the secretariat. */
export enum PeriodStatus {
  PLANNED = 'PLANNED',
  SELF_ASSESSMENT = 'SELF_ASSESSMENT',
  APPRAISAL_ROUND_1 = 'APPRAISAL_ROUND_1',
  EXPLANATION = 'EXPLANATION',
  APPRAISAL_ROUND_2 = 'APPRAISAL_ROUND_2',
  FINALIZED = 'FINALIZED',
}

/** An assessment year (kỳ đánh giá) for one or more blocks, each with its criteria set. */
@Entity()
export class Period extends IdEntity {
  [OptionalProps]?: 'status' | 'createdAt';

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

  @Property({ defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
