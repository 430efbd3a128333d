import { Entity, Enum, ManyToOne, OneToOne, OptionalProps, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { User } from '../auth/user.entity.ts';
import { Criterion } from '../criteria/criteria.entity.ts';
import { FeedbackComment } from './feedback.entity.ts';

/** How the department handled a comment (tiếp thu / tiếp thu một phần / ghi nhận / không tiếp thu – giải trình). */
export enum FeedbackResolution {
  ACCEPTED = 'ACCEPTED',
  PARTIALLY_ACCEPTED = 'PARTIALLY_ACCEPTED',
  NOTED = 'NOTED',
  NOT_ACCEPTED = 'NOT_ACCEPTED',
}

/** Partial and refused answers must say why. */
export const EXPLANATION_REQUIRED: readonly FeedbackResolution[] = [FeedbackResolution.PARTIALLY_ACCEPTED, FeedbackResolution.NOT_ACCEPTED];

export enum FeedbackResponseStatus {
  /** Seen by the secretariat only (and by appraisers and analysts after the close). */
  DRAFT = 'DRAFT',
  /** Seen by the unit that commented; by every invited unit once the synthesis is published. */
  PUBLISHED = 'PUBLISHED',
}

/** The department's answer to one comment. */
@Entity()
export class FeedbackResponse {
  [OptionalProps]?: 'status' | 'createdAt' | 'updatedAt';

  @PrimaryKey()
  id!: number;

  @OneToOne(() => FeedbackComment, { owner: true, unique: true, deleteRule: 'cascade' })
  comment!: Rel<FeedbackComment>;

  @Enum({ items: () => FeedbackResolution })
  resolution!: FeedbackResolution;

  @Property({ type: 'text', nullable: true })
  explanation?: string | null;

  @Enum({ items: () => FeedbackResponseStatus })
  status: FeedbackResponseStatus = FeedbackResponseStatus.DRAFT;

  /** The criterion of a later version of the draft that this answer changed. */
  @ManyToOne(() => Criterion, { nullable: true, deleteRule: 'set null' })
  revisedCriterion?: Rel<Criterion> | null;

  @ManyToOne(() => User, { nullable: true })
  respondedBy?: Rel<User> | null;

  @Property({ defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ defaultRaw: 'now()' })
  updatedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  publishedAt?: Date | null;
}

/** A reusable answer for comments that say the same thing. */
@Entity()
export class ResponseTemplate {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey()
  id!: number;

  @Property({ length: 200 })
  title!: string;

  @Enum({ items: () => FeedbackResolution })
  resolution!: FeedbackResolution;

  @Property({ type: 'text', nullable: true })
  explanation?: string | null;

  @Property({ defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
