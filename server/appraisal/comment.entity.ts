import { Entity, Index, ManyToOne, OptionalProps, Property, Unique, type Rel } from '@mikro-orm/core';
import { User } from '../auth/index.ts';
import { Evidence } from '../evidence/index.ts';
import { Score } from '../scoring/index.ts';
import { CreatedEntity, IdEntity } from '../shared/entity.ts';
import { SheetReview } from './cycle.entity.ts';

/**
 * A comment between the unit and the appraisers on one sub-criterion's score, or on one
 * evidence document as support for it. Replies point at their parent; the root carries the
 * thread's resolved state.
 */
@Entity()
@Index({ properties: ['score', 'createdAt'] })
@Index({ properties: ['review'] })
export class Comment extends CreatedEntity<'evidence' | 'parent' | 'editedAt' | 'resolvedAt' | 'resolvedBy' | 'version'> {
  @ManyToOne(() => Score, { deleteRule: 'cascade' })
  score!: Rel<Score>;

  /** The sheet under review, so permissions filter in SQL. */
  @ManyToOne(() => SheetReview, { deleteRule: 'cascade' })
  review!: Rel<SheetReview>;

  /** Set when the comment is about one evidence document. */
  @ManyToOne(() => Evidence, { nullable: true, deleteRule: 'cascade' })
  evidence?: Rel<Evidence> | null;

  @ManyToOne(() => Comment, { nullable: true, deleteRule: 'cascade' })
  parent?: Rel<Comment> | null;

  @ManyToOne(() => User)
  author!: Rel<User>;

  @Property({ type: 'text' })
  body!: string;

  @Property({ type: 'datetime', nullable: true })
  editedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  resolvedAt?: Date | null;

  @ManyToOne(() => User, { nullable: true })
  resolvedBy?: Rel<User> | null;

  @Property({ version: true })
  version: number = 1;
}

/** The text a comment had before an edit: the edit history. */
@Entity()
@Index({ properties: ['comment'] })
export class CommentRevision extends IdEntity {
  [OptionalProps]?: 'replacedAt';

  @ManyToOne(() => Comment, { deleteRule: 'cascade' })
  comment!: Rel<Comment>;

  @Property({ type: 'text' })
  body!: string;

  /** When this text was written (the comment's creation or previous edit). */
  @Property()
  writtenAt!: Date;

  @Property({ defaultRaw: 'now()' })
  replacedAt: Date = new Date();
}

/** When a user last read the comments of a sub-criterion; later comments by others are new. */
@Entity()
@Unique({ properties: ['user', 'score'] })
export class CommentRead extends IdEntity {
  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: Rel<User>;

  @ManyToOne(() => Score, { deleteRule: 'cascade' })
  score!: Rel<Score>;

  @Property()
  readAt!: Date;
}
