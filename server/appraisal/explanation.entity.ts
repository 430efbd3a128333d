import { Entity, Enum, ManyToOne, OneToOne, OptionalProps, Property, Unique, type Rel } from '@mikro-orm/core';
import { User } from '../auth/index.ts';
import { Evidence } from '../evidence/index.ts';
import { Score } from '../scoring/index.ts';
import { IdEntity } from '../shared/entity.ts';
import { SheetReview } from './cycle.entity.ts';
import { describedEnum, type EnumValue } from '../shared/enum.ts';

/** An appraiser's request for an explanation (giải trình) on one sub-criterion, and the unit's answer. */
@Entity()
export class ExplanationRequest extends IdEntity {
  [OptionalProps]?: 'requestedAt' | 'answer' | 'answeredAt' | 'answeredBy' | 'version';

  /** One request per sub-criterion; asking again rewords it. */
  @OneToOne(() => Score, { owner: true, deleteRule: 'cascade' })
  score!: Rel<Score>;

  @ManyToOne(() => SheetReview, { deleteRule: 'cascade' })
  review!: Rel<SheetReview>;

  @Property({ type: 'text' })
  question!: string;

  @ManyToOne(() => User)
  requestedBy!: Rel<User>;

  @Property({ defaultRaw: 'now()' })
  requestedAt: Date = new Date();

  @Property({ type: 'text', nullable: true })
  answer?: string | null;

  @ManyToOne(() => User, { nullable: true })
  answeredBy?: Rel<User> | null;

  @Property({ type: 'datetime', nullable: true })
  answeredAt?: Date | null;

  @Property({ version: true })
  version: number = 1;
}

/**
 * A supplementary evidence document attached to an answer. Its SHA-256 is recorded when the
 * explanation is locked, so round 2 judges exactly what was locked.
 */
@Entity()
@Unique({ properties: ['request', 'evidence'] })
export class ExplanationEvidence extends IdEntity {
  [OptionalProps]?: 'frozenSha256' | 'addedAt';

  @ManyToOne(() => ExplanationRequest, { deleteRule: 'cascade' })
  request!: Rel<ExplanationRequest>;

  /** A document of the unit's sheet, uploaded for the explanation or already there. */
  @ManyToOne(() => Evidence, { deleteRule: 'cascade' })
  evidence!: Rel<Evidence>;

  @Property({ length: 64, nullable: true })
  frozenSha256?: string | null;

  @ManyToOne(() => User)
  addedBy!: Rel<User>;

  @Property({ defaultRaw: 'now()' })
  addedAt: Date = new Date();
}

export const EvidenceVerdictKind = describedEnum({
  INSUFFICIENT: 'Does not support the score claimed (chưa đủ căn cứ).',
  NOT_MATCHING: 'Does not match the sub-criterion (không phù hợp).',
  WRONG_PERIOD: 'Dated outside the assessment year (không đúng thời gian).',
});
export type EvidenceVerdictKind = EnumValue<typeof EvidenceVerdictKind>;

/** An appraiser's finding on one evidence document as support for one sub-criterion. */
@Entity()
@Unique({ properties: ['score', 'evidence'] })
export class EvidenceVerdict extends IdEntity {
  [OptionalProps]?: 'note' | 'updatedAt';

  @ManyToOne(() => Score, { deleteRule: 'cascade' })
  score!: Rel<Score>;

  @ManyToOne(() => Evidence, { deleteRule: 'cascade' })
  evidence!: Rel<Evidence>;

  @Enum({ items: () => EvidenceVerdictKind })
  verdict!: EvidenceVerdictKind;

  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @ManyToOne(() => User)
  appraiser!: Rel<User>;

  @Property({ type: 'smallint' })
  round!: number;

  @Property({ defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
