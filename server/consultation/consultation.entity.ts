import { Entity, Index, ManyToOne, OptionalProps, Property, Unique, type Rel } from '@mikro-orm/core';
import { User } from '../auth/index.ts';
import { CriteriaSet } from '../criteria/index.ts';
import { Unit } from '../units/index.ts';
import { CreatedEntity, IdEntity } from '../shared/entity.ts';

/**
 * A consultation round on one draft criteria set (lấy ý kiến góp ý dự thảo hướng dẫn): the
 * invited units comment between `opensAt` and `closesAt`; the secretariat answers and
 * publishes the synthesis.
 */
@Entity()
@Unique({ properties: ['criteriaSet'] })
export class Consultation extends CreatedEntity<'synthesisPublishedAt' | 'version'> {
  /** The draft under consultation; its status is CONSULTATION while the round exists. */
  @ManyToOne(() => CriteriaSet)
  criteriaSet!: Rel<CriteriaSet>;

  @Property({ length: 500 })
  title!: string;

  /** The department's covering text, shown to the units and opening the synthesis report. */
  @Property({ type: 'text' })
  introduction!: string;

  @Property()
  opensAt!: Date;

  /** Feedback is accepted while opensAt ≤ now < closesAt. Closing early moves this to now. */
  @Property()
  closesAt!: Date;

  @ManyToOne(() => User, { nullable: true })
  createdBy?: Rel<User> | null;

  /** Once set, every invited unit reads all comments and responses (the synthesis is public to them). */
  @Property({ type: 'datetime', nullable: true })
  synthesisPublishedAt?: Date | null;

  /** The secretariat's staff edit a round together: each edit sends the version it was made on (see shared/version.ts). */
  @Property({ version: true })
  version: number = 1;
}

/**
 * One invited unit of a round and its official answer: the staff write comments or record that
 * the unit agrees without comment; the unit lead confirms (submits) the answer, which freezes it.
 */
@Entity()
@Unique({ properties: ['consultation', 'unit'] })
@Index({ properties: ['unit'] })
export class ConsultationParticipation extends IdEntity {
  [OptionalProps]?: 'agreesWithoutComment';

  @ManyToOne(() => Consultation, { deleteRule: 'cascade' })
  consultation!: Rel<Consultation>;

  @ManyToOne(() => Unit)
  unit!: Rel<Unit>;

  @Property({ default: false })
  agreesWithoutComment: boolean = false;

  @Property({ type: 'datetime', nullable: true })
  submittedAt?: Date | null;

  @ManyToOne(() => User, { nullable: true })
  submittedBy?: Rel<User> | null;
}
