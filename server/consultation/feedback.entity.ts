import { Entity, Enum, Index, ManyToOne, OneToOne, OptionalProps, PrimaryKey, Property, type Rel, Unique } from '@mikro-orm/core';
import { User } from '../auth/user.entity.ts';
import { Criterion } from '../criteria/criteria.entity.ts';
import { Unit } from '../units/unit.entity.ts';
import { Consultation } from './consultation.entity.ts';
import type { FeedbackResponse } from './response.entity.ts';

/** What part of a criterion a comment is about. */
export enum FeedbackAspect {
  SCORING_METHOD = 'SCORING_METHOD',
  EVIDENCE_REQUIREMENT = 'EVIDENCE_REQUIREMENT',
  MAX_POINTS = 'MAX_POINTS',
  GENERAL = 'GENERAL',
}

export enum FeedbackCommentStatus {
  ACTIVE = 'ACTIVE',
  /** Withdrawn by its unit: kept with its history, left out of the synthesis. */
  WITHDRAWN = 'WITHDRAWN',
}

/** A unit's comment (ý kiến góp ý) on one criterion of the draft, or on the whole draft (no criterion). */
@Entity()
@Index({ properties: ['consultation', 'criterion'] })
@Index({ properties: ['consultation', 'unit'] })
export class FeedbackComment {
  [OptionalProps]?: 'status' | 'version' | 'createdAt' | 'updatedAt' | 'response';

  @PrimaryKey()
  id!: number;

  @ManyToOne(() => Consultation, { deleteRule: 'cascade' })
  consultation!: Rel<Consultation>;

  @ManyToOne(() => Unit)
  unit!: Rel<Unit>;

  /** A node of the consultation's criteria set; null for a comment on the whole draft. */
  @ManyToOne(() => Criterion, { nullable: true })
  criterion?: Rel<Criterion> | null;

  @Enum({ items: () => FeedbackAspect })
  aspect!: FeedbackAspect;

  @Property({ type: 'text' })
  text!: string;

  @Property({ type: 'text', nullable: true })
  proposedWording?: string | null;

  @Enum({ items: () => FeedbackCommentStatus })
  status: FeedbackCommentStatus = FeedbackCommentStatus.ACTIVE;

  /** Null when the comment was transcribed from the unit's paper answer. */
  @ManyToOne(() => User, { nullable: true })
  author?: Rel<User> | null;

  /** Bumped on every change; each version is kept in FeedbackCommentRevision. */
  @Property({ default: 1 })
  version: number = 1;

  @Property({ defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ defaultRaw: 'now()' })
  updatedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  withdrawnAt?: Date | null;

  @OneToOne('FeedbackResponse', (response: FeedbackResponse) => response.comment, { nullable: true })
  response?: Rel<FeedbackResponse> | null;
}

/** Every version of a comment as it was saved (created, edited, withdrawn), for the history. */
@Entity()
@Unique({ properties: ['comment', 'version'] })
export class FeedbackCommentRevision {
  [OptionalProps]?: 'savedAt';

  @PrimaryKey()
  id!: number;

  @ManyToOne(() => FeedbackComment, { deleteRule: 'cascade' })
  comment!: Rel<FeedbackComment>;

  @Property()
  version!: number;

  @ManyToOne(() => Criterion, { nullable: true })
  criterion?: Rel<Criterion> | null;

  @Enum({ items: () => FeedbackAspect })
  aspect!: FeedbackAspect;

  @Property({ type: 'text' })
  text!: string;

  @Property({ type: 'text', nullable: true })
  proposedWording?: string | null;

  @Enum({ items: () => FeedbackCommentStatus })
  status!: FeedbackCommentStatus;

  @ManyToOne(() => User, { nullable: true })
  savedBy?: Rel<User> | null;

  @Property({ defaultRaw: 'now()' })
  savedAt: Date = new Date();
}
