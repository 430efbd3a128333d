import { Entity, Enum, Index, ManyToOne, OneToOne, OptionalProps, Property, Unique, type Rel } from '@mikro-orm/core';
import { User } from '../auth/index.ts';
import { Criterion } from '../criteria/index.ts';
import { Unit } from '../units/index.ts';
import { CreatedEntity, IdEntity } from '../shared/entity.ts';
import { Consultation } from './consultation.entity.ts';
import { describedEnum, stringEnum, type EnumValue } from '../shared/enum.ts';

/** What part of a criterion a comment is about. */
export const FeedbackAspect = describedEnum({
  SCORING_METHOD: 'Cách thức chấm điểm',
  EVIDENCE_REQUIREMENT: 'Tài liệu kiểm chứng',
  MAX_POINTS: 'Điểm tối đa',
  GENERAL: 'Ý kiến chung (also the only aspect of a comment on the whole draft)',
});
export type FeedbackAspect = EnumValue<typeof FeedbackAspect>;

/** A WITHDRAWN comment was withdrawn by its unit: kept with its history, left out of the synthesis. */
export const FeedbackCommentStatus = stringEnum('ACTIVE', 'WITHDRAWN');
export type FeedbackCommentStatus = EnumValue<typeof FeedbackCommentStatus>;

/** What a comment says, as it stands (`FeedbackComment`) and as each version was saved (`FeedbackCommentRevision`). */
abstract class FeedbackContent extends IdEntity {
  /** A node of the consultation's criteria set; null for a comment on the whole draft. */
  @ManyToOne(() => Criterion, { nullable: true })
  criterion?: Rel<Criterion> | null;

  @Enum({ items: () => FeedbackAspect })
  aspect!: FeedbackAspect;

  @Property({ type: 'text' })
  text!: string;

  @Property({ type: 'text', nullable: true })
  proposedWording?: string | null;
}

/** A unit's comment (ý kiến góp ý) on one criterion of the draft, or on the whole draft (no criterion). */
@Entity()
@Index({ properties: ['consultation', 'criterion'] })
@Index({ properties: ['consultation', 'unit'] })
export class FeedbackComment extends FeedbackContent {
  [OptionalProps]?: 'status' | 'version' | 'createdAt' | 'updatedAt' | 'response';

  @ManyToOne(() => Consultation, { deleteRule: 'cascade' })
  consultation!: Rel<Consultation>;

  @ManyToOne(() => Unit)
  unit!: Rel<Unit>;

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

  @OneToOne(() => FeedbackResponse, (response) => response.comment, { nullable: true })
  response?: Rel<FeedbackResponse> | null;
}

/** Every version of a comment as it was saved (created, edited, withdrawn), for the history. */
@Entity()
@Unique({ properties: ['comment', 'version'] })
export class FeedbackCommentRevision extends FeedbackContent {
  [OptionalProps]?: 'savedAt';

  @ManyToOne(() => FeedbackComment, { deleteRule: 'cascade' })
  comment!: Rel<FeedbackComment>;

  @Property()
  version!: number;

  @Enum({ items: () => FeedbackCommentStatus })
  status!: FeedbackCommentStatus;

  @ManyToOne(() => User, { nullable: true })
  savedBy?: Rel<User> | null;

  @Property({ defaultRaw: 'now()' })
  savedAt: Date = new Date();
}

/** How the department handled a comment (tiếp thu / tiếp thu một phần / ghi nhận / không tiếp thu – giải trình). */
export const FeedbackResolution = describedEnum({
  ACCEPTED: 'Tiếp thu',
  PARTIALLY_ACCEPTED: 'Tiếp thu một phần (explanation required)',
  NOTED: 'Ghi nhận',
  NOT_ACCEPTED: 'Không tiếp thu – giải trình (explanation required)',
});
export type FeedbackResolution = EnumValue<typeof FeedbackResolution>;

/** Partial and refused answers must say why. */
export const EXPLANATION_REQUIRED: readonly FeedbackResolution[] = [FeedbackResolution.PARTIALLY_ACCEPTED, FeedbackResolution.NOT_ACCEPTED];

export const FeedbackResponseStatus = describedEnum({
  DRAFT: 'Seen by the secretariat only (and by appraisers and analysts after the close).',
  PUBLISHED: 'Seen by the unit that commented; by every invited unit once the synthesis is published.',
});
export type FeedbackResponseStatus = EnumValue<typeof FeedbackResponseStatus>;

/** The department's answer to one comment. */
@Entity()
export class FeedbackResponse extends CreatedEntity<'status' | 'updatedAt' | 'version'> {
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
  updatedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  publishedAt?: Date | null;

  /** Answers are edited by several of the secretariat's staff: each answer sends the version it was made on (0 for none yet). */
  @Property({ version: true })
  version: number = 1;
}

/** A reusable answer for comments that say the same thing. */
@Entity()
export class ResponseTemplate extends CreatedEntity<'version'> {
  @Property({ length: 200 })
  title!: string;

  @Enum({ items: () => FeedbackResolution })
  resolution!: FeedbackResolution;

  @Property({ type: 'text', nullable: true })
  explanation?: string | null;

  /** Shared by the secretariat's staff: each edit sends the version it was made on. */
  @Property({ version: true })
  version: number = 1;
}
