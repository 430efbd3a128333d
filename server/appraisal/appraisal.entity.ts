import { Entity, ManyToOne, OptionalProps, Property, Unique, type Rel } from '@mikro-orm/core';
import { User } from '../auth/index.ts';
import { Score } from '../scoring/index.ts';
import { IdEntity } from '../shared/entity.ts';

/**
 * The appraised score of one sub-criterion in one round (1 or 2). The final score of a
 * sub-criterion is round 2 if present, else round 1, else the self-score.
 */
@Entity()
@Unique({ properties: ['score', 'round'] })
export class Appraisal extends IdEntity {
  [OptionalProps]?: 'comment' | 'updatedAt' | 'version';

  @ManyToOne(() => Score, { deleteRule: 'cascade' })
  score!: Rel<Score>;

  @Property()
  round!: number;

  @Property({ type: 'decimal', precision: 7, scale: 2 })
  points!: string;

  /** Required when the points differ from the self-score. */
  @Property({ type: 'text', nullable: true })
  comment?: string | null;

  @ManyToOne(() => User)
  appraiser!: Rel<User>;

  @Property({ version: true })
  version: number = 1;

  @Property({ defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
